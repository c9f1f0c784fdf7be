"""The format paths of issue 9 (speed) and 11 (hostile input) give what the format modules
gave before that work.

The modules as they stood before (kept until 5415258 as tests/formats_before/) were run
once on 2,084 documents and their answers recorded in
tests/data/formats/before_outputs.json.gz: the examples (three line-ending styles, and
grown as bench/bench_formats.py grows them) and the documents the hypothesis tests of
that commit drew from the syntax each scanner decides on (line endings, blank lines,
timings, quotes, escapes, brackets, placeholders, unclosed HTML constructs, delimiters).
Each case is answered as then: the output *and* the texts sent to the converter, in order
(equal texts mean equal output with any converter), or the same error message; a few with
the real engine. WebVTT documents were recorded with their titles and voice names left out
(converting them came after, issue 12), as the comparison then did.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import delimited, html, markdown, po, subtitles
from yozuv.formats import json as json_format

RECORD = Path(__file__).parent / "data" / "formats" / "before_outputs.json.gz"
TO_LATIN = yozuv.get_converter("latin", source="cyrillic")

FORMATS: dict[str, type[Any]] = {
    "srt": subtitles.SrtFormat,
    "vtt": subtitles.VttFormat,
    "json": json_format.JsonFormat,
    "po": po.PoFormat,
    "csv": delimited.CsvFormat,
    "tsv": delimited.TsvFormat,
    "html": html.HtmlFormat,
    "md": markdown.MarkdownFormat,
}


def _load() -> dict[tuple[str, str], list[list[Any]]]:
    with gzip.open(RECORD, "rt", encoding="ascii") as handle:
        cases: list[list[Any]] = json.load(handle)["cases"]
    groups: dict[tuple[str, str], list[list[Any]]] = defaultdict(list)
    for case in cases:
        groups[(case[0], case[2])].append(case)
    return groups


GROUPS = _load()


def _answer(kind: str, delimiter: str | None, mode: str, text: str) -> Any:
    """What the format gives now, in the recorded shape."""
    instance = FORMATS[kind]()
    if delimiter is not None:
        instance.delimiter = delimiter

    def convert(function: Callable[[str], str]) -> str:
        result: str = instance.convert_text(text, function, target="latin", source="cyrillic")
        return result

    if mode == "engine":
        return convert(TO_LATIN)
    calls: list[str] = []

    def record(piece: str) -> str:
        calls.append(piece)
        return "⟨" + piece.upper() + "⟩"

    try:
        return [convert(record), calls]
    except FormatError as error:
        return f"FormatError: {error}"


def test_the_record_covers_every_format() -> None:
    assert sum(map(len, GROUPS.values())) == 2084
    assert {kind for kind, _mode in GROUPS} == set(FORMATS)


@pytest.mark.parametrize("group", sorted(GROUPS), ids=["-".join(g) for g in sorted(GROUPS)])
def test_formats_give_what_they_gave(group: tuple[str, str]) -> None:
    differing = [
        (number, text)
        for number, (kind, delimiter, mode, text, expected) in enumerate(GROUPS[group])
        if _answer(kind, delimiter, mode, text) != expected
    ]
    assert differing == [], f"{len(differing)} of {len(GROUPS[group])} differ, e.g. {differing[:2]}"
