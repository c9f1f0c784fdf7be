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

``decode(data, encoding="utf-8", *, name="<stdin>", declared=None) -> Decoded``
    ``Decoded(text, encoding, bom)``. Newlines are never touched. A BOM (UTF-8, UTF-16 LE/BE,
    UTF-32 LE/BE) wins over ``encoding``, is stripped from ``text`` and kept in ``bom``.
    NUL bytes (outside UTF-16/32) raise :class:`BinaryFileError`; undecodable bytes raise
    :class:`EncodingError` naming the byte offset, the line and the hint ``--encoding auto``.
    ``declared(data) -> str | None`` (a format's ``declared_encoding``): when ``encoding`` is
    UTF-8, there is no BOM and the bytes are not UTF-8, the charset the file declares for
    itself (a PO header's) is used instead, as the format's own tools use it; an unknown
    one is an EncodingError naming it, and a declared UTF-8 leaves the usual error.
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

``codec_name(encoding, name) -> str``
    Python's canonical name of a codec (``UTF8`` -> ``utf-8``), so two spellings compare
    equal; an unknown one is an EncodingError naming ``name``.

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

from typing import TYPE_CHECKING, Any

from yozuv.textio.codec import Decoded, StreamEncoder, codec_name, decode, encode
from yozuv.textio.sniff import CYRILLIC_CODE_PAGES
from yozuv.textio.stream import TextChunks, iter_text_chunks

__all__ = [
    "CYRILLIC_CODE_PAGES",
    "Decoded",
    "FileState",
    "InPlace",
    "StreamEncoder",
    "TextChunks",
    "codec_name",
    "decode",
    "encode",
    "iter_text_chunks",
    "read_bytes",
    "read_bytes_and_state",
    "rewrite_streaming",
    "write_atomic",
]

if TYPE_CHECKING:
    from yozuv.textio.atomic import (
        FileState,
        InPlace,
        read_bytes,
        read_bytes_and_state,
        rewrite_streaming,
        write_atomic,
    )

# Files are read and written through yozuv.textio.atomic, imported when first asked for:
# the filter (stdin to stdout) never needs it, and its start-up is a budget (issue 9).
_ATOMIC = frozenset(
    {"FileState", "InPlace", "read_bytes", "read_bytes_and_state", "rewrite_streaming"}
    | {"write_atomic"}
)


def __getattr__(name: str) -> Any:
    """The names of :mod:`yozuv.textio.atomic`, imported on first use."""
    if name not in _ATOMIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from yozuv.textio import atomic

    value = getattr(atomic, name)
    globals()[name] = value
    return value
