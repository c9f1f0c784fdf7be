"""A frozen copy of ``src/yozuv/formats/html.py`` as it was before the fast scanner (commit
28e0203), the reference that tests/test_formats_html_equal.py holds the format to, byte for
byte, on every input. Do not edit it to follow the format: it is what the format must keep
giving.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

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
)

_SKIP_CONTENT = frozenset({"script", "style", "code", "pre", "kbd", "samp", "textarea"})
# fmt: off
_VOID = frozenset(
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr"
    ]
)
_HUMAN_ATTRIBUTES = frozenset(
    [
        "title", "alt", "placeholder", "aria-label", "aria-description", "aria-placeholder",
        "aria-roledescription", "label", "summary"
    ]
)
_HUMAN_META = frozenset(
    [
        "description", "keywords", "og:title", "og:description", "og:site_name",
        "twitter:title", "twitter:description"
    ]
)
# fmt: on
_BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
_LANG_ATTRIBUTES = frozenset({"lang", "xml:lang"})
# Every attribute name _rewrite_attributes may change, with a value, in a tag lowered by
# str.lower: a tag in which none occurs (e.g. ``<p class="x">``, ``<a href="?lang=uz">``)
# cannot change and is not parsed again. An attribute name that _ATTRIBUTE finds starts
# after one of the characters of the class (or the tag's name); its lower case is one of
# the names; and a value follows an "=" after it. Searching the lowered tag for a
# character class first (not IGNORECASE, not a look-behind) lets re jump to those
# characters instead of trying the alternation at every position.
_REWRITABLE_NAME = re.compile(
    r"""[\s/>"'=](?:"""
    + "|".join(map(re.escape, sorted(_HUMAN_ATTRIBUTES | _LANG_ATTRIBUTES | {"content", "value"})))
    + r")\s*="
)
# What after "<" makes html.parser try a construct (a tag, end tag, comment, declaration or
# processing instruction) rather than take the "<" as text.
_CONSTRUCT_OPENERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")


@lru_cache(maxsize=1)
def _eof_constructs_are_text() -> bool:
    """Whether this Python's html.parser reads constructs left open at the end of the file
    as text, from each "<" to the next (3.11 up to 3.11.12 does; later releases drop open
    tags at the end, as HTML5 does, in linear time): only then does ``finish`` read the
    tail itself."""
    seen: list[str] = []

    class Probe(HTMLParser):
        def handle_data(self, data: str) -> None:
            seen.append(data)

    probe = Probe(convert_charrefs=False)
    probe.feed("x<a b</c d<!e<?f< g<")
    probe.close()
    return seen == ["x", "<a b", "</c d", "<!e", "<?f", "<", " g", "<"]


# A "&#" that starts no character reference: html.parser (3.11) reads all that follows it
# as text.
_BAD_CHARREF = re.compile(r"&#(?![0-9]|[xX][0-9a-fA-F])")


# The name of a marked section (<![CDATA[, <![if ...) as _markupbase reads it, and the closer
# it then looks for: "]]>" or "]>" (with spaces allowed between).
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_SECTION_CLOSERS = {
    **dict.fromkeys(("temp", "cdata", "ignore", "include", "rcdata"), "]]>"),
    **dict.fromkeys(("if", "else", "endif"), "]>"),
}
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31};?|#\d{1,7};?|#[xX][0-9A-Fa-f]{1,6};?)")
_TAG_NAME = re.compile(r"</?[^\s/>]+")
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s/>"'=][^\s/>=]*)
        (?:(?P<equals>\s*=\s*)(?P<value>"[^"]*"|'[^']*'|(?!["'])[^\s>]*))?""",
    re.VERBOSE,
)


def convert_html(text: str, convert: AnyConverter, *, target: str) -> str:
    """Convert an HTML document or fragment."""
    return convert_gathered(convert, lambda batch: gather_html(text, batch, target=target))


