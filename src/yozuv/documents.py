"""One document converted: settings, the choice of direction, the format, bytes in and out.

Why one module: every command that shows or writes a conversion (``convert`` on files and
on stdin, ``--diff``, ``--check``, ``-i``, ``-o``, ``-O``, ``preview``) goes through
:func:`convert_document` (or, for plain text to stdout, :func:`stream_convert`, which
gives the same text piece by piece), so what a user previews is what they get. With a
:class:`Recorder` the same call also keeps every decision the engine took (its
``explain`` mode, the same rules in the same pass) for each piece of human text the format
handed over: that is what ``preview`` marks.

No click and no rich here. The library (:func:`yozuv.get_converter`), the format handlers
and :mod:`yozuv.textio` are imported inside the functions that need them, so the plain
filter does not pay for the format handlers or detection it does not use; the small records
are named tuples for the same reason (a dataclass costs several times as much to define).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from yozuv.errors import YozuvError
from yozuv.records import Record

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from yozuv.api import Converter
    from yozuv.engine import Decision, Explained
    from yozuv.formats import Format, Segmenter
    from yozuv.textio import Decoded


SAMPLE_LIMIT = 4096  # characters of a stream kept to tell its script when nothing converted


class ConvertSettings(Record):
    """Everything that decides how text is converted; picklable so workers can use it."""

    to: str | None = None
    source: str = "auto"
    apostrophe: str = "unicode"
    protect: tuple[str, ...] = ()
    scheme: str | None = None
    encoding: str = "utf-8"
    output_encoding: str | None = None  # None: UTF-8, or the file's own with keep_encoding
    format: str = "auto"
    columns: tuple[str, ...] = ()
    keep_encoding: bool = False  # -i and --check: a rewritten file keeps its encoding
    fields: tuple[str, ...] = ()  # JSON Lines/Parquet: the fields converted (--field)
    abbreviations: str | None = None  # rules (AQSH) or press (AQSh); None: the table's
    soft_sign: str | None = None  # 1956 (апрель) or modern (апрел); None: the table's
    russian: str = "keep"  # keep Russian passages of Cyrillic text, or convert them


def default_target(source: str) -> str:
    """Without ``-t``: the other script (Latin of either alphabet goes to Cyrillic)."""
    return "latin" if source == "cyrillic" else "cyrillic"


def guess_source(text: str, target: str | None = None) -> str | None:
    """The script to convert ``text`` from, or None when it has no letters yozuv converts.

    Usually the dominant script. But when ``-t`` names the dominant script itself and the
    text also holds letters of the other side (a CSV with Latin headers and Cyrillic
    cells, a Latin document with Cyrillic quotes), the user plainly wants those converted,
    so the minority script is the source. Only the Cyrillic/Latin boundary is crossed this
    way: a stray ö in 1995 Latin is a foreign name, not a reason to read Latin 2026.
    """
    from yozuv.detect import SAMPLE_CHARS, detect, guess_script

    script = guess_script(text)
    if script == "unknown":
        return None
    latin_side = ("latin", "latin2026")
    same_side = target == script or (target in latin_side and script in latin_side)
    if target is None or not same_side:
        return script
    shares = detect(text[:SAMPLE_CHARS]).shares
    if target in latin_side and shares.get("cyrillic", 0.0) > 0:
        return "cyrillic"
    if target == "cyrillic" and shares.get("latin", 0.0) + shares.get("latin2026", 0.0) > 0:
        return "latin2026" if shares.get("latin2026", 0.0) > shares.get("latin", 0.0) else "latin"
    return script


@functools.lru_cache(maxsize=16)
def scheme_direction(path: str) -> tuple[str, str]:
    """(source, target) a user scheme file declares; it decides when -f/-t are not given."""
    from yozuv.registry import load_scheme

    loaded = load_scheme(path)
    return loaded.source, loaded.target


TextConverter = Callable[[str], str]


@functools.lru_cache(maxsize=32)
def library_converter(settings: ConvertSettings, source: str, target: str) -> Converter:
    """The library's ``Converter`` for one direction (memoised: many files share it).

    Built on first use, so a run that converts nothing (``--help``, a usage error, an empty
    input) never loads a mapping file.
    """
    from yozuv.api import get_converter

    return get_converter(
        target,
        source=source,
        apostrophe=settings.apostrophe,
        protect=settings.protect,
        scheme=settings.scheme,
        abbreviations=settings.abbreviations,
        soft_sign=settings.soft_sign,
        russian=settings.russian,
    )


def get_text_converter(settings: ConvertSettings, source: str, target: str) -> TextConverter:
    """A ``str -> str`` function for one direction; the identity when there is nothing to do."""
    if source == target and settings.scheme is None:
        return _unchanged
    # The converter itself, not its bound method: it is called like a function, and the
    # formats see that it converts many messages at once (convert_many).
    convert: TextConverter = library_converter(settings, source, target)
    return convert


def provisional_warnings(settings: ConvertSettings, direction: Direction) -> tuple[str, ...]:
    """The notices of a provisional scheme (Latin 2026 may still change) for a direction."""
    if direction.source is None or direction.source == direction.target:
        return ()
    try:
        return tuple(library_converter(settings, direction.source, direction.target).warnings)
    except YozuvError:
        return ()


def _unchanged(text: str) -> str:
    return text


class Direction(Record):
    """The pair of scripts chosen for one text (source None = nothing to convert)."""

    source: str | None
    target: str


def choose_direction(settings: ConvertSettings, sample: str) -> Direction:
    """Decide source and target for a text: the options, the scheme file, or detection."""
    source: str | None = settings.source
    target = settings.to
    if settings.scheme is not None and (source == "auto" or target is None):
        scheme_source, scheme_target = scheme_direction(settings.scheme)
        source = scheme_source if source == "auto" else source
        target = target or scheme_target
    if source == "auto":
        source = guess_source(sample, target)
    if target is None:
        target = default_target(source or "cyrillic")
    return Direction(source, target)


def converter_for(settings: ConvertSettings, direction: Direction) -> TextConverter:
    """The converter for a chosen direction; the identity when there are no letters to convert."""
    if direction.source is None:
        return _unchanged
    return get_text_converter(settings, direction.source, direction.target)


class Converted(Record):
    """A whole document before and after (text forms are what a diff shows)."""

    old_bytes: bytes
    new_bytes: bytes
    old_text: str
    new_text: str
    direction: Direction
    notice: str | None = None  # a word for the user when nothing was converted oddly


class Streamed(Record):
    """What :func:`stream_convert` found: the direction (None: no letters) and a notice."""

    direction: Direction | None
    notice: str | None = None


def nothing_converted_notice(
    settings: ConvertSettings, direction: Direction, sample: str
) -> str | None:
    """When ``-f`` named a script the text is not in, nothing converts and the output is the
    input: say so, since a silent exit 0 hid the mistake (the run still succeeds: a text
    may rightly hold nothing to convert). None when the source was detected or the text is
    in that script."""
    if settings.source == "auto" or direction.source is None or settings.scheme is not None:
        return None
    from yozuv.detect import guess_script

    script = guess_script(sample)
    if script in ("unknown", direction.source):
        return None
    return (
        f"nothing converted: no {direction.source} letters to convert"
        f" (the text looks {script}; drop -f to detect the script)"
    )


def format_handler(path: Path | None, settings: ConvertSettings) -> Format | None:
    """The format handler for a file, or None for plain text.

    Stdin without ``--format`` is plain text without asking: the filter path must not pay
    for importing the format handlers.
    """
    plain = settings.format in ("text", "txt", "plain") or (
        path is None and settings.format == "auto"
    )
    if plain and not settings.columns:
        return None
    from yozuv.formats import DelimitedFormat, RecordFormat, format_for

    override = None if settings.format == "auto" else settings.format
    handler = format_for(str(path) if path is not None else None, override)
    if settings.fields and isinstance(handler, RecordFormat):  # other formats: as usual
        return handler.with_fields(settings.fields)
    if settings.columns:
        if not isinstance(handler, DelimitedFormat):
            raise YozuvError("--columns works on CSV/TSV files only (or give --format csv)")
        return handler.with_columns(list(settings.columns))
    return None if handler.name == "text" else handler


def human_text(handler: Format, text: str, settings: ConvertSettings) -> str:
    """The parts of a structured text the format handler would convert (for detection).

    Detecting the script on a whole HTML or JSON file would count tag and key names as
    Latin; a dry run of the handler with a converter that only records what it is given
    yields exactly the human text. Skipped when the source script is given.
    """
    if settings.source != "auto":
        return ""
    pieces: list[str] = []

    def record(piece: str) -> str:
        pieces.append(piece)
        return piece

    handler.convert_text(text, record, target=settings.to or "latin", source="auto")
    return "\n".join(pieces)


class Recorded(Record):
    """One piece of human text a format handed over, and what the engine did with it."""

    source: str
    output: str
    decisions: Sequence[Decision]


class Recorder:
    """Converts like the converter it wraps, keeping each piece's decisions (for preview).

    It is what the format is handed instead of the converter: called once per piece of
    human text, it answers with the text of ``explain``, which is the text ``convert``
    gives (a property test holds the engine to it), so the document comes out exactly as
    :func:`convert_document` makes it otherwise.
    """

    def __init__(self) -> None:
        self.pieces: list[Recorded] = []
        self._explain: Callable[[str], Explained] | None = None

    def wrap(self, explain: Callable[[str], Explained]) -> Recorder:
        self._explain = explain
        return self

    def __call__(self, text: str) -> str:
        assert self._explain is not None, "Recorder used before wrap()"
        explained = self._explain(text)
        self.pieces.append(Recorded(text, explained.text, explained.decisions))
        return explained.text


def convert_document(
    data: bytes,
    path: Path | None,
    display: str,
    settings: ConvertSettings,
    *,
    recorder: Recorder | None = None,
) -> Converted:
    """Convert a whole document held in memory, format-aware: the one road for files, stdin
    read whole, ``--check``, ``--diff`` and ``preview``. With ``recorder`` the engine runs in
    its recording mode and the recorder keeps the decisions of every converted piece."""
    from yozuv.engine import Engine

    before = Engine.passages_kept
    converted = _convert_document(data, path, display, settings, recorder)
    return converted._replace(notice=with_passages(converted.notice, before))


def with_passages(notice: str | None, before: int) -> str | None:
    """``notice`` and what a user is told of the Russian passages kept in Cyrillic since the
    engines' count stood at ``before`` (nothing added when there were none)."""
    from yozuv.engine import Engine

    count = Engine.passages_kept - before
    if not count:
        return notice
    what = "passage" if count == 1 else "passages"
    kept = f"{count} Russian {what} kept in Cyrillic (--russian convert converts them)"
    return kept if notice is None else f"{notice}; {kept}"


