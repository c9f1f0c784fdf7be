"""Bytes <-> text in memory: codec names, byte-order marks, and errors that say where.

Why apart: every other part of textio (sniffing, streams, files) builds on these rules, and
they are the ones a round trip depends on: a BOM is kept, newlines are never touched, and an
error names the byte offset or the line and column (see the package docstring).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Final

from yozuv.errors import BinaryFileError, EncodingError
from yozuv.records import Record

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BOM_OF: Final = {codec: bom for bom, codec in BOMS}
LONGEST_BOM: Final = 4

# Codecs whose text legitimately contains NUL *bytes*; for them the NUL check is on characters.
WIDE_CODECS: Final = frozenset(
    {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
)


class Decoded(Record):
    """A decoded file: the text plus what is needed to write it back byte for byte.

    A named tuple (immutable, compared by value) rather than a frozen dataclass: the filter
    imports this module at every start-up, where a frozen dataclass costs about 0.4 ms to
    define and a named tuple a tenth of that.
    """

    text: str
    """The text without its BOM; newlines exactly as in the file, no final newline added."""
    encoding: str
    """The Python codec actually used, e.g. ``"utf-8"``, ``"utf-16-le"``, ``"cp1251"``."""
    bom: bytes
    """The byte-order mark that was present (``b""`` if none), to be written back."""


# --------------------------------------------------------------------------------------------


def codec_name(encoding: str, name: str) -> str:
    """Canonical Python codec name for ``encoding`` (``"UTF8"`` -> ``"utf-8"``)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise EncodingError(f"unknown encoding {encoding!r}", path=name) from None


