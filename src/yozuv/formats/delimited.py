"""CSV and TSV: convert the text of every cell (or of chosen columns), keep the dialect.

The file is scanned cell by cell in the original text, and only cell contents are replaced,
so delimiters, quoting (which cells were quoted, and how), line endings (``\\r\\n``, ``\\n``,
even mixed) and a missing final newline stay exactly as they were. The delimiter of a
``.csv`` is sniffed among ``,`` ``;`` ``\\t`` ``|`` (``,`` when unsure); ``.tsv`` uses tabs.

``columns`` (the CLI's ``--columns``) limits conversion to some columns: 1-based numbers
(like ``cut -f``) or header names, e.g. ``("2", "comment")``. When any column is named, the
first row is the header: it is matched against the names and copied unchanged. An unknown
name, a column number below 1 or beyond the widest row raises :class:`FormatError`; so does
a quoted CSV cell that never closes or is followed by stray characters (with its line
number).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import compress, repeat
from typing import NamedTuple

from yozuv.errors import FormatError
from yozuv.formats._base import Segmenter, TextFormat
from yozuv.formats._text import AnyConverter, Batch

_NEWLINE = re.compile(r"\r\n|\r|\n")
Columns = Sequence[int | str]


class _Cell(NamedTuple):
    """One cell's place in the text (a named tuple: a file has many, and they are cheap)."""

    start: int  # offset of the raw cell (quotes included)
    end: int
    quoted: bool
    row: int  # 0-based row number
    column: int  # 0-based column number

    def value(self, text: str) -> str:
        raw = text[self.start : self.end]
        return raw[1:-1].replace('""', '"') if self.quoted else raw


class DelimitedFormat(TextFormat):
    """Shared logic of CSV and TSV; ``with_columns`` gives a copy limited to some columns."""

    delimiter: str | None = None  # None: sniff
    strict_quotes = True

    def __init__(self, columns: Columns | None = None) -> None:
        self.columns: tuple[int | str, ...] | None = tuple(columns) if columns else None

    def with_columns(self, columns: Columns | None) -> DelimitedFormat:
        """A copy of this format that converts only ``columns`` (None: every column)."""
        return type(self)(columns)

    def convert_text(
        self,
        text: str,
        convert: AnyConverter,
        *,
        target: str,
        source: str,
        columns: Columns | None = None,
    ) -> str:
        chosen = tuple(columns) if columns else self.columns
        delimiter = self.delimiter or _sniff(text)
        if not chosen:
            fast = _convert_every_cell(text, convert, delimiter, strict_quotes=self.strict_quotes)
            if fast is not None:
                return fast
        cells = _scan(text, delimiter, strict_quotes=self.strict_quotes)  # names the error
        selected, header_row = _select(cells, text, chosen)
        # The cells to convert, their values in the batch in the same order: no object is
        # made per cell (a file has hundreds of thousands, all alive until the batch runs).
        batch = Batch()
        wanted: list[_Cell] = []
        for cell in cells:
            if cell.row == header_row or (selected is not None and cell.column not in selected):
                continue
            value = cell.value(text)
            if value.strip():
                wanted.append(cell)
                batch.add(value)
        batch.run(convert)
        out: list[str] = []
        last = 0
        new_values = batch.texts_of(range(len(wanted)))
        for cell, value, new in zip(wanted, batch.texts, new_values, strict=True):
            if new == value:
                continue
            out.append(text[last : cell.start])
            out.append(_encode(new, delimiter, quoted=cell.quoted))
            last = cell.end
        out.append(text[last:])
        return "".join(out)

    def segmenter(self) -> Segmenter | None:
        # --columns may name a header or a column beyond some rows: the whole file decides.
        return None if self.columns else _RowSegments(self.delimiter, self.strict_quotes)