def _convert_document(
    data: bytes,
    path: Path | None,
    display: str,
    settings: ConvertSettings,
    recorder: Recorder | None,
) -> Converted:
    handler = format_handler(path, settings)
    if handler is not None and handler.streams:
        import io

        sink = io.BytesIO()
        streamed = _stream_records(handler, io.BytesIO(data), sink, settings)
        new_bytes = sink.getvalue()
        direction = streamed.direction or Direction(None, settings.to or "latin")
        old_text, new_text = handler.extract_text(data), handler.extract_text(new_bytes)
        return Converted(data, new_bytes, old_text, new_text, direction, streamed.notice)
    if handler is not None and handler.binary:
        old_text = handler.extract_text(data)
        direction = choose_direction(settings, old_text)
        convert = _recording(recorder, settings, direction)
        new_bytes = handler.convert_bytes(
            data, convert, target=direction.target, source=direction.source or ""
        )
        new_text = handler.extract_text(new_bytes)
        notice = (
            nothing_converted_notice(settings, direction, old_text) if new_bytes == data else None
        )
        return Converted(data, new_bytes, old_text, new_text, direction, notice)
    from yozuv import textio

    declared = None if handler is None else handler.declared_encoding
    decoded: Decoded = textio.decode(data, settings.encoding, name=display, declared=declared)
    mojibake = mojibake_problem(decoded.text, display, refuse=settings.encoding.lower() == "auto")
    sample = decoded.text if handler is None else human_text(handler, decoded.text, settings)
    direction = choose_direction(settings, sample)
    convert = _recording(recorder, settings, direction)
    if handler is None:
        new_text = convert(decoded.text)
    else:
        new_text = handler.convert_text(
            decoded.text, convert, target=direction.target, source=direction.source or ""
        )
    codec = settings.output_encoding or (decoded.encoding if settings.keep_encoding else "utf-8")
    # Whether any letter converted, before the file's declaration of its encoding is made
    # to name the codec it is written in (a PO header's charset).
    unchanged = new_text == decoded.text
    same_codec = textio.codec_name(codec, display) == textio.codec_name(decoded.encoding, display)
    if handler is not None and not (unchanged and same_codec):
        # A file nothing converts and that is written in the codec it was read in is left
        # as it was, its declaration too (a template's charset=CHARSET placeholder).
        new_text = handler.redeclare_encoding(new_text, codec)
    new_bytes = textio.encode(new_text, codec, bom=decoded.bom, name=display)
    notice = nothing_converted_notice(settings, direction, sample) if unchanged else mojibake
    return Converted(data, new_bytes, decoded.text, new_text, direction, notice)


