"""What a word is: one pattern, built from the mapping files' apostrophe data.

Why a module of its own: the engine's tokeniser (one scheme at a time), the script detector,
and the command line's preview (which marks whole words) must agree on where a word starts
and ends, and every letter they need to know comes from ``mappings/`` (``[alternates]``
``apostrophes``, ``turned_after``, ``turned_at_end``). :func:`word_pattern` builds the
pattern from those three values; :func:`text_word_regex` is the one regex for text whose
script is not known yet (detect, preview), built from every built-in table's values.

The module imports only ``re`` and ``functools`` at start-up (``yozuv.detect`` imports it
with the package); the built-in tables are read on first use.
"""

from __future__ import annotations

import functools
import re

from yozuv.records import Record

LETTER = r"[^\W\d_]"
# Combining marks belong to the letter before them (decomposed й is и + U+0306), so a word is
# normalised (NFC) whole and a mark never starts a word of its own.
MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"


class Apostrophes(Record):
    """The apostrophe facts of a Latin script, as ``[alternates]`` gives them.

    ``variants``: every character read as an apostrophe; ``turned_after``: the (lower-case)
    letters after which one is the turned comma (oʻ gʻ); ``turned_at_end``: those of them
    whose turned comma may also end a word (bogʻ). Capitals are derived.
    """

    variants: str = ""
    turned_after: str = ""
    turned_at_end: str = ""


def with_capitals(letters: str) -> str:
    """``letters`` and their capitals, for a character set: ``og`` -> ``oOgG``."""
    out: list[str] = []
    for ch in letters:
        out.append(ch)
        upper = ch.upper()
        if len(upper) == 1 and upper != ch:
            out.append(upper)
    return "".join(out)


def char_set(chars: str) -> str:
    """A regex character set of ``chars`` (never empty: use only with ``chars``)."""
    return "[" + re.escape(chars) + "]"


def word_pattern(apostrophes: Apostrophes) -> str:
    """Regex for one word of a script whose apostrophes are ``apostrophes``.

    Letters, with one or two apostrophe variants kept inside when a letter follows
    (``moʻʼjiza`` writes oʻ and the tutuq); at the end, an apostrophe right after a
    ``turned_at_end`` letter (bogʻ, togʻ), or after another ``turned_after`` letter when a
    hyphen and a letter follow (obroʻ-eʼtibor). An apostrophe at any other word edge is a
    quotation mark. Without apostrophes a word is a run of letters.
    """
    if not apostrophes.variants:
        return f"(?:{LETTER}{MARKS})+"
    a = char_set(apostrophes.variants)
    ends: list[str] = []
    if apostrophes.turned_at_end:
        ends.append(rf"(?<={char_set(with_capitals(apostrophes.turned_at_end))}){a}")
    inner = "".join(ch for ch in apostrophes.turned_after if ch not in apostrophes.turned_at_end)
    if inner:
        ends.append(rf"(?<={char_set(with_capitals(inner))}){a}(?=-{LETTER})")
    tail = "(?:" + "|".join(ends) + ")?" if ends else ""
    return rf"{LETTER}{MARKS}(?:{LETTER}{MARKS}|{a}{{1,2}}(?={LETTER}))*{tail}"


@functools.cache
def builtin_apostrophes() -> Apostrophes:
    """Every built-in table's apostrophe facts together (the union of each value).

    Only the ``[alternates]`` table of each file is read (see :func:`yozuv.scheme.read_alternates`),
    so a Cyrillic text's detection does not parse the Latin tables' rules.
    """
    from yozuv.names import builtin_paths
    from yozuv.scheme import derived_strings, read_alternates

    paths = builtin_paths()

    def union() -> tuple[str, ...]:
        variants: dict[str, None] = {}
        after: dict[str, None] = {}
        at_end: dict[str, None] = {}
        for path in paths:
            alternates = read_alternates(path)
            variants.update(dict.fromkeys(alternates.apostrophes))
            after.update(dict.fromkeys(alternates.turned_after))
            at_end.update(dict.fromkeys(alternates.turned_at_end))
        return ("".join(variants), "".join(after), "".join(at_end))

    # Kept across runs (a start-up would otherwise read every table): see derived_strings.
    return Apostrophes(*derived_strings("apostrophes", paths, union))


@functools.cache
def text_word_regex() -> re.Pattern[str]:
    """The word of any script, with the built-in tables' apostrophes: what the detector
    counts and what the preview marks."""
    return re.compile(word_pattern(builtin_apostrophes()))
