"""Bytes <-> text for files and streams, and writing files without ever half-writing them.

Why this module exists: converting a file must change its *letters* and nothing else. The
newline style (LF, CRLF, CR or a mix), a missing final newline, a byte-order mark and the
encoding all survive a round trip, and an in-place write can fail at any moment (disk full,
permission denied, Ctrl-C) without damaging the original. The engine sees only ``str``;
everything about bytes lives here. Nothing here imports click or rich.

API (all errors derive from :class:`yozuv.errors.YozuvError`; every message has the form
``"NAME: reason"`` so the CLI can print it as ``yozuv: NAME: reason``):

``read_bytes(path) -> bytes``
    Read a whole file; a missing file, a directory or a permission problem is a YozuvError.

``decode(data, encoding="utf-8", *, name="<stdin>") -> Decoded``
    ``Decoded(text, encoding, bom)``. Newlines are never touched. A BOM (UTF-8, UTF-16 LE/BE,
    UTF-32 LE/BE) wins over ``encoding``, is stripped from ``text`` and kept in ``bom``.
    NUL bytes (outside UTF-16/32) raise :class:`BinaryFileError`; undecodable bytes raise
    :class:`EncodingError` naming the byte offset, the line and the hint ``--encoding auto``.
    ``encoding="auto"``: BOM, else strict UTF-8, else one of the Cyrillic code pages cp1251,
    koi8-r, cp866, iso8859-5 and mac-cyrillic: charset-normalizer (the optional extra
    ``yozuv[encodings]``; without it a clear error says how to install it) proposes those
    under which the bytes look like text, and the one whose decoding reads most like
    Uzbek/Russian (letter frequencies, case pattern) wins, which matters for short texts.
    ``Decoded.encoding`` is the Python codec name actually used (``"utf-8"``, ``"utf-16-le"``,
    ``"cp1251"``, ``"koi8-r"``, ``"mac-cyrillic"`` ...).

``encode(text, encoding="utf-8", *, bom=b"", name="<stdout>") -> bytes``
    The inverse. ``bom`` is the BOM seen on input (``Decoded.bom``): when it is non-empty the
    output starts with the BOM *of the output encoding* (the same bytes when the encoding did
    not change; none for a legacy code page, which has no BOM). Text the codec cannot hold
    (cp1251 has no ʻ) raises EncodingError naming the first such character with its line and
    column; as the whole text is encoded in memory first, nothing has been written yet.
    ``encode(d.text, d.encoding, bom=d.bom) == data`` for every ``d = decode(data)``.

``write_atomic(path, data, *, backup_suffix=None) -> bool``
    Returns False, touching nothing (mtime and inode kept), when the file already holds
    exactly ``data``. Otherwise: optional backup ``path + backup_suffix`` (itself written
    atomically, a copy of the original bytes and mode), then a temporary file in the same
    folder, the original's mode bits (and owner, where allowed), ``fsync``, ``os.replace``
    over the original, ``fsync`` of the folder (best effort). A symlink stays a link: the file
    it points to is replaced. On any failure, KeyboardInterrupt included, the original is
    byte-identical and the temporary file is removed; OSErrors become YozuvError. Hard links
    to the original keep the old content (the name gets a new inode), as with any safe editor.
    What exists but is no regular file (``/dev/null``, ``/dev/stdout``, a FIFO) is written to
    directly, never replaced.

``iter_text_chunks(stream, encoding="utf-8", *, chunk_size=65536, name="<stdin>") -> TextChunks``
    Streaming decode of a binary stream (stdin). ``TextChunks`` is an iterator of ``str``
    pieces whose concatenation is exactly the decoded text. Every piece except the last
    ends just after a line break (``\\n``, ``\\r\\n`` or a lone ``\\r``), except when a single
    line grows past ``chunk_size`` characters: then it is cut just after its last space or
    tab, and only a run of more than ``4 * chunk_size`` characters without any is cut hard
    (never before a combining mark). So no piece exceeds ``5 * chunk_size`` characters,
    memory stays bounded for any input size, and a word-level converter applied piece by
    piece gives what it gives on the whole text. Each read takes what the stream has
    (``read1``), so a complete line is yielded as soon as it arrives (``tail -f | yozuv``);
    only a line ending in a lone ``\\r`` is held until the next byte shows it is not ``\\r\\n``.
    A leading BOM is dropped from the text and exposed as ``TextChunks.bom``, with the codec
    as ``TextChunks.encoding``; both are final once the first piece has been produced (or
    iteration ended). ``"auto"``: a BOM, else the first read that holds a non-ASCII byte
    decides (all before it is ASCII, alike in every candidate): UTF-8 if that read is valid
    UTF-8, else the Cyrillic code page chosen for it as in :func:`decode`. NUL bytes
    raise BinaryFileError and undecodable bytes EncodingError (with the absolute byte offset)
    when they are reached; pieces before that point have already been yielded.

``StreamEncoder(encoding="utf-8", *, bom=b"", name="<stdout>")``
    The streaming counterpart of :func:`encode`: ``.encode(piece) -> bytes`` writes the BOM
    before the first piece only and reports unencodable characters with their line and
    column in the whole stream.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import math
import os
import stat
import unicodedata
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final, NamedTuple

from yozuv.errors import BinaryFileError, EncodingError, YozuvError

__all__ = [
    "CYRILLIC_CODE_PAGES",
    "Decoded",
    "StreamEncoder",
    "TextChunks",
    "decode",
    "encode",
    "iter_text_chunks",
    "read_bytes",
    "write_atomic",
]

#: The legacy code pages ``--encoding auto`` chooses from (charset-normalizer spelling).
CYRILLIC_CODE_PAGES: Final = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF: Final = {codec: bom for bom, codec in _BOMS}
_LONGEST_BOM: Final = 4

# Codecs whose text legitimately contains NUL *bytes*; for them the NUL check is on characters.
_WIDE_CODECS: Final = frozenset(
    {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
)

_INSTALL_HINT: Final = "pip install 'yozuv[encodings]'"


class Decoded(NamedTuple):
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
# Reading


def read_bytes(path: Path) -> bytes:
    """Return the whole content of ``path``, turning the usual mistakes into one-line errors."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise YozuvError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise YozuvError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        if path.is_dir():  # Windows reports a directory as a permission problem
            raise YozuvError(f"{path}: is a directory, not a file") from None
        raise YozuvError(f"{path}: permission denied") from None
    except OSError as exc:
        raise YozuvError(f"{path}: cannot read: {_reason(exc)}") from None


