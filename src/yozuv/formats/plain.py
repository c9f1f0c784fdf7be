"""Plain text: everything is human text. The default for unknown extensions and stdin."""

from __future__ import annotations

from yozuv.formats._base import TextFormat
from yozuv.formats._text import AnyConverter, as_batch_converter


class PlainFormat(TextFormat):
    """The whole text goes to the converter (which itself protects URLs, e-mails, code)."""

    name = "text"
    extensions = (".txt", ".text")

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        return as_batch_converter(convert).convert(text)
