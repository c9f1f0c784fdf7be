"""Format-aware conversion: convert only the human text of a file, keep the rest byte for byte.

A web page, a translation catalogue or a subtitle file converted as plain text breaks (a
URL in a link, a JSON key, a ``%s`` placeholder, a timecode). Each module here knows one
kind of file, sends only its human text to the converter and rebuilds the file from the
original text around it, so every byte that is not converted text stays as it was.

Interface (used by the CLI for ``convert``, ``--diff``, ``--check``, ``-i`` and ``preview``)::

    TextConverter = Callable[[str], str]      # pure; e.g. yozuv.get_converter(...).convert
    class BatchConverter(Protocol):           # e.g. the yozuv.get_converter(...) object
        def convert(self, text) -> str
        def convert_many(self, texts) -> list[str]    # == [convert(t) for t in texts]
    AnyConverter = TextConverter | BatchConverter

    class Format:
        name: str                  # "text" "markdown" "html" "po" "json" "srt" "vtt"
                                   # "csv" "tsv" "docx"
        extensions: tuple[str, ...]
        binary: bool               # True only for docx: works on bytes, not decoded text
        def convert_text(self, text, convert, *, target, source) -> str      # text formats
        def convert_bytes(self, data, convert, *, target, source) -> bytes   # binary formats
                                   # convert: AnyConverter
        def extract_text(self, data) -> str     # binary formats: text for diff/preview/detect

    format_names() -> list[str]
    format_for(path, override=None) -> Format

``convert`` may be either kind and the output is the same. A format gathers all the human
text of a file first and converts it with one ``convert_many`` call (a plain function is
called once per text, in document order), so pass the ``Converter`` object itself rather
than its bound ``.convert``: a file of many short messages then costs one memo pass instead
of one converter call per message.

``target``/``source`` are script names (``cyrillic``, ``latin``, ``latin2026``); formats use
them only for metadata (HTML ``lang``, the PO ``Language`` header, ARB ``@@locale``).

``format_for`` picks by extension (case-insensitive); ``override`` is the ``--format`` value
(``None`` or ``"auto"`` = by extension; names and aliases such as ``md``, ``htm``, ``pot``,
``arb``, ``txt`` are accepted). An unknown override raises :class:`FormatError`, and so does a
binary format yozuv cannot handle (``.pdf``, ``.xlsx``, ``.odt``, images, archives ...).
Anything else is plain text.

Record formats (JSON Lines ``.jsonl``/``.jsonl.gz``/``.jsonl.zst``, Parquet ``.parquet``):
:class:`RecordFormat` subclasses with ``streams = True``. They convert the string values of
the chosen fields (``fmt.with_fields(["text"])``; all string fields by default) and keep
everything else byte-identical (JSONL) or schema-identical (Parquet), and they stream:
``convert_stream(source, sink, choose)`` reads and writes in bounded memory, calling
``choose(sample)`` once with text of the first records to get the converter (so the script
is detected on the values, not the keys). ``convert_bytes`` is the same on bytes in memory.

CSV/TSV column selection (``--columns``): ``format_for`` returns a
:class:`~yozuv.formats.delimited.DelimitedFormat`; call ``fmt.with_columns(["2", "name"])``
(1-based numbers or header names, as strings or ints) to get a copy that converts only those
columns, or pass ``columns=`` to its ``convert_text``.

Every malformed input raises :class:`yozuv.errors.FormatError` with a one-line message that
says where (line/column) when it can.
"""

from __future__ import annotations

import os

from yozuv.errors import FormatError
from yozuv.formats._base import Format, RecordFormat, Segmenter, TextFormat
from yozuv.formats._text import AnyConverter, BatchConverter, TextConverter
from yozuv.formats.delimited import CsvFormat, DelimitedFormat, TsvFormat
from yozuv.formats.html import HtmlFormat
from yozuv.formats.json import JsonFormat
from yozuv.formats.jsonl import JsonLinesFormat
from yozuv.formats.markdown import MarkdownFormat
from yozuv.formats.parquet import ParquetFormat
from yozuv.formats.plain import PlainFormat
from yozuv.formats.po import PoFormat
from yozuv.formats.subtitles import SrtFormat, VttFormat
from yozuv.formats.word import DocxFormat