# --------------------------------------------------------------------------------------------
# Codec names and BOMs


def _codec_name(encoding: str, name: str) -> str:
    """Canonical Python codec name for ``encoding`` (``"UTF8"`` -> ``"utf-8"``)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise EncodingError(f"{name}: unknown encoding {encoding!r}") from None


def _split_bom(data: bytes) -> tuple[bytes, str | None]:
    """The BOM at the start of ``data`` and the codec it announces (``b"", None`` if none)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    return b"", None


def _without_bom_codec(codec: str) -> str:
    """The codec to use on BOM-less data for a codec name that may imply a BOM.

    ``utf-8-sig`` is plain UTF-8 here (the BOM is handled separately), and BOM-less
    ``utf-16``/``utf-32`` are big-endian as the Unicode standard says, rather than whatever
    the machine's byte order happens to be.
    """
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-be", "utf-32": "utf-32-be"}.get(codec, codec)


def _is_wide(codec: str) -> bool:
    return codec in _WIDE_CODECS


# --------------------------------------------------------------------------------------------
# Positions for error messages


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``; CRLF, CR and LF each end one line."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, index - line_start + 1


def _describe(char: str) -> str:
    return f"{char!r} (U+{ord(char):04X})"


class _Position:
    """Where a stream of text pieces has got to: complete lines so far and the current column.

    Error messages in streams name the line and column in the whole stream, not in a piece.
    """

    def __init__(self) -> None:
        self.lines = 0
        self.column = 0
        self._ends_with_cr = False

    def at(self, piece: str, index: int) -> tuple[int, int]:
        """1-based line and column of ``piece[index]``, counting what came before ``piece``."""
        line, column = _line_and_column(piece, index)
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


def _binary_error(name: str, offset: int) -> BinaryFileError:
    return BinaryFileError(f"{name}: binary file (NUL byte at offset {offset}), not converted")


