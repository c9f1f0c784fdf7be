"""The faster format paths of issue 9 against the format modules as they were before.

``formats_before`` holds the format modules as they stood before the speed work, unchanged.
Every format must still give the same bytes *and* send the converter the same texts in the
same order (the engine's output for a document is the output for those texts, so equal
texts mean equal output with any converter). The documents: the examples, the examples
grown the way ``bench/bench_formats.py`` grows them, and hypothesis documents made of the
syntax each scanner decides on (line endings, blank lines, timings, quotes, escapes,
brackets, placeholders). A malformed document must fail with the same message.
"""

from __future__ import annotations

import json as json_module
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from formats_before import delimited as delimited_before
from formats_before import html as html_before
from formats_before import json as json_before
from formats_before import markdown as markdown_before
from formats_before import po as po_before
from formats_before import subtitles as subtitles_before
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from test_formats_reference import JSON_KEYS, JSON_STRINGS, MESSAGES

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import delimited, html, json, markdown, po, subtitles

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)
TO_LATIN = yozuv.get_converter("latin", source="cyrillic")

Convert = Callable[[str, Callable[[str], str]], str]


def _convert_with(format_class: type) -> Convert:
    def convert(text: str, function: Callable[[str], str]) -> str:
        result: str = format_class().convert_text(text, function, target="latin", source="cyrillic")
        return result

    return convert


PAIRS: dict[str, tuple[Convert, Convert]] = {
    "srt": (_convert_with(subtitles.SrtFormat), _convert_with(subtitles_before.SrtFormat)),
    "vtt": (_convert_with(subtitles.VttFormat), _convert_with(subtitles_before.VttFormat)),
    "json": (_convert_with(json.JsonFormat), _convert_with(json_before.JsonFormat)),
    "po": (_convert_with(po.PoFormat), _convert_with(po_before.PoFormat)),
    "csv": (_convert_with(delimited.CsvFormat), _convert_with(delimited_before.CsvFormat)),
    "tsv": (_convert_with(delimited.TsvFormat), _convert_with(delimited_before.TsvFormat)),
    "html": (_convert_with(html.HtmlFormat), _convert_with(html_before.HtmlFormat)),
    "md": (_convert_with(markdown.MarkdownFormat), _convert_with(markdown_before.MarkdownFormat)),
}


def _run(convert: Convert, text: str) -> tuple[str, list[str]] | str:
    """The output and the texts sent to the converter, or the error message."""
    calls: list[str] = []

    def record(piece: str) -> str:
        calls.append(piece)
        return "⟨" + piece.upper() + "⟩"

    try:
        return convert(text, record), calls
    except FormatError as error:
        return f"FormatError: {error}"


# WebVTT titles and voice names are converted, and <lang> spans retagged, since issue 12
# item 9 (tests/test_formats_subtitles.py): behaviour the old module does not have, so the
# comparison leaves them out. A title, and the name of a <v> or <lang> tag, never decide
# where a block, a cue or a tag ends, so the scanners meet the same syntax as before.
_VTT_TITLE = re.compile(r"\A(\ufeff?WEBVTT)[ \t][^\r\n]*")
_VTT_ANNOTATED_TAG = re.compile(r"<(?:v|lang)(?=[.\s>])")


def _comparable(kind: str, text: str) -> str:
    if kind != "vtt":
        return text
    return _VTT_ANNOTATED_TAG.sub("<c", _VTT_TITLE.sub(r"\1", text))


def assert_same(kind: str, text: str) -> None:
    new, old = PAIRS[kind]
    text = _comparable(kind, text)
    assert _run(new, text) == _run(old, text)


def assert_same_with_engine(kind: str, text: str) -> None:
    new, old = PAIRS[kind]
    text = _comparable(kind, text)
    assert new(text, TO_LATIN) == old(text, TO_LATIN)