class _RowSegments(Segmenter):
    """A CSV or TSV converted a run of rows at a time (every column: no header to read).

    The cut is at a row end outside quoted cells, found with the regexes the conversion
    uses, so each segment parses as it does in the whole file. The first segment settles
    the delimiter (it holds the lines the sniffer reads) and every segment counts its lines,
    so a malformed cell is named by its line in the file.
    """

    def __init__(self, delimiter: str | None, strict_quotes: bool) -> None:
        self.delimiter = delimiter
        self.strict_quotes = strict_quotes
        self.lines_before = 0  # lines of the segments converted so far, as errors count them

    def end(self, text: str, *, first: bool) -> int:
        if first and self.delimiter is None:
            if len(text) < 4 * SNIFF_LIMIT and len(text.splitlines()) <= _SNIFF_LINES + 1:
                return 0  # not yet all the lines the sniffer reads
            self.delimiter = _sniff(text)
        assert self.delimiter is not None
        return _last_row_end(text, self.delimiter)

    def convert(
        self, text: str, convert: AnyConverter, *, target: str, source: str, first: bool
    ) -> str:
        if self.delimiter is None:  # the whole file is this one segment
            self.delimiter = _sniff(text)
        delimiter, strict = self.delimiter, self.strict_quotes
        out = _convert_every_cell(text, convert, delimiter, strict_quotes=strict)
        if out is None:  # the scanner names the malformed cell
            _scan(text, delimiter, strict_quotes=strict, first_line=1 + self.lines_before)
            raise AssertionError("the cell scanner accepts what the fast path refused")
        self.lines_before += text.count("\n") + _lone_cr_row_ends(text, delimiter)
        return out


def _unquoted_stretches(text: str, delimiter: str) -> Iterator[tuple[int, int]]:
    """The stretches of ``text`` outside its well-formed quoted cells, in order."""
    quoted = _splitters(delimiter)[0]
    last = 0
    for cell in quoted.finditer(text):
        yield last, cell.start()
        last = cell.end()
    yield last, len(text)


def _last_row_end(text: str, delimiter: str) -> int:
    """The end of the last row of ``text`` that is surely complete (0: none).

    Row ends are line breaks outside quoted cells. Nothing after a quote that opens a cell
    without closing is sure (the cell may close in the text still to come, or be an error
    the whole file reports), nor is a quoted cell that ends the text, nor a final CR that
    an LF may follow.
    """
    quote_at_start = _splitters(delimiter)[1]
    stretches = list(_unquoted_stretches(text, delimiter))
    limit = len(text) - 1 if text.endswith("\r") else len(text)
    if len(stretches) > 1 and stretches[-1][0] == len(text):
        stretches.pop()  # a quoted cell ends the text: it may go on
        limit = stretches[-1][1]
    for start, end in stretches:
        opened = quote_at_start.search(text, start, end)
        if opened is not None:
            limit = min(limit, opened.start())
            break
    best = 0
    for start, end in stretches:
        end = min(end, limit)
        if start >= end:
            break
        newline = max(text.rfind("\n", start, end), text.rfind("\r", start, end))
        if newline >= 0:
            best = newline + 1
    return best


def _lone_cr_row_ends(text: str, delimiter: str) -> int:
    """Rows ended by a bare CR (outside quoted cells): lines that no LF counts."""
    if "\r" not in text:
        return 0
    return sum(
        text.count("\r", start, end) - text.count("\r\n", start, end)
        for start, end in _unquoted_stretches(text, delimiter)
    )


class CsvFormat(DelimitedFormat):
    """Comma (or sniffed ``;``, tab, ``|``) separated values with ``"`` quoting."""

    name = "csv"
    extensions = (".csv",)


class TsvFormat(DelimitedFormat):
    """Tab separated values; a cell is quoted only when it parses cleanly as quoted."""

    name = "tsv"
    extensions = (".tsv", ".tab")
    delimiter = "\t"
    strict_quotes = False


# A quoted cell, its doubled quotes included: blanked before sniffing.
_QUOTED_CELL = re.compile(r'"(?:[^"]|"")*"')


# The delimiter is read from the first lines, but from no more than this many characters of
# them: a first cell of 50 MB (issue 11) made the quoted-cell regex and the sniffer hold
# gigabytes. Ordinary files never reach it, so their delimiter is read as before.
SNIFF_LIMIT = 1 << 16


