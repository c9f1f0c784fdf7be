"""Subtitle files converted in segments (issue 11: an SRT of 1M cues held whole took 558 MB).

A large SRT or WebVTT file is read, converted and written segment by segment, cut at blank
lines (cue text never crosses one), so memory stays bounded. These tests hold the segmented
road to the whole-document road: the same bytes, or the same refusal, for any document and
any segment size, and the CLI takes it for -i, -o and stdout once a file is large.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_formats_hostile_properties import (
    ANY_TEXT,
    LINE,
    SYNTAXISH,
    _mixed,
    srt_documents,
    vtt_documents,
)

from yozuv import documents
from yozuv.cli import cli
from yozuv.cli import delivery as delivery_module
from yozuv.documents import ConvertSettings
from yozuv.errors import YozuvError
from yozuv.formats import format_for

FEW = settings(max_examples=60, deadline=None)
DIRECTIONS = [("cyrillic", "latin"), ("latin", "cyrillic")]


def whole(data: bytes, path: str, options: ConvertSettings) -> bytes | str:
    """The whole-document road's bytes, or its refusal (a format error, a binary file)."""
    try:
        return documents.convert_document(data, Path(path), path, options).new_bytes
    except YozuvError as error:
        return f"{type(error).__name__}: {error}"


def segmented(data: bytes, path: str, options: ConvertSettings, segment: int) -> bytes | str:
    """The segmented road's bytes (segments of about ``segment`` characters), or its
    refusal."""
    handler = documents.format_handler(Path(path), options)
    assert handler is not None and documents.segments(handler)
    sink = io.BytesIO()
    try:
        documents.stream_convert(
            io.BytesIO(data), sink, options, path, handler=handler, segment_chars=segment
        )
    except YozuvError as error:
        return f"{type(error).__name__}: {error}"
    return sink.getvalue()


def assert_both_roads_agree(text: str, path: str, segment: int, direction: tuple[str, str]) -> None:
    """The segmented road gives the whole road's bytes, or its refusal, for ``text``."""
    options = ConvertSettings(source=direction[0], to=direction[1])
    data = text.encode()
    assert segmented(data, path, options, segment) == whole(data, path, options)


@FEW
@given(
    st.one_of(srt_documents(_mixed(LINE)), vtt_documents(_mixed(LINE))),
    st.integers(1, 300),
    st.sampled_from(DIRECTIONS),
)
def test_any_subtitles_in_segments_equal_the_whole(
    document: tuple[str, int], segment: int, direction: tuple[str, str]
) -> None:
    text, _ = document
    assert_both_roads_agree(
        text, "a.vtt" if text.startswith("WEBVTT") else "a.srt", segment, direction
    )


@FEW
@given(
    st.one_of(ANY_TEXT, SYNTAXISH),
    st.sampled_from(["a.srt", "a.vtt"]),
    st.integers(1, 50),
    st.sampled_from(DIRECTIONS),
)
def test_any_text_in_segments_gives_what_the_whole_gives(
    text: str, path: str, segment: int, direction: tuple[str, str]
) -> None:
    """Documents and refusals alike (a file without a timing line is refused both ways)."""
    assert_both_roads_agree(text, path, segment, direction)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("path", ["a.srt", "a.vtt"])
def test_detected_direction_and_crlf_in_segments(path: str, newline: str) -> None:
    """Without -f the script is told from the first segment's cue text, as a plain stream
    tells it from its first piece; CR LF files are cut after a CR LF blank line."""
    cues = [
        f"{n}{newline}00:00:{n % 60:02d},000 --> 00:00:{n % 60:02d},900{newline}Салом, дунё {n}!"
        for n in range(1, 200)
    ]
    text = (newline * 2).join(cues) + newline
    if path.endswith(".vtt"):
        text = (
            "WEBVTT - Сарлавҳа" + newline * 2 + text.replace(",000", ".000").replace(",900", ".900")
        )
    options = ConvertSettings(to="latin")
    data = text.encode()
    out = segmented(data, path, options, 64)
    assert out == whole(data, path, options)
    assert isinstance(out, bytes) and b"Salom, dunyo 199!" in out


def test_a_first_segment_without_a_cue_waits_for_one() -> None:
    """A long stretch before the first timing line is not refused for lacking a cue."""
    text = "\n\n".join(["шарҳ"] * 50) + "\n\n1\n00:00:01,000 --> 00:00:02,000\nСалом\n"
    options = ConvertSettings(source="cyrillic", to="latin")
    assert segmented(text.encode(), "a.srt", options, 10) == whole(text.encode(), "a.srt", options)