EXAMPLES = {
    "srt": "film.cyrl.srt",
    "vtt": "film.cyrl.vtt",
    "json": "locale.cyrl.json",
    "po": "catalogue.cyrl.po",
    "csv": "prices.cyrl.csv",
    "html": "page.cyrl.html",
    "md": "help.cyrl.md",
}


def _example(kind: str) -> str:
    return (ROOT / "examples" / EXAMPLES[kind]).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_examples_give_what_they_gave(kind: str, newline: str) -> None:
    text = _example(kind).replace("\n", newline)
    assert_same(kind, text)
    assert_same_with_engine(kind, text)


def test_arb_gives_what_it_gave() -> None:
    text = (ROOT / "examples" / "app.cyrl.arb").read_text(encoding="utf-8")
    assert_same("json", text)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_examples_repeated_give_what_they_gave(kind: str) -> None:
    text = _example(kind)
    if kind == "json":
        body = text.strip()[1:-1].strip()
        text = "{\n" + ",\n".join([body] * 5) + "\n}\n"
    elif kind in ("vtt",):
        header, _, body = text.partition("\n\n")
        text = header + "\n\n" + "\n".join([body] * 5)
    elif kind == "csv":
        header, _, body = text.partition("\n")
        text = header + "\n" + body * 5
    else:
        text = text + "\n" + text * 4
    assert_same(kind, text)


