"""Temporary stand-in while the html format is being written."""

from __future__ import annotations

from yozuv.formats.plain import PlainFormat


class HtmlFormat(PlainFormat):
    name = "html"
    extensions = (".html",)

    @classmethod
    def csv(cls) -> HtmlFormat:
        return cls()

    @classmethod
    def tsv(cls) -> HtmlFormat:
        return cls()
