"""Subtitle files converted in segments (issue 11: an SRT of 1M cues held whole took 558 MB).

A large SRT or WebVTT file is read, converted and written segment by segment, cut at blank
lines (cue text never crosses one), so memory stays bounded. These tests hold the segmented
road to the whole-document road: the same bytes, or the same refusal, for any document and
any segment size, and the CLI takes it for -i, -o and stdout once a file is large.
"""

from __future__ import annotations

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
    """The whole-document road's bytes, or the class of its refusal (a format error, a
    binary file)."""
    try:
        return documents.convert_document(data, Path(path), path, options).new_bytes
    except YozuvError as error:
        return type(error).__name__


def segmented(data: bytes, path: str, options: ConvertSettings, segment: int) -> bytes | str:
    """The segmented road's bytes (segments of about ``segment`` characters)."""
    handler = documents.format_handler(Path(path), options)
    assert handler is not None and documents.segments(handler)
    sink = io.BytesIO()
    try:
        documents.stream_convert(
            io.BytesIO(data), sink, options, path, handler=handler, segment_chars=segment
        )
    except YozuvError as error:
        return type(error).__name__
    return sink.getvalue()


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
    path = "a.vtt" if text.startswith("WEBVTT") else "a.srt"
    options = ConvertSettings(source=direction[0], to=direction[1])
    data = text.encode()
    assert segmented(data, path, options, segment) == whole(data, path, options)


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
    options = ConvertSettings(source=direction[0], to=direction[1])
    data = text.encode("utf-8", "surrogatepass")
    if text.encode("utf-8", "replace") != data:
        return  # lone surrogates are not UTF-8: the decoder refuses them on both roads
    assert segmented(data, path, options, segment) == whole(data, path, options)


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
    for path in ("a.csv", "a.po", "a.md", "a.html", "a.json"):
        handler = documents.format_handler(Path(path), options)
        assert handler is not None and not documents.segments(handler), path


def _large_srt(cues: int) -> str:
    return "".join(
        f"{n}\n00:00:{n % 60:02d},000 --> 00:00:{n % 60:02d},900\nСалом, дунё {n % 977}!\n\n"
        for n in range(1, cues + 1)
    )


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files from 1 KB on count as large; the whole-document road is then an error."""
    monkeypatch.setattr(delivery_module, "STREAM_IN_PLACE_BYTES", 1024)


@pytest.mark.parametrize("road", ["-i", "-o", "stdout"])
def test_cli_segments_a_large_subtitle_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_threshold: None, road: str
) -> None:
    text = _large_srt(300)
    expected = format_for("a.srt").convert_text(
        text,
        documents.converter_for(ConvertSettings(), documents.Direction("cyrillic", "latin")),
        target="latin",
        source="cyrillic",
    )
    source = tmp_path / "a.srt"
    source.write_text(text, encoding="utf-8")

    def no_whole_road(*args: object, **kwargs: object) -> None:
        raise AssertionError("a large subtitle file went down the whole-document road")

    monkeypatch.setattr(delivery_module, "convert_document", no_whole_road)
    arguments = {"-i": ["-i"], "-o": ["-o", str(tmp_path / "b.srt")], "stdout": []}[road]
    result = CliRunner().invoke(cli, ["-t", "latin", *arguments, str(source)])
    assert result.exit_code == 0, result.output
    written = {
        "-i": lambda: source.read_text(encoding="utf-8"),
        "-o": lambda: (tmp_path / "b.srt").read_text(encoding="utf-8"),
        "stdout": lambda: result.stdout,
    }[road]()
    assert written == expected
