"""The :class:`Format` contract every file format implements (re-exported by the package)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from formats_before._text import AnyConverter


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

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class TextFormat(Format):
    """A format whose files are text; the subclass says which parts of it are human text."""

    @abstractmethod
    def convert_text(
        self, text: str, convert: AnyConverter, *, target: str, source: str
    ) -> str: ...
