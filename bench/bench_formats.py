"""What the structured formats pay for their structure: each format against plain text.

Run from the repository root::

    .venv/bin/python bench/bench_formats.py                 # every format, about 3 MB each
    .venv/bin/python bench/bench_formats.py --mb 5 --repeat 5
    .venv/bin/python bench/bench_formats.py --format po --format json
    .venv/bin/python bench/bench_formats.py --per-call      # pass converter.convert instead
    .venv/bin/python bench/bench_formats.py --parsers       # the parsers' own cost, ms/MB
    .venv/bin/python bench/bench_formats.py --engine        # first pass: engine and own

For each format a document of about ``--mb`` megabytes is built from its example in
``examples/`` (a header once, the body repeated, a closing part once), and the format is
timed against ``converter.convert`` on plain text made of the same human text, i.e. every
piece the format sends to the converter, joined with ``" \\n"`` (the space keeps the
engine's space-separated chunks the same as in the pieces, so both sides meet the same
words). The figure to watch is the ratio of the two times; the acceptance bound is 1.5x.
Times are CPU seconds of the benchmark's process (see ``once``). Absolute figures depend
on the machine; the ratio does not much.

The format is given the ``Converter`` object itself (what the formats convert with one
``convert_many`` call per document); ``--per-call`` gives it the bound ``converter.convert``
instead, a plain function called once per piece (what the CLI passed before batches, and
the only thing formats without batches accept: use it to measure an older checkout).

Two kinds of figures:

- warm: one converter, both texts converted once before timing, best of ``--repeat``. Every
  line that has a Cyrillic word gets a counter word after that word, different in each
  repetition of the body, so no two repetitions are alike. The engine's work is then about
  the same on both sides (its memo answers), so the ratio shows the format's own cost:
  scanning, rebuilding and handing the pieces over. ``pieces`` is the converter called on
  each piece alone and ``many`` is one ``convert_many`` call on all of them, with no format
  work around either: the least a format can cost message by message, or in one batch.
- first pass: what a user converting a file once feels. Every Cyrillic word of each
  repetition of the body is replaced by a word drawn with a Zipf law from the word list of
  ``bench/corpus.py`` (the same law as the engine benchmark's corpus), its case kept: most
  words recur, as in real text, while the messages differ and the long tail is new. The
  format run and the plain-text run each get a fresh converter (the API's cache of
  converters cleared, so the chunk memo is empty; built before the timer starts); best of
  ``--repeat`` fresh runs each.

``--engine`` adds, for each format, the first pass split into the engine's share and the
format's own: a fresh converter's ``convert_many`` on the distinct pieces (what the batch
hands the engine), next to the plain text, and what is left of the format's time. The
engine's share is about the plain text's time, so a format meets the bound only when its
own cost is at most about half the plain text's (the "own budget" column).

``--parsers`` adds, for Markdown and HTML, what the third-party or stdlib parser alone costs
on the warm document, in ms per MB: markdown-it's block parse (inline rules disabled, as the
format runs it) and ``html.parser`` fed the page with handlers that do nothing, next to the
format's whole time on the same document.

This is a measurement, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import corpus  # bench/corpus.py: this script's folder is on sys.path when it is run

import yozuv.api
from yozuv.api import Converter, get_converter
from yozuv.formats import format_for
from yozuv.formats.markdown import _block_regions as markdown_block_regions

# What a format is given (spelled out here rather than imported, so that the script also
# runs on a checkout whose formats take only plain functions).
FormatConverter = Callable[[str], str] | Converter
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BOUND = 1.5
SEED = 2026

# Up to the end of the first Cyrillic word of a line (the counter goes right after it).
_FIRST_CYRILLIC_WORD = re.compile(r"(?m)^[^\n]*?[\u0400-\u04ff]+")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
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


class ZipfWords:
    """Rewrites text with words drawn by a Zipf law from the corpus word list.

    Each Cyrillic word is replaced by a drawn one in the same case pattern (lower, Title,
    ALL CAPS), so the document keeps its syntax and shape while its messages become as
    varied as real text: a few words everywhere, a long tail seen once.
    """

    def __init__(self, seed: int) -> None:
        vocabulary = corpus._vocabulary(seed)
        self._draw = corpus._Zipf(
            random.Random(f"{seed}:formats"), vocabulary.words, corpus.ZIPF_EXPONENT
        ).draw

    def __call__(self, text: str, number: int) -> str:
        return _CYRILLIC_WORD.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        word = match.group(0)
        drawn = self._draw()
        if len(word) > 1 and word.isupper():
            return drawn.upper()
        if word[0].isupper():
            return drawn.capitalize()
        return drawn


def split_example(text: str, sample: Sample) -> tuple[str, str, str]:
    """Head, body and tail of an example, cut at the sample's markers."""
    head_length = text.index(sample.head_end) + len(sample.head_end) if sample.head_end else 0
    tail_start = text.index(sample.tail_start) if sample.tail_start else len(text)
    return text[:head_length], text[head_length:tail_start], text[tail_start:]