def _decode_error(
    name: str,
    codec: str,
    exc: UnicodeDecodeError,
    base: int,
    auto: bool,
    position: _Position | None = None,
) -> EncodingError:
    """An EncodingError for the bytes ``exc`` could not decode; ``base`` is the file offset of
    ``exc.object`` and ``position`` where its text starts (for a stream)."""
    data = exc.object
    offset = base + exc.start
    where = f"offset {offset}"
    try:
        before = data[: exc.start].decode(codec)
    except UnicodeDecodeError:  # pragma: no cover - the decoder accepted these bytes already
        pass
    else:
        line, column = (position or _Position()).at(before, len(before))
        where += f" (line {line}, column {column})"
    hint = "name the encoding, e.g. --encoding cp1251" if auto else "try --encoding auto"
    return EncodingError(
        f"{name}: cannot decode byte 0x{data[exc.start]:02x} at {where} as {codec}; {hint}"
    )


# --------------------------------------------------------------------------------------------
# Decoding whole texts


def decode(data: bytes, encoding: str = "utf-8", *, name: str = "<stdin>") -> Decoded:
    """Decode a whole file; see the module docstring for the rules."""
    auto = encoding.lower() == "auto"
    bom, codec = _split_bom(data)
    if codec is None:
        codec = "utf-8" if auto else _without_bom_codec(_codec_name(encoding, name))
    body = data[len(bom) :]
    if not _is_wide(codec):
        nul = body.find(b"\0")
        if nul >= 0:
            raise _binary_error(name, len(bom) + nul)
    if auto and not bom:
        codec = _guess_codec(body, name)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        raise _decode_error(name, codec, exc, len(bom), auto) from None
    if _is_wide(codec) and "\0" in text:
        raise BinaryFileError(f"{name}: binary file (NUL character in {codec} text), not converted")
    return Decoded(text=text, encoding=codec, bom=bom)


