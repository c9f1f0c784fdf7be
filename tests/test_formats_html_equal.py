"""The HTML format gives, byte for byte, what it gave before it had its own scanner.

tests/html_reference_impl.py is html.py as it stood before (html.parser driving every
event); both are run on the same documents and must send the same texts to the converter,
in the same order, and write the same output, in both directions: the example, the
benchmark's document, hostile and malformed snippets, and hypothesis documents dense in
the syntax the scanner decides on (tags and attributes in every quoting, comments, CDATA,
``<script>``/``<style>`` raw text, entities, stray ``<`` and ``&``, constructs left open).
Two narrower checks: every start tag the scanner reads itself is the tag html.parser
reports, and spans in any order are rebuilt as before.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import html_reference_impl as reference
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from shared_data import load_script

import yozuv
from yozuv.formats import html
from yozuv.formats._text import Batch, Part, convert_gathered

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.html"))
SETTINGS = settings(max_examples=1_000, deadline=None, derandomize=True)
TARGETS = ("latin", "cyrillic")
CONVERTERS = {
    "latin": yozuv.get_converter("latin", source="cyrillic"),
    "cyrillic": yozuv.get_converter("cyrillic", source="latin"),
}


def test_the_scanner_is_what_is_compared_here() -> None:
    """On the Python these tests are run with, the format reads with its scanner (else
    the tests below would compare html.parser with itself), and the patterns it copied
    from html.parser are html.parser's."""
    if sys.version_info[:3] not in {(3, 11, 7), (3, 12, 1), (3, 13, 0)}:
        pytest.skip("the scanner is known to apply to the html.parser of these Pythons")
    assert html._scanner_applies()
    parser = vars(importlib.import_module("html.parser"))
    assert parser["endtagfind"].pattern in html._CONSTRUCT.pattern.replace("(?P<end>", "(")


class _Tags(HTMLParser):
    """What html.parser reports for start tags: kind, name, attributes, source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, str, list[tuple[str, str | None]], str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(("start", tag, attrs, self.get_starttag_text()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(("startend", tag, attrs, self.get_starttag_text()))


def marked(text: str) -> str:
    """A converter that shows where every piece sent to it starts and ends."""
    return "⟨" + text.upper() + "⟩"


def gathered(
    gather: Callable[[str, Batch], Part], text: str, convert: Callable[[str], str]
) -> tuple[list[str], str]:
    """The texts a gathering function sends to the converter, and the output."""
    calls: list[str] = []

    def record(piece: str) -> str:
        calls.append(piece)
        return convert(piece)

    output = convert_gathered(record, lambda batch: gather(text, batch))
    return calls, output


def assert_same(text: str, *, engine: bool = False) -> None:
    """The format and the reference agree on ``text``: texts sent and output, both ways."""
    for target in TARGETS:

        def now(source: str, batch: Batch, target: str = target) -> Part:
            return html.gather_html(source, batch, target=target)

        def then(source: str, batch: Batch, target: str = target) -> Part:
            return reference.gather_html(source, batch, target=target)

        assert gathered(now, text, marked) == gathered(then, text, marked), target
        if engine:
            converter = CONVERTERS[target]
            assert html.convert_html(text, converter, target=target) == reference.convert_html(
                text, converter, target=target
            ), target


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_same(text, engine=True)
    latin = reference.convert_html(text, CONVERTERS["latin"], target="latin")
    assert_same(latin, engine=True)
    for ending in ("\r\n", "\r"):
        assert_same(text.replace("\n", ending))


@pytest.fixture(scope="module")
def bench() -> Any:
    """bench/bench_formats.py, which imports bench/corpus.py from its own folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "bench"))
        return load_script(ROOT / "bench" / "bench_formats.py")


@pytest.mark.parametrize("zipf", [False, True], ids=["counters", "zipf"])
def test_the_benchmark_document(bench: Any, zipf: bool) -> None:
    sample = next(s for s in bench.SAMPLES if s.name == "html")
    variant = bench.ZipfWords(bench.SEED) if zipf else bench.vary
    document: str = bench.build_document(sample, 0.3, variant)
    assert_same(document, engine=True)


