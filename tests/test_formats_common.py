"""The format registry and the helpers every format shares."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import yozuv
from yozuv.cli import cli
from yozuv.collector import collector_paused
from yozuv.errors import FormatError, YozuvError
from yozuv.formats import DelimitedFormat, format_for, format_names
from yozuv.formats._messages import convert_message
from yozuv.formats._text import (
    convert_around,
    convert_segments,
    retag_bcp47,
    retag_posix,
)


@pytest.fixture(scope="module")
def to_latin() -> yozuv.Converter:
    return yozuv.get_converter("latin", source="cyrillic")


@pytest.fixture(scope="module")
def to_cyrillic() -> yozuv.Converter:
    return yozuv.get_converter("cyrillic", source="latin")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("help.md", "markdown"),
        ("README.MD", "markdown"),
        ("index.html", "html"),
        ("page.XHTML", "html"),
        ("uz.po", "po"),
        ("messages.pot", "po"),
        ("en.json", "json"),
        ("app_uz.arb", "json"),
        ("film.srt", "srt"),
        ("film.vtt", "vtt"),
        ("t.csv", "csv"),
        ("t.tsv", "tsv"),
        ("letter.docx", "docx"),
        ("notes.txt", "text"),
        ("Makefile", "text"),
        ("script.py", "text"),
        (None, "text"),
    ],
)
def test_format_is_chosen_by_extension(path: str | None, name: str) -> None:
    assert format_for(path).name == name


def test_override_wins_and_accepts_aliases() -> None:
    assert format_for("notes.txt", "md").name == "markdown"
    assert format_for("page.html", "text").name == "text"
    assert format_for("x.po", "auto").name == "po"
    assert format_for(None, "JSON").name == "json"


def test_unknown_override_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="unknown format 'klingon'"):
        format_for("a.txt", "klingon")


@pytest.mark.parametrize("path", ["report.pdf", "sheet.XLSX", "doc.odt", "photo.jpg", "a.zip"])
def test_binary_formats_we_cannot_handle_are_refused(path: str) -> None:
    with pytest.raises(FormatError, match="not supported"):
        format_for(path)


def test_an_unsupported_file_is_refused_with_a_hint_and_no_name() -> None:
    with pytest.raises(FormatError) as raised:
        format_for("docs/rasm.png")
    error = raised.value
    assert (error.reason, error.path) == (".png files are not supported", None)
    assert error.hint == "convert them to .docx, .csv or text first"
    assert str(error) == ".png files are not supported; convert them to .docx, .csv or text first"


def test_the_command_line_names_an_unsupported_file_once(tmp_path: Path) -> None:
    picture = tmp_path / "docs" / "rasm.png"
    picture.parent.mkdir()
    picture.write_bytes(b"\x89PNG\r\n")
    result = CliRunner().invoke(cli, ["-t", "latin", str(picture)])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr == (
        f"yozuv: {picture}: .png files are not supported;"
        " convert them to .docx, .csv or text first\n"
    )
    assert result.stderr.count("rasm.png") == 1


def test_format_names_cover_the_documented_set() -> None:
    assert format_names() == [
        "text",
        "markdown",
        "html",
        "po",
        "json",
        "srt",
        "vtt",
        "csv",
        "tsv",
        "docx",
        "jsonl",
        "parquet",
    ]
    assert [format_for(None, name).name for name in format_names()] == format_names()
    assert [n for n in format_names() if format_for(None, n).binary] == ["docx", "jsonl", "parquet"]


def test_format_error_is_a_yozuv_error() -> None:
    assert issubclass(FormatError, YozuvError)


def test_csv_format_offers_column_selection() -> None:
    fmt = format_for("a.csv")
    assert isinstance(fmt, DelimitedFormat)
    limited = fmt.with_columns(["2"])
    assert limited.columns == ("2",) and fmt.columns is None


def test_convert_around_copies_the_protected_spans() -> None:
    pattern = re.compile(r"<[^>]*>")
    assert convert_around("аб<а>аб", pattern, str.upper) == "АБ<а>АБ"
    calls: list[str] = []

    def record(text: str) -> str:
        calls.append(text)
        return text

    convert_around("<x><y>", pattern, record)
    assert calls == []


def test_split_letter_pair_converts_as_one_word(to_latin: yozuv.Converter) -> None:
    assert convert_segments(["Ш", "аҳар"], to_latin.convert) == ["Sh", "ahar"]
    assert convert_segments(["ШАҲ", "АР"], to_latin.convert) == ["SHAH", "AR"]


def test_split_latin_digraph_goes_to_one_piece(to_cyrillic: yozuv.Converter) -> None:
    pieces = convert_segments(["S", "hahar"], to_cyrillic.convert)
    assert "".join(pieces) == "Шаҳар"
    assert pieces == ["", "Шаҳар"]


def test_segments_keep_their_count_and_empty_pieces(to_latin: yozuv.Converter) -> None:
    segments = ["Янги ", "", "бино", " қурилди"]
    out = convert_segments(segments, to_latin.convert)
    assert out == ["Yangi ", "", "bino", " qurildi"]


def test_joined_output_always_equals_whole_conversion(to_latin: yozuv.Converter) -> None:
    segments = ["Ўзб", "еки", "стон", "да ", "ёмғ", "ир"]
    assert "".join(convert_segments(segments, to_latin.convert)) == to_latin.convert(
        "".join(segments)
    )


@pytest.mark.parametrize(
    ("tag", "cyrillic", "latin"),
    [
        ("uz-Cyrl", "uz-Cyrl", "uz-Latn"),
        ("uz-Latn", "uz-Cyrl", "uz-Latn"),
        ("uz", "uz-Cyrl", "uz"),
        ("uz-UZ", "uz-Cyrl-UZ", "uz-UZ"),
        ("uz-cyrl-uz", "uz-cyrl-uz", "uz-latn-uz"),
        ("ru", "ru", "ru"),
        ("uzb", "uzb", "uzb"),
    ],
)
def test_bcp47_tags_follow_the_target(tag: str, cyrillic: str, latin: str) -> None:
    assert retag_bcp47(tag, "cyrillic") == cyrillic
    assert retag_bcp47(tag, "latin") == latin
    assert retag_bcp47(tag, "latin2026") == latin


@pytest.mark.parametrize(
    ("value", "cyrillic", "latin"),
    [
        ("uz", "uz@cyrillic", "uz"),
        ("uz@cyrillic", "uz@cyrillic", "uz"),
        ("uz_UZ", "uz_UZ@cyrillic", "uz_UZ"),
        ("uz_UZ@cyrillic", "uz_UZ@cyrillic", "uz_UZ"),
        ("uz_Latn", "uz_Cyrl", "uz_Latn"),
        ("uz_Cyrl_UZ", "uz_Cyrl_UZ", "uz_Latn_UZ"),
        ("uz@latin", "uz@cyrillic", "uz@latin"),
        ("tr", "tr", "tr"),
    ],
)
def test_gettext_locale_names_follow_the_target(value: str, cyrillic: str, latin: str) -> None:
    assert retag_posix(value, "cyrillic") == cyrillic
    assert retag_posix(value, "latin") == latin


@pytest.mark.parametrize(
    "message",
    [
        "%s",
        "%d",
        "%1$s",
        "%-5.2f",
        "%(name)s",
        "%%",
        "{0}",
        "{name}",
        "{{name}}",
        "%{name}",
        "$t(key.path)",
        "${var}",
        ":attribute",
        "<b>",
        "</b>",
        '<a href="x">',
        "<1>",
        "&amp;",
        "{n, number, integer}",
        "{when, date, short}",
    ],
)
def test_placeholders_never_reach_the_converter(message: str) -> None:
    text = f"абв {message} где"
    assert convert_message(text, str.upper) == f"АБВ {message} ГДЕ"


def test_icu_plural_converts_only_the_sub_messages() -> None:
    text = "{count, plural, offset:1 =0 {йўқ} one {# та файл} other {{count} та файл}}"
    assert convert_message(text, str.upper) == (
        "{count, plural, offset:1 =0 {ЙЎҚ} one {# ТА ФАЙЛ} other {{count} ТА ФАЙЛ}}"
    )


def test_icu_select_keeps_selectors() -> None:
    text = "{g, select, male {у келди} other {улар келди}}"
    assert convert_message(text, str.upper) == "{g, select, male {У КЕЛДИ} other {УЛАР КЕЛДИ}}"


def test_unbalanced_brace_is_plain_text() -> None:
    assert convert_message("{ ёпилмаган", str.upper) == "{ ЁПИЛМАГАН"


def test_accelerator_stays_where_it_was_inside_a_word(to_latin: yozuv.Converter) -> None:
    assert convert_message("Ш&аҳар", to_latin.convert, accelerators=True) == "Sh&ahar"
    assert convert_message("_Файл", to_latin.convert, accelerators=True) == "_Fayl"
    assert convert_message("Том && Жерри", to_latin.convert, accelerators=True) == ("Tom && Jerri")


def test_collector_paused_resumes_it_as_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():  # resumed after an error too
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()


@pytest.mark.parametrize("example", ["help.cyrl.md", "page.cyrl.html", "catalogue.cyrl.po"])
def test_formats_leave_no_cycles_for_the_collector(example: str) -> None:
    """collector_paused relies on the formats making no reference cycles: everything they
    make is freed by reference counting, whether the collector runs or not."""
    text = (Path(__file__).parents[1] / "examples" / example).read_text(encoding="utf-8")
    convert = format_for(example).convert_text
    convert(text, str.upper, target="latin", source="cyrillic")
    gc.collect()
    gc.disable()
    try:
        convert(text, str.upper, target="latin", source="cyrillic")
        assert gc.collect() == 0
    finally:
        gc.enable()