def mojibake_problem(text: str, display: str, *, refuse: bool) -> str | None:
    """A text that is wholly UTF-8 misread in another code page (``Ð¡Ð°Ð»Ð¾Ð¼``): converting
    it would garble it for good. With ``--encoding auto`` (the user asked yozuv to find the
    encoding) it is refused; otherwise the conversion goes on with a notice."""
    if text.isascii():
        return None
    from yozuv.detect import repair_mojibake

    repair = repair_mojibake(text)
    if repair is None:
        return None
    reason = f"looks like UTF-8 read as {repair.codec} (mojibake)"
    hint = f"repair it first: iconv -f UTF-8 -t {repair.codec.upper()} {display} > FIXED"
    if refuse:
        from yozuv.errors import EncodingError

        raise EncodingError(reason, path=display, hint=hint)
    return f"{reason}; {hint}"


def _recording(
    recorder: Recorder | None, settings: ConvertSettings, direction: Direction
) -> TextConverter:
    """The converter for the direction, or the recorder wrapped around its explain mode."""
    if recorder is None:
        return converter_for(settings, direction)
    return recorder.wrap(explainer_for(settings, direction))


# A segmented format's file is converted in segments of at least this many characters.
SEGMENT_CHARS = 1 << 20


def segments(handler: Format | None) -> bool:
    """Whether a large file of this format is converted segment by segment (subtitles,
    CSV without --columns)."""
    return handler is not None and handler.segmenter() is not None