# Malformed, hostile and rare constructs: each alone, inside a page and at its very end.
# fmt: off
HOSTILE = [
    "", "а", " ", "\n", "<", "&", "<p>", "</p>", "<p", "</p", "<p>а", "а<", "а&", "а&a", "&#",
    "&#1", "&#x", "&#x1", "&#xz;а", "&#12a;а", "&#123x а", "&#;а", "&#a; б", "&a-", "&a-b c",
    "&a. б", "&amp", "&amp;", "&AMP б", "&nbsp;а", "а&nbsp б", "& а", "&&а", "а &# б ;",
    "а &# б", "<a ", "<a", "</a", "</ ", "<!--", "<!--x>", "<![CDATA[", "<![CDATA[x>",
    "<![if x>", "<?x ", "<!x ", "<!DOCTYPE ", "<a Салом ", "<p><![x а>б</p>", "<p><![ а>б",
    "<![if-x а", "<![CDATA[а]]>б", "<![if а]>б", "<![endif]>а", "<!---->а", "<!-->а",
    "<!--->а", "<!-- а --!> б -->в", "<!-- а -- >б", "<!-a>б", "<!>а", "<?>а", "<?php а ?>б",
    "<!doctype html>а", "<!DOCTYPEhtml>а", "<!doc>а", "< а", "<1>а", "<б>а", "</>а",
    "</ p>а", "</p >а", "</p x>а", "</p/>а", "</1>а", "</-->а", "</ б>а", "<p/>а", "<p />а",
    "<p/ title='а'>б", "<p title='а'/>б", "<p title=а/>б", "<p title=/а/>б", "<p title>а",
    "<p title=>а", "<p title= >а", "<p title==а>б", "<p title='а\"б'>в", '<p title="а>б">в',
    "<p title=\"а\"alt='б'>в", "<p title=\"а\"/alt='б'>в", "<p\vtitle='а'>б",
    "<p\xa0title='а'>б", "<p title\xa0=а>б", "<p title=а\xa0b>в", "<p\u2003title=а>б",
    "<p\x00title=а>б", "а\x00б", "<p\x00>а", "<x-y:z.w_v>а</x-y:z.w_v>", "<p title='а>б",
    "<p title=\"а", "<p [x]='а' title=б>в", "<p @click='а' title=б>в", "<p :a=б title=в>г",
    "<p title='а' title='б'>в", "<P TITLE='а' Alt=б>в", "<p title=&amp;а>б",
    "<p title='&#1072;'>б", "<span translate='no'>а</span>б", "<span translate=NO >а</span>б",
    "<span TRANSLATE=' no '>а</span>б", "<span translate='&#110;o'>а</span>б",
    "<span translate>а</span>б", "<span translate=no/>а", "<br translate=no>а",
    "<script>а</script>б", "<script>а</SCRIPT >б", "<script>а</ script>б",
    "<script>а</scriptx>б</script>в",
    "<script>а</ſcript>б</script>в", "<script>а</script", "<script>а", "<script/>а",
    "<script type=x>а<b>б</b></script>в", "<style>а</style>б", "<STYLE>а</Style>б",
    "<textarea>а</textarea>б", "<code>а<code>б</code>в</code>г", "<pre>а</pre>б",
    "<p>а</b>б</p>в", "<b><i>а</b>б</i>в", "<meta name=description content='а'>б",
    "<meta property='og:title' content=а>", "<meta NAME=' Keywords ' content=а>",
    "<meta http-equiv=content-language content=uz>а", "<meta http-equiv='Content-Language' "
    "content='uz-Cyrl'/>", "<html lang=uz>а</html>", "<p xml:lang='uz-Latn'>а</p>",
    "<p lang=\"uz-cyrl\">а</p>", "<input type=submit value=а>", "<input type=' Submit' value=а>",
    "<input TYPE=reset VALUE='а'/>", "<input type=text value=а>", "<img alt='а' src=x>",
    "<img alt=а>", "<a title='а &amp; б'>в</a>", "<a title='а&nbsp;б'>в</a>",
    "<p title='а' \n lang=uz\t>б", "<p\ttitle\t=\t'а'\t>б", "<p\r\ntitle='а'>б",
    "<p title\n=\n'а'>б", "<p title='а'\fclass=x>б", "<a href=x/>а", "<a href=/x/y title=а/>б",
    "<br/>а", "<br />а", "<br/ >а", "<br//>а", "<img alt='а'//>б", "<p a='b'c>а",
    "<p a=b'c>а", "<p a=b\"c>а", "<p a=b=c>а", "<p a=b<c>а", "<p a=b`c>а", "<p <a>б",
    "<p>а<", "<p>а<a", "<p>а</", "<p>а&", "<p>а&#", "<p>а&#1", "<p>а&b", "<p>а<!-", "<p>а<?",
    "а<br", "<p>\n", "<a>\u2028а", "<p>\u00a0</p>", "<p> \t\n</p>", "<p>\u3000а</p>",
    "<p title='\u3000'>а</p>", "<p>İ</p>", "<p title='İ'>а</p>", "<p tİtle='а'>б</p>",
    "<p TİTLE='а'>б", "<p tıtle='а'>", "<p \u212aey=а>б", "<p>а</p\n>б", "<p>а</p\t x>б",
    "<CODE>а</CODE>б", "<Pre>а</pRE>б", "<span translate=no>а</SPAN>б", "<KBD>а</kbd>б",
    "<!-- а -- >б -->в", "<!-- а --\n>б<!-- в -->г", "<br><code>а</br>б</code>в",
    "<img src=x><pre>а</img>б</pre>в", "<a href=x>а >б", "<a class=x/>а >б", "<p id=a'b>в >г",
    "<code title='а'/>б", "<pre alt=а />б", "<code translate=no title=а/>б",
]
# fmt: on


