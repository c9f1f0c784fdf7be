"""JSON Lines (``.jsonl``, ``.ndjson``; gzip ``.jsonl.gz``; zstd ``.jsonl.zst`` with the
``zstandard`` library): one JSON record per line, as corpora and datasets ship.

Only string *values* change, and only those of the chosen top-level fields (``--field``;
every string value when none is named; everything below a chosen field, such as the strings
of a list or of a nested object, is converted with it). Keys are never converted. Each
value is converted with the converter as a whole (``Converter.convert(text)``, no
placeholder handling: a corpus is text, not a message catalogue).

Bytes: a line is rebuilt from its original text, so keys, numbers, spacing, key order,
line endings (LF or CRLF), blank lines and every untouched value are copied byte for byte.
A changed value is re-encoded in the style of the original literal (the escapes of
:mod:`yozuv.formats.json`): a record written by ``json.dumps`` with ``ensure_ascii`` (all
non-ASCII as ``\\uXXXX``) gets its new letters escaped the same way; an ASCII record with no
escape to tell follows the last record that did tell.

Compression is recognised by its magic bytes and the output is compressed the same way
(gzip level 6 with no name and time 0, zstd level 3), so a run gives the same bytes every
time. Memory is bounded: lines are read, converted (one ``convert_many`` per batch of
about a megabyte) and written batch by batch. Every line must be valid JSON (UTF-8); a bad
one raises :class:`FormatError` naming it.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, cast

from yozuv.errors import FormatError
from yozuv.formats._base import RecordFormat, sample_of
from yozuv.formats._text import AnyConverter, as_batch_converter
from yozuv.formats.json import _LITERAL_SPLIT, _U_ESCAPE_NON_ASCII, _decode, _encode

BATCH_BYTES = 1 << 20  # lines converted together (one convert_many call)

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# A literal and the colon after it when it is a key, or a bracket.
_RECORD_TOKEN = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")([ \t\n\r]*:)?|[{\[]|[}\]]', re.DOTALL)


class JsonLinesFormat(RecordFormat):
    """String values of the chosen fields converted; the rest of each line byte-identical."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")

    def convert_stream(
        self, source: BinaryIO, sink: BinaryIO, choose: Callable[[str], AnyConverter]
    ) -> bool:
        reader, writer, finish = _open_codec(source, sink)
        converter = None
        changed = False
        state = _Style()
        number = 0
        try:
            for batch in _batches(reader):
                lines = [_decode_line(raw, number + i + 1) for i, raw in enumerate(batch)]
                plans = [_plan(line, self.fields, number + i + 1) for i, line in enumerate(lines)]
                texts = [text for plan in plans for text in plan.texts]
                if converter is None:
                    converter = as_batch_converter(choose(sample_of(texts)))
                results = converter.convert_many(texts) if texts else []
                out: list[bytes] = []
                start = 0
                for raw, line, plan in zip(batch, lines, plans, strict=True):
                    new = results[start : start + len(plan.texts)]
                    start += len(plan.texts)
                    rebuilt = plan.rebuild(line, new, state)
                    if rebuilt is None:
                        out.append(raw)
                    else:
                        changed = True
                        out.append(rebuilt.encode("utf-8", "surrogatepass"))
                writer.write(b"".join(out))
                number += len(batch)
            if converter is None:
                choose("")
        finally:
            finish()
        return changed

    def extract_text(self, data: bytes) -> str:
        """The decompressed lines (what ``--diff`` and ``preview`` show)."""
        reader, _writer, _finish = _open_codec(io.BytesIO(data), io.BytesIO())
        return reader.read().decode("utf-8", "replace")


class _Style:
    """What the records seen so far tell about writing new non-ASCII letters."""

    __slots__ = ("escapes",)

    def __init__(self) -> None:
        self.escapes = False

    def update(self, line: str) -> bool:
        """Whether this line's new letters are written as ``\\uXXXX`` escapes."""
        body = line.lstrip("\ufeff")
        if not body.isascii():
            self.escapes = False
        elif _U_ESCAPE_NON_ASCII.search(body) is not None:
            self.escapes = True
        return self.escapes


