"""What the structured formats pay for their structure: each format against plain text.

Run from the repository root::

    .venv/bin/python bench/bench_formats.py                 # every format, about 3 MB each
    .venv/bin/python bench/bench_formats.py --mb 5 --repeat 5
    .venv/bin/python bench/bench_formats.py --format po --format json

For each format a document of about ``--mb`` megabytes is built from its example in
``examples/`` (a header once, the body repeated, a closing part once). Every line that has
a Cyrillic word gets a counter word after that word, different in each repetition, so no
two repetitions are alike and the converter's caches cannot hide what a new message costs.

The figure to watch is the ratio: the time of
``format_for(path).convert_text(document, converter.convert, ...)`` (the call the CLI
makes) divided by the time of ``converter.convert`` on plain text made of the same human
text, i.e. every piece the format sends to the converter, joined with ``" \\n"`` (the space
keeps the engine's space-separated chunks the same as in the pieces, so both sides hit its
caches alike). The converter is warm (both texts converted once before timing), so the
engine's work is the same on both sides and the ratio shows the format's own cost:
scanning, rebuilding, and calling the converter once per message instead of once per text.
Absolute MB/s depend on the machine; the ratio does not much. The acceptance bound is 1.5x.

The ``pieces`` column is the time of calling the converter on each piece alone, with no
format work around it: the least any format could cost while it converts message by
message (the engine's per-call cost is in it, and is not the format's to remove).

This is a measurement, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from yozuv.api import get_converter
from yozuv.formats import format_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BOUND = 1.5

# Up to the end of the first Cyrillic word of a line (the counter goes right after it).
_FIRST_CYRILLIC_WORD = re.compile(r"(?m)^[^\n]*?[\u0400-\u04ff]+")
_COUNTER_LETTERS = "бвгдежзйкл"


@dataclass(frozen=True)
class Sample:
    """How to grow one example into a large document of the same format."""

    name: str
    path: str  # the example, also the name the format is chosen by
    head_end: str  # the head is the example up to and including this marker ("" = none)
    tail_start: str  # the tail is the example from this marker on ("" = none)
    separator: str = ""  # between two repetitions of the body (JSON: keys repeat, legal)


SAMPLES = (
    Sample("text", "news.cyrl.txt", "", ""),
    Sample("markdown", "help.cyrl.md", "permalink: /uz/help/\n---\n", ""),
    Sample("html", "page.cyrl.html", "  <main>\n", "  </main>\n"),
    Sample("po", "catalogue.cyrl.po", '(n != 1);\\n"\n\n', ""),
    Sample("json", "locale.cyrl.json", "{\n", "\n}", separator=",\n"),
    Sample("csv", "prices.cyrl.csv", "SKU\n", ""),
    Sample("srt", "film.cyrl.srt", "", "", separator="\n"),
    Sample("vtt", "film.cyrl.vtt", "color: yellow; }\n\n", "", separator="\n"),
)


def counter_word(number: int) -> str:
    """A Cyrillic word that spells ``number`` (one letter per digit): new words, no digits."""
    return "".join(_COUNTER_LETTERS[int(digit)] for digit in str(number))


def vary(text: str, number: int) -> str:
    """``text`` with a counter word after the first Cyrillic word of every line."""
    word = " " + counter_word(number)
    return _FIRST_CYRILLIC_WORD.sub(lambda match: match.group(0) + word, text)


def split_example(text: str, sample: Sample) -> tuple[str, str, str]:
    """Head, body and tail of an example, cut at the sample's markers."""
    head_length = text.index(sample.head_end) + len(sample.head_end) if sample.head_end else 0
    tail_start = text.index(sample.tail_start) if sample.tail_start else len(text)
    return text[:head_length], text[head_length:tail_start], text[tail_start:]


def build_document(sample: Sample, megabytes: float) -> str:
    """The example grown to about ``megabytes``: head, varied bodies, tail."""
    text = (EXAMPLES / sample.path).read_text(encoding="utf-8")
    head, body, tail = split_example(text, sample)
    if not sample.separator and not body.endswith("\n"):
        body += "\n"
    copies = int(megabytes * 1_000_000 // len(body.encode("utf-8"))) + 1
    bodies = (vary(body, number) for number in range(copies))
    return head + sample.separator.join(bodies) + tail


def human_pieces(sample: Sample, document: str) -> list[str]:
    """Every text the format sends to the converter, in order."""
    pieces: list[str] = []

    def record(piece: str) -> str:
        pieces.append(piece)
        return piece

    convert_with_format(sample, document, record)
    return pieces


def convert_with_format(sample: Sample, document: str, convert: Callable[[str], str]) -> str:
    """The call the CLI makes for a file of this format."""
    return format_for(sample.path).convert_text(
        document, convert, target="latin", source="cyrillic"
    )


def best_of(function: Callable[[], object], repeat: int) -> float:
    """The least disturbed of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


@dataclass(frozen=True)
class Figures:
    """One row of the table."""

    name: str
    megabytes: float
    calls: int
    format_seconds: float
    plain_seconds: float
    pieces_seconds: float

    @property
    def ratio(self) -> float:
        return self.format_seconds / self.plain_seconds


def measure(sample: Sample, megabytes: float, repeat: int) -> Figures:
    """Time the format and plain text of its human text on a warm converter."""
    document = build_document(sample, megabytes)
    pieces = human_pieces(sample, document)
    plain = " \n".join(pieces)
    convert = get_converter("latin", "cyrillic").convert

    def each_piece() -> None:
        for piece in pieces:
            convert(piece)

    convert_with_format(sample, document, convert)  # warm: both texts seen once
    convert(plain)
    format_seconds = best_of(lambda: convert_with_format(sample, document, convert), repeat)
    plain_seconds = best_of(lambda: convert(plain), repeat)
    pieces_seconds = best_of(each_piece, repeat)
    size = len(document.encode("utf-8")) / 1_000_000
    return Figures(sample.name, size, len(pieces), format_seconds, plain_seconds, pieces_seconds)


def print_row(figures: Figures) -> None:
    verdict = "ok" if figures.ratio <= BOUND else f"over {BOUND}x"
    speed = figures.megabytes / figures.format_seconds
    print(
        f"{figures.name:<9} {figures.megabytes:5.2f} MB {figures.calls:8,} calls"
        f"  format {figures.format_seconds:6.3f} s {speed:6.1f} MB/s"
        f"  plain {figures.plain_seconds:6.3f} s  pieces {figures.pieces_seconds:6.3f} s"
        f"  ratio {figures.ratio:5.2f}x  {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0, help="document size (default 3)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; best kept")
    names = [sample.name for sample in SAMPLES]
    parser.add_argument("--format", action="append", choices=names, help="only these")
    args = parser.parse_args()
    chosen = args.format or names
    for sample in SAMPLES:
        if sample.name in chosen:
            print_row(measure(sample, args.mb, args.repeat))


if __name__ == "__main__":
    main()
