"""Temporary stand-in."""

from __future__ import annotations

from yozuv.formats.plain import PlainFormat


class SrtFormat(PlainFormat):
    name = "srt"
    extensions = (".srt",)


class VttFormat(PlainFormat):
    name = "vtt"
    extensions = (".vtt",)
