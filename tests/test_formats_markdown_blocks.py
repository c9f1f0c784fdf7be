"""Markdown block regions: the compiled parser (pulldown-cmark through pyromark) decides what
is text, code and HTML as markdown-it-py, the pure-Python parser it replaced, decided.

The oracle below is the block pass the format used before (markdown-it's line maps). Both
parsers follow CommonMark, so on the documents people write they agree line for line; where
the two differ on a corner of GFM tables they differ only in how lines are grouped, which
changes no output. The comparison is on output, with a converter that upper-cases every text
it is given: a line read as code instead of text (or the reverse) shows at once.
"""

from __future__ import annotations

from pathlib import Path

import cmarkgfm
import pyromark
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from yozuv.formats import markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "help.cyrl.md").read_text(encoding="utf-8")


def markdown_it_regions(body: str) -> dict[int, tuple[int, str]]:
    """The block regions as markdown-it-py's line maps give them (the former implementation)."""
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    parser.disable(["inline", "text_join"], ignoreInvalid=True)
    regions: dict[int, tuple[int, str]] = {}
    for token in parser.parse(body):
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "inline":
            regions.setdefault(start, (end, "inline"))
        elif token.type in ("fence", "code_block"):
            regions[start] = (end, "code")
        elif token.type == "html_block":
            regions[start] = (end, "html")
    return regions


def convert_upper(text: str, monkeypatch: pytest.MonkeyPatch | None = None) -> str:
    return markdown.convert_markdown(text, str.upper, target="latin")


def assert_same_as_markdown_it(text: str) -> None:
    ours = convert_upper(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown, "_block_regions", markdown_it_regions)
        theirs = convert_upper(text)
    if ours != theirs:
        # markdown-it is not always right: then the reference implementation must side with
        # the parser in use (a definition followed by an indented line: cmark and pulldown
        # read a paragraph, markdown-it a code block).
        lf_text = text.replace("\r\n", "\n").replace("\r", "\n")  # as the format parses it
        assert as_html_by_pulldown(lf_text) == as_html_by_cmark(lf_text), (ours, theirs)


def as_html_by_pulldown(text: str) -> str:
    return pyromark.html(text, options=markdown._PARSER_OPTIONS)


def as_html_by_cmark(text: str) -> str:
    html: str = cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_UNSAFE, extensions=["table", "strikethrough"]
    )
    return html


CASES = {
    "tight list": "- бир\n- икки *қалин*\n  давоми\n  - ички\n",
    "loose list": "1. уч\n\n   тўрт\n\n       код\n",
    "code in a list": "- рўйхат:\n\n  ```sh\n  pip install yozuv\n  ```\n- кейин\n",
    "setext headings": "Сарлавҳа\n===\n\nИккинчи\n---\nматн\n",
    "rule in a list": "- бир\n- * * *\n",
    "quotes": "> иқтибос\nдавоми\n> > ички\n\n>     код\n",
    "html block": '<div class="x">\n  матн <b>қалин</b>\n</div>\n\nпараграф\n',
    "table": "| а | б |\n|---|---|\n| в | `г` |\n\nматн\n",
    "indented code": "матн\n\n    код\n    яна\n\nматн\n",
    "definitions": '[ёрлиқ]: https://a.uz "Сарлавҳа"\n[б]:\n  /url\n\n[ёрлиқ] ва [б]\n',
    "empty items": "-\n- \n  матн\n*\n",
    "heading without text": "#\n## \n### матн ###\n",
    "fence without end": "```\nкод\n\nяна\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_cases_read_as_markdown_it_read_them(name: str, ending: str) -> None:
    assert_same_as_markdown_it(CASES[name].replace("\n", ending))


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_example_reads_as_markdown_it_read_it(ending: str) -> None:
    assert_same_as_markdown_it(EXAMPLE.replace("\n", ending))


LINES = [
    "",
    "матн сўз",
    "  давоми",
    "- бир",
    "  - ички",
    "1. уч",
    "   тўрт",
    "> иқтибос",
    "> - иқтибосда рўйхат",
    "```",
    "~~~ py",
    "    код",
    "        чуқур код",
    "<div>",
    "</div>",
    "<!-- изоҳ -->",
    "# сарлавҳа",
    "===",
    "---",
    "* * *",
    "[ёрлиқ]: /url",
    "`код",
    "матн `код` [ҳавола](/url)",
]
# No table lines: where a GFM table meets a definition or an indented line, even the two C
# implementations disagree (pulldown-cmark reads an indented line after a row as one more
# row, cmark-gfm and markdown-it as code; cmark-gfm repeats a definition a table interrupts).
# Tables are checked on the cases above.


@given(st.lists(st.sampled_from(LINES), max_size=14), st.sampled_from(["\n", "\r\n", "\r"]))
def test_line_soup_reads_as_markdown_it_read_it(lines: list[str], ending: str) -> None:
    assert_same_as_markdown_it("".join(line + ending for line in lines))


def test_text_the_parser_cannot_take_is_still_converted() -> None:
    """A lone surrogate (from a surrogate-escaped read) must not stop the parse."""
    assert convert_upper("матн \udc80 сўз\n\n    код\n") == "МАТН \udc80 СЎЗ\n\n    код\n"
