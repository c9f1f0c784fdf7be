"""The foreign-name scan (``tokens.ForeignPhrases.scan``): its capital comes before its
look-behind, so the regex engine skips every position without a capital at once, and it finds
exactly what the look-behind-first form finds."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from yozuv.api import get_converter

_FOREIGN = get_converter("cyrillic", "latin").engines[0].foreign_phrases
assert _FOREIGN is not None
SCAN = _FOREIGN.scan
# The form the scan had: the look-behind first, tried at every position of the text.
_behind, _rest = re.fullmatch(r"\[A-Z\]\(\?<!(.*?)\)(.*)", SCAN.pattern, re.S).groups()  # type: ignore[union-attr]
REFERENCE = re.compile(
    "(?<!" + "|".join(a.removesuffix("[A-Z]") for a in _behind.split("|")) + ")[A-Z]" + _rest
)


def test_the_capital_comes_first() -> None:
    assert SCAN.pattern.startswith("[A-Z]")
    assert REFERENCE.pattern.startswith("(?<!")


@settings(derandomize=True, max_examples=400, deadline=None)
@given(text=st.text(alphabet="AaBcCWhTpPsSʻʼ'-` \n1_é.Ёx", max_size=40))
@example(text="Open Contracting Partnership")
@example(text="xOpen o'Wind -Shakespeare 1Chelsea _Thor")
def test_the_scan_finds_what_the_look_behind_first_form_finds(text: str) -> None:
    assert [m.span() for m in SCAN.finditer(text)] == [m.span() for m in REFERENCE.finditer(text)]
