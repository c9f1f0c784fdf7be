"""Decoding a byte stream piece by piece, cut at line ends (``tail -f | yozuv``).

Why apart: bounded memory for any input, with the same rules as decoding a whole text.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from typing import BinaryIO

from yozuv.errors import BinaryFileError
from yozuv.textio.codec import (
    BOMS,
    LONGEST_BOM,
    Position,
    binary_error,
    codec_name,
    decode_error,
    is_wide,
    split_bom,
    without_bom_codec,
)
from yozuv.textio.sniff import guess_codec


class TextChunks(Iterator[str]):
    """The iterator :func:`iter_text_chunks` returns; see the module docstring.

    ``bom`` and ``encoding`` are final once the first piece has been produced (or iteration
    has ended), so a caller writes ``StreamEncoder(..., bom=chunks.bom)`` after its first
    ``next()``.
    """

    def __init__(
        self,
        stream: BinaryIO,
        encoding: str,
        chunk_size: int,
        name: str,
        on_read: Callable[[int], object] | None = None,
    ) -> None:
        if chunk_size < 1:
            raise ValueError("chunk_size must be positive")
        read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)
        self._read = read if on_read is None else _counted(read, on_read)
        self._requested = encoding
        self._auto = encoding.lower() == "auto"
        self._name = name
        self._chunk_size = chunk_size
        self._hard_limit = 4 * chunk_size
        self._bom = b""
        # "auto" without a BOM reads ASCII as UTF-8 until the first non-ASCII byte decides.
        self._codec = "utf-8" if self._auto else without_bom_codec(codec_name(encoding, name))
        self._undecided = self._auto
        self._decoder: codecs.IncrementalDecoder | None = None
        self._offset = 0  # stream bytes handed to the decoder so far
        self._pending = ""  # decoded text not yet yielded (an incomplete line)
        self._position = Position()  # where the decoded text has got to, for error messages
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
        while len(head) < LONGEST_BOM:
            more = self._read(self._chunk_size)
            if not more:
                break
            head += more
            if not any(len(head) < len(bom) and bom.startswith(head) for bom, _ in BOMS):
                break  # not a BOM cut short (FF FE may be UTF-16 or the start of UTF-32)
        bom, codec = split_bom(head)
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
            self._codec = guess_codec(data, self._name)
            self._decoder = codecs.getincrementaldecoder(self._codec)(errors="strict")

    def _feed(self, data: bytes, *, final: bool) -> None:
        assert self._decoder is not None
        wide = is_wide(self._codec)
        if not wide:
            nul = data.find(b"\0")
            if nul >= 0:
                raise binary_error(self._name, self._offset + nul)
        if self._undecided and not data.isascii():
            self._decide(data, final=final)
        held = len(self._decoder.getstate()[0])  # bytes of an incomplete character kept back
        try:
            text = self._decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise decode_error(
                self._name, self._codec, exc, self._offset - held, self._auto, self._position
            ) from None
        if wide and "\0" in text:
            raise BinaryFileError(
                f"binary file (NUL character in {self._codec} text), not converted",
                path=self._name,
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


def _counted(
    read: Callable[[int], bytes], on_read: Callable[[int], object]
) -> Callable[[int], bytes]:
    """``read`` that tells ``on_read`` how many bytes each call brought (a progress bar)."""

    def counted(size: int) -> bytes:
        data = read(size)
        on_read(len(data))
        return data

    return counted


def iter_text_chunks(
    stream: BinaryIO,
    encoding: str = "utf-8",
    *,
    chunk_size: int = 1 << 16,
    name: str = "<stdin>",
    on_read: Callable[[int], object] | None = None,
) -> TextChunks:
    """Decode ``stream`` incrementally into line-aligned pieces; see the module docstring.

    ``on_read`` is called with the size of every block read from ``stream``."""
    return TextChunks(stream, encoding, chunk_size, name, on_read)