def gather_html(text: str, batch: Batch, *, target: str) -> Part:
    """:func:`convert_html` for a batch (Markdown's HTML blocks share the document's batch).

    The parser runs now and gathers the texts; the spans that change are known only once
    the batch is converted, so the rebuild is a :class:`Computed`.
    """
    locator = _Locator(text, batch, target)
    locator.feed(text)
    locator.finish()
    if not locator.parts:
        return text
    return Computed(lambda done: _rebuild(text, locator, done))


def _rebuild(text: str, locator: _Locator, batch: Batch) -> str:
    """``text`` with every span whose output differs from it replaced (an overlapping span,
    which a confused parser might report, loses to the one that starts first)."""
    changes = []
    starts, ends = locator.bounds[::2], locator.bounds[1::2]
    for start, end, original, part in zip(
        starts, ends, locator.originals, locator.parts, strict=True
    ):
        new = batch.text(part)
        if new != original:
            changes.append((start, end, new))
    out: list[str] = []
    last = 0
    for start, end, replacement in sorted(changes):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


class HtmlFormat(TextFormat):
    """Text nodes and human attributes converted; markup kept; ``lang`` follows the target."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".xht", ".shtml")

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        return convert_html(text, convert, target=target)


def _says_translate_no(attrs: list[tuple[str, str | None]]) -> bool:
    """Whether a tag's attributes mark its element ``translate="no"`` (most tags have no
    attribute at all, and then no generator is made to say so)."""
    return bool(attrs) and any(
        name == "translate" and (value or "").strip().lower() == "no" for name, value in attrs
    )


class _Locator(HTMLParser):
    """Gathers the texts to convert and notes, for each, the span it may replace.

    The spans are kept in parallel lists (bounds, original text, part), not as a tuple
    each: a page has tens of thousands, all alive until the batch runs.
    """

    def __init__(self, text: str, batch: Batch, target: str) -> None:
        super().__init__(convert_charrefs=False)
        self._text = text
        self._batch = batch
        self._target = target
        self._line_starts = [0]
        self._line_starts.extend(m.end() for m in re.finditer("\n", text))
        self._open: list[tuple[str, bool]] = []  # (tag, keeps its content)
        # Counts kept in step with _open, so that neither "inside a kept element?" nor "is
        # this end tag open at all?" walks the stack: deep nesting and stray end tags would
        # make that quadratic.
        self._keeping_depth = 0  # open elements that keep their content
        self._open_by_tag: dict[str, int] = {}
        self.bounds: list[int] = []  # start and end of each span that may change, in turn
        self.originals: list[str] = []
        self.parts: list[Part] = []
        # What cannot close (see _known_open): every construct ends with ">", so none that
        # starts after the last ">" can; and a closer not found from one offset is not
        # found from any later one.
        self._closable_end = text.rfind(">") + 1
        self._buffer_end = len(text)
        self._last_nul = text.rfind("\x00")
        self._open_from: dict[str, int] = {}  # closer -> offset from which it is absent

    # --- constructs left open ----------------------------------------------------------
    # html.parser (3.11) meets a construct that does not close at the end of the file by
    # emitting its first piece as text and trying again at the next "<", each time looking
    # for the closer up to the end: "<a " * 20,000 took 38.8 s. These overrides answer
    # "incomplete" (-1) at once where the parser itself would answer -1 after its search,
    # and leave every other case to it, so the events are exactly those it reports.
    def _absolute(self, i: int) -> int:
        """The offset in the text of the parser's position ``i`` (its buffer is always the
        rest of the text up to ``_buffer_end``: it is fed the whole text once)."""
        return self._buffer_end - len(self.rawdata) + i

    def finish(self) -> None:
        """``close()``, with the text after the last ">" read here in one pass when it can
        be: the parser (3.11) would look for a ">" from each "<" there, up to the end.

        Nothing in that tail can close, so the parser's end-of-file reading of it is simple:
        from each "<" that opens a construct (a letter, "/", "!" or "?" after it) up to the
        next "<" is text, and so is any other "<" alone. The part before the tail is closed
        by the parser itself, which ends there as it would in the whole text (every closer
        ends with ">"), unless a "&#" that starts no character reference makes it read
        everything after as text. A tail with "&" or a NUL goes to the parser too.
        """
        read = self._buffer_end - len(self.rawdata)  # what the parser has not read yet
        closable = max(self._closable_end, read)
        # The tail starts at a "<", where the parser's text before it ends too.
        tail = self._text.find("<", closable)
        if tail < 0:
            self.close()  # no construct in the tail, only text: nothing to look for
            return
        rest = self._text[tail:]
        if (
            not _eof_constructs_are_text()
            or "&" in self._text[closable:]
            or "\x00" in rest
            or _BAD_CHARREF.search(self._text, read, tail) is not None  # text to the end
        ):
            self.close()
            return
        if self._buffer_end - len(self.rawdata) < tail:
            self.rawdata = self.rawdata[: len(self.rawdata) - len(rest)]
            self._buffer_end = tail
            self.close()
        if self.cdata_elem is not None:
            return  # the parser emits nothing after an unclosed <script> or <style>
        text, position, end = self._text, tail, len(self._text)
        while position < end:
            lt = text.find("<", position)
            if lt < 0:
                lt = end
            if position < lt:
                self._data(position, text[position:lt])
            if lt >= end - 1:
                if lt < end:
                    self._data(lt, "<")  # a "<" that ends the file
                return
            if text[lt + 1] in _CONSTRUCT_OPENERS:
                next_lt = text.find("<", lt + 1)
                position = lt + 1 if next_lt < 0 else next_lt
            else:
                position = lt + 1
            self._data(lt, text[lt:position])

    def _known_open(self, i: int, closer: str | None = None) -> bool:
        start = self._absolute(i)
        if start >= self._closable_end:
            return True  # no ">" after it
        return closer is not None and start >= self._open_from.get(closer, len(self._text))

    def _note_open(self, i: int, closer: str) -> None:
        start = self._absolute(i)
        self._open_from[closer] = min(start, self._open_from.get(closer, start))

    def parse_starttag(self, i: int) -> int:
        # Without a ">" a start tag is complete only where its name stops at a NUL (3.11).
        if self._known_open(i) and self._absolute(i) > self._last_nul:
            return -1
        result: int = super().parse_starttag(i)
        return result

    def parse_endtag(self, i: int) -> int:
        if self._known_open(i):
            return -1
        result: int = super().parse_endtag(i)
        return result

    def parse_pi(self, i: int) -> int:
        if self._known_open(i):
            return -1
        result: int = super().parse_pi(i)
        return result

    def parse_html_declaration(self, i: int) -> int:
        if self._known_open(i):
            return -1  # a comment, doctype, marked section or bogus comment: all end in ">"
        result: int = super().parse_html_declaration(i)
        return result

    def parse_comment(self, i: int, report: bool = True) -> int:
        if self._known_open(i, "-->"):
            return -1
        result: int = super().parse_comment(i, report)
        if result < 0:
            self._note_open(i, "-->")
        return result

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        name = _SECTION_NAME.match(self.rawdata, i + 3)
        closer = _SECTION_CLOSERS.get(name.group().lower()) if name else None
        if self._known_open(i, closer):
            return -1
        if closer is None:
            # "<![x ...>": html.parser (3.11) raises AssertionError ("unknown status
            # keyword"); browsers and later Pythons read a bogus comment, kept as it is.
            bogus: int = self.parse_bogus_comment(i, report)
            return bogus
        result: int = super().parse_marked_section(i, report)
        if result < 0 and closer is not None:
            self._note_open(i, closer)
        return result

    # --- positions -----------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _push(self, tag: str, keeps: bool) -> None:
        self._open.append((tag, keeps))
        self._keeping_depth += keeps
        self._open_by_tag[tag] = self._open_by_tag.get(tag, 0) + 1

    def _pop_to(self, depth: int) -> None:
        """Close the elements from ``depth`` up (each is popped once: linear overall)."""
        for tag, keeps in self._open[depth:]:
            self._keeping_depth -= keeps
            self._open_by_tag[tag] -= 1
        del self._open[depth:]

    # --- events --------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        keeps = tag in _SKIP_CONTENT or _says_translate_no(attrs)
        self._rewrite_tag(tag, attrs, in_kept=self._keeping_depth > 0 or keeps)
        if tag not in _VOID:
            self._push(tag, keeps)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        keeps = _says_translate_no(attrs)
        self._rewrite_tag(tag, attrs, in_kept=self._keeping_depth > 0 or keeps)

    def handle_endtag(self, tag: str) -> None:
        if not self._open_by_tag.get(tag):
            return  # a stray end tag closes nothing
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                self._pop_to(depth)
                return

    def handle_data(self, data: str) -> None:
        if self._keeping_depth or not data.strip():
            return
        self._data(self._offset(), data)

    def _data(self, start: int, data: str) -> None:
        """Gather a text node that starts at ``start``."""
        if self._keeping_depth or not data.strip():
            return
        if not self._text.startswith(data, start):
            return  # position bookkeeping disagrees: leave the text alone, never corrupt
        self._may_replace(start, start + len(data), data, self._batch.add(data))

    # --- attributes ------------------------------------------------------------------------
    def _rewrite_tag(self, tag: str, attrs: list[tuple[str, str | None]], *, in_kept: bool) -> None:
        raw = self.get_starttag_text()
        if raw is None or _REWRITABLE_NAME.search(raw.lower()) is None:
            return  # no attribute this tag could rewrite: most tags, at the cost of one search
        start = self._offset()
        if not self._text.startswith(raw, start):
            return
        values = {name: (value or "") for name, value in attrs}
        human: frozenset[str] = frozenset() if in_kept else _HUMAN_ATTRIBUTES
        if not in_kept and tag == "meta":
            kind = (values.get("name") or values.get("property") or "").strip().lower()
            if kind in _HUMAN_META:
                human = human | {"content"}
        if not in_kept and tag == "input" and values.get("type", "").lower() in _BUTTON_INPUTS:
            human = human | {"value"}
        retag_content = (
            tag == "meta" and values.get("http-equiv", "").strip().lower() == "content-language"
        )
        new_raw = self._rewrite_attributes(raw, human, retag_content)
        if not isinstance(new_raw, str) or new_raw != raw:  # a Later may change it
            self._may_replace(start, start + len(raw), raw, new_raw)

    def _may_replace(self, start: int, end: int, original: str, part: Part) -> None:
        self.bounds.append(start)
        self.bounds.append(end)
        self.originals.append(original)
        self.parts.append(part)

    def _rewrite_attributes(
        self, raw: str, human: frozenset[str] | set[str], retag_content: bool
    ) -> Part:
        """The tag ``raw`` with the values of its ``human`` attributes gathered and its
        language attributes retagged.

        ``re.split`` (C) cuts the attributes into name, equals sign and value, so the loop
        only looks at names and replaces a value in place; everything else is copied as
        the pieces it already is.
        """
        name_match = _TAG_NAME.match(raw)
        position = name_match.end() if name_match else 1
        pieces = _ATTRIBUTE.split(raw[position:])  # between, name, equals, value, between ...
        for index in range(1, len(pieces), 4):
            value = pieces[index + 2]
            if value is None:  # an attribute without a value
                continue
            name = pieces[index].lower()
            quote = value[0] if value[:1] in ("'", '"') else ""
            inner = value[1:-1] if quote else value
            if name in _LANG_ATTRIBUTES or (retag_content and name == "content"):
                pieces[index + 2] = quote + retag_bcp47(inner, self._target) + quote
            elif name in human and inner.strip():
                out: list[Part] = [quote]
                gather_around(inner, _ENTITY, self._batch, out)
                out.append(quote)
                pieces[index + 2] = joined(out)
        return joined([raw[:position], *(piece for piece in pieces if piece is not None)])
