"""Show a conversion before it is written: unified diffs and the side-by-side preview.

Kept apart from ``cli.py`` so the command line stays a thin layer, and so the plain
conversion path never pays for difflib or rich: this module imports rich only inside the
functions that draw colour, and the CLI imports this module only for ``--diff`` and
``preview``.

A plain (colourless) diff is written as ordinary text so it can be fed to ``patch``; colour
is a rendering of the same lines, with the words that changed inside a line highlighted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

NO_NEWLINE_MARKER = "\\ No newline at end of file\n"

# A word as a reader sees it, in any of the three scripts: letters and digits, the modifier
# letters ʻ ʼ, and an apostrophe-like mark only *between* letters (o'g'il, oʻgʻil, sanʼat).
WORD_PATTERN = re.compile(r"(?:[^\W_]|[\u02bb\u02bc])+(?:['‘’`](?:[^\W_]|[\u02bb\u02bc])+)*")

# Tokens for word-level highlighting inside a changed line: words, runs of spaces, and
# single other characters, so punctuation changes stay as small as they really are.
_INTRA_LINE_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)

MarkKind = Literal["lexicon", "ambiguous"]

STYLE_DIFF_HEADER = "bold"
STYLE_DIFF_HUNK = "cyan"
STYLE_DIFF_REMOVED = "red"
STYLE_DIFF_ADDED = "green"
STYLE_DIFF_REMOVED_WORD = "bold reverse red"
STYLE_DIFF_ADDED_WORD = "bold reverse green"
STYLE_MARK: dict[MarkKind, str] = {"lexicon": "bold cyan", "ambiguous": "bold reverse yellow"}
# Without colour the marks must still be visible (and stable in golden files).
PLAIN_MARK: dict[MarkKind, tuple[str, str]] = {"lexicon": ("⟨", "⟩"), "ambiguous": ("⟨", "?⟩")}


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


def _word_spans(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the tokens that differ between two versions of one line."""
    old_tokens = _INTRA_LINE_TOKEN.findall(old)
    new_tokens = _INTRA_LINE_TOKEN.findall(new)
    old_offsets = _offsets(old_tokens)
    new_offsets = _offsets(new_tokens)
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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


# --------------------------------------------------------------------------- preview