def stream_convert(
    source: BinaryIO,
    sink: BinaryIO,
    settings: ConvertSettings,
    name: str,
    on_read: Callable[[int], object] | None = None,
    *,
    handler: Format | None = None,
    segment_chars: int = SEGMENT_CHARS,
) -> Streamed:
    """Convert a byte stream piece by piece, flushing each piece (``tail -f | yozuv``).

    Pieces are cut at line ends (or spaces in a huge line) by textio, and the engine never
    lets a word cross a line, so the result equals converting the whole text at once while
    memory stays bounded. The source script is detected on the first piece that has
    letters; pieces before it have nothing to convert and pass through as they are.
    ``on_read`` hears the size of every block read (a progress bar).

    With ``handler`` (a :func:`segments` format) the pieces are gathered into segments of
    about ``segment_chars`` characters, cut where the format says a segment may end, and
    each is converted by the format: a subtitle file of a million cues in bounded memory.
    """
    from yozuv.engine import Engine

    before = Engine.passages_kept
    streamed = _stream_convert(source, sink, settings, name, on_read, handler, segment_chars)
    return streamed._replace(notice=with_passages(streamed.notice, before))


def _segmented(chunks: Iterator[str], segmenter: Segmenter, size: int) -> Iterator[str]:
    """The text of ``chunks`` regathered into segments the format may convert one by one.

    A cut is looked for once ``size`` characters are waiting; when the format finds none
    (no blank line yet), the next look waits for twice as many, so a file without a single
    cut is joined O(n) times in all, not once per piece. At least one segment is yielded,
    so an empty file meets the format's own checks as it does whole.
    """
    waiting: list[str] = []
    count = 0
    wanted = size
    first = True
    for piece in chunks:
        waiting.append(piece)
        count += len(piece)
        if count < wanted:
            continue
        text = "".join(waiting)
        end = segmenter.end(text, first=first)
        if not end:
            waiting, wanted = [text], 2 * count
            continue
        yield text[:end]
        first = False
        rest = text[end:]
        waiting, count, wanted = [rest], len(rest), size
    if first or count:
        yield "".join(waiting)


