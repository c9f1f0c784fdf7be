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
    if path.suffix == ".vtt":  # the title, the language and the speaker's name follow
        expected[0] = [line.replace("uz-Cyrl", "uz-Latn") for line in expected[0]]
        expected[0][0] = "WEBVTT - Samarqand sayri"
        expected = [[tag.replace("<v Гид>", "<v Gid>") for tag in block] for block in expected]
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
    assert convert("x.vtt", text) == text.replace("<v Гид>в", "<v ГИД>В")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("WEBVTT - Самарқанд сайри\n", "WEBVTT - САМАРҚАНД САЙРИ\n"),
        ("\ufeffWEBVTT\tСайр\r\n", "\ufeffWEBVTT\tСАЙР\r\n"),
        ("WEBVTT Сайр", "WEBVTT САЙР"),
        ("WEBVTT\n", "WEBVTT\n"),
        ("WEBVTT \n", "WEBVTT \n"),
        ("WEBVTTсайр\n", "WEBVTTсайр\n"),  # not a title: no space or tab after WEBVTT
    ],
)
def test_vtt_header_title_is_converted(head: str, expected: str) -> None:
    body = "Kind: captions\nLanguage: uz-Cyrl\n\n00:01.000 --> 00:02.000\nа\n"
    separator = "" if head.endswith("\n") else "\n"
    assert convert("x.vtt", head + separator + body) == expected + separator + body.replace(
        "uz-Cyrl", "uz-Latn"
    ).replace("а\n", "А\n")


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("<v Гид>сайр</v>", "<v ГИД>САЙР</v>"),
        ("<v.loud.slow Гид Ака>сайр", "<v.loud.slow ГИД АКА>САЙР"),
        ("<v\tГид>а", "<v\tГИД>А"),
        ("<v Гид &amp; Ака>а", "<v ГИД &amp; АКА>А"),
        ("<v>а</v>", "<v>А</v>"),
        ("<v.гид>а", "<v.гид>А"),  # a class, not a name
        ("<c.гид>а</c> <lang uz-Cyrl>а</lang>", "<c.гид>А</c> <lang uz-Latn>А</lang>"),
        ("<i>а</i> <vv Гид>а", "<i>А</i> <vv Гид>А"),  # not a voice span
    ],
)
def test_vtt_voice_names_are_converted(payload: str, expected: str) -> None:
    cue = "WEBVTT\n\n00:01.000 --> 00:02.000\n"
    assert convert("x.vtt", cue + payload + "\n") == cue + expected + "\n"


def test_vtt_voice_and_title_with_the_engine_round_trip() -> None:
    text = (
        "WEBVTT - Самарқанд сайри\n\n00:01.000 --> 00:02.000\n"
        "<v Гид>Шаҳар</v>\n<v.loud Ўқитувчи>Салом</v>\n"
    )
    latin = convert("x.vtt", text, yozuv.get_converter("latin", source="cyrillic"))
    assert latin == (
        "WEBVTT - Samarqand sayri\n\n00:01.000 --> 00:02.000\n"
        "<v Gid>Shahar</v>\n<v.loud Oʻqituvchi>Salom</v>\n"
    )
    back = convert(
        "x.vtt", latin, yozuv.get_converter("cyrillic", source="latin"), target="cyrillic"
    )
    assert back == text


def test_srt_voice_like_tags_are_kept() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n<v Гид>а\n"
    assert convert("x.srt", text) == text.replace(">а", ">А")


def test_vtt_without_header_is_refused() -> None:
    with pytest.raises(FormatError, match="WEBVTT"):
        convert("x.vtt", "00:01.000 --> 00:02.000\nа\n")


def test_srt_without_any_timing_is_refused() -> None:
    with pytest.raises(FormatError, match="no timing line"):
        convert("x.srt", "бу субтитр эмас\n")
    assert convert("x.srt", "") == ""