def _guess_codec(data: bytes, name: str) -> str:
    """``utf-8`` when ``data`` is valid UTF-8, else the likeliest Cyrillic code page.

    charset-normalizer proposes the code pages under which the bytes look like text; among
    those, the one whose decoding reads most like Uzbek or Russian wins (see
    :func:`_plausibility`). Its own first choice is often wrong on short texts: KOI8-R read as
    cp1251 is all capitals with plausible letters, and Mac Cyrillic differs from cp1251 only
    in a few letters.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        import charset_normalizer  # optional extra, imported only when really needed
    except ImportError:
        raise EncodingError(
            f"{name}: not UTF-8; detecting a legacy Cyrillic encoding needs charset-normalizer: "
            f"{_INSTALL_HINT} (or name it, e.g. --encoding cp1251)"
        ) from None
    matches = charset_normalizer.from_bytes(data, cp_isolation=list(CYRILLIC_CODE_PAGES))
    candidates = [codecs.lookup(str(match.encoding)).name for match in matches]
    best: tuple[float, str] | None = None
    for codec in candidates:
        try:
            score = _plausibility(data.decode(codec))
        except UnicodeDecodeError:
            continue
        if best is None or score > best[0]:  # ties keep charset-normalizer's order
            best = (score, codec)
    if best is None:
        raise EncodingError(
            f"{name}: not UTF-8 and not one of the Cyrillic code pages "
            f"{', '.join(CYRILLIC_CODE_PAGES)}; name the encoding with --encoding"
        )
    return best[1]


# Rough letter frequencies (per mille) of Uzbek and Russian prose taken together. Only their
# order of magnitude matters: a wrong code page turns common letters (а и о н) into rare ones
# (Б Й П Щ) or into symbols, which these numbers make costly.
_LETTER_FREQUENCY: Final = {
    "а": 110, "и": 100, "о": 75, "т": 57, "н": 65, "е": 55, "р": 55, "л": 55, "с": 45,
    "к": 33, "д": 32, "м": 30, "у": 30, "в": 28, "б": 22, "г": 22, "ш": 20, "п": 17, "з": 15,
    "я": 15, "ў": 15, "қ": 15, "ч": 13, "й": 10, "х": 10, "ы": 8, "ь": 8, "ҳ": 8, "ж": 6,
    "ғ": 5, "ю": 4, "ц": 4, "э": 3, "ъ": 3, "ф": 2, "ё": 2, "щ": 1.5,
}  # fmt: skip
_LOG_FREQUENCY: Final = {k: math.log(v / 1000) for k, v in _LETTER_FREQUENCY.items()}
_LOG_ODD_SYMBOL: Final = math.log(1e-4)  # a non-ASCII character that is no letter of ours
_LOG_CASE_BREAK: Final = math.log(1e-2)  # a capital right after a small letter: "коррупцИя"
_PLAUSIBLE_SYMBOLS: Final = frozenset("«»—–…№“”„‘’\u00a0")


def _plausibility(text: str) -> float:
    """Mean log-likelihood per letter of ``text`` as Uzbek/Russian Cyrillic (higher: likelier)."""
    total = 0.0
    counted = 0
    after_small_letter = False
    for char in text:
        small = char.lower()
        if small in _LOG_FREQUENCY:
            total += _LOG_FREQUENCY[small]
            counted += 1
            if after_small_letter and char != small:
                total += _LOG_CASE_BREAK
        elif char >= "\x80" and char not in _PLAUSIBLE_SYMBOLS:
            total += _LOG_ODD_SYMBOL
            counted += 1
        after_small_letter = char != char.upper()
    return total / counted if counted else 0.0


# --------------------------------------------------------------------------------------------
# Encoding


def _output_codec_and_bom(encoding: str, bom: bytes, name: str) -> tuple[str, bytes]:
    """The codec to encode with and the BOM to write first, for a requested ``encoding``."""
    requested = _codec_name(encoding, name)
    if requested == "utf-8-sig":
        return "utf-8", codecs.BOM_UTF8
    if requested in ("utf-16", "utf-32"):
        # These codecs always write a BOM; make it explicit and keep the input's byte order.
        big = bom in (codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
        codec = f"{requested}-{'be' if big else 'le'}"
        return codec, _BOM_OF[codec]
    return requested, (_BOM_OF.get(requested, b"") if bom else b"")


def _encode_error(
    name: str, codec: str, text: str, exc: UnicodeEncodeError, position: _Position | None = None
) -> EncodingError:
    line, column = (position or _Position()).at(text, exc.start)
    char = text[exc.start]
    hint = "choose an output encoding that can, e.g. --output-encoding utf-8"
    if char in "ʻʼ‘’":
        hint += ", or --apostrophe ascii"
    return EncodingError(
        f"{name}: {codec} cannot encode {_describe(char)} at line {line}, column {column}; {hint}"
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
        self._position = _Position()

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


# --------------------------------------------------------------------------------------------
# Atomic writing


def _reason(exc: OSError) -> str:
    """A short human reason for an OSError (``"No space left on device"``)."""
    return exc.strerror or str(exc) or type(exc).__name__


def _holds(path: Path, info: os.stat_result, data: bytes) -> bool:
    """True when the regular file ``path`` (whose stat is ``info``) holds exactly ``data``."""
    if info.st_size != len(data):
        return False
    with open(path, "rb") as handle:
        return handle.read() == data


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable. Best effort: some systems cannot open or sync a folder."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(folder, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_with(target: Path, data: bytes, like: os.stat_result | None) -> None:
    """Put ``data`` at ``target`` through a temporary sibling file and ``os.replace``.

    ``like`` is the stat of the file being replaced (mode and owner are copied from it); for
    a new file, the mode is what ``open`` gives under the current umask. The temporary file
    is created with O_EXCL under a random name, so if it exists after a failure it is ours
    and is removed, whatever the failure was (KeyboardInterrupt included).
    """
    folder = target.parent
    temp: Path | None = None
    fd = -1
    try:
        for _attempt in range(100):
            temp = folder / f".{target.name}.{os.urandom(4).hex()}.yozuv-tmp"
            try:
                fd = os.open(
                    temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
                )
                break
            except FileExistsError:
                temp = None  # someone else's file: never remove it
        else:  # pragma: no cover - 100 collisions of 32 random bits
            raise FileExistsError(errno.EEXIST, "cannot pick a temporary file name", str(folder))
        if like is not None:
            with contextlib.suppress(OSError):  # keep the owner where we may (we usually may not)
                os.fchown(fd, like.st_uid, like.st_gid)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(like.st_mode))
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if like is not None and not hasattr(os, "fchmod"):  # pragma: no cover - Windows < 3.13
            os.chmod(temp, stat.S_IMODE(like.st_mode))
        os.replace(temp, target)
        temp = None
    except BaseException:
        try:
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        raise
    _fsync_folder(folder)


def write_atomic(path: Path, data: bytes, *, backup_suffix: str | None = None) -> bool:
    """Write ``data`` to ``path`` safely; False (and nothing touched) when already identical.

    Something that exists but is not a regular file, such as ``/dev/null``, ``/dev/stdout`` or
    a named pipe, cannot be replaced and must not be: it is simply written to.
    """
    if backup_suffix is not None and (not backup_suffix or "/" in backup_suffix):
        raise YozuvError(f"{path}: invalid backup suffix {backup_suffix!r}")
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    where = path if target == path else f"{path} (-> {target})"
    try:
        try:
            like: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            like = None
        if like is not None and stat.S_ISDIR(like.st_mode):
            raise YozuvError(f"{path}: is a directory, not a file")
        if like is not None and not stat.S_ISREG(like.st_mode):
            with open(target, "wb") as device:
                device.write(data)
            return True
        if like is not None and _holds(target, like, data):
            return False
        if backup_suffix is not None and like is not None:
            backup = path.with_name(path.name + backup_suffix)
            original = read_bytes(target)
            try:
                _replace_with(backup, original, like)
            except OSError as exc:
                raise YozuvError(f"{backup}: cannot write the backup: {_reason(exc)}") from None
            with contextlib.suppress(OSError):  # the backup shows when the original was written
                os.utime(backup, ns=(like.st_atime_ns, like.st_mtime_ns))
        _replace_with(target, data, like)
    except OSError as exc:
        raise YozuvError(f"{where}: cannot write: {_reason(exc)}") from None
    return True


# --------------------------------------------------------------------------------------------
# Streaming decode


class TextChunks(Iterator[str]):
    """The iterator :func:`iter_text_chunks` returns; see the module docstring.

    ``bom`` and ``encoding`` are final once the first piece has been produced (or iteration
    has ended), so a caller writes ``StreamEncoder(..., bom=chunks.bom)`` after its first
    ``next()``.
    """

    def __init__(self, stream: BinaryIO, encoding: str, chunk_size: int, name: str) -> None:
        if chunk_size < 1:
            raise ValueError("chunk_size must be positive")
        self._read = getattr(stream, "read1", stream.read)
        self._requested = encoding
        self._auto = encoding.lower() == "auto"
        self._name = name
        self._chunk_size = chunk_size
        self._hard_limit = 4 * chunk_size
        self._bom = b""
        # "auto" without a BOM reads ASCII as UTF-8 until the first non-ASCII byte decides.
        self._codec = "utf-8" if self._auto else _without_bom_codec(_codec_name(encoding, name))
        self._undecided = self._auto
        self._decoder: codecs.IncrementalDecoder | None = None
        self._offset = 0  # stream bytes handed to the decoder so far
        self._pending = ""  # decoded text not yet yielded (an incomplete line)
        self._position = _Position()  # where the decoded text has got to, for error messages
        self._ready: deque[str] = deque()
        self._done = False

    @property
    def bom(self) -> bytes:
        """The BOM found at the start of the stream (``b""`` if none)."""
        return self._bom

    @property
    def encoding(self) -> str:
        """The codec in use (with ``"auto"``, ``"utf-8"`` until a non-ASCII byte decides)."""
        return self._codec

    def __iter__(self) -> TextChunks:
        return self

    def __next__(self) -> str:
        while not self._ready:
            if self._done:
                raise StopIteration
            self._pump()
        return self._ready.popleft()

    # -- reading ----------------------------------------------------------------------------

    def _pump(self) -> None:
        """Read what the stream has (at least one byte, or EOF) and queue complete pieces."""
        if self._decoder is None:
            self._start()
            return
        data = self._read(self._chunk_size)
        if not data:
            self._feed(b"", final=True)
            self._done = True
            return
        self._feed(data, final=False)

    def _start(self) -> None:
        """Read enough of the beginning to settle the BOM and the codec, then set up decoding."""
        head = b""
        while len(head) < _LONGEST_BOM:
            more = self._read(self._chunk_size)
            if not more:
                break
            head += more
            if not any(len(head) < len(bom) and bom.startswith(head) for bom, _ in _BOMS):
                break  # not a BOM cut short (FF FE may be UTF-16 or the start of UTF-32)
        bom, codec = _split_bom(head)
        self._bom = bom
        self._offset = len(bom)
        body = head[len(bom) :]
        if codec is not None:
            self._codec = codec
            self._undecided = False
        self._decoder = codecs.getincrementaldecoder(self._codec)(errors="strict")
        if head:
            self._feed(body, final=False)
        else:
            self._feed(b"", final=True)
            self._done = True

    def _decide(self, data: bytes, *, final: bool) -> None:
        """For ``auto``: the first bytes that are not ASCII choose the codec.

        Everything before them was ASCII, which every candidate decodes alike, so the decoder
        (which holds no partial character after ASCII) can be swapped without loss.
        """
        self._undecided = False
        try:
            codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
        except UnicodeDecodeError:
            self._codec = _guess_codec(data, self._name)
            self._decoder = codecs.getincrementaldecoder(self._codec)(errors="strict")

    def _feed(self, data: bytes, *, final: bool) -> None:
        assert self._decoder is not None
        wide = _is_wide(self._codec)
        if not wide:
            nul = data.find(b"\0")
            if nul >= 0:
                raise _binary_error(self._name, self._offset + nul)
        if self._undecided and not data.isascii():
            self._decide(data, final=final)
        held = len(self._decoder.getstate()[0])  # bytes of an incomplete character kept back
        try:
            text = self._decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise _decode_error(
                self._name, self._codec, exc, self._offset - held, self._auto, self._position
            ) from None
        if wide and "\0" in text:
            raise BinaryFileError(
                f"{self._name}: binary file (NUL character in {self._codec} text), not converted"
            )
        self._offset += len(data)
        self._position.advance(text)
        self._cut(text, final=final)

    # -- cutting ----------------------------------------------------------------------------

    def _cut(self, text: str, *, final: bool) -> None:
        """Queue ``pending + text`` up to its last complete line break; keep the rest pending."""
        if final:
            rest = self._pending + text
            self._pending = ""
            if rest:
                self._ready.append(rest)
            return
        end = _end_of_last_break(text)
        if end < 0 and self._pending.endswith("\r") and text:
            end = 0  # the held CR is followed by something other than LF: it was a line break
        if end >= 0:
            piece = self._pending + text[:end]
            self._pending = text[end:]
            if piece:
                self._ready.append(piece)
        else:
            self._pending += text
        if len(self._pending) > self._chunk_size:
            self._cut_long_line()

    def _cut_long_line(self) -> None:
        """A line longer than chunk_size: cut after its last space or tab, or hard if none."""
        pending = self._pending
        space = max(pending.rfind(" "), pending.rfind("\t"))
        if space >= 0:
            end = space + 1
        elif len(pending) > self._hard_limit:
            end = self._hard_limit
            while end > 1 and unicodedata.category(pending[end]).startswith("M"):
                end -= 1  # never separate a letter from its combining accent
        else:
            return
        self._ready.append(pending[:end])
        self._pending = pending[end:]


def _end_of_last_break(text: str) -> int:
    """Index just after the last *complete* line break in ``text``, or -1 if there is none.

    A CR at the very end is not complete yet: the next character may be the LF of a CRLF,
    and cutting inside a CRLF would hand the converter half a line break.
    """
    last = max(text.rfind("\n"), text.rfind("\r"))
    if last >= 0 and last == len(text) - 1 and text[last] == "\r":
        last = max(text.rfind("\n", 0, last), text.rfind("\r", 0, last))
    return last + 1 if last >= 0 else -1


def iter_text_chunks(
    stream: BinaryIO, encoding: str = "utf-8", *, chunk_size: int = 1 << 16, name: str = "<stdin>"
) -> TextChunks:
    """Decode ``stream`` incrementally into line-aligned pieces; see the module docstring."""
    return TextChunks(stream, encoding, chunk_size, name)
