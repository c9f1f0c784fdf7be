"""JSON Lines (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``): only the chosen string values change.

Everything else in a record is byte-identical (keys, numbers, spacing, escapes of untouched
values, line endings); each converted value is ``Converter.convert`` of its text, checked on
a generated corpus; the file is read and written in bounded memory.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yozuv import get_converter
from yozuv.cli import cli
from yozuv.errors import FormatError
from yozuv.formats import RecordFormat, format_for
from yozuv.formats.jsonl import JsonLinesFormat

LATIN = get_converter("latin", "cyrillic")
WORDS = ["Тошкент", "шаҳрида", "янги", "лицей", "очилди", "Цирк", "концерт", "объект", "ва"]


def convert_jsonl(data: bytes, fields: tuple[str, ...] = ()) -> bytes:
    return JsonLinesFormat(fields).convert_bytes(data, LATIN, target="latin", source="cyrillic")


def test_jsonl_names_are_record_formats() -> None:
    for name in ("a.jsonl", "a.JSONL", "a.ndjson", "a.jsonl.gz", "a.jsonl.zst"):
        assert isinstance(format_for(name), JsonLinesFormat), name
    assert format_for(None, "jsonl").name == "jsonl"
    assert isinstance(format_for("a.jsonl"), RecordFormat)


def test_only_values_change_and_the_rest_is_byte_identical() -> None:
    data = (
        '{"id": 7,  "text": "Салом", "meta": {"k": "я"}}\n'.encode()
        + b'{"text":"\\u0421\\u0430\\u043b\\u043e\\u043c","n":1.50e3,"ok":true}\r\n'
        b"\n"
        b'  {"text": "no Cyrillic", "tags": ["\xd0\xb0", null]}  '
    )
    out = convert_jsonl(data)
    assert out == (
        b'{"id": 7,  "text": "Salom", "meta": {"k": "ya"}}\n'
        b'{"text":"Salom","n":1.50e3,"ok":true}\r\n'
        b"\n"
        b'  {"text": "no Cyrillic", "tags": ["a", null]}  '
    )


def test_field_chooses_the_top_level_fields_converted() -> None:
    data = '{"title": "Салом", "text": "Салом", "meta": {"text": "Салом"}}\n'.encode()
    out = convert_jsonl(data, ("text", "meta")).decode()
    assert out == '{"title": "Салом", "text": "Salom", "meta": {"text": "Salom"}}\n'
    assert convert_jsonl(data, ("title",)).decode().startswith('{"title": "Salom", "text": "Салом"')
    assert convert_jsonl(data, ("absent",)) == data


def test_keys_are_never_converted() -> None:
    data = '{"матн": "Салом", "a": {"ичида": ["Салом"]}}\n'.encode()
    assert convert_jsonl(data).decode() == '{"матн": "Salom", "a": {"ичида": ["Salom"]}}\n'


def test_new_letters_follow_the_escape_style_of_the_record() -> None:
    data = json.dumps({"text": "Ўғил маъно"}).encode() + b"\n"  # ensure_ascii: \u escapes
    out = convert_jsonl(data)
    assert out.isascii()
    assert json.loads(out) == {"text": LATIN.convert("Ўғил маъно")}


def test_malformed_lines_name_the_line() -> None:
    with pytest.raises(FormatError, match="line 2"):
        convert_jsonl(b'{"a": "b"}\n{"a": \n')
    with pytest.raises(FormatError, match="line 1"):
        convert_jsonl(b'{"a": "\xff"}\n')


def _corpus(records: int, seed: int = 13) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for index in range(records):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.2:
            text += ' "цитата"\n\tва\\ https://kun.uz/цирк'
        out.append({"id": index, "text": text, "lang": "uz", "score": rng.random()})
    return out


@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_each_converted_field_equals_the_library_on_a_generated_corpus(ensure_ascii: bool) -> None:
    records = _corpus(3000)
    data = "".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n" for r in records).encode()
    out = convert_jsonl(data, ("text",))
    lines = out.decode().splitlines()
    assert len(lines) == len(records)
    for record, line in zip(records, lines, strict=True):
        got = json.loads(line)
        assert got["text"] == LATIN.convert(str(record["text"]))
        assert {k: v for k, v in got.items() if k != "text"} == {
            k: v for k, v in record.items() if k != "text"
        }
        assert list(got) == list(record)


def test_gzip_in_gzip_out_deterministic() -> None:
    plain = '{"text": "Салом"}\n'.encode()
    packed = gzip.compress(plain, mtime=0)
    out = convert_jsonl(packed)
    assert out[:2] == b"\x1f\x8b"
    assert gzip.decompress(out) == b'{"text": "Salom"}\n'
    assert convert_jsonl(packed) == out


@pytest.mark.skipif(importlib.util.find_spec("zstandard") is None, reason="zstandard missing")
def test_zstd_in_zstd_out() -> None:
    import zstandard

    plain = '{"text": "Салом"}\n'.encode()
    packed = zstandard.ZstdCompressor().compress(plain)
    out = convert_jsonl(packed)
    assert zstandard.ZstdDecompressor().decompressobj().decompress(out) == b'{"text": "Salom"}\n'


class _CountingSink(io.BytesIO):
    """A sink that notes the largest write: the stream is written piece by piece."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, data: object) -> int:
        self.writes += 1
        return super().write(data)  # type: ignore[arg-type]