def tokens(*pieces: str, max_size: int = 60) -> st.SearchStrategy[str]:
    """Texts made of the given pieces: dense in syntax, unlike random characters."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


WORDS = ("Салом", "дунё", "шаҳар", " ", "x", "12", "\u00a0", "\u2003", "𝒜", "ß")
NEWLINES = ("\n", "\r\n", "\r", "\n\n", "\x0c\n", " \n", "\t\n")

SUBTITLE_LINES = (
    "",
    " ",
    "\x0c",
    "\u2003",
    "1",
    "1",
    "12 ",
    "\t3",
    "٣",
    "00:00:01,000 --> 00:00:02,000",
    "00:00:01,000 --> 00:00:02,000",
    "00:00:01,000 --> 00:00:02,000",
    "1:02:03.5-->00:00:04.250",
    " 00:01.000 --> 00:02.000 align:start",
    "00:01.000 --> 00:02",
    "Салом <i>дунё</i> 𝒜",
    "{\\an8}шаҳар&amp;x",
    "<v Ali>ß &lt",
    "-->",
    "a --> b",
    "NOTE",
    "NOTE x",
    "NOTE\tx",
    "NOTES",
    "STYLE",
    "REGION",
    "WEBVTT",
    "Language: uz-Cyrl",
)
SUBTITLE_DOCUMENTS = st.lists(
    st.tuples(st.sampled_from(SUBTITLE_LINES), st.sampled_from(("\n", "\n", "\r\n", "\r", ""))),
    max_size=30,
).map(lambda lines: "".join(line + newline for line, newline in lines))


CUE = "00:00:01,000 --> 00:00:02,000"
SUBTITLE_CASES = (
    f"{CUE}\nСалом\n1\r\n{CUE}\nx\n",  # a number line ending in CR LF does not end a cue
    f"{CUE}\r\nСалом\r\n1\n{CUE}\r\nx",  # ... ending in LF does
    f"{CUE}\rСалом\r1\r{CUE}\rx\r",
    f"{CUE}\nСалом\n1",
    f"{CUE}\nСалом\n\x0c\n2\n{CUE}\n",
    f"\n\nNOTE\r\n{CUE}\nСалом\n",  # "NOTE" then CR LF is not a NOTE block
    f"\n\nNOTE\n{CUE}\nСалом\n",
    "\n\nNOTE",
    f"\n\nid\n{CUE}\nСалом\n\nid\nx\n{CUE}\n",
    f"\n\n{CUE}",
)


@SETTINGS
@given(SUBTITLE_DOCUMENTS)
@example(SUBTITLE_CASES[0])
@example(SUBTITLE_CASES[1])
@example(SUBTITLE_CASES[2])
@example(SUBTITLE_CASES[3])
@example(SUBTITLE_CASES[4])
def test_srt_gives_what_it_gave(text: str) -> None:
    assert_same("srt", text)


@SETTINGS
@given(SUBTITLE_DOCUMENTS, st.sampled_from(["WEBVTT", "\ufeffWEBVTT", "WEBVTT - x"]))
def test_vtt_gives_what_it_gave(text: str, head: str) -> None:
    assert_same("vtt", head + text)


@pytest.mark.parametrize("text", SUBTITLE_CASES)
def test_subtitle_cases_give_what_they_gave(text: str) -> None:
    assert_same("srt", text)
    assert_same("vtt", "WEBVTT" + text)
    assert_same("vtt", "WEBVTT\r\n" + text)


# --- JSON ------------------------------------------------------------------------------------

JSON_TEXTS = st.one_of(
    JSON_STRINGS, MESSAGES, st.sampled_from(["", "Салом", "Ш&аҳар", "x\\u0430", "%s шаҳар"])
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | JSON_TEXTS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(JSON_KEYS | JSON_STRINGS, children, max_size=4)
    ),
    max_leaves=15,
)


@SETTINGS
@given(
    JSON_VALUES,
    st.booleans(),
    st.sampled_from([None, 0, 2, "\t"]),
    st.sampled_from(["", "\ufeff", " ", "\n"]),
)
def test_json_gives_what_it_gave(value: Any, ascii_only: bool, indent: Any, around: str) -> None:
    text = json_module.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assert_same("json", around + text + around.strip("\ufeff"))


@pytest.mark.parametrize(
    "text",
    [
        '{"a" : "Салом", "b"\n:\t["x", "\\u0430\\/"], "c": "q\\"ш"}',
        '["a", "b":]',
        '{"a": "Салом"',
        "",
        '"Салом"',
        '{"@@locale": "uz_Cyrl", "a": "ш"}',
        '{"\\u0040x": {"a": "ш"}, "b": "ш"}',
    ],
)
def test_json_cases_give_what_they_gave(text: str) -> None:
    assert_same("json", text)


# --- PO --------------------------------------------------------------------------------------

PO_LINES = (
    "",
    " ",
    "\x0c",
    "# comment",
    "#, fuzzy, python-format",
    "#: a.py:1",
    '#~ msgid "x"',
    'msgid ""',
    'msgid "Салом"',
    'msgid "Салом"',
    'msgid "a\\"b"',
    'msgid_plural "файллар"',
    'msgctxt "menu"',
    'msgstr ""',
    'msgstr "Салом, %s дунё"',
    'msgstr "Салом, %s дунё"',
    'msgstr "Ш&аҳар\\n"',
    'msgstr[0] "%d файл"',
    'msgstr[1] "%d файл"',
    'msgstr[x] "a"',
    '"Language: uz\\n"',
    '"Plural-Forms: nplurals=2;\\n"',
    '"шаҳ"',
    '"ар {0} <b>"',
    '"\\x41\\101"',
    '"\\q"',
    '"unterminated',
    '"a" x',
    '  msgstr\t"a"\t',
    '\tmsgid "b" ',
    '\u2003msgid "c"',
    "stray text",
)
PO_DOCUMENTS = st.lists(
    st.tuples(st.sampled_from(PO_LINES), st.sampled_from(("\n", "\n", "\r\n", "\r"))),
    max_size=30,
).map(lambda lines: "".join(line + newline for line, newline in lines))
PO_CASES = (
    'msgid "a"\nmsgstr "Салом"\n',
    'msgid ""\nmsgstr ""\n"Language: uz\\n"\n\nmsgid "a"\nmsgstr "ш"\n"аҳар"\n',
    'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "ш"\nmsgstr[1] "ш"\n',
    'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "ш"\nmsgstr[0] "ш"\n',
    'msgid "a"\nmsgstr "ш"\nmsgstr "ш"\n',
    'msgid "a"\nmsgstr[0] "ш"\n',
    'msgid "a"\n',
    'msgstr "a"\n',
    'msgid "a"\n# c\n"b"\nmsgstr "ш"\n',
    'msgid "a"\nmsgstr "ш\\q"\n',
    'msgid "a"\nmsgstr "ш" x\n',
)


@SETTINGS
@given(PO_DOCUMENTS)
@example(PO_CASES[1])
@example(PO_CASES[2])
def test_po_gives_what_it_gave(text: str) -> None:
    assert_same("po", text)


@pytest.mark.parametrize("text", PO_CASES)
def test_po_cases_give_what_they_gave(text: str) -> None:
    assert_same("po", text)
    assert_same("po", text.replace("\n", "\r\n"))


# --- CSV and TSV -----------------------------------------------------------------------------

CSV_PIECES = (
    "Салом",
    "шаҳар дунё",
    " ",
    "x",
    "12",
    ",",
    ";",
    "\t",
    "|",
    '"',
    '""',
    '"Салом, ""дунё"""',
    '"a\nb"',
    "\r\n",
    "\n",
    "\r",
)