_SNIFF_LINES = 20  # the delimiter is read from so many first lines


def _sniff(text: str) -> str:
    """The delimiter of the first lines, read with quoted cells emptied: a tab or a comma
    inside a quoted cell is text, not a delimiter (csv.Sniffer counts it otherwise)."""
    lines = "\n".join(_first_lines(text[: 4 * SNIFF_LIMIT], _SNIFF_LINES))
    sample = _QUOTED_CELL.sub('""', lines[:SNIFF_LIMIT])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines()[:count]`` without splitting the whole text.

    Doubling prefixes are split until one has more than ``count`` lines: then its first
    ``count`` lines are complete (a line break cut in two, ``\\r`` | ``\\n``, can only be
    the prefix's last character), so they are those of the whole text.
    """
    size = 1 << 16
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > count:
            return lines[:count]
        size *= 2
    return text.splitlines()[:count]


def _scan(text: str, delimiter: str, *, strict_quotes: bool, first_line: int = 1) -> list[_Cell]:
    """Every cell of the text, in order; a malformed quoted cell raises FormatError, named
    by its line (``first_line``: the number of the text's first line in its file).

    An unquoted cell ends at the next delimiter or line break, found by one regex search.
    """
    cells: list[_Cell] = []
    position = 0
    row = column = 0
    lone_cr_rows = 0  # rows ended by a bare \r: lines that have no \n to count
    length = len(text)
    cell_end = _cell_end(delimiter)
    while position < length:
        start = position
        quoted = False
        if text[position] == '"':
            end = _quoted_end(text, position)
            follows_well = end is not None and (
                end == length or text[end] == delimiter or text[end] in "\r\n"
            )
            if end is not None and follows_well:
                quoted = True
                position = end
            elif strict_quotes:
                problem = (
                    "a quoted cell never closes"
                    if end is None
                    else ("text after the closing quote of a cell")
                )
                line = first_line + text.count("\n", 0, start) + lone_cr_rows
                raise FormatError(f"malformed CSV at line {line}: {problem}")
        if not quoted:
            stop = cell_end.search(text, position)
            position = length if stop is None else stop.start()
        cells.append(_Cell(start, position, quoted, row, column))
        if position >= length:
            break
        if text[position] == delimiter:
            position += 1
            column += 1
            if position == length:
                cells.append(_Cell(position, position, False, row, column))
            continue
        newline = _NEWLINE.match(text, position)
        assert newline is not None
        position = newline.end()
        lone_cr_rows += newline.group() == "\r"
        row += 1
        column = 0
    return cells


@lru_cache(maxsize=8)
def _splitters(delimiter: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For one delimiter: the split at well-formed quoted cells (a quote at a cell start,
    closed by a quote that a delimiter, a line break or the end follows), and a quote at a
    cell start."""
    d = re.escape(delimiter)
    quoted = re.compile(f"({_quoted_cell(d)})")
    quote_at_start = re.compile(f'"(?<![^{d}\r\n]")')
    return quoted, quote_at_start


@lru_cache(maxsize=8)
def _cell_splitter(delimiter: str) -> re.Pattern[str]:
    """The split at well-formed quoted cells and at delimiters and line breaks, in one
    pass (quoted cells tried first: a quote at a cell start that does not close well is
    left in the text between)."""
    d = re.escape(delimiter)
    return re.compile(f"({_quoted_cell(d)}|\r\n|\r|\n|{d})")


def _quoted_cell(d: str) -> str:
    """A well-formed quoted cell for the escaped delimiter ``d``.

    Possessive (``++``, ``*+``): the same matches as ``(?:[^"]|"")*`` (the loop can only
    stop, and a closing quote only follow, where neither ``[^"]`` nor ``""`` goes on), but
    without a backtracking record per character: a 50 MB cell took gigabytes.
    """
    return f'"(?<![^{d}\r\n]")(?:[^"]++|"")*+"(?=[{d}\r\n]|\\Z)'


def _convert_every_cell(
    text: str, convert: AnyConverter, delimiter: str, *, strict_quotes: bool
) -> str | None:
    """Every cell converted (no column chosen): cells found by one regex split in C.

    The split keeps its separators: a cell's text, then what follows it (a well-formed
    quoted cell, quotes included, or a delimiter or line break), and so on. Blank cells are
    never converted. The cells' values are picked out, converted in one batch and put back
    by whole-list operations and one short loop, with no method call per cell. None when a
    quote opens a cell that does not close well and quotes are strict: the cell scanner
    names the error.
    """
    # Unquoted text, separator or quoted cell, unquoted text, ...: an unquoted text that is
    # not empty starts a cell (so a quote at its start opens a cell that does not close
    # well); one that follows a quoted cell is always empty.
    pieces = _cell_splitter(delimiter).split(text)
    unquoted = pieces[0::2]
    if (
        strict_quotes
        and '"' in "".join(unquoted)
        and any(map(str.startswith, unquoted, repeat('"')))
    ):
        return None
    del unquoted
    # Each piece's value (a quoted cell's text; a separator is blank), the ones to convert.
    values = pieces.copy()
    values[1::2] = [
        piece[1:-1].replace('""', '"') if piece[0] == '"' else "" for piece in pieces[1::2]
    ]
    wanted = list(compress(range(len(values)), map(str.strip, values)))
    batch = Batch()
    batch.texts = list(map(values.__getitem__, wanted))
    del values
    for index in wanted:  # let a quoted cell's raw text go (one cell may be 50 MB)
        pieces[index] = ""
    batch.run(convert)
    news = batch.take()[1]
    # A quoted cell is written back quoted: the same text as it was when its value did
    # not change. An unquoted one is quoted only when it now holds a delimiter or a line
    # break (an unchanged one holds neither).
    new = ""
    for index, new in zip(wanted, news, strict=True):
        if index & 1 or delimiter in new or "\n" in new or "\r" in new:
            pieces[index] = '"' + new.replace('"', '""') + '"'
        else:
            pieces[index] = new
    del news, new
    return "".join(pieces)


@lru_cache(maxsize=8)
def _cell_end(delimiter: str) -> re.Pattern[str]:
    """What ends an unquoted cell: the delimiter or a line break (found by one search)."""
    return re.compile(f"[{re.escape(delimiter)}\r\n]")


def _quoted_end(text: str, start: int) -> int | None:
    """Offset just after the closing quote of the quoted cell at ``start``; None if open."""
    position = start + 1
    while True:
        quote = text.find('"', position)
        if quote == -1:
            return None
        if text.startswith('"', quote + 1):
            position = quote + 2
            continue
        return quote + 1


def _select(
    cells: list[_Cell], text: str, columns: tuple[int | str, ...] | None
) -> tuple[set[int] | None, int]:
    """The 0-based columns to convert (None = all) and the header row to keep (-1 = none)."""
    if not columns:
        return None, -1
    header = [cell.value(text).strip().lstrip("\ufeff") for cell in cells if cell.row == 0]
    width = 1 + max((cell.column for cell in cells), default=-1)  # of the widest row
    selected: set[int] = set()
    by_name = False
    for column in columns:
        spec = column.strip() if isinstance(column, str) else column
        if isinstance(spec, int) or spec.isdigit():
            number = int(spec)
            if number < 1:
                raise FormatError(f"column numbers start at 1, not {number}")
            if cells and number > width:  # an empty file has no column to choose from
                plural = "" if width == 1 else "s"
                raise FormatError(f"column {number}: the file has {width} column{plural}")
            selected.add(number - 1)
            continue
        by_name = True
        if spec not in header:
            raise FormatError(f"no column named {spec!r} in the header row")
        selected.add(header.index(spec))
    return selected, (0 if by_name else -1)


def _encode(value: str, delimiter: str, *, quoted: bool) -> str:
    """A converted cell: quoted when the original was, or when it now needs quotes."""
    if quoted or _cell_end(delimiter).search(value) is not None:
        return '"' + value.replace('"', '""') + '"'
    return value
