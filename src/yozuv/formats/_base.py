"""The :class:`Format` contract every file format implements (re-exported by the package)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import BinaryIO, ClassVar, TypeVar

from yozuv.formats._text import AnyConverter

_Self = TypeVar("_Self", bound="RecordFormat")


class Format(ABC):
    """One kind of file: which parts are human text, and how to rebuild the file around them.

    Text formats implement :meth:`convert_text` (the CLI decodes and encodes; newlines and
    BOM are its business). Binary formats (only ``docx``) set ``binary = True`` and
    implement :meth:`convert_bytes` and :meth:`extract_text`. ``target`` and ``source`` are
    script names (``"cyrillic"``, ``"latin"``, ``"latin2026"``); formats use them only for
    metadata such as ``lang`` attributes or the PO ``Language`` header, never for letters:
    the letters are the converter's job.

    ``convert`` is a plain ``str -> str`` function or a :class:`BatchConverter` such as
    :class:`yozuv.api.Converter`. The output is the same; a batch converter gets all the
    human text of the file in one ``convert_many`` call, which is what makes a file of many
    short messages cheap.
    """

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    binary: ClassVar[bool] = False
    streams: ClassVar[bool] = False  # True: a RecordFormat, converted in bounded memory

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        """Return ``text`` with its human text converted and everything else unchanged."""
        raise NotImplementedError(f"the {self.name} format works on bytes, not text")

    def convert_bytes(
        self, data: bytes, convert: AnyConverter, *, target: str, source: str
    ) -> bytes:
        """Binary formats: return the converted file."""
        raise NotImplementedError(f"the {self.name} format works on text, not bytes")

    def extract_text(self, data: bytes) -> str:
        """Binary formats: the readable text, for ``--diff``, ``preview`` and ``detect``."""
        raise NotImplementedError(f"the {self.name} format works on text, not bytes")

    def declared_encoding(self, data: bytes) -> str | None:
        """The charset the file's bytes declare for themselves (a PO header's), or None.

        A format whose files name their encoding says here where, so that yozuv reads a
        file that is not UTF-8 as the format's own tools read it (gettext trusts the PO
        header). Asked by the reader only when the bytes are not UTF-8 and the user named
        no other encoding; the bytes are those of the whole file, undecoded.
        """
        return None

    def redeclare_encoding(self, text: str, encoding: str) -> str:
        """``text`` about to be written in ``encoding`` (a Python codec name), with the
        encoding it declares for itself made to name that one.

        Why: yozuv may write a file in another encoding than it was read in (UTF-8 for a
        CP1251 file), and a declaration left naming the old one makes the format's tools
        garble the letters. Text whose declaration is still true is returned unchanged.
        """
        return text

    def segmenter(self) -> Segmenter | None:
        """A fresh :class:`Segmenter` for one file, or None: the format is converted whole."""
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class Segmenter(ABC):
    """Converts one file of a text format segment by segment, in bounded memory.

    A format whose documents are a series of independent units (the cues of a subtitle
    file, the rows of a CSV) says where its text may be cut, and a large file is then read,
    converted and written a segment at a time with the same result as converting it whole
    (a property test holds each format to that). One segmenter serves one file, in order:
    it may remember what the first segment settled (a CSV's delimiter).
    """

    @abstractmethod
    def end(self, text: str, *, first: bool) -> int:
        """The end of a start of ``text`` (as long as can be) that converts alone as it
        does in the whole file, or 0: none yet, read more. ``first``: ``text`` starts the
        file. Called on what follows the previous cut."""

    @abstractmethod
    def convert(
        self, text: str, convert: AnyConverter, *, target: str, source: str, first: bool
    ) -> str:
        """Convert the next segment (cut at :meth:`end`, or the rest of the file)."""


class TextFormat(Format):
    """A format whose files are text; the subclass says which parts of it are human text."""

    @abstractmethod
    def convert_text(
        self, text: str, convert: AnyConverter, *, target: str, source: str
    ) -> str: ...


class RecordFormat(Format):
    """A file of records (JSON Lines, Parquet): converted as a stream, in bounded memory.

    ``fields`` names the record fields whose strings are converted (empty: every string
    field); :meth:`with_fields` returns a copy that converts only those. The file is read
    and written piece by piece by :meth:`convert_stream`; :meth:`convert_bytes` is the same
    conversion on a file held in memory (``--diff``, ``--check``, ``preview``).

    ``choose`` is called exactly once, with a sample of the human text (the chosen fields of
    the first records, possibly empty), and returns the converter for the whole file: the
    direction is detected on the records' text, not on their keys.
    """

    binary = True
    streams = True

    def __init__(self, fields: Sequence[str] = ()) -> None:
        self.fields: tuple[str, ...] = tuple(fields)

    def with_fields(self: _Self, fields: Sequence[str]) -> _Self:
        """A copy that converts only the fields named (all string fields when empty)."""
        return type(self)(fields)

    @abstractmethod
    def convert_stream(
        self, source: BinaryIO, sink: BinaryIO, choose: Callable[[str], AnyConverter]
    ) -> bool:
        """Write the converted file to ``sink``; True when any text changed."""

    def convert_bytes(
        self, data: bytes, convert: AnyConverter, *, target: str, source: str
    ) -> bytes:
        import io

        sink = io.BytesIO()
        self.convert_stream(io.BytesIO(data), sink, lambda _sample: convert)
        return sink.getvalue()


# The start of a record file's text that decides its direction (the first batch's texts).
SAMPLE_CHARS = 16_384


def sample_of(texts: list[str]) -> str:
    """The first texts of a batch, about :data:`SAMPLE_CHARS` characters, for choosing the
    direction of a record file (JSON Lines, Parquet) as a document's sample is chosen."""
    out: list[str] = []
    size = 0
    for text in texts:
        if size >= SAMPLE_CHARS:
            break
        out.append(text)
        size += len(text) + 1
    return "\n".join(out)