class DecisionLike(Protocol):
    """What the preview reads from one ``yozuv.Decision`` (kept structural on purpose)."""

    @property
    def rule(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def output(self) -> str: ...
    @property
    def alternatives(self) -> tuple[str, ...]: ...
    @property
    def ambiguous(self) -> bool: ...
    @property
    def note(self) -> str: ...


class ExplainedLike(Protocol):
    """What the preview reads from ``Converter.explain``'s result."""

    @property
    def text(self) -> str: ...
    @property
    def decisions(self) -> Sequence[DecisionLike]: ...


@dataclass(frozen=True)
class Mark:
    """A word of a line that the reader should look at, and why."""

    start: int
    end: int
    kind: MarkKind


@dataclass(frozen=True)
class PreviewNote:
    """One decision worth checking, as listed under the preview."""

    line: int
    column: int
    source_word: str
    output_word: str
    kind: MarkKind
    rule: str
    alternatives: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class PreviewLine:
    """One line of the input, its conversion, and the marked words on both sides."""

    number: int
    source: str
    output: str
    source_marks: tuple[Mark, ...]
    output_marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Preview:
    """Everything the renderer needs; built once, rendered wide or narrow."""

    lines: tuple[PreviewLine, ...]
    notes: tuple[PreviewNote, ...]


def _decision_kind(decision: DecisionLike) -> MarkKind | None:
    if decision.ambiguous:
        return "ambiguous"
    if decision.rule == "lexicon" or decision.rule.startswith("lexicon:"):
        return "lexicon"  # the engine names the entry's class too: lexicon:L41
    return None


def _words(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in WORD_PATTERN.finditer(text)]


def _word_index_at(words: Sequence[tuple[int, int]], position: int) -> int | None:
    for index, (start, end) in enumerate(words):
        if start <= position < end:
            return index
    return None


def build_preview(text: str, explain: Callable[[str], ExplainedLike]) -> Preview:
    """Explain ``text`` line by line and work out which words to mark on each side.

    The conversion is chunk-safe (a line converts the same alone as in the whole text), so
    explaining line by line gives the real output while keeping decision offsets local.
    A marked source word is found again in the output by its position among the words of
    the line; when the counts differ (rare) only the source side is marked.
    """
    lines: list[PreviewLine] = []
    notes: list[PreviewNote] = []
    for number, raw_line in enumerate(split_lines(text), start=1):
        source = raw_line.rstrip("\n").rstrip("\r")
        explained = explain(source)
        output = explained.text
        source_words = _words(source)
        output_words = _words(output)
        aligned = len(source_words) == len(output_words)
        kinds: dict[int, MarkKind] = {}
        for decision in explained.decisions:
            kind = _decision_kind(decision)
            if kind is None:
                continue
            word = _word_index_at(source_words, decision.start)
            if word is None:
                continue
            if kinds.get(word) != "ambiguous":
                kinds[word] = kind
            start, end = source_words[word]
            note = PreviewNote(
                line=number,
                column=start + 1,
                source_word=source[start:end],
                output_word=output[slice(*output_words[word])] if aligned else decision.output,
                kind=kind,
                rule=decision.rule,
                alternatives=tuple(decision.alternatives),
                note=decision.note,
            )
            if note not in notes:
                notes.append(note)
        source_marks = tuple(Mark(*source_words[i], kinds[i]) for i in sorted(kinds))
        output_marks = (
            tuple(Mark(*output_words[i], kinds[i]) for i in sorted(kinds)) if aligned else ()
        )
        lines.append(PreviewLine(number, source, output, source_marks, output_marks))
    return Preview(tuple(lines), tuple(notes))


def _marked_text(text: str, marks: Sequence[Mark], *, colour: bool) -> Text:
    """A line with its marked words styled (colour) or bracketed (no colour)."""
    from rich.text import Text

    if colour:
        result = Text(text)
        for mark in marks:
            result.stylize(STYLE_MARK[mark.kind], mark.start, mark.end)
        return result
    pieces: list[str] = []
    cursor = 0
    for mark in marks:
        opening, closing = PLAIN_MARK[mark.kind]
        pieces.extend((text[cursor : mark.start], opening, text[mark.start : mark.end], closing))
        cursor = mark.end
    pieces.append(text[cursor:])
    return Text("".join(pieces))


# Below this width two readable columns do not fit; the preview switches to one column.
SIDE_BY_SIDE_MIN_WIDTH = 100


def render_preview(
    preview: Preview,
    console: Console,
    *,
    source_title: str,
    output_title: str,
    side_by_side: bool | None = None,
) -> None:
    """Draw the preview: two columns on a wide console, the marked output on a narrow one."""
    from rich import box
    from rich.table import Table

    colour = console.color_system is not None and not console.no_color
    wide = console.width >= SIDE_BY_SIDE_MIN_WIDTH if side_by_side is None else side_by_side
    if wide:
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
        table.add_column("#", justify="right", style="dim", no_wrap=True)
        table.add_column(source_title, ratio=1, overflow="fold")
        table.add_column(output_title, ratio=1, overflow="fold")
        for line in preview.lines:
            table.add_row(
                str(line.number),
                _marked_text(line.source, line.source_marks, colour=colour),
                _marked_text(line.output, line.output_marks, colour=colour),
            )
        console.print(table)
    else:
        from rich.text import Text

        console.print(Text(f"{source_title} → {output_title}", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for line in preview.lines:
            # Without aligned output words, the marks cannot be shown on the output side.
            marks = line.output_marks
            grid.add_row(str(line.number), "│", _marked_text(line.output, marks, colour=colour))
        console.print(grid)
    _render_notes(preview.notes, console, colour=colour)


def _render_notes(notes: Sequence[PreviewNote], console: Console, *, colour: bool) -> None:
    from rich.text import Text

    if not notes:
        return
    console.print()
    legend = Text("Words to check ")
    legend.append_text(_marked_text("lexicon", [Mark(0, 7, "lexicon")], colour=colour))
    legend.append(" = from the lexicon, ")
    legend.append_text(_marked_text("ambiguous", [Mark(0, 9, "ambiguous")], colour=colour))
    legend.append(" = a default among alternatives:")
    console.print(legend)
    for item in notes:
        line = Text(
            f"  {item.line}:{item.column}  {item.source_word} → {item.output_word}  [{item.rule}]"
        )
        if item.alternatives:
            line.append("  or: " + ", ".join(item.alternatives))
        if item.note:
            line.append(f"  ({item.note})")
        console.print(line, overflow="fold")
