"""HTML and XHTML: convert text nodes and the attributes people read; keep all the markup.

``html.parser`` (stdlib, tolerant of real-world pages) only *locates* things; the output is
the original text with the converted spans replaced, so tags, attribute order and quoting,
entities, comments, doctype, CDATA and whitespace stay byte-identical. The common
constructs (plain tags, end tags, comments, references, text) are read by a regex of this
module where html.parser would read them the same way (_Locator.scan); html.parser reads
everything else, so the pages are read as html.parser reads them, at a fraction of its
cost per event.

Converted: text nodes; the attributes ``title``, ``alt``, ``placeholder``, ``aria-label``,
``aria-description``, ``aria-placeholder``, ``aria-roledescription``, ``label`` and
``summary``; ``value`` of ``<input type=submit|button|reset>``; ``content`` of ``<meta>``
whose ``name``/``property`` is a description, title or keywords (``description``,
``keywords``, ``og:title``, ``og:description``, ``twitter:title``, ``twitter:description``).
Kept: everything inside ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``,
``textarea`` and any element marked ``translate="no"``; entities (``&nbsp;`` never reaches
the converter, so a Latin to Cyrillic run cannot spell it in Cyrillic).

``lang`` and ``xml:lang`` (and ``<meta http-equiv="content-language">``) follow the target:
``uz-Cyrl`` <-> ``uz-Latn``; a bare ``uz`` becomes ``uz-Cyrl`` for a Cyrillic target and
stays ``uz`` for Latin (Latin is the default script of ``uz``). Other languages are kept.
"""

from __future__ import annotations

import _markupbase
import hashlib
import html.parser
import operator
import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser
from itertools import islice
from pathlib import Path

