"""Subtitles: cue text converted; numbers, timecodes, settings and blocks unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from shared_data import assert_golden

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import format_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [ROOT / "examples" / "film.cyrl.srt", ROOT / "examples" / "film.cyrl.vtt"]
GOLDEN = ROOT / "tests" / "data" / "formats"
TIMING = re.compile(r"-->")
TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}|&\w+;")


def convert(
    path: str, text: str, converter: yozuv.Converter | None = None, target: str = "latin"
) -> str:
    function = converter.convert if converter else str.upper
    return format_for(path).convert_text(text, function, target=target, source="cyrillic")


def _cues(text: str) -> list[list[str]]:
    """Per block: the lines that are not cue text (numbers, ids, timings) and the tags."""
    blocks = [b.splitlines() for b in re.split(r"\n[ \t]*\n", text)]
    kept: list[list[str]] = []
    for block in blocks:
        timing = next((i for i, line in enumerate(block) if TIMING.search(line)), None)
        if timing is None:
            kept.append(block)
        else:
            kept.append(block[: timing + 1] + TAG.findall("\n".join(block[timing + 1 :])))
    return kept


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_only_cue_text_changes(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    latin = convert(path.name, source, yozuv.get_converter("latin", source="cyrillic"))
    expected = _cues(source)
    if path.suffix == ".vtt":
        expected[0] = [line.replace("uz-Cyrl", "uz-Latn") for line in expected[0]]
    assert _cues(latin) == expected
    assert "Assalomu alaykum" in latin


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_round_trip(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    latin = convert(path.name, source, yozuv.get_converter("latin", source="cyrillic"))
    back = convert(
        path.name, latin, yozuv.get_converter("cyrillic", source="latin"), target="cyrillic"
    )
    assert back == source


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_golden(path: Path) -> None:
    produced = convert(path.name, path.read_text(encoding="utf-8"))
    assert_golden(produced, GOLDEN / path.name.replace(".cyrl.", ".upper."))


def test_srt_without_blank_line_between_cues_and_crlf() -> None:
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nа\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nб\r\n"
    assert convert("x.srt", text) == text.replace("а", "А").replace("б", "Б")


def test_vtt_note_style_and_identifiers_are_kept() -> None:
    text = (
        "WEBVTT\n\nNOTE а\nб\n\nSTYLE\n::cue { }\n\nид\n00:01.000 --> 00:02.000 align:start\n"
        "<v Гид>в</v>\n"
    )
    assert convert("x.vtt", text) == text.replace("<v Гид>в", "<v Гид>В")


def test_vtt_without_header_is_refused() -> None:
    with pytest.raises(FormatError, match="WEBVTT"):
        convert("x.vtt", "00:01.000 --> 00:02.000\nа\n")


def test_srt_without_any_timing_is_refused() -> None:
    with pytest.raises(FormatError, match="no timing line"):
        convert("x.srt", "бу субтитр эмас\n")
    assert convert("x.srt", "") == ""
