"""Parquet (``yozuv[parquet]``, pyarrow): the chosen string columns change, the schema does
not, row group by row group. Skipped without pyarrow."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yozuv import get_converter
from yozuv.cli import cli
from yozuv.errors import FormatError
from yozuv.formats import RecordFormat, format_for

pa: Any = pytest.importorskip("pyarrow")
pq: Any = pytest.importorskip("pyarrow.parquet")

from yozuv.formats.parquet import ParquetFormat  # noqa: E402

LATIN = get_converter("latin", "cyrillic")
WORDS = ["Тошкент", "шаҳрида", "янги", "лицей", "очилди", "Цирк", "концерт", "объект", "ва"]


def _table(rows: int, seed: int = 5) -> Any:
    rng = random.Random(seed)
    texts = [
        None
        if rng.random() < 0.1
        else " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12)))
        for _ in range(rows)
    ]
    titles = [rng.choice(WORDS) for _ in range(rows)]
    schema = pa.schema(
        [
            pa.field("id", pa.int64(), nullable=False),
            pa.field("text", pa.string()),
            pa.field("title", pa.large_string()),
            pa.field("score", pa.float32()),
        ],
        metadata={b"source": b"test"},
    )
    return pa.table(
        {
            "id": list(range(rows)),
            "text": texts,
            "title": titles,
            "score": [rng.random() for _ in range(rows)],
        },
        schema=schema,
    )


def _parquet(table: Any, row_group_size: int = 500) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=row_group_size, compression="zstd")
    return sink.getvalue()


def test_parquet_is_a_record_format() -> None:
    assert isinstance(format_for("a.parquet"), ParquetFormat)
    assert isinstance(format_for("a.PARQUET"), RecordFormat)
    assert format_for(None, "parquet").name == "parquet"


def test_chosen_fields_equal_the_library_and_the_schema_is_kept() -> None:
    table = _table(2000)
    data = _parquet(table)
    out = ParquetFormat(("text",)).convert_bytes(data, LATIN, target="latin", source="cyrillic")
    before, after = pq.ParquetFile(io.BytesIO(data)), pq.ParquetFile(io.BytesIO(out))
    assert after.schema_arrow.equals(before.schema_arrow, check_metadata=True)
    assert after.num_row_groups == before.num_row_groups == 4
    assert after.metadata.row_group(0).column(1).compression == "ZSTD"
    result = after.read()
    expected_text = [
        None if t is None else LATIN.convert(t) for t in table.column("text").to_pylist()
    ]
    assert result.column("text").to_pylist() == expected_text
    for name in ("id", "title", "score"):
        assert result.column(name).equals(table.column(name))


def test_every_string_column_by_default() -> None:
    table = _table(50)
    out = ParquetFormat().convert_bytes(_parquet(table), LATIN, target="latin", source="cyrillic")
    result = pq.read_table(io.BytesIO(out))
    titles = [LATIN.convert(t) for t in table.column("title").to_pylist()]
    assert result.column("title").to_pylist() == titles


def test_a_field_that_is_missing_or_not_text_is_an_error() -> None:
    data = _parquet(_table(10))
    with pytest.raises(FormatError, match="no field 'body'"):
        ParquetFormat(("body",)).convert_bytes(data, LATIN, target="latin", source="cyrillic")
    with pytest.raises(FormatError, match="not a string column"):
        ParquetFormat(("score",)).convert_bytes(data, LATIN, target="latin", source="cyrillic")


def test_not_parquet_is_a_format_error() -> None:
    with pytest.raises(FormatError):
        ParquetFormat().convert_bytes(b"hello", LATIN, target="latin", source="cyrillic")


def test_one_row_group_at_a_time() -> None:
    groups: list[int] = []

    class Counting:
        def convert(self, text: str) -> str:
            return LATIN.convert(text)

        def convert_many(self, texts: Any) -> list[str]:
            groups.append(len(texts))
            return LATIN.convert_many(texts)

    table = _table(1000)
    ParquetFormat(("title",)).convert_stream(
        io.BytesIO(_parquet(table, 250)), io.BytesIO(), lambda _s: Counting()
    )
    assert groups == [250, 250, 250, 250]


def test_convert_cli_writes_parquet(tmp_path: Path) -> None:
    table = _table(100)
    source = tmp_path / "in.parquet"
    source.write_bytes(_parquet(table))
    result = CliRunner().invoke(
        cli, ["-t", "latin", "--field", "title", "-O", str(tmp_path / "out"), str(source)]
    )
    assert result.exit_code == 0, result.output
    written = pq.read_table(tmp_path / "out" / "in.parquet")
    assert written.column("text").equals(table.column("text"))
    assert written.column("title").to_pylist() == [
        LATIN.convert(t) for t in table.column("title").to_pylist()
    ]