from yozuv.formats._base import TextFormat
from yozuv.formats._text import (
    AnyConverter,
    Batch,
    Computed,
    Part,
    convert_gathered,
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


# --- the scanner ---------------------------------------------------------------------------
# html.parser calls a Python method for every tag, end tag, text and entity, and parses every
# attribute of every tag with a regex of its own: on a page of markup that is most of the
# format's time. _Locator.scan reads the common constructs itself, with one regex match
# each, and hands every other construct to html.parser's own method for it; it is used only
# with the html.parser (and _markupbase) whose code it was read from, known by their
# SHA-256 (those of CPython 3.11.7, 3.12.1 and 3.13.0, checked against the reference on
# each). With any other, feed and finish run as before.
_KNOWN_PARSERS = frozenset(
    {
        (  # CPython 3.11.7
            "2fc512ae95bed2746b5ba3fabb14fcebf3114ff808ce97d96214ddd613b253da",
            "cb14dd6f2e2439eb70b806cd49d19911363d424c2b6b9f4b73c9c08022d47030",
        ),
        (  # CPython 3.12.1 and 3.13.0: the same but for super() in __init__ and reset
            "ab5a0a2fce2bec75d969dbe057b490ef574f9ac57cce9e0eaaf7a220b301e838",
            "cb14dd6f2e2439eb70b806cd49d19911363d424c2b6b9f4b73c9c08022d47030",
        ),
    }
)


@lru_cache(maxsize=1)
def _scanner_applies() -> bool:
    """Whether this Python's html.parser and _markupbase are the ones the scanner copies."""
    try:
        digests = tuple(
            hashlib.sha256(Path(str(module.__file__)).read_bytes()).hexdigest()
            for module in (html.parser, _markupbase)
        )
    except OSError:
        return False
    return digests in _KNOWN_PARSERS


# One construct, with the text before it (html.parser's goahead: text up to the next "<" or
# "&", then what starts there). Each alternative is read where html.parser reads the same
# characters the same way, in the narrower form the scanner accepts; anything else (an
# attribute name with other characters, "<![", a construct that does not close, "&#" that
# starts no reference, ...) is left to html.parser. The kind of a match is the group of
# its alternative, the one that is not None (one call to groups() reads them all).
#
# - A start tag: html.parser's name runs to one of "\t\n\r\f />" (or NUL), here to a
#   character after which the tag must go on with one of those. Each attribute follows
#   ASCII white space (html.parser needs white space, "/" or a quote before a name); its
#   name ends where html.parser's does (at white space, "=", "/" or ">"), a value after
#   one "=" is quoted or runs, as html.parser's does, to white space or ">" (without the
#   characters after which html.parser would go on differently: quotes, "=", "<", "`").
#   The possessive quantifiers take what html.parser's greedy ones take. Then optional
#   white space, "/>" (html.parser's handle_startendtag) or ">". A "/" that ends an
#   unquoted value belongs to it, as in html.parser ("<a href=x/>" is a start tag). The
#   attributes are cut in two groups: up to the first one the tag's reading depends on
#   (_DEPENDED_ON), and from it; most tags have none, and are read without a look at
#   their attributes.
#   An end tag (as below) and white space before a start tag are read with it: one
#   match for the two (the white space is text of no interest, as for the locator).
# - An end tag: html.parser's own pattern (endtagfind), which it tries first.
# - Skipped (nothing for the locator): a comment up to the first "--", white space and
#   ">" (_markupbase's _commentclose); "<!" other than "<!--" and "<![" up to the first
#   ">" (a doctype or bogus comment: both end there); "<?" up to the first ">"; a
#   character reference (charref, which needs a character after the digits: one that is
#   not a hex digit, ";" taken in); an entity reference (entityref: its name, with ";"
#   taken in; a name that runs to the end of the text goes to html.parser).
# - A lone "<" or "&" that starts nothing, with a character after it (html.parser's text).
# - The text at the end.
# - Anything else: the text up to it, and nothing (the scanner hands it to html.parser).
#   Every match starts where the last one ended: finditer never searches ahead, which
#   would try an unclosed "<!--" (read up to the end of the text) again at each "<!--".
#
# One attribute of such a start tag; "{}" where the name and each kind of value (double
# quoted, single quoted, bare) open a group: "(" in _STRICT_ATTRIBUTE, which reads the
# attributes of a tag _CONSTRUCT found (the same cuts), "(?:" in _CONSTRUCT.
_ATTRIBUTE_SYNTAX = r"""[ \t\n\r\f]++{}[a-zA-Z_:][-.:_a-zA-Z0-9]*+)
    (?:[ \t\n\r\f]*+=[ \t\n\r\f]*+(?:"{}[^"]*+)"|'{}[^']*+)'|{}[^\s"'=<>`]++)))?"""
_STRICT_ATTRIBUTE = re.compile(_ATTRIBUTE_SYNTAX.format("(", "(", "(", "("), re.VERBOSE)
# An attribute with a value whose name, lowered, is one the reading of a tag depends on:
# one that may be rewritten (see _REWRITABLE_NAME) or "translate". Spelled with a class
# for each letter (the names _CONSTRUCT accepts are ASCII, and so is this).
_DEPENDED_ON = (
    "(?:"
    + "|".join(
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in name)
        for name in sorted(_HUMAN_ATTRIBUTES | _LANG_ATTRIBUTES | {"content", "value", "translate"})
    )
    + r")[ \t\n\r\f]*+="
)
_NON_CAPTURING = _ATTRIBUTE_SYNTAX.format("(?:", "(?:", "(?:", "(?:")
_CONSTRUCT = re.compile(
    r"""(?P<text>[^<&]*+)
    (?:
        (?:</\s*(?P<closed>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>[ \t\n\r\f]*+)?
        <(?P<name>[a-zA-Z][-.:_a-zA-Z0-9]*+)
        (?P<attributes>(?:"""
    + _ATTRIBUTE_SYNTAX.format(f"(?!{_DEPENDED_ON})(?:", "(?:", "(?:", "(?:")
    + r""")*+)
        (?P<depended>(?:"""
    + _NON_CAPTURING
    + r""")*+)
        [ \t\n\r\f]*+(?:(?P<slash>/)>|>)
    |   </\s*(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*)\s*>
    |   (?P<skipped>
            <!--.*?--\s*>
        |   <!(?!--|\[)[^>]*+>
        |   <\?[^>]*+>
        |   &\#(?:[0-9]++|[xX][0-9a-fA-F]++)(?:;|(?=[^0-9a-fA-F]))
        |   &[a-zA-Z][-.a-zA-Z0-9]*+(?:;|(?=[^a-zA-Z0-9]))
        )
    |   (?P<lone><(?=[^a-zA-Z/!?])|&(?=[^a-zA-Z\#]))
    |   (?P<at_end>\Z)
    |   (?P<other>)
    )""",
    re.VERBOSE | re.DOTALL,
)
# The attributes whose values decide how a tag is read (_human_names, translate).
_DECIDING_NAMES = frozenset({"translate", "type", "name", "property", "http-equiv"})
# The attributes whose values may change (_human_names, retagging).
_CHANGING_NAMES = _HUMAN_ATTRIBUTES | _LANG_ATTRIBUTES | {"content", "value"}
_STARTS_TAG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_RAW_TEXT = frozenset({"script", "style"})  # html.parser's CDATA_CONTENT_ELEMENTS
_VOID_OR_KEPT = _VOID | _SKIP_CONTENT  # the tags whose elements open as no other does