def _stream_convert(
    source: BinaryIO,
    sink: BinaryIO,
    settings: ConvertSettings,
    name: str,
    on_read: Callable[[int], object] | None,
    handler: Format | None = None,
    segment_chars: int = SEGMENT_CHARS,
) -> Streamed:
    from yozuv import textio

    chunks = textio.iter_text_chunks(source, settings.encoding, name=name, on_read=on_read)
    pieces: Iterator[str] = chunks
    segmenter = None if handler is None else handler.segmenter()
    if segmenter is not None:
        pieces = _segmented(chunks, segmenter, segment_chars)
    else:
        assert handler is None, f"the {handler.name} format is not converted in segments"
    first_segment = True
    changed = False
    sample = ""  # the start of the text while nothing changed: for the notice
    encoder: textio.StreamEncoder | None = None
    direction: Direction | None = None
    convert: TextConverter | None = None
    if settings.source != "auto" or settings.scheme is not None:
        direction = choose_direction(settings, "")
        convert = converter_for(settings, direction)
    mojibake: str | None = None
    checked = False  # the first piece with non-ASCII text is checked for mojibake
    auto = settings.encoding.lower() == "auto"
    for piece in pieces:
        if encoder is None:
            # -i keeps the file's own encoding (known once the first piece is read)
            codec = settings.output_encoding or (
                chunks.encoding if settings.keep_encoding else "utf-8"
            )
            written_to = name if settings.keep_encoding else "<stdout>"
            encoder = textio.StreamEncoder(codec, bom=chunks.bom, name=written_to)
        if not checked and not piece.isascii():
            checked = True
            mojibake = mojibake_problem(piece, name, refuse=auto)
        found = direction
        if convert is None:
            detect_on = piece if handler is None else human_text(handler, piece, settings)
            found = choose_direction(settings, detect_on)
            if found.source is not None:
                direction = found
                convert = converter_for(settings, found)
        if segmenter is None:
            output = convert(piece) if convert is not None else piece
        else:
            # Before the script is known (no letters yet) the format still runs, with
            # nothing to convert, as it does on the whole document's road.
            assert found is not None
            output = segmenter.convert(
                piece,
                convert or _unchanged,
                target=found.target,
                source=found.source or "",
                first=first_segment,
            )
            first_segment = False
        if output != piece:
            changed = True
        elif not changed and len(sample) < SAMPLE_LIMIT:
            sample += piece[: SAMPLE_LIMIT - len(sample)]
        sink.write(encoder.encode(output))
        sink.flush()
    if changed or direction is None:
        return Streamed(direction, mojibake)
    return Streamed(direction, nothing_converted_notice(settings, direction, sample) or mojibake)


