"""Subtitles: SubRip (``.srt``) and WebVTT (``.vtt``). Only the cue text is converted.

Cue numbers, identifiers, timecodes, cue settings (``align:start line:0``), the ``WEBVTT``
header and ``NOTE``/``STYLE``/``REGION`` blocks are copied byte for byte, and so are the
tags inside cue text (``<i>``, ``<font color="...">``, ``{\\an8}``, ``<c.class>``,
``<00:01.000>``) and WebVTT entities (``&amp;``). What a viewer sees is converted: the cue
text, the title after ``WEBVTT`` on the first line (``WEBVTT - Самарқанд сайри``) and the
speaker's name in a WebVTT voice span (``<v Гид>``, ``<v.loud Гид>``; its tag and classes
are kept). A ``Language:`` line in the WebVTT header and a ``<lang uz-Cyrl>`` span follow
the target (``uz-Cyrl`` <-> ``uz-Latn``). SubRip has no voice spans: its tags are kept
whole. A file without a single timing line is refused, because converting it "as
subtitles" would be a guess.
"""

from __future__ import annotations

import re

from yozuv.errors import FormatError
from yozuv.formats._base import Segmenter, TextFormat
from yozuv.formats._text import (
    AnyConverter,
    Batch,
    Part,
    gather_split,
    joined,
    put_outputs,
    retag_bcp47,
    split_at_separators,
    split_lines,
)

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}"
_TIMING = re.compile(rf"^[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}")
_INDEX = re.compile(r"^[ \t]*\d+[ \t]*$")
_SRT_TAGS = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")
_VTT_MARKUP = re.compile(
    r"<[^<>\n]*>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
# The same, as one group for ``re.split`` (see gather_split; neither matches empty text).
_SRT_TAGS_SPLIT = re.compile(f"({_SRT_TAGS.pattern})")
_VTT_MARKUP_SPLIT = re.compile(f"({_VTT_MARKUP.pattern})")
_VTT_LANGUAGE = re.compile(r"^(?P<key>Language:[ \t]*)(?P<value>[A-Za-z_-]+)")
# The title on the first line: after "WEBVTT" and a space or a tab (WebVTT's header rule).
_VTT_TITLE = re.compile(r"(?P<head>\ufeff?WEBVTT[ \t]+)(?P<title>[^\r\n]*)")
# A voice or language start tag with its annotation (the WebVTT tokenizer: the tag name,
# classes after dots, whitespace, then the annotation up to ">"). Matched on a tag that
# _VTT_MARKUP found, so it holds no "<" and no line break.
_VTT_ANNOTATED = re.compile(
    r"(?P<head><(?P<tag>v|lang)(?:\.[^\s.>]*)*[ \t\f]+)(?P<annotation>[^>]*)>"
)
_VTT_ENTITY_SPLIT = re.compile(r"(&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)")
_BCP47_AROUND = re.compile(r"(?P<before>\s*)(?P<tag>.*?)(?P<after>\s*)", re.DOTALL)
_VTT_KEPT_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")


_NL = r"(?:\r\n|\r|\n|\Z)"
_LINE_START = r"(?<![^\r\n])"  # the start of the text, or after a CR or an LF
# A line that is not blank (\S is exactly "not str.isspace" in a str pattern), its ending too.
_NONBLANK_LINE = rf"[^\S\r\n]*\S[^\r\n]*{_NL}"
# An SRT timing line, matched at a line start.
_SRT_TIMING = re.compile(rf"[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}[^\r\n]*{_NL}")
# The text of a cue, after its timing line: up to a blank line or up to a number line that
# a timing line follows. (_INDEX's ``$`` matches before a final LF only, not before CR LF,
# hence the bare ``\n`` after the number.)
_SRT_PAYLOAD = re.compile(
    rf"(?:(?![ \t]*\d+[ \t]*\n[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}){_NONBLANK_LINE})*"
)
# A WebVTT block: lines that are not blank, from a line start.
_VTT_BLOCK = re.compile(rf"{_LINE_START}(?:{_NONBLANK_LINE})+")
# The first line of a NOTE, STYLE or REGION block (as _VTT_KEPT_BLOCK reads a line: its
# ``$`` matches at the end or before a final LF).
_VTT_KEPT_START = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|\n|\Z)")
_LINE_END = re.compile(rf"[^\r\n]*{_NL}")
# A WebVTT block at a line start, in one match: a cue (its first line, or its first two,
# up to the line that holds ``-->``, then group ``payload``: the rest of the block) or any
# other block, kept whole (NOTE, STYLE and REGION blocks, and blocks without a timing line
# in their first two lines). What _VTT_BLOCK, _VTT_KEPT_START and _LINE_END found block by
# block, three searches a block; the alternatives are tried in the order they were.
_VTT_CUE_OR_KEPT_BLOCK = re.compile(
    rf"""{_LINE_START}(?:
        (?!{_VTT_KEPT_START.pattern})
        (?:[^\r\n]*-->[^\r\n]*{_NL}|{_NONBLANK_LINE}[^\r\n]*-->[^\r\n]*{_NL})
        (?P<payload>(?:{_NONBLANK_LINE})*)
      | (?:{_NONBLANK_LINE})+
    )""",
    re.VERBOSE,
)
# A timing line anywhere (the first one in a file is always a cue's: nothing precedes it).
_SRT_TIMING_AT_LINE_START = re.compile(_LINE_START + _SRT_TIMING.pattern)
# A cue, for re.split: 1 its timing line (the first line that is one), 2 its text.
_SRT_CUE_SPLIT = re.compile(f"({_SRT_TIMING_AT_LINE_START.pattern})({_SRT_PAYLOAD.pattern})")
# Between two cue texts joined into one: a tag can hold neither a NUL followed by a line
# break nor a line break, so none reaches from one cue's text into the next.
_CUE_SEPARATOR = "\x00\n"
_SRT_TAGS_OR_SEPARATOR_SPLIT = re.compile(f"({_SRT_TAGS.pattern}|\\x00\\n)")