@pytest.mark.parametrize("snippet", HOSTILE)
def test_hostile_snippets(snippet: str) -> None:
    page = f"<html><body><p>а б</p>{snippet}<p title='в'>г</p></body></html>"
    for text in (snippet, page, page + snippet, snippet + snippet):
        assert_same(text)


def tokens(*pieces: str, max_size: int) -> st.SearchStrategy[str]:
    """Texts made of the given pieces: dense in syntax, unlike random characters."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# fmt: off
NAMES = st.sampled_from([
    "p", "P", "b", "a", "div", "span", "x-y", "br", "img", "input", "meta", "script", "SCRIPT",
    "style", "code", "pre", "kbd", "samp", "textarea", "html", "б", "1", "p:q", "x_y.z", "CODE",
    "Pre", "SPAN", "Span", "DIV",
])
ATTRIBUTE_NAMES = st.sampled_from([
    "title", "TITLE", "alt", "lang", "xml:lang", "LANG", "translate", "Translate", "content",
    "name", "property", "http-equiv", "type", "value", "class", "data-title", "aria-label",
    "summary", "label", "[x]", "@a", ":b", "x", "tİtle", "ti\u212ale", "a'b", 'a"b', "a<b",
    "class", "id", "href", "src", "rel", "data-x", "CLASS", "x.y", "_z",
])
VALUES = st.sampled_from([
    "", "а", "б в", "no", "NO", " no ", "uz", "uz-Cyrl", "uz-latn", "en", "description",
    "og:title", "submit", "Reset", "content-language", "&amp;", "а&nbsp;б", "&#1072;", "&#",
    "x/", "/", ">", "а>б", "'", '"', "=", "\n", "\u00a0", "İ", "а&б", "<", "`", "x", "/x/y",
    "a b", "a>b c", "#", "a&amp;b",
])
# fmt: on
SPACES = st.sampled_from(["", " ", "  ", "\t", "\n", "\r\n", "\f", "\v", "\xa0", "/", " / "])


@st.composite
def start_tags(draw: st.DrawFn) -> str:
    """A start tag from mostly well-formed parts, with now and then a flaw."""
    pieces = ["<", draw(NAMES)]
    for _ in range(draw(st.integers(0, 4))):
        pieces.append(draw(SPACES) or " ")
        pieces.append(draw(ATTRIBUTE_NAMES))
        form = draw(st.integers(0, 4))
        value = draw(VALUES)
        if form == 1:
            pieces.append(draw(SPACES).strip("/") + "=" + draw(SPACES).strip("/") + value)
        elif form == 2:
            pieces.append(f'="{value}"'.replace('"' + '"' + '"', '""'))
        elif form == 3:
            pieces.append(f"='{value}'")
    pieces.append(draw(SPACES))
    pieces.append(draw(st.sampled_from([">", "/>", ">", ">", "", "//>"])))
    return "".join(pieces)


END_TAGS = st.builds(
    lambda name, space, tail: f"</{space}{name}{space}{tail}",
    NAMES,
    st.sampled_from(["", " ", "\n", "\xa0", "\t"]),
    st.sampled_from([">", ">", " x>", "/>", ""]),
)
# fmt: off
OTHERS = st.sampled_from([
    "а", "б в", "Шаҳар", "Ш", "x", "Tosh", "sh", " ", "\n", "\r\n", "\t", "\u00a0", "<", ">",
    "&", "&amp;", "&nbsp;", "&amp", "&#1072;", "&#x430;", "&#1072", "&#", "&#x", "&a-", "&x.",
    "<!-- а -->", "<!--", "-->", "<!---->", "<!-- а --!>", "<![CDATA[а]]>", "<![CDATA[", "]]>",
    "<![if x]>", "<![x а>", "<?x а?>", "<?", "<!DOCTYPE html>", "<!doctype", "<!x>", "<!",
    "</", "</>", "< ", "<1", "\x00", "'", '"', "=", "/", "ſ", "İ", "а >", " > ", "--", "-- >",
    "<span translate=no>", "<div TRANSLATE='No' class=x>", "</span>", "</div>", "<br>", "</br>",
    "<img src=x>", "</img>", "<code>", "</code>", "<pre class=x>", "</pre>", "<!-- а -- >",
    "&#xg", "&#x1g;", "&#12a;", "&#1a", "&#xa;", "<a href=x>", "<a href=x/>", "</a>",
])
# fmt: on
DOCUMENTS = st.lists(st.one_of(start_tags(), END_TAGS, OTHERS, OTHERS), max_size=40).map("".join)
CHARACTERS = st.text(alphabet="<>/!?-&#;=x'\" \n\tаБpPbsStTyYlLeE[]CDAT:0\x00\xa0ſ", max_size=60)


@SETTINGS
@given(DOCUMENTS)
@example("<script>а</script>б")
@example("<p title='а' lang=uz>б</p>")
def test_generated_documents(text: str) -> None:
    assert_same(text)


# The constructs the scanner reads itself, few enough to meet each other often.
# fmt: off
PAGES = tokens(
    "а", "б в", " ", "\n", ">", " > ", "<p>", "</p>", "<P class=x>", "</P >", "<br>", "<br/>",
    "</br>", "<img src=x>", "</img>", "<code>", "</CODE>", "<pre id='а'>", "</pre>",
    "<span translate=no>", "</span>", "<a href=x/>", "<a href=/x/y>", "</a>", "<!-- а -->",
    "<!-- а -- >", "-->", "<!doctype html>", "<!x>", "<?x?>", "&amp;", "&nbsp", "&#1072;",
    "&#x430", "&#xag;", "& ", "< ", "<script>", "</script>", "<b title=а>", "</b>",
    "<code title=а/>", "<input type=submit value='а'>", "<meta name=keywords content=а>",
    "<span translate='n&#111;'>", "<input type='&#115;ubmit' value=а>", "<br><code>а</br>",
    max_size=30,
)
# fmt: on


@SETTINGS
@given(PAGES)
def test_generated_pages(text: str) -> None:
    assert_same(text)


@SETTINGS
@given(CHARACTERS)
def test_generated_characters(text: str) -> None:
    assert_same(text)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(DOCUMENTS)
def test_generated_documents_with_the_engine(text: str) -> None:
    assert_same(text, engine=True)


SPANS = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 6), st.booleans()), max_size=8)


@SETTINGS
@given(SPANS)
@example([(0, 3, True), (1, 4, True)])
@example([(2, 3, False), (0, 5, True)])
def test_the_rebuild_of_spans_in_any_order(spans: list[tuple[int, int, bool]]) -> None:
    """Spans out of order or overlapping (which no parser is known to report) are
    replaced as before: the first to start wins, among those whose output changed."""
    text = "абвгдежзийкл"

    def rebuilt(module: Any) -> str:
        batch = Batch()
        locator = module._Locator(text, batch, "latin")
        for start, length, changes in spans:
            original = text[start : start + length]
            locator.bounds.extend((start, start + length))
            locator.originals.append(original)
            locator.parts.append(batch.add(original) if changes else original)
        batch.run(str.upper)
        result: str = module._rebuild(text, locator, batch)
        return result

    assert rebuilt(html) == rebuilt(reference)


def scanner_reading(text: str) -> list[tuple[str, str, list[tuple[str, str | None]], str]]:
    """The start tag at the beginning of ``text`` as the scanner reads it (_CONSTRUCT,
    then _STRICT_ATTRIBUTE), in html.parser's terms; nothing if it leaves it to html.parser."""
    match = html._CONSTRUCT.match(text)
    assert match is not None
    name, slash = match.group("name", "slash")
    if name is None:
        return []
    read: list[tuple[str, str | None]] = []
    attributes = html._STRICT_ATTRIBUTE.finditer(
        text, match.start("attributes"), match.end("depended")
    )
    for attribute in attributes:
        index = attribute.lastindex or 1
        value = attribute.group(index) if index > 1 else None
        read.append((attribute.group(1).lower(), unescape(value) if value else value))
    return [("startend" if slash else "start", name.lower(), read, match.group())]


@SETTINGS
@given(start_tags(), st.sampled_from(["а", " ", "<", "&", "\n"]))
@example("<a href=x/>", "а")
@example("<a b='c'/>", "а")
@example("<p title = 'а' alt=б>", "а")
@example("<p title='&#1072;&amp;' translate=n&#111;>", "а")
def test_start_tags_are_read_as_html_parser_reads_them(tag: str, after: str) -> None:
    """Where the scanner reads a start tag itself, html.parser reports the same tag: the
    same kind, name, attributes (values unquoted and unescaped) and extent."""
    reading = scanner_reading(tag + after)
    if not reading:
        return
    parser = _Tags()
    parser.feed(tag + after)
    parser.close()
    assert parser.tags[:1] == reading
