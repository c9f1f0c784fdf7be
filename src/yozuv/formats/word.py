"""Temporary stand-in while the docx format is being written."""

from __future__ import annotations

from yozuv.formats.plain import PlainFormat


class DocxFormat(PlainFormat):
    name = "docx"
    extensions = (".docx",)

    @classmethod
    def csv(cls) -> DocxFormat:
        return cls()

    @classmethod
    def tsv(cls) -> DocxFormat:
        return cls()