class SrtFormat(TextFormat):
    """SubRip: text lines after each timing line, up to the blank line, are converted."""

    name = "srt"
    extensions = (".srt",)

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        return self._convert(text, convert, whole=True)

    def segmenter(self) -> Segmenter:
        return _SrtSegments()

    @staticmethod
    def _convert(text: str, convert: AnyConverter, *, whole: bool) -> str:
        """Convert the cues of ``text``; ``whole``: it starts the file, which is refused when
        it holds no cue at all.

        One split finds every cue (its timing line and text) in the whole file, so the
        lines between cues (numbers, blank lines) are never visited one by one; the cues'
        texts are then joined, cut at their tags by one more split, gathered in one step,
        and the outputs cut back into cues (see :func:`_convert_cue_texts`).
        """
        pieces = _SRT_CUE_SPLIT.split(text)  # before, timing, text, between, timing, text ...
        if whole and len(pieces) == 1 and text.strip():
            raise FormatError(
                "not a SubRip file: no timing line such as '00:00:01,000 --> 00:00:02,000' found"
            )
        pieces[2::3] = _convert_cue_texts(pieces[2::3], convert)
        return "".join(pieces)


def _convert_cue_texts(texts: list[str], convert: AnyConverter) -> list[str]:
    """Each cue text converted around its tags.

    The texts are joined by a separator that no tag can reach across and split once at
    their tags and the separators; the words are gathered, and the outputs put back and
    cut at the separators, all by C loops: Python does no work per cue. A file with a
    NUL, where the separator could be a cue's own text, has each cue split alone.
    """
    if not texts:
        return []
    batch = Batch()
    if any("\x00" in cue for cue in texts):
        parts: list[Part] = []
        for cue in texts:
            start = len(parts)
            gather_split(cue, _SRT_TAGS_SPLIT, batch, parts)
            parts[start:] = [joined(parts[start:])]
        batch.run(convert)
        return batch.texts_of(parts)
    pieces = _SRT_TAGS_OR_SEPARATOR_SPLIT.split(_CUE_SEPARATOR.join(texts))
    words = pieces[0::2]
    batch.texts.extend(filter(None, words))
    batch.run(convert)
    put_outputs(words, batch.outputs(0, len(batch.texts)))
    pieces[0::2] = words
    return split_at_separators(pieces, _CUE_SEPARATOR, len(texts))


class VttFormat(TextFormat):
    """WebVTT: cue payloads converted; header, NOTE, STYLE and REGION blocks kept."""

    name = "vtt"
    extensions = (".vtt",)

    def segmenter(self) -> Segmenter:
        return _VttSegments(self)

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        if not text.lstrip("\ufeff").startswith("WEBVTT"):
            raise FormatError("not a WebVTT file: the first line must start with 'WEBVTT'")
        batch = Batch()
        out: list[Part] = []
        header = _VTT_BLOCK.match(text)  # the first line is not blank: it starts "WEBVTT"
        assert header is not None
        lines = split_lines(header.group())
        title = _VTT_TITLE.match(lines[0])
        if title is not None and title.group("title"):
            out.append(title.group("head"))
            out.append(batch.add(title.group("title")))
            lines[0] = lines[0][title.end() :]
        for line in lines:
            language = _VTT_LANGUAGE.match(line)
            if language is None:
                out.append(line)
            else:
                value = retag_bcp47(language.group("value"), target)
                out.append(language.group("key") + value + line[language.end() :])
        _gather_blocks(text, header.end(), batch, out, target)
        batch.run(convert)
        return batch.join(out)


