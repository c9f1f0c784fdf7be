"""Case restoration: the engine converts lowercase and puts the word's shape back.

Why not ``str.title()`` or ``upper()`` on the whole word: a Cyrillic capital that becomes two
Latin letters is ``Sh`` in a capitalised word but ``SH`` in an all-caps one (ШАҲАР -> SHAHAR,
Шаҳар -> Shahar), an abbreviation keeps its own pattern (ТошДУ -> ToshDU, ЎзР -> OʻzR), and
the modifier letters ʻ ʼ have no case at all (SPEC X05).
"""

from __future__ import annotations


def is_all_caps(word: str) -> bool:
    """At least two cased letters and none lowercase (ʻ ʼ and digits are ignored)."""
    cased = 0
    for ch in word:
        if ch.islower():
            return False
        if ch.isupper():
            cased += 1
    return cased >= 2


def _first_cased(text: str) -> str | None:
    for ch in text:
        if ch.isupper() or ch.islower():
            return ch
    return None


def _neighbour_upper(word: str, start: int, end: int) -> tuple[bool | None, bool | None]:
    """Case of the nearest cased letter before ``start`` and after ``end`` (None if none).

    Walks outwards by index: slicing the word here would make a long word quadratic.
    """
    before: bool | None = None
    i = start - 1
    while i >= 0:
        ch = word[i]
        if ch.isupper() or ch.islower():
            before = ch.isupper()
            break
        i -= 1
    after: bool | None = None
    i = end
    size = len(word)
    while i < size:
        ch = word[i]
        if ch.isupper() or ch.islower():
            after = ch.isupper()
            break
        i += 1
    return before, after


def title(text: str) -> str:
    """Upper-case only the first cased letter (``oʻ`` -> ``Oʻ``, ``sh`` -> ``Sh``)."""
    for i, ch in enumerate(text):
        if ch.islower() or ch.isupper():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def restore_piece(output: str, word: str, start: int, end: int, all_caps: bool) -> str:
    """Give ``output`` (converted from ``word[start:end]``, lowercase) the source's case.

    - lowercase source: output as it is;
    - uppercase source and a one-letter output: upper;
    - uppercase source, several output letters: all upper in an all-caps word or when a
      neighbouring letter is a capital too (АҚШ -> AQSH, АҚШнинг -> AQSHning), otherwise
      only the first (Шаҳар -> Shahar, an initial Ш. -> Sh.);
    - a source with no case (ъ, ʼ): follows the next cased letter, else the previous one.
    """
    first = _first_cased(word[start:end])
    if first is None:
        before, after = _neighbour_upper(word, start, end)
        ref = after if after is not None else before
        return output.upper() if ref else output
    if first.islower():
        return output
    if sum(1 for ch in output if ch.islower() or ch.isupper()) <= 1 or all_caps:
        return output.upper()
    before, after = _neighbour_upper(word, start, end)
    if before or after:
        return output.upper()
    return title(output)


def restore_span(output: str, source: str, all_caps: bool) -> str:
    """Case for a lexicon stem: the whole piece follows the source's shape."""
    if all_caps or is_all_caps(source):
        return output.upper()
    first = _first_cased(source)
    if first is not None and first.isupper():
        return title(output)
    return output


def leading_capitals(word: str) -> int:
    """How many characters the word's leading run of capitals spans (ʻ ʼ inside count).

    АҚШнинг -> 3, МЧЖ -> 3, Шаҳар -> 0 (a single capital is no run).
    """
    end = 0
    cased = 0
    for i, ch in enumerate(word):
        if ch.islower():
            break
        if ch.isupper():
            cased += 1
            end = i + 1
    return end if cased >= 2 else 0