@SETTINGS
@given(tokens(*CSV_PIECES), st.sampled_from(["csv", "tsv"]))
@example('a,"b"c,d\n', "csv")
@example('a\t"b\t"c\td\n"x', "tsv")
@example('"a"\n"b', "csv")
def test_delimited_gives_what_it_gave(text: str, kind: str) -> None:
    assert_same(kind, text)


@SETTINGS
@given(tokens(*CSV_PIECES), st.sampled_from([",", ";", "\t", "|"]), st.booleans())
def test_delimited_with_any_delimiter_gives_what_it_gave(
    text: str, delimiter: str, strict: bool
) -> None:
    new_class = delimited.CsvFormat if strict else delimited.TsvFormat
    old_class = delimited_before.CsvFormat if strict else delimited_before.TsvFormat
    new_format, old_format = new_class(), old_class()
    new_format.delimiter = old_format.delimiter = delimiter
    assert _run(_bound(new_format), text) == _run(_bound(old_format), text)


def _bound(instance: Any) -> Convert:
    def convert(text: str, function: Callable[[str], str]) -> str:
        result: str = instance.convert_text(text, function, target="latin", source="cyrillic")
        return result

    return convert


# --- HTML ------------------------------------------------------------------------------------

# Constructs that close and constructs left open (issue 11 item 9: the parser's end-of-file
# reading of them was quadratic and is now done in one pass), in small documents that the
# old module reads in good time.
HTML_PIECES = (
    "<a ",
    "<a",
    "<b title='Салом'>",
    "</b>",
    "</a",
    "</ ",
    "<!--",
    "-->",
    "--",
    "<![CDATA[",
    "]]>",
    "]",
    "<![if x>",
    "<![endif]>",
    "<?x",
    "<!x",
    "<!DOCTYPE ",
    "<script>",
    "</script>",
    ">",
    "<",
    "< ",
    "Салом",
    "шаҳар ",
    " ",
    "\n",
    "'",
    '"',
    "=",
    "/",
    "\x00",
    "&amp;",
    "&amp",
    "&#",
    "&#1;",
    ";",
    "x",
)


@SETTINGS
@given(tokens(*HTML_PIECES, max_size=40))
@example("<p>Салом <a <b title='шаҳар'")
@example("<p>Салом</p><a Салом <b шаҳар </c <!-- x <![CDATA[ y <? z <")
@example("<p><!--x>Салом<!--y>шаҳар")
@example("<script>Салом <a ")
def test_html_gives_what_it_gave(text: str) -> None:
    try:
        html_before.HtmlFormat().convert_text(text, str, target="latin", source="cyrillic")
    except AssertionError:
        # html.parser (3.11) fails on "<![x" (an unknown marked section); the new module
        # reads a bogus comment there (tests/test_formats_html.py): nothing to compare.
        assume(False)
    assert_same("html", text)