__all__ = [
    "AnyConverter",
    "BatchConverter",
    "DelimitedFormat",
    "Format",
    "FormatError",
    "RecordFormat",
    "Segmenter",
    "TextConverter",
    "TextFormat",
    "format_for",
    "format_names",
]

_FORMATS: tuple[Format, ...] = (
    PlainFormat(),
    MarkdownFormat(),
    HtmlFormat(),
    PoFormat(),
    JsonFormat(),
    SrtFormat(),
    VttFormat(),
    CsvFormat(),
    TsvFormat(),
    DocxFormat(),
    JsonLinesFormat(),
    ParquetFormat(),
)
_BY_NAME: dict[str, Format] = {fmt.name: fmt for fmt in _FORMATS}
_ALIASES: dict[str, str] = {
    "txt": "text",
    "plain": "text",
    "md": "markdown",
    "htm": "html",
    "xhtml": "html",
    "pot": "po",
    "gettext": "po",
    "arb": "json",
    "webvtt": "vtt",
    "word": "docx",
    "ndjson": "jsonl",
    "jsonlines": "jsonl",
    "pq": "parquet",
}
_BY_EXTENSION: dict[str, Format] = {ext: fmt for fmt in _FORMATS for ext in fmt.extensions}
# Extensions of two parts (``.jsonl.gz``): looked up before the last part alone.
_COMPOUND: tuple[str, ...] = tuple(ext for ext in _BY_EXTENSION if ext.count(".") > 1)

# Binary formats a user may plausibly point yozuv at; refusing them with a hint beats
# "converting" their bytes as text.
# fmt: off
_UNSUPPORTED: frozenset[str] = frozenset(
    [
        ".pdf", ".doc", ".docm", ".dotx", ".rtf", ".xls", ".xlsx", ".xlsm", ".ods", ".odt",
        ".odp", ".ppt", ".pptx", ".epub", ".pages", ".numbers", ".key", ".zip", ".gz", ".tgz",
        ".bz2", ".xz", ".7z", ".rar", ".tar", ".jar", ".png", ".jpg", ".jpeg", ".gif", ".bmp",
        ".tif", ".tiff", ".webp", ".ico", ".heic", ".psd", ".mp3", ".mp4", ".m4a", ".wav",
        ".ogg", ".flac", ".mkv", ".avi", ".mov", ".webm", ".exe", ".dll", ".so", ".dylib",
        ".bin", ".iso", ".woff", ".woff2", ".ttf", ".otf", ".sqlite", ".db", ".pyc", ".class",
        ".mo"
    ]
)
# fmt: on


def format_names() -> list[str]:
    """The names ``--format`` accepts (besides ``auto`` and the aliases)."""
    return [fmt.name for fmt in _FORMATS]


def format_for(path: str | None, override: str | None = None) -> Format:
    """The format for ``path`` (``None`` = stdin), or the one named by ``override``."""
    if override is not None and override.lower() != "auto":
        key = override.lower()
        found = _BY_NAME.get(_ALIASES.get(key, key))
        if found is None:
            known = ", ".join(["auto", *format_names()])
            raise FormatError(f"unknown format {override!r} (known: {known})")
        return found
    if path is None:
        return _BY_NAME["text"]
    lowered = path.lower()
    for compound in _COMPOUND:
        if lowered.endswith(compound):
            return _BY_EXTENSION[compound]
    extension = os.path.splitext(path)[1].lower()
    if extension in _UNSUPPORTED:
        # No file name: the caller knows which file it is (the CLI names it once).
        raise FormatError(
            f"{extension} files are not supported", hint="convert them to .docx, .csv or text first"
        )
    return _BY_EXTENSION.get(extension, _BY_NAME["text"])
