"""Cyrillic -> Latin keeps Russian passages (issue 14 item 3) on every road, and says so."""

from __future__ import annotations

from click.testing import CliRunner

from yozuv.api import get_converter
from yozuv.cli import cli

QUOTE = "«Мы должны работать вместе», деди у."
KEPT = "«Мы должны работать вместе», dedi u."
UZBEK = "Бу район марказида янги институт очилди, президент октябрь ойида келди."


def test_quotation_kept_uzbek_around_it_converted() -> None:
    converter = get_converter("latin", "cyrillic")
    assert converter.convert(QUOTE) == KEPT
    assert converter.convert(UZBEK) == (
        "Bu rayon markazida yangi institut ochildi, prezident oktabr oyida keldi."
    )


def test_convert_option_converts_them() -> None:
    converter = get_converter("latin", "cyrillic", russian="convert")
    assert converter.convert(QUOTE) == "«Mi doljni rabotat vmeste», dedi u."


def test_every_road_agrees() -> None:
    converter = get_converter("latin", "cyrillic")
    text = f"{UZBEK}\n{QUOTE}\nОн сказал, что мы должны работать вместе.\n"
    whole = converter.convert(text)
    assert whole == "".join(converter.convert(line) for line in text.splitlines(keepends=True))
    assert converter.convert_many([UZBEK, QUOTE, UZBEK]) == [
        converter.convert(UZBEK),
        KEPT,
        converter.convert(UZBEK),
    ]
    assert converter.explain(text).text == whole
    assert get_converter("latin2026", "cyrillic").convert(QUOTE).startswith("«Мы должны")


def test_explain_reports_the_passage() -> None:
    decisions = get_converter("latin", "cyrillic").explain(QUOTE).decisions
    kept = [d for d in decisions if d.rule == "X03d"]
    assert [d.source for d in kept] == ["Мы должны работать вместе"]
    assert kept[0].ambiguous and "russian quotation" in kept[0].note


def test_the_command_line_reports_and_converts_on_request() -> None:
    runner = CliRunner()
    kept = runner.invoke(cli, ["-t", "latin"], input=QUOTE + "\n")
    assert kept.exit_code == 0
    assert kept.stdout == KEPT + "\n"
    assert "1 Russian passage kept in Cyrillic" in kept.stderr
    converted = runner.invoke(cli, ["-t", "latin", "--russian", "convert"], input=QUOTE + "\n")
    assert converted.stdout == "«Mi doljni rabotat vmeste», dedi u.\n"
    assert "Russian" not in converted.stderr
