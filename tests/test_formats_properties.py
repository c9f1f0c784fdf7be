"""Properties: rebuilding a file never loses or invents a byte, whatever the input."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from hypothesis import given, settings
from hypothesis import strategies as st

from yozuv.formats import DelimitedFormat, format_for

SURROGATES: tuple[Literal["Cs"]] = ("Cs",)  # not encodable: never in a decoded file

TEXTISH = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=SURROGATES), max_size=200
)
MARKUPISH = st.text(
    alphabet=st.sampled_from(list("аБшЧ ab<>/=\"'&;#`[]()*_!\\\n\r\t{}|-:.%")), max_size=200
)


def identity(text: str) -> str:
    return text


def convert(path: str, text: str, function: Any = identity) -> str:
    return format_for(path).convert_text(text, function, target="latin", source="cyrillic")


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXTISH, MARKUPISH), st.sampled_from(["a.md", "a.html", "a.txt", "a.tsv"]))
def test_identity_converter_gives_identical_text(text: str, path: str) -> None:
    assert convert(path, text) == text


# Values without placeholder syntax ({ } % < & $ : @ #), which is kept by design.
PLAIN_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=SURROGATES, exclude_characters="{}%<&$:@#"
    ),
    max_size=20,
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | PLAIN_TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _replaced(value: Any) -> Any:
    """What the JSON format must produce: every string value mapped, ``@`` members kept."""
    if isinstance(value, dict):
        return {k: (v if k.startswith("@") else _replaced(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v) for v in value]
    return value.replace("а", "б") if isinstance(value, str) else value


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES, st.booleans(), st.sampled_from([None, 2]))
def test_json_keys_kept_values_converted(value: Any, ascii_only: bool, indent: int | None) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assert convert("a.json", text) == text
    converted = convert("a.json", text, lambda s: s.replace("а", "б"))
    assert json.loads(converted) == _replaced(value)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.text(max_size=10), min_size=1, max_size=4), min_size=1, max_size=6),
    st.sampled_from(["\r\n", "\n"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_csv_cells_survive_any_content(
    rows: list[list[str]], ending: str, quoting: Literal[0, 1, 2, 3]
) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=ending, quoting=quoting).writerows(rows)
    text = buffer.getvalue()
    csv_format = format_for("a.csv")
    assert isinstance(csv_format, DelimitedFormat)
    assert (
        csv_format.with_columns(None).convert_text(
            text, identity, target="latin", source="cyrillic"
        )
        == text
    )
    # Upper-casing every cell must equal upper-casing the whole file: quotes, delimiters and
    # line endings are untouched by str.upper, so any byte lost or moved would show.
    assert convert("a.csv", text, str.upper) == text.upper()
