"""Temporary stand-in while the csv format is being written."""

from __future__ import annotations

from yozuv.formats.plain import PlainFormat


class DelimitedFormat(PlainFormat):
    name = "csv"
    extensions = (".csv",)

    @classmethod
    def csv(cls) -> DelimitedFormat:
        return cls()

    @classmethod
    def tsv(cls) -> DelimitedFormat:
        return cls()
