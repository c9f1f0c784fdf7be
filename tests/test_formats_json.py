"""JSON locale files: values converted, keys and every byte between literals unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from shared_data import assert_golden, convert_format

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import format_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [ROOT / "examples" / "locale.cyrl.json", ROOT / "examples" / "app.cyrl.arb"]
GOLDEN = ROOT / "tests" / "data" / "formats"
JSON = format_for("x.json")
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')


def convert(text: str, converter: yozuv.Converter | None = None, target: str = "latin") -> str:
    return convert_format(JSON, text, converter, target)


def _shape(value: Any) -> Any:
    """Keys, types, non-string values and ARB metadata; strings replaced by their syntax."""
    if isinstance(value, dict):
        return {
            k: ("<tag>" if k == "@@locale" else v if k.startswith("@") else _shape(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_shape(v) for v in value]
    if isinstance(value, str):
        return re.findall(
            r"\{\{?[\w.]+\}?\}|<\/?\d+>|\$t\([^)]*\)|\b(?:plural|select|one|other)\b"
            r"|=0|#",
            value,
        )
    return value


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_structure_and_bytes_outside_literals_unchanged(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    latin = convert(source, yozuv.get_converter("latin", source="cyrillic"))
    assert _shape(json.loads(latin)) == _shape(json.loads(source))
    assert LITERAL.sub('""', latin) == LITERAL.sub('""', source)
    assert latin != source


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_round_trip(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    latin = convert(source, yozuv.get_converter("latin", source="cyrillic"))
    back = convert(latin, yozuv.get_converter("cyrillic", source="latin"), target="cyrillic")
    assert back == source


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_golden(path: Path) -> None:
    produced = convert(path.read_text(encoding="utf-8"))
    assert_golden(produced, GOLDEN / path.name.replace(".cyrl.", ".upper."))


def test_keys_are_never_converted() -> None:
    assert convert('{"калит": "қиймат"}') == '{"калит": "ҚИЙМАТ"}'
    assert convert('[{"а": ["б", {"в": "г"}]}]') == '[{"а": ["Б", {"в": "Г"}]}]'


def test_arb_metadata_untouched_and_locale_follows_target() -> None:
    text = '{"@@locale": "uz", "a": "б", "@a": {"description": "в", "x": ["г"]}}'
    assert convert(text, target="cyrillic") == (
        '{"@@locale": "uz_Cyrl", "a": "Б", "@a": {"description": "в", "x": ["г"]}}'
    )
    assert convert('{"@@locale": "uz_Cyrl"}', target="latin") == '{"@@locale": "uz_Latn"}'


def test_u_escapes_stay_u_escapes() -> None:
    text = '{"a": "\\u0421\\u0430\\u043b\\u043e\\u043c", "b": "\\u00e9t\\u00e9"}'
    to_latin = yozuv.get_converter("latin", source="cyrillic")
    assert convert(text, to_latin) == '{"a": "Salom", "b": "\\u00e9t\\u00e9"}'
    to_cyrillic = yozuv.get_converter("cyrillic", source="latin")
    back = convert('{"a": "Salom", "k": "\\u0431"}', to_cyrillic, target="cyrillic")
    assert back == '{"a": "\\u0421\\u0430\\u043b\\u043e\\u043c", "k": "\\u0431"}'


def test_raw_files_stay_raw_and_short_escapes_survive() -> None:
    text = '{"a": "\\"Салом\\"\\n\\/йўл\\t", "b": "Ҳ"}'
    assert convert(text) == '{"a": "\\"САЛОМ\\"\\n\\/ЙЎЛ\\t", "b": "Ҳ"}'


def test_unchanged_literal_is_byte_identical() -> None:
    text = '{"a": "\\u0031\\/2", "n": 1.50e3, "t": true, "z": null}'
    assert convert(text) == text


def test_bom_is_kept() -> None:
    assert convert('\ufeff{"a": "б"}') == '\ufeff{"a": "Б"}'


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"a": }', "line 1, column 7"),
        ('{\n  "a": "b",\n}', "line 3, column 1"),
        ('{"a": "b"', "line 1, column 10"),
        ("", "line 1, column 1"),
    ],
)
def test_malformed_json_names_line_and_column(text: str, where: str) -> None:
    with pytest.raises(FormatError, match=f"malformed JSON at {where}"):
        convert(text)