def convert_html(text: str, convert: AnyConverter, *, target: str) -> str:
    """Convert an HTML document or fragment."""
    return convert_gathered(convert, lambda batch: gather_html(text, batch, target=target))


def gather_html(text: str, batch: Batch, *, target: str) -> Part:
    """:func:`convert_html` for a batch (Markdown's HTML blocks share the document's batch).

    The parser runs now and gathers the texts; the spans that change are known only once
    the batch is converted, so the rebuild is a :class:`Computed`.
    """
    locator = _Locator(text, batch, target)
    if _scanner_applies():
        locator.scan()
    else:
        locator.feed(text)
        locator.finish()
    if not locator.parts:
        return text
    return Computed(lambda done: _rebuild(text, locator, done))


def _rebuild(text: str, locator: _Locator, batch: Batch) -> str:
    """``text`` with every span whose output differs from it replaced (an overlapping span,
    which a confused parser might report, loses to the one that starts first).

    Each span's original is the text it covers, so where the spans come in order and do
    not overlap (as the scanner and html.parser report them) every span is replaced by its
    output, changed or not, and the page is the text between them and the outputs in
    turn, joined in C.
    """
    bounds = locator.bounds
    outputs = batch.texts_of(locator.parts)
    if all(map(operator.le, bounds, islice(bounds, 1, None))):
        out = [
            text[start:end]
            for start, end in zip([0, *bounds[1::2]], [*bounds[::2], len(text)], strict=True)
        ]
        pieces: list[str] = [""] * (len(out) + len(outputs))
        pieces[::2] = out
        pieces[1::2] = outputs
        return "".join(pieces)
    changes = [
        (start, end, new)
        for start, end, original, new in zip(
            bounds[::2], bounds[1::2], locator.originals, outputs, strict=True
        )
        if new != original
    ]
    kept: list[str] = []
    last = 0
    for start, end, replacement in sorted(changes):
        if start < last:
            continue
        kept.append(text[last:start])
        kept.append(replacement)
        last = end
    kept.append(text[last:])
    return "".join(kept)


