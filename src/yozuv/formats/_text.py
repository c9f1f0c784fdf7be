"""Helpers shared by the format modules: converting around protected spans, converting text
that is split into pieces (Word runs, PO string lines) and moving language tags.

Why a module of its own: every structured format faces the same two problems. Some spans
inside human text must survive untouched (placeholders, tags, entities), and some human text
arrives cut into pieces whose boundaries must survive (formatting runs, wrapped lines) even
though a letter pair may straddle a cut. Solving them once keeps the formats small.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

TextConverter = Callable[[str], str]


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, cut only at CR, LF and CRLF.

    ``str.splitlines`` also cuts at form feeds, U+2028 and other separators that Markdown,
    gettext and subtitle files treat as ordinary characters, which would shift every line
    number after them.
    """
    return _LINE.findall(text)


def convert_around(text: str, protected: re.Pattern[str], convert: TextConverter) -> str:
    """Convert the parts of ``text`` between matches of ``protected``; copy the matches.

    Empty gaps are not sent to the converter, so a text made only of protected spans costs
    nothing and cannot change.
    """
    out: list[str] = []
    last = 0
    for match in protected.finditer(text):
        if match.start() == match.end():
            continue
        if match.start() > last:
            out.append(convert(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    if last < len(text):
        out.append(convert(text[last:]))
    return "".join(out)


def convert_segments(segments: Sequence[str], convert: TextConverter) -> list[str]:
    """Convert text that is cut into ``segments`` and cut the output at matching places.

    The joined output always equals ``convert`` applied to the pieces that belong together,
    so no letter is lost or doubled; only the cut positions are estimated. Pieces whose
    boundary touches whitespace are converted on their own (the engine never lets a word
    cross whitespace). Pieces glued inside a word (``Ш`` in one run, ``а`` in the next) are
    converted together, and each cut is put where the output of the text before the cut
    stops agreeing (case-insensitively) with the output of the whole, so ``Ш|а`` becomes
    ``Sh|a`` and a Latin ``S|h`` becomes ``|Ш``.
    """
    result: list[str] = ["" for _ in segments]
    group: list[int] = []

    def flush() -> None:
        if group:
            for index, piece in zip(
                group, _convert_group([segments[i] for i in group], convert), strict=True
            ):
                result[index] = piece
            group.clear()

    previous = ""
    for index, segment in enumerate(segments):
        if not segment:
            continue
        if group and (previous[-1].isspace() or segment[0].isspace()):
            flush()
        group.append(index)
        previous = segment
    flush()
    return result


def _convert_group(parts: list[str], convert: TextConverter) -> list[str]:
    text = "".join(parts)
    out = convert(text)
    if len(parts) == 1:
        return [out]
    cuts: list[int] = []
    boundary = 0
    floor = 0
    for part in parts[:-1]:
        boundary += len(part)
        cut = max(floor, _common_prefix_casefold(convert(text[:boundary]), out))
        cuts.append(cut)
        floor = cut
    starts = [0, *cuts]
    ends = [*cuts, len(out)]
    return [out[start:end] for start, end in zip(starts, ends, strict=True)]


def _common_prefix_casefold(left: str, right: str) -> int:
    """Length of the common prefix of ``left`` and ``right``, letters compared ignoring case.

    Stretches that are exactly equal are measured by comparing slices (C speed); only where
    the two differ is one character compared by hand, case-insensitively.
    """
    limit = min(len(left), len(right))
    length = _equal_prefix(left, right, 0, limit)
    while length < limit and left[length].lower() == right[length].lower():
        length = _equal_prefix(left, right, length + 1, limit)
    return length


def _equal_prefix(left: str, right: str, start: int, limit: int) -> int:
    """The end of the exactly equal stretch of ``left`` and ``right`` from ``start``.

    Bisection on slice comparisons: O(log n) steps in Python, however long the stretch.
    """
    if start >= limit or left[start] != right[start]:
        return start
    if left[start:limit] == right[start:limit]:
        return limit
    equal, unequal = start + 1, limit  # left[start:equal] is equal, [equal:unequal] is not
    while unequal - equal > 1:
        middle = (equal + unequal) // 2
        if left[equal:middle] == right[equal:middle]:
            equal = middle
        else:
            unequal = middle
    return equal


# --- language tags -------------------------------------------------------------------------

_BCP47_UZ = re.compile(r"(?i)^(uz)(?:([-_])(cyrl|latn))?(?=$|[-_])(.*)$", re.DOTALL)


def _script_for(target: str) -> str:
    return "Cyrl" if target == "cyrillic" else "Latn"


def _like_case(model: str, word: str) -> str:
    if model.islower():
        return word.lower()
    if model.isupper():
        return word.upper()
    return word


def retag_bcp47(tag: str, target: str, *, separator: str = "-") -> str:
    """Make a BCP 47 style tag (``uz-Cyrl``, ``uz_Latn_UZ``, ``uz``) name the target script.

    A tag that is not Uzbek is returned unchanged. ``uz`` alone means Latin (the official
    script and CLDR's default), so it stays ``uz`` for a Latin target and becomes ``uz-Cyrl``
    (``uz_Cyrl`` when ``separator`` is ``_``) for Cyrillic. Both Latin alphabets are script
    ``Latn``: BCP 47 has no subtag that tells 1995 from 2026. The spelling of the original
    (separator, letter case, region) is kept.
    """
    match = _BCP47_UZ.match(tag)
    if match is None:
        return tag
    language, sep, script, rest = match.group(1), match.group(2), match.group(3), match.group(4)
    wanted = _script_for(target)
    if script is not None:
        return f"{language}{sep}{_like_case(script, wanted)}{rest}"
    if target != "cyrillic":
        return tag
    sep = rest[0] if rest else separator
    return f"{language}{sep}{wanted}{rest}"


_POSIX_UZ = re.compile(r"(?i)^(uz)([-_][A-Za-z]{4})?([-_][A-Za-z0-9]{2,3})?(@[A-Za-z0-9]+)?$")


def retag_posix(value: str, target: str) -> str:
    """Make a gettext locale name (``uz``, ``uz_UZ``, ``uz@cyrillic``, ``uz_Latn``) follow
    the target, the way gettext names the two catalogues: ``uz`` (Latin) and ``uz@cyrillic``.

    A script subtag already present is switched (``uz_Latn`` <-> ``uz_Cyrl``) rather than
    replaced by a modifier; other languages are returned unchanged.
    """
    match = _POSIX_UZ.match(value)
    if match is None:
        return value
    language, script, region, modifier = (g or "" for g in match.groups())
    cyrillic = target == "cyrillic"
    if script:
        wanted = _script_for(target)
        return f"{language}{script[0]}{_like_case(script[1:], wanted)}{region}{modifier}"
    if cyrillic:
        if modifier.lower() in ("", "@latin"):
            modifier = "@cyrillic"
        return f"{language}{region}{modifier}"
    if modifier.lower() == "@cyrillic":
        modifier = ""
    return f"{language}{region}{modifier}"
