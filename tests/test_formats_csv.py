"""CSV/TSV: cell text converted; delimiter, quoting and line endings byte-identical."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_data import assert_golden

import yozuv
from yozuv.cli import cli
from yozuv.errors import FormatError
from yozuv.formats import DelimitedFormat, format_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "prices.cyrl.csv"
GOLDEN = ROOT / "tests" / "data" / "formats" / "prices.upper.csv"


def _delimited(path: str) -> DelimitedFormat:
    fmt = format_for(path)
    assert isinstance(fmt, DelimitedFormat)
    return fmt


CSV = _delimited("x.csv")
TSV = _delimited("x.tsv")


def convert(
    text: str,
    converter: yozuv.Converter | None = None,
    fmt: DelimitedFormat | None = None,
    target: str = "latin",
) -> str:
    function = converter.convert if converter else str.upper
    chosen = fmt if fmt is not None else CSV
    return chosen.convert_text(text, function, target=target, source="cyrillic")


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.fixture(scope="module")
def source() -> str:
    return EXAMPLE.read_bytes().decode("utf-8")


def test_cells_keep_their_places_and_the_dialect(source: str) -> None:
    latin = convert(source, yozuv.get_converter("latin", source="cyrillic"))
    before, after = _read(source), _read(latin)
    assert [len(row) for row in after] == [len(row) for row in before]
    assert after[1][2] == 'Yangi yopilgan, "Tandir" noni'
    assert latin.count("\r\n") == source.count("\r\n")
    assert re.sub(r'"[^"]*(?:""[^"]*)*"|[^;\r\n]+', "x", latin) == re.sub(
        r'"[^"]*(?:""[^"]*)*"|[^;\r\n]+', "x", source
    )


def test_round_trip_with_column_numbers(source: str) -> None:
    text_columns = CSV.with_columns(["1", "2", "3"])
    latin = convert(source, yozuv.get_converter("latin", source="cyrillic"), fmt=text_columns)
    assert latin.startswith("Mahsulot;Narxi (soʻm);Izoh;SKU\r\n") and ";BRD-01\r\n" in latin
    back = convert(
        latin, yozuv.get_converter("cyrillic", source="latin"), fmt=text_columns, target="cyrillic"
    )
    assert back == source


def test_golden(source: str) -> None:
    produced = convert(source)
    assert_golden(produced, GOLDEN)


def test_columns_by_header_name_keep_the_header(source: str) -> None:
    out = convert(source, fmt=CSV.with_columns(["Изоҳ"]))
    rows, original = _read(out), _read(source)
    assert rows[0] == original[0]
    assert [r[2] for r in rows[1:]] == [r[2].upper() for r in original[1:]]
    assert [r[:2] + r[3:] for r in rows] == [r[:2] + r[3:] for r in original]


def test_columns_keyword_on_convert_text() -> None:
    out = CSV.convert_text("а,б,в\n", str.upper, target="latin", source="cyrillic", columns=[2])
    assert out == "а,Б,в\n"


def test_bad_column_choices_are_errors() -> None:
    with pytest.raises(FormatError, match="no column named 'йўқ'"):
        convert("а,б\n", fmt=CSV.with_columns(["йўқ"]))
    with pytest.raises(FormatError, match="start at 1"):
        convert("а,б\n", fmt=CSV.with_columns(["0"]))


@pytest.mark.parametrize(
    ("text", "columns", "message"),
    [
        ("а,б,в,г\nд,е\n", ["9"], "column 9: the file has 4 columns"),
        ("а,б\nд,е,ж\n", [2, "4"], "column 4: the file has 3 columns"),
        ("а\n", ["2"], "column 2: the file has 1 column"),
    ],
)
def test_a_column_number_beyond_the_widest_row_is_an_error(
    text: str, columns: list[int | str], message: str
) -> None:
    with pytest.raises(FormatError) as raised:
        convert(text, fmt=CSV.with_columns(columns))
    assert str(raised.value) == message


def test_the_widest_row_counts_and_an_empty_file_has_nothing_to_choose() -> None:
    assert convert("а\nб,в,г\n", fmt=CSV.with_columns(["3"])) == "а\nб,в,Г\n"
    assert convert("", fmt=CSV.with_columns(["9"])) == ""


def test_a_column_number_beyond_the_file_through_the_command_line(tmp_path: Path) -> None:
    table = tmp_path / "jadval.csv"
    table.write_text("id,matn,izoh,narx\n1,Салом,а,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-t", "latin", "--columns", "9", str(table)])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr == f"yozuv: {table}: column 9: the file has 4 columns\n"
    assert result.stdout == ""


def test_delimiter_is_sniffed_and_final_newline_kept() -> None:
    assert convert("а|б|в\nг|д|е") == "А|Б|В\nГ|Д|Е"
    assert convert("а,б\n\n") == "А,Б\n\n"
    assert convert("а,,\n") == "А,,\n"


def test_tsv_quotes_are_literal_unless_well_formed() -> None:
    assert convert('а\t"б\tв\n', fmt=TSV) == 'А\t"Б\tВ\n'
    assert convert('а\t"б\tв"\n', fmt=TSV) == 'А\t"Б\tВ"\n'


@pytest.mark.parametrize(("text", "line"), [('а,"б\n', 1), ('а\nб,"в"г\n', 2)])
def test_malformed_quotes_are_errors(text: str, line: int) -> None:
    with pytest.raises(FormatError, match=f"malformed CSV at line {line}"):
        convert(text)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('id,matn\r\n"\t","\tСалом"\r\n', ","),  # issue 12: a tab inside quotes
        ('a;b\n"x,y;z";"1,2,3"\n', ";"),
        ('a|b\n"c,d,e,f"|"g"\n', "|"),
    ],
)
def test_delimiters_inside_quoted_cells_do_not_decide_the_sniff(text: str, delimiter: str) -> None:
    """Python's csv reads these files; the sniffer must not pick a character that only
    occurs inside quoted cells (a valid file was refused as malformed)."""
    expected_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    converted = format_for("a.csv").convert_text(text, str.upper, target="latin", source="cyrillic")
    assert converted == text.upper()
    assert [[c.upper() for c in row] for row in expected_rows] == list(
        csv.reader(io.StringIO(converted, newline=""), delimiter=delimiter)
    )