class HtmlFormat(TextFormat):
    """Text nodes and human attributes converted; markup kept; ``lang`` follows the target."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".xht", ".shtml")

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        return convert_html(text, convert, target=target)


def _human_names(tag: str, values: dict[str, str], *, in_kept: bool) -> tuple[frozenset[str], bool]:
    """The attributes of a tag whose values are human text, given its attributes' values
    (html.parser's, "" for none), and whether its ``content`` is a language to retag."""
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
    return human, retag_content


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
        self._at = 0  # where the parser's current event starts in the text (see updatepos)
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

    # --- the scanner ---------------------------------------------------------------------
    def scan(self) -> None:
        """``feed(text)`` and ``finish()``, with the common constructs read by _CONSTRUCT.

        Where html.parser would read a construct the way the scanner does (see _CONSTRUCT),
        the scanner does what the handlers would do, inline: text gathered, open elements
        counted; a tag with an attribute its reading depends on has its attributes read
        as html.parser reads them (_start_tag_read). Every construct _CONSTRUCT leaves
        goes to html.parser's own method for it, one at a time, from the position and in
        the state html.parser would be in; the content of ``<script>`` and ``<style>`` is
        found by html.parser's own search. Only where html.parser would stop (a construct
        that does not close, "&#" that starts no reference, the end inside ``<script>``)
        does it get the rest of the text, as feed and finish.
        """
        text = self._text
        end = len(text)
        texts = self._batch.texts
        bounds, originals, parts = self.bounds, self.originals, self.parts
        opened, open_by_tag = self._open, self._open_by_tag
        self.rawdata = text  # the parser's methods read the text where the scanner is
        position = 0
        while position < end:
            if self.cdata_elem is not None:
                position = self._raw_text(position)
                continue
            keeping = self._keeping_depth
            unread = False  # whether the loop stopped at something _CONSTRUCT cannot read
            for match in _CONSTRUCT.finditer(text, position):
                data, closed, name, _, depended, slash, end_name, _, lone, _, other = match.groups()
                if data and not keeping and not data.isspace():
                    # what html.parser's handle_data is given
                    bounds.append(position)
                    bounds.append(position + len(data))
                    originals.append(data)
                    parts.append(len(texts))
                    texts.append(data)
                position = match.end()
                if closed is not None:  # an end tag read with the start tag after it
                    end_name = closed
                if end_name is not None:
                    if opened and opened[-1][0] == end_name:  # the element last opened
                        keeping -= opened.pop()[1]  # (its name in lower case, as usual)
                        open_by_tag[end_name] -= 1
                    else:
                        tag = end_name.lower()
                        if opened and opened[-1][0] == tag:
                            keeping -= opened.pop()[1]
                            open_by_tag[tag] -= 1
                        elif open_by_tag.get(tag):  # else a stray end tag: it closes nothing
                            depth = len(opened) - 1
                            while opened[depth][0] != tag:
                                depth -= 1
                            for opened_tag, opened_keeps in opened[depth:]:
                                keeping -= opened_keeps
                                open_by_tag[opened_tag] -= 1
                            del opened[depth:]
                    if name is None:
                        continue
                if name is not None:
                    keeps = False
                    if depended:
                        # An attribute may change, or keep the element's content.
                        keeps = self._start_tag_read(
                            name.lower(),
                            match.start("attributes"),
                            match.end("depended"),
                            closes=slash is not None,
                            in_kept=keeping > 0,
                        )
                    if slash is not None:
                        continue  # "<br/>": handle_startendtag opens no element
                    tag = name.lower()
                    if tag in _VOID_OR_KEPT:
                        if tag in _VOID:
                            continue
                        keeps = True  # _SKIP_CONTENT
                    opened.append((tag, keeps))
                    keeping += keeps
                    open_by_tag[tag] = open_by_tag.get(tag, 0) + 1
                    if tag in _RAW_TEXT:
                        self.set_cdata_mode(tag)
                        break
                elif lone is not None:
                    if not keeping:
                        bounds.append(position - 1)
                        bounds.append(position)
                        originals.append(lone)
                        parts.append(len(texts))
                        texts.append(lone)
                elif other is not None:
                    unread = True
                    break
                elif position == end:
                    break
            self._keeping_depth = keeping
            if unread:
                position = self._one_construct(position)

    def _one_construct(self, start: int) -> int:
        """Read the construct at ``start`` (a "<" or "&" _CONSTRUCT leaves to html.parser,
        the text before it read) as html.parser's goahead would: it is there, in the same
        state. Where to go on (the end once the rest of the text has been handed over)."""
        text = self._text
        self._at = start
        result = -1
        if text.startswith("<", start):
            if text[start + 1 : start + 2] in _STARTS_TAG:
                result = self.parse_starttag(start)
            elif text.startswith("</", start):
                result = self.parse_endtag(start)
            elif text.startswith("<!--", start):
                result = self.parse_comment(start)
            elif text.startswith("<?", start):
                result = self.parse_pi(start)
            elif text.startswith("<!", start):
                result = self.parse_html_declaration(start)
        # Otherwise a "<" at the end, or an "&" that html.parser stops at: the rest is its.
        return result if result >= 0 else self._hand_over(start)

    def _raw_text(self, position: int) -> int:
        """The content of ``<script>`` or ``<style>`` from ``position`` and the end tag
        html.parser closes it at (its own search, and its parse_endtag); where to go on
        (the end once the rest has been handed over: without an end tag html.parser stops
        there)."""
        found = self.interesting.search(self._text, position)
        if found is None:
            return self._hand_over(position)
        start = found.start()
        if start > position:
            self._at = position
            self.handle_data(self._text[position:start])
        self._at = start
        result: int = self.parse_endtag(start)
        return result if result >= 0 else self._hand_over(start)

    def _hand_over(self, position: int) -> int:
        """feed and finish on the text from ``position``, where html.parser is at the top
        of its loop in the state the scanner kept (open elements, raw text or not); the
        end of the text, where the scanner stops."""
        self._at = position
        self.rawdata = ""
        self.feed(self._text[position:])
        self.finish()
        return len(self._text)

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
    def updatepos(self, i: int, j: int) -> int:
        """Note where the parser goes on (its events start where it went on last), as an
        offset in the text: the line and column it counts instead cost a count of the
        newlines of every piece, and a table of line starts to turn them into an offset."""
        self._at = self._absolute(j)
        return j

    def _offset(self) -> int:
        return self._at

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
        self._rewrite_raw(tag, attrs, raw, start, in_kept=in_kept)

    def _rewrite_raw(
        self, tag: str, attrs: list[tuple[str, str | None]], raw: str, start: int, *, in_kept: bool
    ) -> None:
        """Gather the start tag ``raw`` at ``start`` rewritten, if it may change."""
        human, retag_content = _human_names(
            tag, {name: (value or "") for name, value in attrs}, in_kept=in_kept
        )
        # The pieces of the tag that may change, each a span of its own: the page is the
        # same as with the whole tag replaced (the spans are in order, inside the tag),
        # and there is no part to join for the tag when the page is rebuilt.
        for edit_start, edit_end, original, part in self._attribute_edits(
            raw, human, retag_content
        ):
            self._may_replace(start + edit_start, start + edit_end, original, part)

    def _start_tag_read(
        self, tag: str, attributes_start: int, attributes_end: int, *, closes: bool, in_kept: bool
    ) -> bool:
        """What handle_starttag (handle_startendtag if it ``closes``) does with a start tag
        _CONSTRUCT read, but open the element: gather its rewriting; whether its element
        keeps its content.

        Its attributes are read once by _STRICT_ATTRIBUTE, as html.parser reads them
        (the syntax _CONSTRUCT accepts cuts them where html.parser does): the values
        html.parser would hand over (unquoted, unescaped) only for the names that
        decide, and where the values that may change start.
        """
        values: dict[str, str] = {}
        says_no = False
        changing = []  # the attributes with a value whose name may change it
        for match in _STRICT_ATTRIBUTE.finditer(self._text, attributes_start, attributes_end):
            name = match.group(1).lower()
            index = match.lastindex or 1  # the group of the value, 1 without one
            if name in _DECIDING_NAMES:
                value = match.group(index) if index > 1 else ""
                if value:
                    value = unescape(value)
                values[name] = value
                if name == "translate" and value.strip().lower() == "no":
                    says_no = True
            if index > 1 and name in _CHANGING_NAMES:
                changing.append((name, match.group(index), match.start(index)))
        keeps = (not closes and tag in _SKIP_CONTENT) or says_no
        if not changing:
            return keeps
        human, retag_content = _human_names(tag, values, in_kept=in_kept or keeps)
        edits: list[tuple[int, int, str, Part]] = []
        for name, inner, start in changing:
            self._edit_value(name, inner, start, (human, retag_content), edits)
        bounds, originals, parts = self.bounds, self.originals, self.parts
        for edit_start, edit_end, original, part in edits:
            bounds.append(edit_start)
            bounds.append(edit_end)
            originals.append(original)
            parts.append(part)
        return keeps

    def _may_replace(self, start: int, end: int, original: str, part: Part) -> None:
        self.bounds.append(start)
        self.bounds.append(end)
        self.originals.append(original)
        self.parts.append(part)

    def _rewrite_attributes(
        self, raw: str, human: frozenset[str] | set[str], retag_content: bool
    ) -> Part:
        """The tag ``raw`` with the values of its ``human`` attributes gathered and its
        language attributes retagged, as one part (its edits applied)."""
        parts: list[Part] = []
        last = 0
        for start, end, _, part in self._attribute_edits(raw, human, retag_content):
            parts.append(raw[last:start])
            parts.append(part)
            last = end
        parts.append(raw[last:])
        return joined(parts)

    def _attribute_edits(
        self, raw: str, human: frozenset[str] | set[str], retag_content: bool
    ) -> list[tuple[int, int, str, Part]]:
        """The pieces of the tag ``raw`` that may change, in order, as (start, end, the
        piece, its part): the texts of the values of its ``human`` attributes, between
        entities, gathered (as gather_around cuts them), and the values of its language
        attributes retagged (where that changes them).

        _ATTRIBUTE (C) cuts the attributes into name, equals sign and value, so the loop
        only looks at names and values.
        """
        name_match = _TAG_NAME.match(raw)
        position = name_match.end() if name_match else 1
        edits: list[tuple[int, int, str, Part]] = []
        for attribute in _ATTRIBUTE.finditer(raw, position):
            value = attribute.group(3)
            if value is None:  # an attribute without a value
                continue
            name = attribute.group(1).lower()
            quote = 1 if value[:1] in ("'", '"') else 0
            start = attribute.start(3) + quote
            inner = value[1:-1] if quote else value
            self._edit_value(name, inner, start, (human, retag_content), edits)
        return edits

    def _edit_value(
        self,
        name: str,
        inner: str,
        start: int,
        changing: tuple[frozenset[str] | set[str], bool],
        edits: list[tuple[int, int, str, Part]],
    ) -> None:
        """The edits of one attribute value (``inner``, at ``start``), for both readers of
        a tag: a language attribute (or a retagged ``content``) retagged where that changes
        it, a human attribute's texts gathered. ``changing``: the tag's human attribute
        names and whether its ``content`` is a language."""
        human, retag_content = changing
        if name in _LANG_ATTRIBUTES or (retag_content and name == "content"):
            retagged = retag_bcp47(inner, self._target)
            if retagged != inner:
                edits.append((start, start + len(inner), inner, retagged))
        elif name in human and inner.strip():
            self._gather_value(inner, start, edits)

    def _gather_value(
        self, inner: str, start: int, edits: list[tuple[int, int, str, Part]]
    ) -> None:
        """Gather the texts of the value ``inner`` (starting at ``start``) between its
        entities, as gather_around cuts them, each an edit."""
        batch = self._batch
        if _ENTITY.search(inner) is None:
            edits.append((start, start + len(inner), inner, batch.add(inner)))
            return
        last = 0
        for entity in _ENTITY.finditer(inner):
            if entity.start() > last:
                piece = inner[last : entity.start()]
                edits.append((start + last, start + entity.start(), piece, batch.add(piece)))
            last = entity.end()
        if last < len(inner):
            piece = inner[last:]
            edits.append((start + last, start + len(inner), piece, batch.add(piece)))
