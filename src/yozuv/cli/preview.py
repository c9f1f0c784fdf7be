"""``yozuv preview``: the converted document beside its source, with the words to check marked.

Why it is built from a conversion record and not from text of its own: the preview must
show exactly what ``convert`` would write. So the document goes through
:func:`yozuv.documents.convert_document` like every other command, with a
:class:`~yozuv.documents.Recorder` that keeps, for each piece of human text the format
converted, the decisions of the engine's recording pass. Only those pieces are marked, so
a PO file's ``msgid`` or a JSON key is shown as it stays, unmarked and unconverted.

Each recorded piece is found in the source document and its output in the converted one
(in order, as formats hand them over); a piece a format escapes on the way out (a JSON
string with ``\\n``) is shown converted but not marked.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from yozuv.cli.diff import split_lines
from yozuv.wordsplit import text_word_regex

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from yozuv.cli.inputs import RawInput
    from yozuv.documents import Converted, ConvertSettings, Recorded
    from yozuv.engine import Decision

MarkKind = Literal["lexicon", "ambiguous"]

STYLE_MARK: dict[MarkKind, str] = {"lexicon": "bold cyan", "ambiguous": "bold reverse yellow"}
# Without colour the marks must still be visible (and stable in golden files).
PLAIN_MARK: dict[MarkKind, tuple[str, str]] = {"lexicon": ("⟨", "⟩"), "ambiguous": ("⟨", "?⟩")}


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


def _decision_kind(decision: Decision) -> MarkKind | None:
    if decision.ambiguous:
        return "ambiguous"
    if decision.rule == "lexicon" or decision.rule.startswith("lexicon:"):
        return "lexicon"  # the engine names the entry's class too: lexicon:L41
    return None


def _words(text: str) -> list[tuple[int, int]]:
    # The words detect counts, with the mapping files' apostrophes (o'g'il, bog', sanʼat).
    return [match.span() for match in text_word_regex().finditer(text)]


def _word_index_at(words: Sequence[tuple[int, int]], position: int) -> int | None:
    for index, (start, end) in enumerate(words):
        if start <= position < end:
            return index
    return None


class _Located:
    """Where recorded pieces lie in a document: found in order, line and column by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.line_starts = [0]
        for line in split_lines(text)[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line))

    def find(self, piece: str) -> int | None:
        """The offset of ``piece``: after the previous one found, else anywhere; None if the
        document does not hold it as it is."""
        if not piece:
            return None
        found = self.text.find(piece, self.cursor)
        if found >= 0:
            self.cursor = found + len(piece)
            return found
        found = self.text.find(piece)
        return found if found >= 0 else None

    def line_and_column(self, offset: int) -> tuple[int, int]:
        """0-based line index and column of an offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]


def preview_document(raw: RawInput, settings: ConvertSettings) -> tuple[Preview, Converted]:
    """Convert one input as ``convert`` would, recording, and build its preview."""
    from yozuv.documents import Recorder, convert_document

    recorder = Recorder()
    result = convert_document(raw.data, raw.path, raw.display, settings, recorder=recorder)
    return build_preview(result.old_text, result.new_text, recorder.pieces), result


def build_preview(old_text: str, new_text: str, pieces: Sequence[Recorded]) -> Preview:
    """The lines of both documents side by side, and the marked words of the converted
    pieces on each side (a source word is found in the output by its position among the
    piece's words; when the counts differ, only the source side is marked)."""
    source_doc, output_doc = _Located(old_text), _Located(new_text)
    source_marks: dict[int, dict[tuple[int, int], MarkKind]] = {}
    output_marks: dict[int, dict[tuple[int, int], MarkKind]] = {}
    notes: list[PreviewNote] = []
    for piece in pieces:
        at_source = source_doc.find(piece.source)
        at_output = output_doc.find(piece.output)
        if at_source is None:
            continue
        marked = [(d, kind) for d in piece.decisions if (kind := _decision_kind(d)) is not None]
        if not marked:
            continue
        source_words = _words(piece.source)
        output_words = _words(piece.output)
        aligned = at_output is not None and len(source_words) == len(output_words)
        for decision, kind in marked:
            word = _word_index_at(source_words, decision.start)
            if word is None:
                continue
            start, end = source_words[word]
            line, column = source_doc.line_and_column(at_source + start)
            _mark(source_marks, line, (column, column + end - start), kind)
            output_word = decision.output
            if aligned and at_output is not None:
                out_start, out_end = output_words[word]
                output_word = piece.output[out_start:out_end]
                out_line, out_column = output_doc.line_and_column(at_output + out_start)
                _mark(output_marks, out_line, (out_column, out_column + len(output_word)), kind)
            note = PreviewNote(
                line=line + 1,
                column=column + 1,
                source_word=piece.source[start:end],
                output_word=output_word,
                kind=kind,
                rule=decision.rule,
                alternatives=tuple(decision.alternatives),
                note=decision.note,
            )
            if note not in notes:
                notes.append(note)
    source_lines = [_without_end(line) for line in split_lines(old_text)]
    output_lines = [_without_end(line) for line in split_lines(new_text)]
    lines = [
        PreviewLine(
            index + 1,
            source_lines[index] if index < len(source_lines) else "",
            output_lines[index] if index < len(output_lines) else "",
            _marks(source_marks.get(index, {})),
            _marks(output_marks.get(index, {})),
        )
        for index in range(max(len(source_lines), len(output_lines)))
    ]
    return Preview(tuple(lines), tuple(notes))


def _mark(
    marks: dict[int, dict[tuple[int, int], MarkKind]],
    line: int,
    span: tuple[int, int],
    kind: MarkKind,
) -> None:
    """Mark a word; ambiguous wins over lexicon when a word is both."""
    on_line = marks.setdefault(line, {})
    if on_line.get(span) != "ambiguous":
        on_line[span] = kind


def _marks(on_line: dict[tuple[int, int], MarkKind]) -> tuple[Mark, ...]:
    return tuple(Mark(start, end, kind) for (start, end), kind in sorted(on_line.items()))


def _without_end(line: str) -> str:
    return line.rstrip("\n").rstrip("\r")


def _marked_text(text: str, marks: Sequence[Mark], *, colour: bool) -> Text:
    """A line with its marked words styled (colour) or bracketed (no colour).

    The file's control characters are made visible (an escape sequence in a file must not
    act on the terminal), piece by piece so the marks stay on their words.
    """
    from rich.text import Text

    from yozuv.cli.terminal import visible

    result = Text()
    cursor = 0
    for mark in marks:
        result.append(visible(text[cursor : mark.start]))
        word = visible(text[mark.start : mark.end])
        if colour:
            result.append(word, STYLE_MARK[mark.kind])
        else:
            opening, closing = PLAIN_MARK[mark.kind]
            result.append(f"{opening}{word}{closing}")
        cursor = mark.end
    result.append(visible(text[cursor:]))
    result.expand_tabs()  # before rich measures the cell: a tab is not one column wide
    return result


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