class _Plan:
    """The value literals of one line to convert: where they are and their texts."""

    __slots__ = ("pieces", "slots", "texts")

    def __init__(self, pieces: list[str], slots: list[int], texts: list[str]) -> None:
        self.pieces = pieces  # the line cut around the literals
        self.slots = slots  # the index in ``pieces`` of each literal to convert
        self.texts = texts  # its decoded text

    def rebuild(self, line: str, new: list[str], style: _Style) -> str | None:
        """The line with its converted values, or None when nothing changed."""
        escapes = style.update(line)
        pieces: list[str] | None = None
        for slot, old_text, new_text in zip(self.slots, self.texts, new, strict=True):
            if new_text == old_text:
                continue
            if pieces is None:
                pieces = list(self.pieces)
            pieces[slot] = _encode(new_text, _decode(self.pieces[slot]), escapes)
        return None if pieces is None else "".join(pieces)


def _plan(line: str, fields: tuple[str, ...], number: int) -> _Plan:
    body = line.lstrip("\ufeff")
    if not body.strip(" \t\r\n"):
        return _Plan([], [], [])
    try:
        json.loads(body)
    except json.JSONDecodeError as error:
        raise FormatError(
            f"line {number}: malformed JSON at column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise FormatError(f"line {number}: JSON nested too deeply to convert safely") from None
    if not fields:
        return _all_values(line)
    return _chosen_values(line, fields)


def _all_values(line: str) -> _Plan:
    pieces = _LITERAL_SPLIT.split(line)  # between, literal, colon or "", between, ...
    slots: list[int] = []
    texts: list[str] = []
    for index in range(1, len(pieces), 3):
        if pieces[index + 1]:  # a key
            continue
        raw = pieces[index]
        slots.append(index)
        texts.append(raw[1:-1] if "\\" not in raw else _decode(raw).text)
    return _Plan(pieces, slots, texts)


def _chosen_values(line: str, fields: tuple[str, ...]) -> _Plan:
    """The values of a record (an object per line) that belong to one of ``fields``."""
    pieces: list[str] = []
    slots: list[int] = []
    texts: list[str] = []
    depth = 0
    key: str | None = None
    last = 0
    for token in _RECORD_TOKEN.finditer(line):
        raw = token.group(1)
        if raw is None:
            depth += 1 if token.group() in "{[" else -1
            continue
        if token.group(2) is not None:  # a key
            if depth == 1:
                key = raw[1:-1] if "\\" not in raw else _decode(raw).text
            continue
        if depth >= 1 and key in fields:
            pieces.append(line[last : token.start(1)])
            slots.append(len(pieces))
            pieces.append(raw)
            texts.append(raw[1:-1] if "\\" not in raw else _decode(raw).text)
            last = token.end(1)
    pieces.append(line[last:])
    return _Plan(pieces, slots, texts)


def _decode_line(raw: bytes, number: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FormatError(
            f"line {number}: not UTF-8 (byte {error.start + 1} of the line)",
            hint="JSON Lines files are UTF-8",
        ) from None


def _batches(reader: BinaryIO) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    size = 0
    for raw in reader:
        batch.append(raw)
        size += len(raw)
        if size >= BATCH_BYTES:
            yield batch
            batch = []
            size = 0
    if batch:
        yield batch


def _open_codec(source: BinaryIO, sink: BinaryIO) -> tuple[BinaryIO, BinaryIO, Callable[[], None]]:
    """The decompressed reader, the compressing writer and what closes it, by magic bytes."""
    buffered: Any = source if hasattr(source, "peek") else io.BufferedReader(cast(Any, source))
    head = buffered.peek(4)[:4]
    if head[:2] == _GZIP_MAGIC:
        import gzip

        reader = gzip.GzipFile(fileobj=buffered, mode="rb")
        writer = gzip.GzipFile(filename="", fileobj=sink, mode="wb", compresslevel=6, mtime=0)
        return cast(BinaryIO, reader), cast(BinaryIO, writer), writer.close
    if head == _ZSTD_MAGIC:
        zstandard = _zstandard()
        stream = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
        zreader = io.BufferedReader(stream)
        zwriter = zstandard.ZstdCompressor(level=3).stream_writer(sink, closefd=False)
        return cast(BinaryIO, zreader), cast(BinaryIO, zwriter), zwriter.close
    return buffered, sink, _nothing


def _nothing() -> None:
    return None


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise FormatError(
            "zstd-compressed JSON Lines need the zstandard library",
            hint="pip install 'yozuv[zstd]'",
        ) from None
    return zstandard