def build_document(
    sample: Sample, megabytes: float, variant: Callable[[str, int], str] = vary
) -> str:
    """The example grown to about ``megabytes``: head, bodies made distinct by ``variant``
    (given the body and the repetition's number), tail."""
    text = (EXAMPLES / sample.path).read_text(encoding="utf-8")
    head, body, tail = split_example(text, sample)
    if not sample.separator and not body.endswith("\n"):
        body += "\n"
    copies = int(megabytes * 1_000_000 // len(body.encode("utf-8"))) + 1
    bodies = (variant(body, number) for number in range(copies))
    return head + sample.separator.join(bodies) + tail


def human_pieces(sample: Sample, document: str) -> list[str]:
    """Every text the format sends to the converter, in order."""
    pieces: list[str] = []

    def record(piece: str) -> str:
        pieces.append(piece)
        return piece

    convert_with_format(sample, document, record)
    return pieces


def convert_with_format(sample: Sample, document: str, convert: FormatConverter) -> str:
    """The call the CLI makes for a file of this format."""
    return format_for(sample.path).convert_text(
        document, convert, target="latin", source="cyrillic"
    )


def once(function: Callable[[], object]) -> float:
    """CPU seconds of this process for one call, after a collection so that no earlier
    garbage is paid for.

    CPU time rather than wall time: conversion is single-threaded and does no I/O, so the
    two agree on an idle machine, and on a busy one (tests running beside the benchmark)
    CPU time is much less disturbed.
    """
    gc.collect()
    start = time.process_time()
    function()
    return time.process_time() - start


def best_of(function: Callable[[], object], repeat: int) -> float:
    """The least disturbed of ``repeat`` runs, in seconds."""
    return min(once(function) for _ in range(repeat))


def fresh_converter() -> Converter:
    """A converter with empty caches, as a new process would have (see bench_engine.py)."""
    yozuv.api._converter.cache_clear()
    return get_converter("latin", "cyrillic")


def for_format(converter: Converter, per_call: bool) -> FormatConverter:
    """What the format is given: the Converter (batches) or its bound ``convert``."""
    return converter.convert if per_call else converter


def megabytes_of(text: str) -> float:
    return len(text.encode("utf-8")) / 1_000_000


@dataclass(frozen=True)
class Figures:
    """One row of the table."""

    name: str
    megabytes: float
    calls: int
    format_seconds: float
    plain_seconds: float
    pieces_seconds: float
    many_seconds: float
    first_format_seconds: float
    first_plain_seconds: float

    @property
    def ratio(self) -> float:
        return self.format_seconds / self.plain_seconds

    @property
    def first_ratio(self) -> float:
        return self.first_format_seconds / self.first_plain_seconds


def measure_warm(
    sample: Sample, megabytes: float, repeat: int, per_call: bool
) -> tuple[float, int, float, float, float, float]:
    """Warm figures: size, pieces, format, plain, each piece alone, one convert_many."""
    document = build_document(sample, megabytes)
    pieces = human_pieces(sample, document)
    plain = " \n".join(pieces)
    converter = get_converter("latin", "cyrillic")
    given = for_format(converter, per_call)
    convert = converter.convert

    def each_piece() -> None:
        for piece in pieces:
            convert(piece)

    convert_with_format(sample, document, given)  # warm: both texts seen once
    convert(plain)
    format_seconds = best_of(lambda: convert_with_format(sample, document, given), repeat)
    plain_seconds = best_of(lambda: convert(plain), repeat)
    pieces_seconds = best_of(each_piece, repeat)
    many_seconds = best_of(lambda: converter.convert_many(pieces), repeat)
    size = megabytes_of(document)
    return size, len(pieces), format_seconds, plain_seconds, pieces_seconds, many_seconds


def measure_first_pass(
    sample: Sample, megabytes: float, repeat: int, per_call: bool
) -> tuple[float, float]:
    """First-pass figures: the format and the plain text, each with fresh converters."""
    document = build_document(sample, megabytes, ZipfWords(SEED))
    plain = " \n".join(human_pieces(sample, document))
    runs = [first_pass_once(sample, document, plain, per_call) for _ in range(repeat)]
    return min(run[0] for run in runs), min(run[1] for run in runs)


def first_pass_once(
    sample: Sample, document: str, plain: str, per_call: bool
) -> tuple[float, float]:
    """One fresh converter converts the document, another one the plain text."""
    given = for_format(fresh_converter(), per_call)
    format_seconds = once(lambda: convert_with_format(sample, document, given))
    converter = fresh_converter()
    return format_seconds, once(lambda: converter.convert(plain))


def measure(sample: Sample, megabytes: float, repeat: int, per_call: bool) -> Figures:
    """Every figure of one format."""
    first_format, first_plain = measure_first_pass(sample, megabytes, repeat, per_call)
    size, calls, format_seconds, plain_seconds, pieces, many = measure_warm(
        sample, megabytes, repeat, per_call
    )
    return Figures(
        sample.name,
        size,
        calls,
        format_seconds,
        plain_seconds,
        pieces,
        many,
        first_format,
        first_plain,
    )


def verdict(ratio: float) -> str:
    return "ok" if ratio <= BOUND else "over"


def print_header(per_call: bool) -> None:
    given = "converter.convert (per call)" if per_call else "the Converter (one batch)"
    print(f"formats given {given}; bound {BOUND}x; times in seconds")
    print(
        f"{'':<9} {'MB':>5} {'pieces':>8}"
        f" | warm: {'format':>6} {'plain':>6} {'each':>6} {'many':>6} {'ratio':>7}"
        f" | first pass: {'format':>6} {'plain':>6} {'ratio':>7}"
    )


def print_row(figures: Figures) -> None:
    print(
        f"{figures.name:<9} {figures.megabytes:5.2f} {figures.calls:8,}"
        f" | {'':5} {figures.format_seconds:6.3f} {figures.plain_seconds:6.3f}"
        f" {figures.pieces_seconds:6.3f} {figures.many_seconds:6.3f}"
        f" {figures.ratio:6.2f}x {verdict(figures.ratio):<4}"
        f"| {'':11} {figures.first_format_seconds:6.3f} {figures.first_plain_seconds:6.3f}"
        f" {figures.first_ratio:6.2f}x {verdict(figures.first_ratio)}"
    )


def print_engine_shares(megabytes: float, repeat: int, chosen: list[str]) -> None:
    """For each format: the first pass, its engine share and its own cost (see --engine)."""
    print("first pass split: format = engine on the distinct pieces + the format's own")
    print(
        f"{'':<9} {'format':>7} {'plain':>7} {'engine':>7} {'own':>7}"
        f" {'own budget at ' + str(BOUND) + 'x':>20}"
    )
    for sample in SAMPLES:
        if sample.name in chosen:
            print_engine_share(sample, megabytes, repeat)


def print_engine_share(sample: Sample, megabytes: float, repeat: int) -> None:
    document = build_document(sample, megabytes, ZipfWords(SEED))
    pieces = human_pieces(sample, document)
    plain = " \n".join(pieces)
    distinct = list(dict.fromkeys(pieces))
    runs = [first_pass_once(sample, document, plain, per_call=False) for _ in range(repeat)]
    format_seconds = min(run[0] for run in runs)
    plain_seconds = min(run[1] for run in runs)
    engine = min(engine_once(distinct) for _ in range(repeat))
    own = format_seconds - engine
    budget = BOUND * plain_seconds - engine
    print(
        f"{sample.name:<9} {format_seconds:7.3f} {plain_seconds:7.3f} {engine:7.3f}"
        f" {own:7.3f} {budget:20.3f}"
    )


def engine_once(texts: list[str]) -> float:
    """A fresh converter's ``convert_many`` on ``texts``, in CPU seconds."""
    converter = fresh_converter()
    return once(lambda: converter.convert_many(texts))


class _NoOpParser(HTMLParser):
    """html.parser with the handlers doing nothing: the tokeniser's cost alone."""


def print_parsers(megabytes: float, repeat: int, per_call: bool) -> None:
    """The parsers' own cost on the warm documents, next to the format's whole time."""
    for sample in SAMPLES:
        if sample.name in ("markdown", "html"):
            print_parser_row(sample, build_document(sample, megabytes), repeat, per_call)


def print_parser_row(sample: Sample, document: str, repeat: int, per_call: bool) -> None:
    given = for_format(get_converter("latin", "cyrillic"), per_call)
    size = megabytes_of(document)
    convert_with_format(sample, document, given)
    whole = best_of(lambda: convert_with_format(sample, document, given), repeat)
    if sample.name == "markdown":
        label = "pulldown-cmark block regions"
        parse = best_of(lambda: markdown_block_regions(document), repeat)
    else:
        label = "html.parser, no-op handlers"

        def tokenise() -> None:
            parser = _NoOpParser(convert_charrefs=False)
            parser.feed(document)
            parser.close()

        parse = best_of(tokenise, repeat)
    print(
        f"{sample.name:<9} {label:<28} {parse / size * 1000:7.1f} ms/MB"
        f"  format in all {whole / size * 1000:7.1f} ms/MB  (parser {parse / whole:4.0%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0, help="document size (default 3)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; best kept")
    names = [sample.name for sample in SAMPLES]
    parser.add_argument("--format", action="append", choices=names, help="only these")
    parser.add_argument(
        "--per-call", action="store_true", help="give formats converter.convert, not the object"
    )
    parser.add_argument("--parsers", action="store_true", help="also time the parsers alone")
    parser.add_argument(
        "--engine", action="store_true", help="also split the first pass: engine and own"
    )
    args = parser.parse_args()
    chosen = args.format or names
    print_header(args.per_call)
    for sample in SAMPLES:
        if sample.name in chosen:
            print_row(measure(sample, args.mb, args.repeat, args.per_call))
    if args.parsers:
        print_parsers(args.mb, args.repeat, args.per_call)
    if args.engine:
        print_engine_shares(args.mb, args.repeat, chosen)


if __name__ == "__main__":
    main()