class _SrtSegments(Segmenter):
    """SubRip cut after blank lines; the first segment holds a timing line, so that it
    alone decides whether the file is SubRip, as the whole file would."""

    def end(self, text: str, *, first: bool) -> int:
        end = _after_last_blank_line(text)
        if first and end and _SRT_TIMING_AT_LINE_START.search(text, 0, end) is None:
            return 0
        return end

    def convert(
        self, text: str, convert: AnyConverter, *, target: str, source: str, first: bool
    ) -> str:
        return SrtFormat._convert(text, convert, whole=first)


class _VttSegments(Segmenter):
    """WebVTT cut after blank lines: the header block (the first) is in the first segment."""

    def __init__(self, vtt: VttFormat) -> None:
        self.vtt = vtt

    def end(self, text: str, *, first: bool) -> int:
        return _after_last_blank_line(text)

    def convert(
        self, text: str, convert: AnyConverter, *, target: str, source: str, first: bool
    ) -> str:
        if first:
            return self.vtt.convert_text(text, convert, target=target, source=source)
        batch = Batch()
        out: list[Part] = []
        _gather_blocks(text, 0, batch, out, target)
        batch.run(convert)
        return batch.join(out)


def _gather_blocks(text: str, last: int, batch: Batch, out: list[Part], target: str) -> None:
    """Gather the cue payloads of the blocks from ``last`` (a line start) to the end.

    One match finds a block and tells a cue (with its payload) from a kept block, so a
    block costs one step of ``finditer``; blank lines between blocks are copied."""
    for block in _VTT_CUE_OR_KEPT_BLOCK.finditer(text, last):
        payload = block.group("payload")
        if payload is not None:
            out.append(text[last : block.start("payload")])
            _gather_vtt_payload(payload, batch, out, target)
            last = block.end()
    out.append(text[last:])


def _after_last_blank_line(text: str) -> int:
    """The position after the last empty line of ``text`` (0 if it has none): a line start
    that no cue text, timing line or block crosses, so the text may be cut there."""
    after_lf = text.rfind("\n\n") + 2
    after_crlf = text.rfind("\r\n\r\n") + 4
    return max(after_lf if after_lf > 1 else 0, after_crlf if after_crlf > 3 else 0)


def _gather_vtt_payload(payload: str, batch: Batch, out: list[Part], target: str) -> None:
    """Gather a cue's text around its markup; a voice span's name is gathered too (its tag
    and classes kept) and a ``<lang>`` span's tag follows the target.

    A payload without ``<`` and ``&`` (no markup can be there) is one text, gathered
    without a split. Otherwise the split puts text at even and markup at odd positions
    from where it started in ``out``; only a payload that holds ``<v`` or ``<lang`` has its
    tags looked at, and the parts of an annotated tag take its place in ``out`` (no
    :class:`Later` to resolve for it), its texts gathered after the payload's, as before.
    """
    if "<" not in payload and "&" not in payload:
        if payload:
            out.append(batch.add(payload))
        return
    start = len(out)
    gather_split(payload, _VTT_MARKUP_SPLIT, batch, out)
    if "<v" not in payload and "<lang" not in payload:
        return
    parts: list[Part] = out[start : start + 1]
    for index in range(start + 1, len(out), 2):
        tag = out[index]
        assert isinstance(tag, str)  # markup is copied text
        _gather_annotated_tag(tag, batch, parts, target)
        parts.append(out[index + 1])
    out[start:] = parts


def _gather_annotated_tag(tag: str, batch: Batch, out: list[Part], target: str) -> None:
    """Append the parts of one tag of a cue: the voice span's name gathered, a ``<lang>``
    span's tag retagged, any other tag (or one without an annotation) copied."""
    annotated = _VTT_ANNOTATED.fullmatch(tag)
    if annotated is None or not annotated.group("annotation"):
        out.append(tag)
        return
    annotation = annotated.group("annotation")
    out.append(annotated.group("head"))
    if annotated.group("tag") == "lang":
        around = _BCP47_AROUND.fullmatch(annotation)
        assert around is not None  # it matches any text
        out.append(around.group("before") + retag_bcp47(around.group("tag"), target))
        out.append(around.group("after"))
    else:
        gather_split(annotation, _VTT_ENTITY_SPLIT, batch, out)
    out.append(">")
