"""The batch path's word checks (``yozuv.compiled``): cheap to scan, never narrower.

A check only sends words to the exact path, so it may fire on more words than needed, never
on fewer. These tests hold the cheaper forms of the checks to that.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from yozuv.compiled import rule_trigger
from yozuv.scheme import Rule

CLASSES = {"vowel": ("oʻ", "a", "e", "i", "o", "u")}


def test_an_unbounded_context_before_a_trigger_keeps_only_its_tail() -> None:
    """``@vowel.*@vowel.*te`` before ``l`` made the scan try every vowel of a batch with two
    ``.*`` each; the trigger keeps what follows the last unbounded repeat (``te``), so it
    fires on a superset of the rule's words, but not on every word ending in l."""
    rule = Rule(id="T1", match="l", output="ль", prev=("@vowel.*@vowel.*te",), next=("$",))
    trigger = rule_trigger(rule, CLASSES)
    assert ".*" not in trigger
    assert re.search(trigger, "dvigatel")
    assert re.search(trigger, "tel")  # a superset: the exact path decides
    assert not re.search(trigger, "sol")


def test_an_unbounded_repeat_inside_a_group_drops_the_context() -> None:
    rule = Rule(id="T2", match="l", output="ль", prev=("(?:a.*e)t",), next=("$",))
    trigger = rule_trigger(rule, CLASSES)
    assert ".*" not in trigger
    assert re.search(trigger, "tol")


def test_a_bounded_context_before_a_trigger_is_kept() -> None:
    rule = Rule(id="T1", match="l", output="ль", prev=("@vowel",), next=("$",))
    trigger = rule_trigger(rule, CLASSES)
    assert re.search(trigger, "al")
    assert not re.search(trigger, "sl")


def test_a_repeat_sign_inside_a_class_drops_the_context() -> None:
    rule = Rule(id="T3", match="l", output="ль", prev=("[*+]e",), next=("$",))
    assert re.search(rule_trigger(rule, CLASSES), "el")


@settings(derandomize=True, max_examples=200, deadline=None)
@given(word=st.text(alphabet="aeioutelsʻ", max_size=12))
def test_the_trigger_fires_wherever_the_rule_could(word: str) -> None:
    rule = Rule(id="T1", match="l", output="ль", prev=("@vowel.*@vowel.*te",), next=("$",))
    exact = "(?:(?:oʻ|a|e|i|o|u).*(?:oʻ|a|e|i|o|u).*te)l(?=$)"
    if re.search(exact, word):
        assert re.search(rule_trigger(rule, CLASSES), word)
