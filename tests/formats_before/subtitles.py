"""Subtitles: SubRip (``.srt``) and WebVTT (``.vtt``). Only the cue text is converted.

Cue numbers, identifiers, timecodes, cue settings (``align:start line:0``), the ``WEBVTT``
header and ``NOTE``/``STYLE``/``REGION`` blocks are copied byte for byte, and so are the
tags inside cue text (``<i>``, ``<font color="...">``, ``{\\an8}``, ``<v Speaker>``,
``<c.class>``, ``<00:01.000>``) and WebVTT entities (``&amp;``). A ``Language:`` line in
the WebVTT header follows the target (``uz-Cyrl`` <-> ``uz-Latn``). A file without a single
timing line is refused, because converting it "as subtitles" would be a guess.
"""

from __future__ import annotations

import re

from formats_before._base import TextFormat
from formats_before._text import (
    AnyConverter,
    Batch,
    Part,
    gather_around,
    retag_bcp47,
    split_lines,
)
from yozuv.errors import FormatError

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}"
_TIMING = re.compile(rf"^[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}")
_INDEX = re.compile(r"^[ \t]*\d+[ \t]*$")
_SRT_TAGS = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")
_VTT_MARKUP = re.compile(
    r"<[^<>\n]*>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
_VTT_LANGUAGE = re.compile(r"^(?P<key>Language:[ \t]*)(?P<value>[A-Za-z_-]+)")
_VTT_KEPT_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")


def _blank(line: str) -> bool:
    return not line.strip()


class SrtFormat(TextFormat):
    """SubRip: text lines after each timing line, up to the blank line, are converted."""

    name = "srt"
    extensions = (".srt",)

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        lines = split_lines(text)
        batch = Batch()
        out: list[Part] = []
        number = 0
        found_cue = False
        while number < len(lines):
            line = lines[number]
            out.append(line)
            number += 1
            if not _TIMING.match(line):
                continue
            found_cue = True
            first = number
            while (
                number < len(lines)
                and not _blank(lines[number])
                and not (
                    _INDEX.match(lines[number])
                    and number + 1 < len(lines)
                    and _TIMING.match(lines[number + 1])
                )
            ):
                number += 1
            gather_around("".join(lines[first:number]), _SRT_TAGS, batch, out)
        if not found_cue and text.strip():
            raise FormatError(
                "not a SubRip file: no timing line such as '00:00:01,000 --> 00:00:02,000' found"
            )
        batch.run(convert)
        return batch.join(out)


class VttFormat(TextFormat):
    """WebVTT: cue payloads converted; header, NOTE, STYLE and REGION blocks kept."""

    name = "vtt"
    extensions = (".vtt",)

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        if not text.lstrip("\ufeff").startswith("WEBVTT"):
            raise FormatError("not a WebVTT file: the first line must start with 'WEBVTT'")
        lines = split_lines(text)
        batch = Batch()
        out: list[Part] = []
        number = 0
        while number < len(lines) and not _blank(lines[number]):  # the header block
            language = _VTT_LANGUAGE.match(lines[number])
            if language is None:
                out.append(lines[number])
            else:
                value = retag_bcp47(language.group("value"), target)
                out.append(language.group("key") + value + lines[number][language.end() :])
            number += 1
        while number < len(lines):
            if _blank(lines[number]):
                out.append(lines[number])
                number += 1
                continue
            end = number
            while end < len(lines) and not _blank(lines[end]):
                end += 1
            self._gather_block(lines[number:end], batch, out)
            number = end
        batch.run(convert)
        return batch.join(out)

    @staticmethod
    def _gather_block(block: list[str], batch: Batch, out: list[Part]) -> None:
        """Append one block: a cue's head kept and its payload gathered; others kept."""
        if not _VTT_KEPT_BLOCK.match(block[0]):
            for index, line in enumerate(block[:2]):
                if "-->" in line:
                    out.append("".join(block[: index + 1]))
                    gather_around("".join(block[index + 1 :]), _VTT_MARKUP, batch, out)
                    return
        out.append("".join(block))
