"""Markdown (CommonMark plus tables): convert the prose, keep the code and the addresses.

pulldown-cmark (compiled, through pyromark) finds the blocks and their lines (headings,
paragraphs, list items, table rows, quotes); an own inline scanner then walks those lines in
the original text, because the output must be the original bytes wherever nothing is
converted.

Converted: paragraphs, headings, list items, block quotes, table cells, link text, image alt
text, link titles, and the human text inside HTML blocks (through the HTML format). Front
matter: only the values of ``title``, ``subtitle``, ``description``, ``summary``,
``excerpt``, ``caption`` and ``alt`` with a single-line string value (plain or quoted),
because other keys are often read by programs (``layout: post``, ``tags``, dates), and a
Latin to Cyrillic run must not turn them into Cyrillic; ``lang``/``language``/``locale``
follow the target like HTML ``lang`` (``uz-Cyrl`` <-> ``uz-Latn``).

Kept byte for byte: fenced and indented code, inline code, autolinks, link destinations,
raw inline HTML tags, entities, backslash escapes, footnote markers ``[^1]``, heading
attributes ``{#id}``, shortcodes ``{{< x >}}``, front-matter keys and every line the parser
does not see as inline text (thematic breaks, table delimiter rows, blank lines).

Reference links: a reference label (``[text][label]``, and ``[label]: url`` definitions) is
converted on its own, with the same converter, so a collapsed or shortcut reference
(``[Ўрнатиш]``) and its definition still match after conversion; a definition's destination
is kept and its title (on the same line) converted, like an inline link's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Any

import pyromark
from pyromark.event import Range

from yozuv.collector import collector_paused
from yozuv.formats._base import TextFormat
from yozuv.formats._text import (
    AnyConverter,
    Batch,
    Computed,
    Part,
    convert_gathered,
    gather_around,
    joined,
    retag_bcp47,
    split_lines,
)
from yozuv.formats.html import gather_html

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKTICKS = re.compile(r"`+")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_ANGLE = re.compile(
    r"""<(?:
        [A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>                                  # autolink
      | [A-Za-z0-9.!\#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?>  # e-mail
      | [A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*
            (?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>               # open tag
      | /[A-Za-z][A-Za-z0-9-]*\s*>                                              # close tag
      | !--[\s\S]*?-->                                                          # comment
      | \?[\s\S]*?\?>                                                           # instruction
      | !\[CDATA\[[\s\S]*?\]\]>                                                 # CDATA
      | ![A-Za-z][^>]*>                                                         # declaration
    )""",
    re.VERBOSE,
)
# A shortcode ends before the next "{{" and a footnote label before the next "[" (a label
# holds no bracket): an opener never closed is given up at the next one, so a line of many
# is read once, not once from each opener to its end.
_BRACES = re.compile(r"\{\{[<%](?:(?!\{\{)[\s\S])*?[%>]\}\}|\{:?[ \t]*[#.][^{}\n]*\}")
_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]+\]")
_REFERENCE_DEFINITION = re.compile(
    r"^(?P<lead> {0,3}(?:>[ \t]?)*[ \t]*\[)(?P<label>[^\]]+)(?P<rest>\]:)"
)
_DEFINITION_TITLE = re.compile(
    r"""^(?P<before>[ \t]*(?:<[^<>\n]*>|\S+)[ \t]+["'(])(?P<title>[^\n]*?)(?=["')][ \t]*\r?\n?$)"""
)
_FRONT_MATTER_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_HUMAN_KEYS = "title|subtitle|description|summary|excerpt|caption|alt"
_YAML_FIELD = re.compile(
    rf"^(?P<key>[ \t]*(?:{_HUMAN_KEYS})[ \t]*:[ \t]+)(?P<value>[^\r\n]*?)(?P<tail>[ \t]*\r?\n?)$"
)
_TOML_FIELD = re.compile(
    rf"^(?P<key>[ \t]*(?:{_HUMAN_KEYS})[ \t]*=[ \t]*)"
    r"(?P<value>\"(?:[^\"\\\r\n]|\\.)*\"|'[^'\r\n]*')"
    r"(?P<tail>[^\r\n]*\r?\n?)$"
)
_BACKSLASH_ESCAPE = re.compile(r"\\.")
# The characters inline syntax can start with (see _kept_span).
# Where inline syntax can start: each branch is the first character(s) every construct
# :func:`_kept_span` knows needs, so the scanner stops at no bracket of plain prose (a link
# text's "[" is not one; its "](" is).
_INLINE_SYNTAX_START = re.compile(
    r"""`
      | \\[!-/:-@\[-`{-~]
      | <[A-Za-z0-9.!\#$%&'*+/=?^_`{|}~-]
      | &[A-Za-z\#]
      | \{(?:\{[<%]|:?[ \t]*[\#.])
      | \[\^
      | \][\[(]""",
    re.VERBOSE,
)
_LINK_SPACE = re.compile(r"[ \t]*(?:\n[ \t]*)?")
# Inside <...>: anything but <, > and a line break; a backslash escapes any one character.
_ANGLE_DESTINATION = re.compile(r"[^<>\n\\]*(?:\\.[^<>\n\\]*)*", re.DOTALL)
_DESTINATION_STOP = re.compile(r"[\\()\s\x00-\x1f]")  # \s is exactly str.isspace
_MAX_PAREN_DEPTH = 32
_TITLE_STOPS = {
    '"': re.compile(r'[\\"]'),
    "'": re.compile(r"[\\']"),
    "(": re.compile(r"[\\()]"),  # a "(" title holds no unescaped "(" (CommonMark)
}
_LANGUAGE_FIELD = re.compile(
    r"^(?P<key>[ \t]*(?:lang|language|locale)[ \t]*[:=][ \t]*[\"']?)(?P<value>[A-Za-z_-]+)"
)


_PARSER_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
# The blocks whose lines make a region: every line of a paragraph or table cell is text; a
# heading's text ends at its last inline event (a setext underline is not text).
_REGION_KINDS = {
    "Paragraph": "inline",
    "TableCell": "inline",
    "Heading": "heading",
    "CodeBlock": "code",
    "HtmlBlock": "html",
}
_TEXT_HOLDERS = frozenset({"Heading", "Item"})  # text where inline events say
_CONTAINERS = frozenset(
    {
        "BlockQuote",
        "List",
        "Item",
        "FootnoteDefinition",
        "Table",
        "TableHead",
        "TableRow",
        "DefinitionList",
        "DefinitionListTitle",
        "DefinitionListDefinition",
        "MetadataBlock",
    }
)
_BLOCKS = _CONTAINERS | _REGION_KINDS.keys()
_CR_LINE_END = re.compile("\r\n?")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _block_regions(body: str) -> dict[int, tuple[int, str]]:
    """Where the blocks of ``body`` lie: first line -> (end line, "inline"/"code"/"html").

    pulldown-cmark (through pyromark) parses the CommonMark block structure in compiled code
    and reports each block's byte range; the lines those ranges cover are all this module
    needs, because its own inline scanner then walks the original text. The pure-Python
    block parse used before cost more than three times the conversion of the text itself.
    A text region ends at its last line of text (a setext heading's underline is not text),
    and the text of a tight list item, which has no paragraph of its own, is a region too.
    """
    # The parser takes valid Unicode only, and misreads code blocks in a file whose lines end
    # in a lone CR: it is given LF endings (one line for one line, so the numbers hold).
    source = _CR_LINE_END.sub("\n", _SURROGATE.sub("\ufffd", body))
    # Byte offset of each line's start: the parser's ranges are UTF-8 byte offsets.
    sizes = map(len, source.encode("utf-8").split(b"\n"))
    line_starts = list(accumulate((size + 1 for size in sizes), initial=0))
    regions: dict[int, tuple[int, str]] = {}
    open_blocks: list[str] = []
    text_lines: list[int] = []  # first and end line of the text being gathered

    def lines_of(span: Range) -> tuple[int, int]:
        first = bisect_right(line_starts, span["start"]) - 1
        return first, bisect_right(line_starts, max(span["start"], span["end"] - 1))

    def close_text() -> None:
        if text_lines:
            regions.setdefault(text_lines[0], (text_lines[1], "inline"))
            text_lines.clear()

    in_holder = False  # is the innermost open block a heading or a list item?
    events = pyromark.events_with_range(source, options=_PARSER_OPTIONS, merge_text=True)
    for event, span in events:
        # Some 180,000 events for 3 MB: the loop does as little as it can for each.
        if event.__class__ is dict:
            tag: Any = event.get("Start")
            starts = tag is not None
            if not starts:
                tag = event.get("End")
            if tag is not None:
                kind = tag if tag.__class__ is str else next(iter(tag))
                if kind in _BLOCKS:
                    if text_lines:
                        close_text()
                    if not starts:
                        open_blocks.pop()
                        in_holder = bool(open_blocks) and open_blocks[-1] in _TEXT_HOLDERS
                        continue
                    open_blocks.append(kind)
                    in_holder = kind in _TEXT_HOLDERS
                    region = _REGION_KINDS.get(kind)
                    if region is not None:  # containers (lists, quotes, rows) need no lines
                        first, end = lines_of(span)
                        if region == "inline":
                            regions.setdefault(first, (end, region))
                        elif region == "heading":
                            text_lines.extend((first, first + 1))  # grows to its last text line
                        else:
                            regions[first] = (end, region)
                    continue
        elif event == "Rule":
            close_text()
            continue
        if in_holder:  # inline: text, code span, break, emphasis, link...
            first, end = lines_of(span)
            if text_lines:
                text_lines[1] = max(text_lines[1], end)
            else:
                text_lines.extend((first, end))
    close_text()
    return regions


class MarkdownFormat(TextFormat):
    """Prose converted; code, addresses and markup kept byte for byte."""

    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn")

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        return convert_markdown(text, convert, target=target)


def convert_markdown(text: str, convert: AnyConverter, *, target: str) -> str:
    """Convert a Markdown document; see the module docstring for what is converted."""
    batch = Batch()
    with collector_paused():
        out = _gather_markdown(text, batch, target)
    batch.run(convert)
    with collector_paused():
        return batch.join(out)


def _gather_markdown(text: str, batch: Batch, target: str) -> list[Part]:
    """The parts of a Markdown document, its texts gathered into ``batch``."""
    lines = split_lines(text)
    front_end = _front_matter_end(lines)
    body = "\n" * front_end + "".join(lines[front_end:])
    regions = _block_regions(body)
    out: list[Part] = []
    _gather_front_matter(lines[:front_end], batch, target, out)
    starts = sorted(regions)
    following = 0  # index in starts of the first region at or after number
    number = front_end
    while number < len(lines):
        following = bisect_left(starts, number, following)
        next_start = starts[following] if following < len(starts) else len(lines)
        if next_start > number:  # lines outside every block: blank lines, rules, definitions
            _gather_outside_blocks(lines[number:next_start], batch, out)
            number = next_start
            continue
        end, kind = regions[number]
        end = max(end, number + 1)
        chunk = "".join(lines[number:end])
        if kind == "inline":
            _gather_inline(chunk, batch, out)
        elif kind == "html":
            out.append(gather_html(chunk, batch, target=target))
        else:
            out.append(chunk)
        number = end
    return out


def _front_matter_end(lines: list[str]) -> int:
    if not lines:
        return 0
    closers = _FRONT_MATTER_FENCES.get(lines[0].rstrip())
    if closers is None:
        return 0
    for number in range(1, len(lines)):
        if lines[number].rstrip() in closers:
            return number + 1
    return 0


def _gather_front_matter(lines: list[str], batch: Batch, target: str, out: list[Part]) -> None:
    for line in lines:
        language = _LANGUAGE_FIELD.match(line)
        if language is not None:
            value = retag_bcp47(language.group("value"), target)
            out.append(language.group("key") + value + line[language.end() :])
            continue
        yaml = _YAML_FIELD.match(line)
        toml = None if yaml else _TOML_FIELD.match(line)
        match = yaml or toml
        if match is None:
            out.append(line)
            continue
        out.append(match.group("key"))
        out.append(_gather_scalar(match.group("value"), batch, toml=toml is not None))
        out.append(match.group("tail"))


def _gather_scalar(value: str, batch: Batch, *, toml: bool) -> Part:
    """A quoted or plain one-line scalar; anything structured (lists, blocks) is kept.

    Whether a converted scalar can be written back as it is (a quote in a TOML literal
    string, a YAML plain scalar that would read as a quoted one or as a mapping) is known
    only after conversion, so those checks are a :class:`Computed`.
    """
    if len(value) >= 2 and value[0] == value[-1] == '"':
        parts: list[Part] = ['"']
        gather_around(value[1:-1], _BACKSLASH_ESCAPE, batch, parts)
        parts.append('"')
        return joined(parts)
    if len(value) >= 2 and value[0] == value[-1] == "'":
        inner = value[1:-1]
        if toml:
            literal = batch.add(inner)

            def toml_literal(done: Batch) -> str:
                converted = done.text(literal)
                return value if "'" in converted else "'" + converted + "'"

            return Computed(toml_literal)
        quoted = batch.add(inner.replace("''", "'"))
        return Computed(lambda done: "'" + done.text(quoted).replace("'", "''") + "'")
    if toml or not value or value[0] in "[{|>&*!%@`'\"#":
        return value
    text, hash_mark, comment = value.partition(" #")
    plain = batch.add(text)

    def yaml_plain(done: Batch) -> str:
        converted = done.text(plain)
        if converted[:1] in ("'", '"') or ": " in converted:
            return value
        return converted + hash_mark + comment

    return Computed(yaml_plain)


def _gather_outside_blocks(lines: list[str], batch: Batch, out: list[Part]) -> None:
    """Lines no block holds, kept as they are but for reference definitions (whose label and
    title are text); a run of lines without a ``]:`` holds none and is kept whole."""
    run = "".join(lines)
    if "]:" not in run:
        out.append(run)
        return
    for line in lines:
        _gather_reference_definition(line, batch, out)


def _gather_reference_definition(chunk: str, batch: Batch, out: list[Part]) -> None:
    match = _REFERENCE_DEFINITION.match(chunk)
    if match is None:
        out.append(chunk)
        return
    if match.group("label").startswith("^"):  # a footnote: the label is kept, the note is text
        out.append(chunk[: match.end()])
        _gather_inline(chunk[match.end() :], batch, out)
        return
    rest = chunk[match.end() :]
    titled = _DEFINITION_TITLE.match(rest)
    # The title is gathered before the label: the order in which texts go to the converter
    # stays the one a plain function was always called in.
    rest_parts: list[Part] = [rest]
    if titled is not None:
        rest_parts = [titled.group("before")]
        _gather_inline(titled.group("title"), batch, rest_parts)
        rest_parts.append(rest[titled.end("title") :])
    out.append(match.group("lead"))
    _gather_inline(match.group("label"), batch, out)
    out.append("]:")
    out.extend(rest_parts)


def convert_inline(text: str, convert: AnyConverter) -> str:
    """Convert inline Markdown text: words converted, inline syntax with addresses kept."""

    def gather(batch: Batch) -> Part:
        out: list[Part] = []
        _gather_inline(text, batch, out)
        return joined(out)

    return convert_gathered(convert, gather)


def _gather_inline(text: str, batch: Batch, out: list[Part]) -> None:
    """:func:`convert_inline` for a batch: append the parts of ``text`` to ``out``.

    A regex jumps to the next character that can open inline syntax; the words between
    are never visited one by one.
    """
    words_from = 0
    backticks = _Backticks(text)
    found = _INLINE_SYNTAX_START.search(text)
    while found is not None:
        index = found.start()
        kept = _kept_span(text, index, backticks)
        if kept is None:
            found = _INLINE_SYNTAX_START.search(text, index + 1)
            continue
        end, pieces = kept
        if words_from < index:
            out.append(batch.add(text[words_from:index]))
        for piece, convertible in pieces:
            if convertible:
                _gather_inline(piece, batch, out)
            else:
                out.append(piece)
        words_from = end
        found = _INLINE_SYNTAX_START.search(text, end)
    if words_from < len(text):
        out.append(batch.add(text[words_from:]))


class _Backticks:
    """The backtick runs of one text, grouped by length, found on first use.

    A code span closes at the next run of the same length. Scanning every later run for it
    made a paragraph with many unmatched runs quadratic; with the runs indexed, the closing
    run is a bisection away.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: dict[int, list[int]] | None = None

    def closing_end(self, width: int, after: int) -> int | None:
        """The end of the first run of exactly ``width`` backticks starting at ``after`` or
        later (runs are maximal: a longer run is not a closing one), or None."""
        if self._starts is None:
            self._starts = {}
            for run in _BACKTICKS.finditer(self._text):
                self._starts.setdefault(run.end() - run.start(), []).append(run.start())
        starts = self._starts.get(width, [])
        found = bisect_left(starts, after)
        return starts[found] + width if found < len(starts) else None


def _kept_span(
    text: str, index: int, backticks: _Backticks
) -> tuple[int, list[tuple[str, bool]]] | None:
    """If inline syntax starts at ``index``: its end and its pieces (text, is_words)."""
    char = text[index]
    if char == "\\" and index + 1 < len(text) and text[index + 1] in _ASCII_PUNCTUATION:
        return index + 2, [(text[index : index + 2], False)]
    if char == "`":
        return _code_span(text, index, backticks)
    match: re.Match[str] | None = None
    if char == "<":
        match = _ANGLE.match(text, index)
    elif char == "&":
        match = _ENTITY.match(text, index)
    elif char == "{":
        match = _BRACES.match(text, index)
    elif char == "[":
        match = _FOOTNOTE.match(text, index)
    elif char == "]":
        return _link_tail(text, index)
    if match is not None:
        return match.end(), [(match.group(0), False)]
    return None


def _code_span(text: str, index: int, backticks: _Backticks) -> tuple[int, list[tuple[str, bool]]]:
    """The code span opened by the backticks at ``index``, or the run alone when none
    closes it (it is kept either way)."""
    run = _BACKTICKS.match(text, index)
    assert run is not None
    close = backticks.closing_end(run.end() - index, run.end())
    if close is None:
        return run.end(), [(run.group(0), False)]
    return close, [(text[index:close], False)]


def _link_tail(text: str, index: int) -> tuple[int, list[tuple[str, bool]]] | None:
    """``](destination "title")`` or ``][label]`` right after a link text."""
    after = index + 1
    if text.startswith("[", after):
        close = text.find("]", after + 1)
        if close == -1 or "[" in text[after + 1 : close]:
            return None
        label = text[after + 1 : close]
        label_pieces = [("][", False), (label, True), ("]", False)]
        return close + 1, [piece for piece in label_pieces if piece[0]]
    if not text.startswith("(", after):
        return None
    position = _skip_space(text, after + 1)
    destination_end = _destination_end(text, position)
    if destination_end is None:
        return None
    pieces: list[tuple[str, bool]] = [(text[index:destination_end], False)]
    position = _skip_space(text, destination_end)
    if position > destination_end and position < len(text) and text[position] in "\"'(":
        title_end = _title_end(text, position)
        if title_end is None:
            return None
        pieces.append((text[destination_end : position + 1], False))
        if title_end - 1 > position + 1:
            pieces.append((text[position + 1 : title_end - 1], True))
        pieces.append((text[title_end - 1 : title_end], False))
        destination_end = title_end
        position = _skip_space(text, title_end)
    if position >= len(text) or text[position] != ")":
        return None
    pieces.append((text[destination_end : position + 1], False))
    return position + 1, pieces


def _skip_space(text: str, index: int) -> int:
    """After spaces, tabs and at most one line break (a blank line ends a link)."""
    if index >= len(text):
        return index
    space = _LINK_SPACE.match(text, index)
    assert space is not None  # it matches the empty string too
    return space.end()


def _destination_end(text: str, index: int) -> int | None:
    """The end of a link destination at ``index`` (``<...>`` or bare), or None."""
    if text.startswith("<", index):
        inside = _ANGLE_DESTINATION.match(text, index + 1)
        assert inside is not None  # it matches the empty string too
        position = inside.end()
        return position + 1 if text.startswith(">", position) else None
    return _bare_destination_end(text, index)


def _bare_destination_end(text: str, index: int) -> int | None:
    """A bare destination ends at whitespace, a control character or an unbalanced ``)``;
    the regex jumps between backslashes, parentheses and those stops. Parentheses nest at
    most :data:`_MAX_PAREN_DEPTH` deep (as markdown-it has it; CommonMark lets a parser set
    a limit): a line of openers never closed is then read a few openers at a time, not to
    its end from each of them."""
    depth = 0
    position = index
    while True:
        stop = _DESTINATION_STOP.search(text, position)
        if stop is None:
            position = len(text)
            break
        position = stop.start()
        char = text[position]
        if char == "\\":
            position += 2 if position + 1 < len(text) else 1
            continue
        if char == "(":
            depth += 1
            if depth > _MAX_PAREN_DEPTH:
                return None
        elif char == ")" and depth > 0:
            depth -= 1
        else:  # whitespace, a control character, or the ")" that closes the link
            break
        position += 1
    return position if depth == 0 else None


def _title_end(text: str, index: int) -> int | None:
    """The end of the link title opened at ``index`` (after its closing quote), or None."""
    stops = _TITLE_STOPS[text[index]]
    position = index + 1
    while True:
        stop = stops.search(text, position)
        if stop is None:
            return None
        char = text[stop.start()]
        if char == "\\":  # an escaped character, whatever it is
            position = stop.start() + 2
            continue
        return None if char == "(" else stop.start() + 1
