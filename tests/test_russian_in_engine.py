"""Cyrillic -> Latin keeps Russian passages (issue 14 item 3) on every road, and says so."""

from __future__ import annotations

from collections.abc import Sequence

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- passages looked for only on the lines of their seed chunks ----------------------------------

_PIECES = [
    "Мы должны работать вместе",
    "это",
    "ЭТО",
    "Что",
    "борщ,",
    "выборы",
    "мод",
    "Бугун",
    "шаҳар",
    "эр",
    "ва",
    "«",
    "»",
    '"',
    ". ",
    "\n",
    "\r\n",
    "\u2028",
    " ",
    " ",
    "деди у",
    "Toshkent",
]


class _Counted:
    """The shipped finder, counting the characters it is asked to read."""

    def __init__(self) -> None:
        from yozuv.russian import RussianDetector

        self.inner = RussianDetector()
        self.read = 0

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        self.read += len(text)
        return self.inner.spans(text)

    def seeds(self, chunks: Sequence[str]) -> set[str]:
        return self.inner.seeds(chunks)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), max_size=4))
def test_passages_found_from_seed_chunks_are_those_of_the_whole_text(texts: list[str]) -> None:
    """The engine reads only the lines that hold a chunk where a passage may be (ы/щ, a
    short Russian word): what it keeps is what reading the whole text keeps, on one
    converter that meets the texts one after the other (its memo holding earlier chunks)."""
    converter = get_converter("latin", "cyrillic")
    fresh = get_converter("latin", "cyrillic")
    for text in texts:
        assert converter.convert(text) == fresh.explain(text).text
    assert converter.convert_many(texts) == [fresh.explain(t).text for t in texts]


def test_lines_without_a_seed_are_not_read() -> None:
    engine = get_converter("latin", "cyrillic").engines[0]
    counted = _Counted()
    engine.passages = counted
    uzbek = f"{UZBEK}\n" * 200
    assert engine.convert(uzbek + QUOTE) == engine.convert(uzbek) + KEPT
    # The quotation's line, and the line before it: its first chunk (``келди.\n«Мы``) holds both.
    assert counted.read == len(UZBEK) + 1 + len(QUOTE)
