"""What a regular expression needs in order to match: read from its parsed form.

Why: the tokeniser tries the scheme's protected patterns (URLs, e-mails, domains, entities)
at every token of every new chunk, which costs more than converting the words. Every built-in
protected pattern needs one of a few characters (``:`` ``.`` ``@`` ``&``), so a chunk with
none of them, and a chunk that is all letters, can skip them. The characters are not listed
by hand: they are read from the patterns themselves, so a user scheme's patterns are honoured
too; where nothing can be proven the answer is "unknown" and every chunk is tokenised in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MAX_SET = 64  # larger character sets (a-z, \w) prove nothing useful


def required_characters(pattern: str) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` contains at least one, or None.

    A pattern that cannot be read (or whose matches need no particular character) gives
    None. Case-insensitive parts count both cases.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    return _sequence(list(parsed), ignore_case)


def _score(chars: frozenset[str]) -> tuple[int, int]:
    """Prefer sets without letters (they let all-letter chunks skip), then smaller sets."""
    return (sum(1 for c in chars if c.isalpha()), len(chars))


def _sequence(items: Iterable[tuple[object, Any]], ignore_case: bool) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for op, av in items:
        found = _item(op, av, ignore_case)
        if found is not None and (best is None or _score(found) < _score(best)):
            best = found
    return best


def _cased(chars: Iterable[str], ignore_case: bool) -> frozenset[str]:
    if not ignore_case:
        return frozenset(chars)
    out: set[str] = set()
    for c in chars:
        out.update({c, c.lower(), c.upper()} if len(c.upper()) == 1 else {c, c.lower()})
    return frozenset(out)


def _item(op: object, av: Any, ignore_case: bool) -> frozenset[str] | None:
    if op is sre.LITERAL:
        return _cased(chr(av), ignore_case)
    if op is sre.IN:
        return _charset(av, ignore_case)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
        return _sequence(list(body), case)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av), ignore_case)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(list(body), ignore_case) if low >= 1 else None
    if op is sre.BRANCH:
        _none, branches = av
        union: set[str] = set()
        for branch in branches:
            found = _sequence(list(branch), ignore_case)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    return None  # look-arounds, anchors, any character, categories, back-references


def _charset(items: list[tuple[object, Any]], ignore_case: bool) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            low, high = av
            if high - low >= MAX_SET:
                return None
            chars.update(chr(c) for c in range(low, high + 1))
        else:  # NEGATE, CATEGORY (\w, \d ...): unbounded
            return None
        if len(chars) > MAX_SET:
            return None
    return _cased(chars, ignore_case)
