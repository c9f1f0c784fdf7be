"""Markdown: prose converted, code, addresses and markup byte-identical."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cpu_time import assert_scales_linearly
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from shared_data import assert_golden, convert_format

import yozuv
from yozuv.formats import format_for, markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "help.cyrl.md"
GOLDEN = ROOT / "tests" / "data" / "formats" / "help.upper.md"
MARKDOWN = format_for("x.md")


def convert(text: str, converter: yozuv.Converter | None = None, target: str = "latin") -> str:
    return convert_format(MARKDOWN, text, converter, target)


@pytest.fixture(scope="module")
def source() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def latin(source: str) -> str:
    return convert(source, yozuv.get_converter("latin", source="cyrillic"))


def _shape(text: str) -> list[tuple[object, ...]]:
    """Token structure plus everything that must not change: addresses and code."""
    parser = MarkdownIt("commonmark").enable("table")
    shape: list[tuple[object, ...]] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            kept: object = None
            if token.type in ("fence", "code_block", "code_inline", "html_inline"):
                kept = token.content
            shape.append(
                (
                    token.type,
                    token.tag,
                    token.nesting,
                    token.level,
                    token.info,
                    token.attrGet("href"),
                    token.attrGet("src"),
                    kept,
                )
            )
            if token.children:
                walk(token.children)

    walk(parser.parse(text))
    return shape


def test_structure_addresses_and_code_are_unchanged(source: str, latin: str) -> None:
    assert _shape(latin) == _shape(source)
    assert latin != source


def test_round_trip_through_latin_gives_the_original(source: str, latin: str) -> None:
    back = convert(latin, yozuv.get_converter("cyrillic", source="latin"), target="cyrillic")
    assert back == source


def test_golden_output_shows_exactly_what_reaches_the_converter(source: str) -> None:
    produced = convert(source)
    assert_golden(produced, GOLDEN)


def test_code_lines_are_byte_identical(source: str) -> None:
    produced = convert(source).splitlines()
    for original, new in zip(source.splitlines(), produced, strict=True):
        if original.startswith("      ") or "pip install" in original or "```" in original:
            assert new == original


def test_front_matter_keys_kept_human_values_converted(latin: str) -> None:
    front = latin.split("---")[1]
    assert "layout: page\n" in front and "permalink: /uz/help/\n" in front
    assert "title: Yozuv dasturi" in front
    assert 'description: "Matnni kirill' in front
    assert "lang: uz-Latn\n" in front


def test_inline_syntax_survives_latin_to_cyrillic() -> None:
    to_cyrillic = yozuv.get_converter("cyrillic", source="latin")
    text = (
        "Salom [havola](docs/setup.md 'Yordam') va `kod` &nbsp; <span class=\"note\">matn</span>"
        " <https://example.uz> \\*yulduz\\* [^izoh] {#bosh}\n"
    )
    out = convert(text, to_cyrillic, target="cyrillic")
    for kept in (
        "(docs/setup.md '",
        "`kod`",
        "&nbsp;",
        '<span class="note">',
        "</span>",
        "<https://example.uz>",
        "\\*",
        "[^izoh]",
        "{#bosh}",
    ):
        assert kept in out
    assert out.startswith("Салом [ҳавола]")
    assert "'Ёрдам')" in out


def test_reference_labels_still_resolve_after_conversion() -> None:
    text = 'Қаранг: [Қўлланма] ва [бу ерда][қўлланма].\n\n[Қўлланма]: https://e.uz/d "Ҳужжат"\n'
    out = convert(text, yozuv.get_converter("latin", source="cyrillic"))
    hrefs = [t.attrGet("href") for t in _links(out)]
    assert hrefs == ["https://e.uz/d", "https://e.uz/d"]
    assert '"Hujjat"' in out


def _links(text: str) -> list[Token]:
    tokens = MarkdownIt("commonmark").parse(text)
    return [c for t in tokens for c in (t.children or []) if c.type == "link_open"]


def test_html_block_text_converted_tags_kept() -> None:
    text = '<div class="eslatma" title="Муҳим">\n  Матн <b>қалин</b>\n</div>\n'
    assert convert(text) == '<div class="eslatma" title="МУҲИМ">\n  МАТН <b>ҚАЛИН</b>\n</div>\n'


def test_unclosed_code_span_is_literal_backticks() -> None:
    assert convert("а ``б` в\n") == "А ``Б` В\n"


def test_link_text_with_invalid_destination_is_text() -> None:
    assert re.fullmatch(r"\[А\]\(Б В\)\n", convert("[а](б в)\n"))


SYNTAX_PIECES = ["[^1]", "](", "][", "\\*", "<a>", "<x@y.uz>", "&amp;", "&#1;", "{{< x >}}"]
SYNTAX_PIECES += ["{#id}", "{: .c}", "`", "``", "[", "]", "<", "&", "{", "\\", " ", "\t", "\n"]
SYNTAX_PIECES += ["a", "ё", "(", ")", "^", "#", ".", ":", "%", "!", "/"]
SYNTAX_SOUP = st.lists(st.sampled_from(SYNTAX_PIECES), max_size=16).map("".join)


@given(SYNTAX_SOUP)
def test_the_scanner_skips_only_characters_that_start_nothing(text: str) -> None:
    """Every character that could start inline syntax and that the scanner's regex passes
    over is one where no construct starts: the regex stops wherever one might."""

    stops = {i for i in range(len(text)) if markdown._INLINE_SYNTAX_START.match(text, i)}
    backticks = markdown._Backticks(text)
    for index, char in enumerate(text):
        if char in "\\`<&{[]" and index not in stops:
            assert markdown._kept_span(text, index, backticks) is None, index


# Inline constructs opened again and again and never closed, up to the end of a long line: a
# new user's '[a](' * 20,000 (80 KB) ran for minutes, each link destination scanned to the end
# of the line from every opener.
UNCLOSED = {
    "destination": "[a](",
    "destination-angle": "[a](<",
    "destination-text": "[a](x",
    "title-double": '[a](x "',
    "title-single": "[a](x '",
    "title-paren": "[a](x (",
    "reference": "[a][",
    "code-span": "`` x",
    "footnote": "[^",
    "autolink": "<a",
    "entity": "&a",
    "shortcode": "{{< ",
    "attributes": "{#",
    "nested-destination": "[a](()",
}


@pytest.mark.parametrize("piece", UNCLOSED.values(), ids=list(UNCLOSED))
def test_unclosed_inline_constructs_convert_in_linear_time(piece: str) -> None:
    assert_scales_linearly(
        lambda text: markdown.convert_markdown(text, str.upper, target="latin"), piece, "салом\n"
    )
