"""Temporary stand-in while the markdown format is being written."""

from __future__ import annotations

from yozuv.formats.plain import PlainFormat


class MarkdownFormat(PlainFormat):
    name = "markdown"
    extensions = (".markdown",)

    @classmethod
    def csv(cls) -> MarkdownFormat:
        return cls()

    @classmethod
    def tsv(cls) -> MarkdownFormat:
        return cls()