def test_other_formats_are_not_segmented() -> None:
    options = ConvertSettings()
    for path in ("a.po", "a.md", "a.html", "a.json", "a.docx"):
        handler = documents.format_handler(Path(path), options)
        assert handler is not None and not documents.segments(handler), path
    # --columns may name a header or a column beyond some rows: the whole file decides.
    chosen = documents.format_handler(Path("a.csv"), ConvertSettings(columns=("2",)))
    assert chosen is not None and not documents.segments(chosen)


# --- CSV and TSV: cut at row ends ------------------------------------------------------------

CELL = st.one_of(
    st.text(alphabet='ab,;\t|"\r\n Салом', max_size=8),
    st.sampled_from(["Салом", "дунё", '"', '""', "\r\n", "\n", ",", "\t"]),
)


@st.composite
def delimited_documents(draw: st.DrawFn) -> str:
    """Rows written by Python's csv module (so, well-formed) or raw text pieces glued
    together (so, every kind of broken quoting), with any line endings."""
    # Over 21 lines now and then: a CSV is first cut once it holds the lines its delimiter
    # is read from.
    least = draw(st.sampled_from([0, 30]))
    if draw(st.booleans()):
        rows = draw(
            st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=least + 1, max_size=60)
        )
        buffer = io.StringIO(newline="")
        ending = draw(st.sampled_from(["\r\n", "\n", "\r"]))
        delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
        writer = csv.writer(buffer, lineterminator=ending, delimiter=delimiter)
        if draw(st.booleans()):
            writer = csv.writer(
                buffer, lineterminator=ending, delimiter=delimiter, quoting=csv.QUOTE_ALL
            )
        writer.writerows(rows)
        return buffer.getvalue()
    return "".join(draw(st.lists(CELL, min_size=least * 3, max_size=250)))


@FEW
@given(
    delimited_documents(),
    st.sampled_from(["a.csv", "a.tsv"]),
    st.integers(1, 120),
    st.sampled_from(DIRECTIONS),
)
def test_any_delimited_text_in_segments_gives_what_the_whole_gives(
    text: str, path: str, segment: int, direction: tuple[str, str]
) -> None:
    """The same bytes, or the same refusal with the same line number."""
    assert_both_roads_agree(text, path, segment, direction)


def test_a_csv_is_cut_into_segments_at_row_ends() -> None:
    """Many rows, small segments: several cuts, each at a row end outside quotes."""
    rows = "".join(f'{n},"Салом,\nдунё {n}","a ""b"""\r\n' for n in range(200))
    handler = documents.format_handler(Path("a.csv"), ConvertSettings())
    assert handler is not None
    segmenter = handler.segmenter()
    assert segmenter is not None
    cuts = list(documents._segmented(iter(rows.splitlines(keepends=True)), segmenter, 100))
    assert len(cuts) > 10 and "".join(cuts) == rows
    assert all(cut.endswith("\r\n") for cut in cuts)
    options = ConvertSettings(source="cyrillic", to="latin")
    assert segmented(rows.encode(), "a.csv", options, 100) == whole(rows.encode(), "a.csv", options)


def _large_srt(cues: int) -> str:
    return "".join(
        f"{n}\n00:00:{n % 60:02d},000 --> 00:00:{n % 60:02d},900\nСалом, дунё {n % 977}!\n\n"
        for n in range(1, cues + 1)
    )


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files from 1 KB on count as large; the whole-document road is then an error."""
    monkeypatch.setattr(delivery_module, "STREAM_IN_PLACE_BYTES", 1024)


def _large_csv(rows: int) -> str:
    return "id,matn\r\n" + "".join(f'{n},"Салом,\r\nдунё {n}"\r\n' for n in range(rows))


@pytest.mark.parametrize("name", ["a.srt", "a.csv"])
@pytest.mark.parametrize("road", ["-i", "-o", "stdout"])
def test_cli_segments_a_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_threshold: None, road: str, name: str
) -> None:
    text = _large_srt(300) if name == "a.srt" else _large_csv(300)
    expected = format_for(name).convert_text(
        text,
        documents.converter_for(ConvertSettings(), documents.Direction("cyrillic", "latin")),
        target="latin",
        source="cyrillic",
    )
    source = tmp_path / name
    source.write_bytes(text.encode())

    def no_whole_road(*args: object, **kwargs: object) -> None:
        raise AssertionError("a large file went down the whole-document road")

    monkeypatch.setattr(delivery_module, "convert_document", no_whole_road)
    arguments = {"-i": ["-i"], "-o": ["-o", str(tmp_path / f"b-{name}")], "stdout": []}[road]
    result = CliRunner().invoke(cli, ["-t", "latin", *arguments, str(source)])
    assert result.exit_code == 0, result.output
    written = {
        "-i": lambda: source.read_bytes().decode(),
        "-o": lambda: (tmp_path / f"b-{name}").read_bytes().decode(),
        "stdout": lambda: result.stdout_bytes.decode(),
    }[road]()
    assert written == expected