def streams(path: Path | None, settings: ConvertSettings) -> bool:
    """Whether the file is converted as a stream of records (JSON Lines, Parquet)."""
    try:
        handler = format_handler(path, settings)
    except YozuvError:
        return False
    return handler is not None and handler.streams


def stream_document(
    source: BinaryIO, sink: BinaryIO, path: Path | None, settings: ConvertSettings
) -> Streamed:
    """Convert a file of records (a format that streams) from ``source`` to ``sink`` in
    bounded memory: what :func:`convert_document` gives, without holding the document."""
    handler = format_handler(path, settings)
    assert handler is not None and handler.streams, "stream_document takes record formats"
    return _stream_records(handler, source, sink, settings)


def stream_to_file(
    path: Path,
    destination: Path,
    settings: ConvertSettings,
    on_read: Callable[[int], object] | None = None,
    name: str | None = None,
) -> Streamed:
    """The file ``path`` converted as a stream into ``destination``, atomically: a file of
    records by :func:`stream_document`, a plain or subtitle text by :func:`stream_convert`.
    The output goes to a temporary sibling (``.NAME.XXXXXXXX.yozuv-tmp``), is flushed to
    disk and renamed over ``destination``, so a reader (or a resumed run) never sees half a
    file; on any failure the temporary file is removed."""
    import contextlib
    import os

    handler = format_handler(path, settings)
    temp = destination.with_name(f".{destination.name}.{os.urandom(4).hex()}.yozuv-tmp")
    try:
        with open(path, "rb") as source, open(temp, "xb") as sink:
            if handler is not None and handler.streams:
                streamed = stream_document(source, sink, path, settings)
            else:
                streamed = stream_convert(
                    source, sink, settings, name or str(path), on_read, handler=handler
                )
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(temp, destination)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return streamed


def _stream_records(
    handler: Format, source: BinaryIO, sink: BinaryIO, settings: ConvertSettings
) -> Streamed:
    from yozuv.formats import RecordFormat

    assert isinstance(handler, RecordFormat)
    chosen: list[tuple[Direction, str]] = []

    def choose(sample: str) -> TextConverter:
        direction = choose_direction(settings, sample)
        chosen.append((direction, sample))
        return converter_for(settings, direction)

    changed = handler.convert_stream(source, sink, choose)
    direction, sample = chosen[0]
    if changed or direction.source is None:
        return Streamed(direction)
    return Streamed(direction, nothing_converted_notice(settings, direction, sample))


def _nothing_to_explain(text: str) -> Explained:
    """What ``explain`` gives for a text that is copied unchanged."""
    from yozuv.engine import Explained

    return Explained(text, [])


def explainer_for(settings: ConvertSettings, direction: Direction) -> Callable[[str], Explained]:
    """``Converter.explain`` for a direction, or a stand-in that changes nothing."""
    if direction.source is None or (
        direction.source == direction.target and settings.scheme is None
    ):
        return _nothing_to_explain
    return library_converter(settings, direction.source, direction.target).explain


def explanation_steps(
    settings: ConvertSettings, direction: Direction, text: str
) -> list[tuple[str, Explained]]:
    """``explain`` step by step along the chain of schemes (``"latin -> latin2026"``, what
    it did): each step explains the text the step before gave, so the last text is what
    convert gives. Empty when there is nothing to convert."""
    if direction.source is None or (
        direction.source == direction.target and settings.scheme is None
    ):
        return []
    converter = library_converter(settings, direction.source, direction.target)
    steps: list[tuple[str, Explained]] = []
    for scheme, engine in zip(converter.schemes, converter.engines, strict=True):
        explained = engine.explain(text)
        steps.append((f"{scheme.source} -> {scheme.target}", explained))
        text = explained.text
    return steps
