"""Parquet (``.parquet``, ``.pq``; needs the optional extra ``yozuv[parquet]``, i.e. pyarrow).

The values of the chosen string columns are converted (``--field``; every top-level
``string``/``large_string`` column when none is named); nulls stay null, other columns are
copied as they are, and the output has the same schema (field names, types, nullability
and the schema's key-value metadata such as pandas' ``b"pandas"``), the same row groups
(one output row group per input row group, of the same number of rows) and each column's
compression codec. The pages are re-encoded by pyarrow, so the bytes are not the input's.

Memory: one row group at a time is read, converted (one ``convert_many`` per row group)
and written. A column that is not a string column named with ``--field`` (a number, a list,
a dictionary-encoded column) is an error, as is a name the file does not have.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, BinaryIO

from yozuv.errors import FormatError
from yozuv.formats._base import RecordFormat, sample_of
from yozuv.formats._text import AnyConverter, as_batch_converter


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise FormatError(
            "Parquet files need pyarrow", hint="pip install 'yozuv[parquet]'"
        ) from None
    return pyarrow, pyarrow.parquet


class ParquetFormat(RecordFormat):
    """String columns converted row group by row group; the schema kept."""

    name = "parquet"
    extensions = (".parquet", ".pq")

    def convert_stream(
        self, source: BinaryIO, sink: BinaryIO, choose: Callable[[str], AnyConverter]
    ) -> bool:
        pa, pq = _pyarrow()
        reader = _open(pq, source)
        schema = reader.schema_arrow
        columns = self._columns(pa, schema)
        writer = pq.ParquetWriter(
            sink,
            schema,
            compression=_compression(reader, schema),
            version=_version(reader),
        )
        converter = None
        changed = False
        try:
            for group in range(reader.num_row_groups):
                table = reader.read_row_group(group)
                values = {index: table.column(index).to_pylist() for index in columns}
                texts = [v for index in columns for v in values[index] if v is not None]
                if converter is None:
                    converter = as_batch_converter(choose(sample_of(texts)))
                results = iter(converter.convert_many(texts) if texts else [])
                for index in columns:
                    old = values[index]
                    new = [None if v is None else next(results) for v in old]
                    if new != old:
                        changed = True
                        field = schema.field(index)
                        table = table.set_column(index, field, pa.array(new, type=field.type))
                writer.write_table(table, row_group_size=max(1, table.num_rows))
            if converter is None:
                choose("")
        finally:
            writer.close()
        return changed

    def extract_text(self, data: bytes) -> str:
        """One JSON line per row with the chosen columns (what ``--diff`` shows)."""
        import io

        pa, pq = _pyarrow()
        reader = _open(pq, io.BytesIO(data))
        schema = reader.schema_arrow
        names = [schema.field(index).name for index in self._columns(pa, schema)]
        lines: list[str] = []
        for group in range(reader.num_row_groups):
            table = reader.read_row_group(group, columns=names)
            for row in table.to_pylist():
                lines.append(json.dumps(row, ensure_ascii=False) + "\n")
        return "".join(lines)

    def _columns(self, pa: Any, schema: Any) -> list[int]:
        """The indices of the columns to convert."""
        text_types = (pa.types.is_string, pa.types.is_large_string)
        if not self.fields:
            return [
                index
                for index, field in enumerate(schema)
                if any(is_text(field.type) for is_text in text_types)
            ]
        chosen: list[int] = []
        for name in self.fields:
            index = schema.get_field_index(name)
            if index < 0:
                known = ", ".join(schema.names)
                raise FormatError(f"no field {name!r} (the file has: {known})")
            if not any(is_text(schema.field(index).type) for is_text in text_types):
                raise FormatError(
                    f"field {name!r} is not a string column ({schema.field(index).type})"
                )
            chosen.append(index)
        return sorted(set(chosen))


def _open(pq: Any, source: BinaryIO) -> Any:
    try:
        return pq.ParquetFile(source)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ...
        raise FormatError(f"not a readable Parquet file: {exc}") from None


def _compression(reader: Any, schema: Any) -> dict[str, str] | str:
    """Each column's codec as the first row group has it (snappy for an empty file)."""
    metadata = reader.metadata
    if metadata.num_row_groups == 0:
        return "snappy"
    group = metadata.row_group(0)
    codecs: dict[str, str] = {}
    for index in range(group.num_columns):
        column = group.column(index)
        codec = str(column.compression).lower()
        codecs[column.path_in_schema] = "none" if codec == "uncompressed" else codec
    return codecs


def _version(reader: Any) -> str:
    version = str(reader.metadata.format_version)
    return version if version in ("1.0", "2.4", "2.6") else "2.6"