def split_bom(data: bytes) -> tuple[bytes, str | None]:
    """The BOM at the start of ``data`` and the codec it announces (``b"", None`` if none)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return bom, codec
    return b"", None


def without_bom_codec(codec: str) -> str:
    """The codec to use on BOM-less data for a codec name that may imply a BOM.

    ``utf-8-sig`` is plain UTF-8 here (the BOM is handled separately), and BOM-less
    ``utf-16``/``utf-32`` are big-endian as the Unicode standard says, rather than whatever
    the machine's byte order happens to be.
    """
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-be", "utf-32": "utf-32-be"}.get(codec, codec)


def is_wide(codec: str) -> bool:
    return codec in WIDE_CODECS


# --------------------------------------------------------------------------------------------


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``; CRLF, CR and LF each end one line."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, index - line_start + 1


def _describe(char: str) -> str:
    return f"{char!r} (U+{ord(char):04X})"


class Position:
    """Where a stream of text pieces has got to: complete lines so far and the current column.

    Error messages in streams name the line and column in the whole stream, not in a piece.
    """

    def __init__(self) -> None:
        self.lines = 0
        self.column = 0
        self._ends_with_cr = False

    def at(self, piece: str, index: int) -> tuple[int, int]:
        """1-based line and column of ``piece[index]``, counting what came before ``piece``."""
        line, column = line_and_column(piece, index)
        if index > 0 and self._ends_with_cr and piece.startswith("\n"):
            line -= 1  # that LF completes the CRLF of the previous piece
        if line == 1:
            column += self.column
        return line + self.lines, column

    def advance(self, piece: str) -> None:
        if not piece:
            return
        line, column = self.at(piece, len(piece))
        self.lines, self.column = line - 1, column - 1
        self._ends_with_cr = piece.endswith("\r")


def binary_error(name: str, offset: int) -> BinaryFileError:
    return BinaryFileError(f"binary file (NUL byte at offset {offset}), not converted", path=name)


def decode_error(
    name: str,
    codec: str,
    exc: UnicodeDecodeError,
    base: int,
    auto: bool,
    position: Position | None = None,
    *,
    declared: bool = False,
) -> EncodingError:
    """An EncodingError for the bytes ``exc`` could not decode; ``base`` is the file offset of
    ``exc.object`` and ``position`` where its text starts (for a stream). ``declared``: the
    codec is the one the file declares (a PO header's charset), which the message says, or
    the user would not know where it came from."""
    data = exc.object
    offset = base + exc.start
    where = f"offset {offset}"
    try:
        before = data[: exc.start].decode(codec)
    except UnicodeDecodeError:  # pragma: no cover - the decoder accepted these bytes already
        pass
    else:
        line, column = (position or Position()).at(before, len(before))
        where += f" (line {line}, column {column})"
    if codec == "utf-8" and exc.reason == "unexpected end of data":
        # Valid UTF-8 cut short: another encoding would only turn the text into mojibake.
        return EncodingError(
            f"ends inside a UTF-8 character at {where}",
            path=name,
            hint="the file looks truncated; restore it whole",
        )
    hint = "name the encoding, e.g. --encoding cp1251" if auto else "try --encoding auto"
    what = f"{codec}, the charset the file declares" if declared else codec
    return EncodingError(
        f"cannot decode byte 0x{data[exc.start]:02x} at {where} as {what}", path=name, hint=hint
    )


# --------------------------------------------------------------------------------------------


Declared = Callable[[bytes], str | None]
"""What a format says its file declares as its encoding (see :func:`decode`)."""


def decode(
    data: bytes,
    encoding: str = "utf-8",
    *,
    name: str = "<stdin>",
    declared: Declared | None = None,
) -> Decoded:
    """Decode a whole file; see the module docstring for the rules.

    ``declared`` (a format's ``declared_encoding``) is asked only when ``encoding`` is UTF-8,
    there is no BOM and the bytes are not UTF-8: a file that names its own charset (a PO
    header's) is then read in it, as the format's own tools read it. A charset Python does
    not know is an error naming it; a declared UTF-8 leaves the usual error.
    """
    auto = encoding.lower() == "auto"
    bom, codec = split_bom(data)
    if codec is None:
        codec = "utf-8" if auto else without_bom_codec(codec_name(encoding, name))
    body = data[len(bom) :]
    if not is_wide(codec):
        nul = body.find(b"\0")
        if nul >= 0:
            raise binary_error(name, len(bom) + nul)
    if auto and not bom:
        from yozuv.textio.sniff import guess_codec

        codec = guess_codec(body, name)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        own = None if auto or bom or declared is None or codec != "utf-8" else declared(body)
        if own is None:
            raise decode_error(name, codec, exc, len(bom), auto) from None
        codec = _declared_codec(own, name)
        if codec is None:
            raise decode_error(name, "utf-8", exc, 0, auto) from None
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as exc:
            raise decode_error(name, codec, exc, 0, auto, declared=True) from None
    if is_wide(codec) and "\0" in text:
        raise BinaryFileError(
            f"binary file (NUL character in {codec} text), not converted", path=name
        )
    return Decoded(text=text, encoding=codec, bom=bom)


# Text codecs Python knows that are no character set a file could be written in.
_NOT_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "undefined", "idna", "punycode", "utf-7"}
)


def _declared_codec(charset: str, name: str) -> str | None:
    """The codec for the charset a file declares, or None when it declares UTF-8 (the bytes
    that were not UTF-8 are then an error as usual) or a wide codec (a file whose
    declaration could be read byte by byte is not UTF-16 or UTF-32)."""
    try:
        info = codecs.lookup(charset)
        # A codec a file may name but that is no character set (base64, rot13, zlib,
        # unicode_escape: they transform bytes or escapes) is as unknown as a misspelling.
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
            raise LookupError(charset)
        codec = without_bom_codec(info.name)
    except LookupError:
        raise EncodingError(
            f"not UTF-8, and the charset it declares, {charset!r}, is unknown",
            path=name,
            hint="name the encoding, e.g. --encoding cp1251",
        ) from None
    return None if codec == "utf-8" or is_wide(codec) else codec


# --------------------------------------------------------------------------------------------


def _output_codec_and_bom(encoding: str, bom: bytes, name: str) -> tuple[str, bytes]:
    """The codec to encode with and the BOM to write first, for a requested ``encoding``."""
    requested = codec_name(encoding, name)
    if requested == "utf-8-sig":
        return "utf-8", codecs.BOM_UTF8
    if requested in ("utf-16", "utf-32"):
        # These codecs always write a BOM; make it explicit and keep the input's byte order.
        big = bom in (codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
        codec = f"{requested}-{'be' if big else 'le'}"
        return codec, BOM_OF[codec]
    return requested, (BOM_OF.get(requested, b"") if bom else b"")


def _encode_error(
    name: str, codec: str, text: str, exc: UnicodeEncodeError, position: Position | None = None
) -> EncodingError:
    line, column = (position or Position()).at(text, exc.start)
    char = text[exc.start]
    hint = "choose an output encoding that can, e.g. --output-encoding utf-8"
    if char in "ʻʼ‘’":
        hint += ", or --apostrophe ascii"
    return EncodingError(
        f"{codec} cannot encode {_describe(char)} at line {line}, column {column}",
        path=name,
        hint=hint,
    )


def encode(
    text: str, encoding: str = "utf-8", *, bom: bytes = b"", name: str = "<stdout>"
) -> bytes:
    """Encode ``text`` completely (so a failure happens before anything is written)."""
    codec, out_bom = _output_codec_and_bom(encoding, bom, name)
    try:
        return out_bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        raise _encode_error(name, codec, text, exc) from None


class StreamEncoder:
    """Encode a stream piece by piece: BOM once, error positions counted over the whole stream."""

    def __init__(
        self, encoding: str = "utf-8", *, bom: bytes = b"", name: str = "<stdout>"
    ) -> None:
        self._codec, self._bom = _output_codec_and_bom(encoding, bom, name)
        self._name = name
        self._position = Position()

    @property
    def encoding(self) -> str:
        """The codec written, e.g. ``"utf-8"``."""
        return self._codec

    def encode(self, piece: str) -> bytes:
        """Bytes for ``piece``; the first call also returns the BOM, if any."""
        try:
            data = piece.encode(self._codec)
        except UnicodeEncodeError as exc:
            raise _encode_error(self._name, self._codec, piece, exc, self._position) from None
        self._position.advance(piece)
        if self._bom:
            data, self._bom = self._bom + data, b""
        return data
