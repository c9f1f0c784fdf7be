"""Show a conversion as a unified diff (``--diff``), plain or coloured.

Kept apart so the plain conversion path never pays for difflib or rich: this module imports
rich only inside the functions that draw colour, and the command line imports it only for
``--diff`` and ``preview``.

A plain (colourless) diff is written as ordinary text so it can be fed to ``patch``; colour
is a rendering of the same lines, with the words that changed inside a line highlighted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

NO_NEWLINE_MARKER = "\\ No newline at end of file\n"

# Tokens for word-level highlighting inside a changed line: words, runs of spaces, and
# single other characters, so punctuation changes stay as small as they really are.
_INTRA_LINE_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)

STYLE_DIFF_HEADER = "bold"
STYLE_DIFF_HUNK = "cyan"
STYLE_DIFF_REMOVED = "red"
STYLE_DIFF_ADDED = "green"
STYLE_DIFF_REMOVED_WORD = "bold reverse red"
STYLE_DIFF_ADDED_WORD = "bold reverse green"


# --------------------------------------------------------------------------- unified diff


def split_lines(text: str) -> list[str]:
    """Split at ``\\n`` only, keeping the ends.

    ``str.splitlines`` also cuts at CR, form feeds and U+2028, which would make a CRLF file
    look as if every line changed twice; a diff of text files cuts at LF like ``diff`` does.
    """
    if not text:
        return []
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


def unified_diff(old: str, new: str, *, fromfile: str, tofile: str, context: int = 3) -> list[str]:
    """Lines of a unified diff from ``old`` to ``new``, each ending with a newline.

    A last line without a newline gets the ``\\ No newline at end of file`` marker, as in
    GNU diff, so the output stays a valid patch. An empty list means nothing changed.
    """
    result: list[str] = []
    diff = difflib.unified_diff(
        split_lines(old), split_lines(new), fromfile=fromfile, tofile=tofile, n=max(context, 0)
    )
    for line in diff:
        if line.endswith("\n"):
            result.append(line)
        else:
            result.append(line + "\n")
            result.append(NO_NEWLINE_MARKER)
    return result


def _line_body(line: str) -> str:
    """A diff line without its prefix and its line end (the part words are compared in)."""
    return line[1:].rstrip("\n").rstrip("\r")


# Word highlighting inside a changed line only when at least this share of its words stayed:
# between Cyrillic and Latin every word changes, and lighting them all says nothing (the
# whole line is coloured already); between Latin 1995 and 2026 a few words change, and
# highlighting shows which.
HIGHLIGHT_MIN_UNCHANGED = 0.5


def _word_spans(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the tokens that differ between two versions of one line; none
    when most of the line's words changed (see :data:`HIGHLIGHT_MIN_UNCHANGED`)."""
    old_tokens = _INTRA_LINE_TOKEN.findall(old)
    new_tokens = _INTRA_LINE_TOKEN.findall(new)
    old_offsets = _offsets(old_tokens)
    new_offsets = _offsets(new_tokens)
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    opcodes = matcher.get_opcodes()
    words = [t for t in old_tokens if t[:1].isalnum()]
    kept = sum(
        1
        for tag, i1, i2, _j1, _j2 in opcodes
        if tag == "equal"
        for token in old_tokens[i1:i2]
        if token[:1].isalnum()
    )
    if words and kept < HIGHLIGHT_MIN_UNCHANGED * len(words):
        return [], []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if i2 > i1:
            old_spans.append((old_offsets[i1], old_offsets[i2]))
        if j2 > j1:
            new_spans.append((new_offsets[j1], new_offsets[j2]))
    return old_spans, new_spans


def _offsets(tokens: Sequence[str]) -> list[int]:
    """Start offset of every token, plus the end of the last one."""
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


def _styled_diff_line(
    line: str, line_style: str, word_style: str, spans: Iterable[tuple[int, int]]
) -> Text:
    from rich.text import Text

    body = _line_body(line)
    text = Text(line[0] + body, style=line_style)
    for start, end in spans:
        text.stylize(word_style, start + 1, end + 1)
    return text


def render_diff(lines: Sequence[str], console: Console) -> None:
    """Print diff lines with colour; inside a changed block, the changed words stand out.

    A block of ``-`` lines followed by as many ``+`` lines is read as the same lines
    rewritten, which is what a conversion does, so each pair is compared word by word.
    """
    index = 0
    while index < len(lines):
        line = lines[index]
        if (
            line.startswith(("---", "+++"))
            and index + 1 < len(lines)
            and _is_header_pair(lines, index)
        ):
            console.print(_plain_text(line, STYLE_DIFF_HEADER), soft_wrap=True)
            console.print(_plain_text(lines[index + 1], STYLE_DIFF_HEADER), soft_wrap=True)
            index += 2
            continue
        if line.startswith("@@"):
            console.print(_plain_text(line, STYLE_DIFF_HUNK), soft_wrap=True)
            index += 1
            continue
        if line.startswith("-"):
            removed, added, index = _change_block(lines, index)
            _print_change_block(removed, added, console)
            continue
        if line.startswith("+"):
            console.print(_plain_text(line, STYLE_DIFF_ADDED), soft_wrap=True)
        else:
            console.print(_plain_text(line, ""), soft_wrap=True)
        index += 1


def _is_header_pair(lines: Sequence[str], index: int) -> bool:
    return lines[index].startswith("--- ") and lines[index + 1].startswith("+++ ")


def _plain_text(line: str, style: str) -> Text:
    from rich.text import Text

    return Text(line.rstrip("\n").rstrip("\r"), style=style)


_BlockLine = tuple[str, bool]  # a diff line, and whether "\ No newline" follows it


def _take_lines(lines: Sequence[str], index: int, prefix: str) -> tuple[list[_BlockLine], int]:
    taken: list[_BlockLine] = []
    while index < len(lines) and lines[index].startswith(prefix):
        marker = index + 1 < len(lines) and lines[index + 1] == NO_NEWLINE_MARKER
        taken.append((lines[index], marker))
        index += 2 if marker else 1
    return taken, index


def _change_block(
    lines: Sequence[str], index: int
) -> tuple[list[_BlockLine], list[_BlockLine], int]:
    """The ``-`` lines starting at ``index`` and the ``+`` lines right after them."""
    removed, index = _take_lines(lines, index, "-")
    added, index = _take_lines(lines, index, "+")
    return removed, added, index


def _print_change_block(
    removed: list[_BlockLine], added: list[_BlockLine], console: Console
) -> None:
    paired = len(removed) == len(added)
    spans = (
        [
            _word_spans(_line_body(a), _line_body(b))
            for (a, _), (b, _) in zip(removed, added, strict=True)
        ]
        if paired
        else []
    )
    for side, block, line_style, word_style in (
        (0, removed, STYLE_DIFF_REMOVED, STYLE_DIFF_REMOVED_WORD),
        (1, added, STYLE_DIFF_ADDED, STYLE_DIFF_ADDED_WORD),
    ):
        for number, (line, marker) in enumerate(block):
            word_spans = spans[number][side] if paired else []
            console.print(
                _styled_diff_line(line, line_style, word_style, word_spans), soft_wrap=True
            )
            if marker:
                console.print(_plain_text(NO_NEWLINE_MARKER, "dim"), soft_wrap=True)
