"""The batch path's word checks (``yozuv.compiled``): cheap to scan, never narrower.

A check only sends words to the exact path, so it may fire on more words than needed, never
on fewer. These tests hold the cheaper forms of the checks to that.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yozuv.api import get_converter
from yozuv.compiled import rule_alternative, rule_trigger
from yozuv.regex_facts import with_first_character_lookahead
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


SIGN_CLASSES = {"consonant": ("б", "к", "л"), "sign": ("ъ", "ь")}
AFTER_CONSONANT = Rule(id="C22", match="ц", output="s", prev=("@consonant@sign*",))
NOT_AFTER_CONSONANT = Rule(id="N1", match="ц", output="ts", not_prev=("@consonant@sign*",))


def test_a_repeated_character_at_the_end_of_a_context_is_unrolled() -> None:
    """``@consonant@sign*`` has no fixed width; it is written as a few look-behinds, and a
    word with a longer run of signs before the ц is left to the exact path."""
    compiled = rule_alternative(AFTER_CONSONANT, SIGN_CLASSES)
    assert compiled is not None
    alternative, residue = compiled
    assert re.search(alternative, "акция") and re.search(alternative, "кальция")
    assert not re.search(alternative, "лицей")
    assert residue and all(re.search(r, "кальььция") for r in residue)
    assert not any(re.search(r, "кальция") for r in residue)


def test_a_context_with_a_repeated_group_is_not_unrolled() -> None:
    rule = Rule(id="T4", match="ц", output="s", prev=("(?:аб)*к",))
    assert rule_alternative(rule, SIGN_CLASSES) is None


@settings(derandomize=True, max_examples=300, deadline=None)
@given(word=st.text(alphabet="бклаиъьц", max_size=12), negative=st.booleans())
def test_unrolled_look_behinds_decide_as_the_context_unless_the_residue_fires(
    word: str, negative: bool
) -> None:
    rule = NOT_AFTER_CONSONANT if negative else AFTER_CONSONANT
    compiled = rule_alternative(rule, SIGN_CLASSES)
    assert compiled is not None
    alternative, residue = re.compile(compiled[0]), [re.compile(r) for r in compiled[1]]
    context = re.compile("[бкл][ъь]*\\Z")
    for at in (i for i, ch in enumerate(word) if ch == "ц"):
        if any(r.search(word, 0, at + 1) for r in residue):
            continue  # the exact path decides this word
        fits = context.search(word, 0, at) is not None
        assert (alternative.match(word, at) is not None) == (fits != negative), (word, at)


@pytest.mark.parametrize("pair", [("cyrillic", "latin"), ("latin", "cyrillic")])
def test_the_cased_check_has_a_first_character_lookahead(pair: tuple[str, str]) -> None:
    """The check is led by the look-ahead (else the regex engine tries every branch at every
    position of a batch)."""
    fast = get_converter(*pair).engines[0].fast
    assert fast.cased_lines.pattern.startswith("(?=")


PATTERNS = [
    r"[\U000f0000-\U000ffffd]|^(?:(?=[IVXLCDM]{2,}$)M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3}))",
    r"(?i:(?:c(?!h))|(?:w)|(?:th)|(?:[^\W\d_a-zʻʼ])|(?:(?-i:^[a-z][A-Z][a-z]{2})))",
    r"(?i:\b(?:chelsea|shakespeare)\b)|[İıАВЕ]",
    r"a?b|(?:xy)+z|[-\]^]q",
    r"(?<=a)b|\Bc",
]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    pattern=st.sampled_from(PATTERNS),
    text=st.text(alphabet="abcwhtpsxyzqIVXCLMİАВЕ-]^\n \U000f0001ʻŞш", max_size=40),
)
def test_the_lookahead_changes_no_match(pattern: str, text: str) -> None:
    led = with_first_character_lookahead(pattern)
    assert led != pattern
    plain = [m.span() for m in re.finditer(pattern, text, re.MULTILINE)]
    assert [m.span() for m in re.finditer(led, text, re.MULTILINE)] == plain


@pytest.mark.parametrize("pattern", ["a?", "x*|y", ".b", "(?:a|)", r"$a"])
def test_no_lookahead_where_a_match_may_start_anywhere(pattern: str) -> None:
    assert with_first_character_lookahead(pattern) == pattern
