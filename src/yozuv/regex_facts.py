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


def user_pattern_problem(pattern: str) -> tuple[str, str | None] | None:
    """What is wrong with a user's regex (``--protect``), as (reason, hint), or None: it
    does not compile, or it could take exponential time (:func:`exponential_risk`)."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"invalid regex: {exc}", None
    risk = exponential_risk(pattern)
    if risk is not None:
        return (
            f"{risk} can take exponential time",
            "make the inner one possessive (a++) or atomic ((?>a+))",
        )
    return None


def exponential_risk(pattern: str) -> str | None:
    """Why ``pattern`` may take exponential time in Python's backtracking engine, or None.

    The classic danger is a repetition without an upper bound whose body holds another
    repetition, as in ``(a+)+`` or ``(\\w+\\s?)*``: a long run that does not match can be split
    between the iterations in exponentially many ways. Not when every iteration must also
    match a character that the inner repetitions cannot (``(?:\\.\\w+)+``: the dot delimits
    them) and not in possessive repetitions or atomic groups (no backtracking). The check is
    conservative where it cannot decide, and it does not see every slow pattern
    (alternatives that overlap under a repetition, ``(a|aa)+``): it guards user patterns,
    which the engine runs on every line.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None  # compiling it reports the real problem
    return _risk(list(parsed), parsed.state)


_RISK = "a repetition inside a repetition (as in (a+)+)"


def _risk(items: list[tuple[Any, Any]], state: Any) -> str | None:
    """The first unbounded repetition whose body can split a run between iterations."""
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            _low, high, body = av
            inner = _repeats(list(body))
            if high == sre.MAXREPEAT and inner:
                delimiters = _mandatory_literals(list(body))
                if not any(
                    all(not _can_match(repeat, char, state) for repeat in inner)
                    for char in delimiters
                ):
                    return _RISK
            found = _risk(list(body), state)
        elif op in (sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP):
            continue  # no backtracking into it
        else:
            found = next(
                (r for part in _parts(op, av) if (r := _risk(part, state)) is not None), None
            )
        if found:
            return found
    return None


def _parts(op: Any, av: Any) -> list[list[tuple[Any, Any]]]:
    """The sub-sequences of a node that is not a repetition."""
    if op is sre.SUBPATTERN:
        return [list(av[-1])]
    if op is sre.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [list(av[1])]
    if op is sre.GROUPREF_EXISTS:
        return [list(part) for part in av[1:] if part is not None]
    return []


def _repeats(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The backtracking repetitions (more than once) anywhere inside ``items``."""
    found: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            if av[1] > 1:
                found.append((op, av))
            found += _repeats(list(av[2]))
        elif op not in (sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP):
            for part in _parts(op, av):
                found += _repeats(part)
    return found


def _mandatory_literals(items: list[tuple[Any, Any]]) -> set[str]:
    """Characters every match of the sequence ``items`` contains as a literal."""
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(chr(av))
        elif op is sre.SUBPATTERN:
            found |= _mandatory_literals(list(av[-1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            found |= _mandatory_literals(list(av[2]))
    return found


def _can_match(repeat: tuple[Any, Any], char: str, state: Any) -> bool:
    """Whether the repetition's body can match text holding ``char`` (True if unsure)."""
    from re import _compiler as sre_compile  # type: ignore[attr-defined]

    body = sre_parse.SubPattern(state, list(repeat[1][2]))
    try:
        compiled = sre_compile.compile(body, state.flags)
    except (re.error, TypeError, RecursionError):
        return True
    return compiled.search(char) is not None


_CATEGORY_ESCAPES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_LINE_STARTS = (sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING)
_ZERO_WIDTH = (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY)


class _Firsts:
    """What a match may start with: single characters, character classes, a line start."""

    def __init__(self) -> None:
        self.chars: set[str] = set()
        self.classes: list[str] = []
        self.line_start = False

    def lookahead(self) -> str:
        options = list(self.classes)
        if self.chars:
            options.insert(0, "[" + "".join(re.escape(c) for c in sorted(self.chars)) + "]")
        if self.line_start:
            options.append("^")
        return "(?=" + "|".join(options) + ")"


def with_first_character_lookahead(pattern: str) -> str:
    """``pattern`` led by a look-ahead for the characters a match can start with (for a
    MULTILINE search), or the pattern itself if they cannot be read from it.

    Why: an alternation of many branches (the batch path's check for words only the exact
    path takes) is tried at every position of a batch; a look-ahead of one character class
    lets the regex engine reject most positions at once (measured: 60 -> 41 ms on the 70k
    distinct words of the Latin bench corpus). The look-ahead is implied by every match, so
    the matches are the same.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return pattern
    firsts = _Firsts()
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    nullable = _firsts_of(list(parsed), ignore_case, firsts)
    if nullable is None or nullable:
        return pattern
    return f"{firsts.lookahead()}(?:{pattern})"


def _firsts_of(items: list[tuple[Any, Any]], ignore_case: bool, firsts: _Firsts) -> bool | None:
    """Add the possible first characters of the sequence to ``firsts``; return whether the
    sequence can match without consuming one (None: cannot be read)."""
    for op, av in items:
        consumes = _firsts_of_item(op, av, ignore_case, firsts)
        if consumes is None:
            return None
        if consumes:
            return False
    return True


def _firsts_of_item(op: Any, av: Any, ignore_case: bool, firsts: _Firsts) -> bool | None:
    """Like :func:`_firsts_of` for one item, but True when it always consumes (or fixes the
    position at a line start, which the look-ahead's ``^`` covers)."""
    if op is sre.LITERAL:
        firsts.chars.update(_cased(chr(av), ignore_case))
        return True
    if op is sre.IN:
        body = _class_text(av)
        if body is None:
            return None
        firsts.classes.append(f"(?i:{body})" if ignore_case else body)
        return True
    if op is sre.AT:
        if av in _LINE_STARTS:
            firsts.line_start = True
            return True
        return False if av in _ZERO_WIDTH else None
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return False  # looks, consumes nothing: the next item decides
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
        nullable = _firsts_of(list(body), case, firsts)
        return None if nullable is None else not nullable
    if op is sre.BRANCH:
        always = True
        for branch in av[1]:
            nullable = _firsts_of(list(branch), ignore_case, firsts)
            if nullable is None:
                return None
            always = always and not nullable
        return always
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = av
        nullable = _firsts_of(list(body), ignore_case, firsts)
        return None if nullable is None else (low >= 1 and not nullable)
    return None  # any character, back-references, conditionals


def _class_text(items: list[tuple[Any, Any]]) -> str | None:
    """A parsed character class written back as a regex class."""
    parts: list[str] = []
    for op, av in items:
        if op is sre.NEGATE:
            parts.insert(0, "^")
        elif op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORY_ESCAPES:
            parts.append(_CATEGORY_ESCAPES[av])
        else:
            return None
    return "[" + "".join(parts) + "]"