def test_a_large_file_is_written_in_pieces() -> None:
    line = '{"text": "Тошкент шаҳрида янги лицей очилди"}\n'.encode()
    data = line * 60_000  # ~3.5 MB
    sink = _CountingSink()
    JsonLinesFormat().convert_stream(io.BytesIO(data), sink, lambda _s: LATIN)
    assert sink.writes > 2
    assert sink.getvalue() == b'{"text": "Toshkent shahrida yangi litsey ochildi"}\n' * 60_000


def test_the_direction_is_chosen_on_the_values_not_the_keys() -> None:
    samples: list[str] = []

    def choose(sample: str) -> object:
        samples.append(sample)
        return LATIN

    sink = io.BytesIO()
    JsonLinesFormat(("text",)).convert_stream(
        io.BytesIO('{"longlatinkeyname": "x", "text": "Салом"}\n'.encode()),
        sink,
        choose,  # type: ignore[arg-type]
    )
    assert samples == ["Салом"]


def test_convert_cli_with_field(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"title": "Салом", "text": "Салом"}\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["-t", "latin", "--field", "text", "-O", str(tmp_path / "out"), str(source)]
    )
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8")
    assert written == '{"title": "Салом", "text": "Salom"}\n'
    result = runner.invoke(cli, ["-t", "latin", "--field", "text", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout == written


def test_field_leaves_other_formats_as_they_are(tmp_path: Path) -> None:
    """A folder of text and JSON Lines shards converts with one --field: text files whole."""
    source = tmp_path / "in.txt"
    source.write_text("Салом\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-t", "latin", "--field", "text", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Salom\n"


class _Discard(io.RawIOBase):
    """A sink that keeps nothing (so only the converter's own memory is measured)."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        return len(data)  # type: ignore[arg-type]


class _Lines(io.RawIOBase):
    """``count`` generated JSON lines, made as they are read (never held whole)."""

    def __init__(self, count: int) -> None:
        self._lines = (
            f'{{"id": {n}, "text": "Тошкент шаҳрида {n} янги лицей очилди"}}\n'.encode()
            for n in range(count)
        )
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self._left) < len(buffer):
            line = next(self._lines, None)
            if line is None:
                break
            self._left += line
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


def _peak(lines: int) -> int:
    import tracemalloc

    source = io.BufferedReader(_Lines(lines))
    tracemalloc.start()
    try:
        # a cheap converter: what is measured is the format (the engine's memo of many
        # distinct numbers is the engine's business)
        JsonLinesFormat().convert_stream(source, _Discard(), lambda _s: str.upper)  # type: ignore[arg-type]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_bounded_on_a_long_stream() -> None:
    """A batch (about 1 MB of lines) is what is held: 4 times the stream, the same peak."""
    small, large = _peak(20_000), _peak(80_000)  # ~1.4 MB and ~5.7 MB of JSON Lines
    assert large < small * 1.1 + 1024 * 1024, (small, large)
    assert large < 64 * 1024 * 1024
