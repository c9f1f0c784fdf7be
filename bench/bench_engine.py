"""Throughput of the engine on realistic text, against a bare ``str.translate`` of the same run.

Run from the repository root::

    .venv/bin/python bench/bench_engine.py                 # 10 MB corpus, best of 3
    .venv/bin/python bench/bench_engine.py --mb 100 --repeat 5 --corpus-dir /tmp/yozuv-corpus

The text is the Zipf corpus of ``bench/corpus.py`` (built on first use and cached in
``--corpus-dir``): real Uzbek word forms with a long tail, names, numbers, URLs, ALL-CAPS,
Latin brands. The Latin text is that corpus converted by yozuv. A repeated news item, the
old corpus of this benchmark, is kept as a second, cache-friendly figure: a memoising
engine meets each of its chunks once and then only hits its caches, so it flatters.

Figures per direction, each in MB/s of the source text (UTF-8) and as a ratio to the speed
of ``str.translate`` measured in the same run on the same text (absolute MB/s depend on the
machine and its load; the ratio much less, so it is the figure to compare across runs):

- ``str.translate``: the scheme's single-character letters (capitals derived) in one C call,
  best of ``--repeat`` and at least 7 runs. It knows no context rule, so it is the ceiling
  for a design that reads every character.
- yozuv first pass: a fresh converter (the API's cache of converters cleared, so its memo of
  chunks is empty; built before timing starts) converting the text once. This is what a
  user converting one large file pays.
- yozuv warm: the same converter again, best of ``--repeat``: what a long-running process or
  a second file of the same kind pays.
- ICU: PyICU's ``Cyrillic-Latin`` / ``Latin-Cyrillic`` transliterators, fed line by line
  (ICU is much slower on one huge string). A point of reference only: ICU's rules are not
  the Uzbek spelling rules. Optional: the benchmark runs without PyICU.
- peak RSS rise: how much the process's peak resident memory grew while the converter was
  built and run (``getrusage``; the peak never falls, so a later figure can read lower).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import corpus  # bench/corpus.py: this script's folder is on sys.path when it is run

import yozuv.api
from yozuv.api import Converter
from yozuv.scheme import Scheme

ROOT = Path(__file__).resolve().parents[1]
LABEL_WIDTH = 44
BASELINE_MIN_REPEAT = 7
NEWS_CYRILLIC = ROOT / "examples" / "news.cyrl.txt"
NEWS_LATIN = ROOT / "examples" / "news.latn.txt"


class Direction(NamedTuple):
    """One way of conversion and the names of its counterparts."""

    label: str
    source: str
    target: str
    icu_id: str
    news: Path


DIRECTIONS = (
    Direction("Cyrillic -> Latin", "cyrillic", "latin", "Cyrillic-Latin", NEWS_CYRILLIC),
    Direction("Latin -> Cyrillic", "latin", "cyrillic", "Latin-Cyrillic", NEWS_LATIN),
)


class Figure(NamedTuple):
    """One timing: ``seconds`` for ``megabytes`` of text, against the baseline of that text."""

    seconds: float
    megabytes: float
    baseline: float  # seconds of str.translate on the same text, same run

    @property
    def speed(self) -> float:
        return self.megabytes / self.seconds

    @property
    def ratio(self) -> float:
        """Speed relative to str.translate (1.00 = as fast, 0.50 = half as fast)."""
        return self.baseline / self.seconds


class Result(NamedTuple):
    """Every figure of one direction."""

    translate: Figure
    first: Figure
    warm: Figure
    icu: Figure | None
    news: Figure
    rss_rise_mb: float | None


def letter_table(scheme: Scheme) -> dict[int, str]:
    """The context-free part of a scheme: single-character keys, with capitals derived."""
    table: dict[int, str] = {}
    for key, value in scheme.letters.items():
        if len(key) == 1:
            table[ord(key)] = value
            upper = key.upper()
            if len(upper) == 1 and upper != key:
                table[ord(upper)] = value[:1].upper() + value[1:]
    return table


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs: the one least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        times.append(once(fn))
    return min(times)


def once(fn: Callable[[], object]) -> float:
    """Seconds for one call: a first pass over new text cannot be repeated on a warm cache."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1_000_000


def fresh_converter(source: str, target: str) -> Converter:
    """A converter with empty caches, as a new process would have.

    ``get_converter`` hands out one memoised converter per argument set; clearing that cache
    makes the next call build a new converter (schemes compiled, lexicon loaded, chunk memo
    empty), so the first pass below sees every chunk for the first time.
    """
    yozuv.api._converter.cache_clear()
    return yozuv.api.get_converter(target, source)


def peak_rss_mb() -> float | None:
    """The process's peak resident memory in MB, or None where ``resource`` is missing."""
    try:
        resource: Any = importlib.import_module("resource")
    except ImportError:
        return None
    peak = float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return peak / 1_000_000 if sys.platform == "darwin" else peak / 1_000  # bytes vs KiB


def icu_transliterate(icu_id: str) -> Callable[[str], str] | None:
    """PyICU's transliterator as a text function (line by line), or None if not installed.

    Imported by name so the benchmark (and mypy) need no PyICU; line by line because ICU's
    transliteration of one multi-megabyte string is many times slower than of its lines.
    """
    try:
        icu: Any = importlib.import_module("icu")
    except ImportError:
        return None
    transliterator = icu.Transliterator.createInstance(icu_id)

    def convert(text: str) -> str:
        return "".join(map(transliterator.transliterate, text.splitlines(keepends=True)))

    return convert


def repeated(path: Path, size: float) -> str:
    """The old corpus: one news item repeated to about ``size`` MB."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    return text * (int(size * 1_000_000 // len(text.encode("utf-8"))) + 1)


def measure(direction: Direction, text: str, repeat: int) -> Result:
    """All figures of one direction; yozuv first, while the machine is least disturbed."""
    size = megabytes(text)
    rss_before = peak_rss_mb()
    converter = fresh_converter(direction.source, direction.target)
    first = once(lambda: converter.convert(text))
    warm = best_of(lambda: converter.convert(text), repeat)
    rss_after = peak_rss_mb()

    # The baseline is cheap, so it gets more runs: every ratio of the direction divides by it,
    # and one disturbed run on a busy machine would skew them all.
    table = letter_table(converter.schemes[0])
    base_repeat = max(repeat, BASELINE_MIN_REPEAT)
    base = best_of(lambda: text.translate(table), base_repeat)

    icu = icu_transliterate(direction.icu_id)
    icu_time = None if icu is None else once(lambda: icu(text))

    news = repeated(direction.news, size)
    news_base = best_of(lambda: news.translate(table), base_repeat)
    news_converter = fresh_converter(direction.source, direction.target)
    news_converter.convert(news)
    news_warm = best_of(lambda: news_converter.convert(news), repeat)

    rise = rss_after - rss_before if rss_before is not None and rss_after is not None else None
    return Result(
        translate=Figure(base, size, base),
        first=Figure(first, size, base),
        warm=Figure(warm, size, base),
        icu=Figure(icu_time, size, base) if icu_time is not None else None,
        news=Figure(news_warm, megabytes(news), news_base),
        rss_rise_mb=rise,
    )


def cell(figure: Figure | None) -> str:
    """``speed MB/s ratio x``, 22 characters wide."""
    if figure is None:
        return f"{'-':>9}{'':13}"
    return f"{figure.speed:9.1f} MB/s {figure.ratio:6.2f}x"


def report(results: list[Result], repeat: int, icu_installed: bool, rss_clean: bool) -> None:
    """The compact table: one row per figure, one column pair per direction."""
    lines = [
        f"{'':{LABEL_WIDTH}}" + "".join(f"  {d.label:^22}" for d in DIRECTIONS),
        f"{'':{LABEL_WIDTH}}" + f"  {'speed':>14} {'ratio':>7}" * len(DIRECTIONS),
    ]
    rows: list[tuple[str, Callable[[Result], Figure | None]]] = [
        (
            f"str.translate (letter table, best of {max(repeat, BASELINE_MIN_REPEAT)})",
            lambda r: r.translate,
        ),
        ("yozuv first pass (fresh converter)", lambda r: r.first),
        (f"yozuv warm (same converter, best of {repeat})", lambda r: r.warm),
    ]
    if icu_installed:
        rows.append(("ICU (PyICU, line by line, 1 pass)", lambda r: r.icu))
    rows.append(("repeated news item (cache-friendly), warm", lambda r: r.news))
    for label, pick in rows:
        lines.append(f"{label:{LABEL_WIDTH}}" + "".join(f"  {cell(pick(r))}" for r in results))
    if not icu_installed:
        lines.append("ICU: not installed (pip install PyICU to add its figure)")
    rises = [r.rss_rise_mb for r in results]
    if rss_clean and all(rise is not None for rise in rises):
        cells = "".join(f"  {f'+{rise:.0f} MB':>14}" + " " * 8 for rise in rises)
        lines.append(f"{'peak RSS rise (converter + yozuv passes)':{LABEL_WIDTH}}{cells}")
    elif not rss_clean:
        lines.append("peak RSS: not shown (the corpus was built in this run; run again)")
    lines.append(
        "ratio = speed / speed of str.translate on the same text in this run "
        "(news row: on the repeated news text)"
    )
    print("\n".join(line.rstrip() for line in lines))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per warm figure (best kept)")
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=corpus.DEFAULT_OUT,
        help=f"where the corpus is cached (default {corpus.DEFAULT_OUT})",
    )
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED, help="corpus seed")
    args = parser.parse_args(argv)

    # The yozuv figures come first and the corpus statistics last: counting allocates more
    # than converting, and the peak-RSS figure must not be hidden under that peak. A corpus
    # built in this run (its Latin form converted here) hides it as well.
    cached = all(f.is_file() for f in corpus.corpus_files(args.corpus_dir, args.mb, args.seed))
    files = corpus.ensure_corpus(args.corpus_dir, args.mb, args.seed)
    texts = (
        files.cyrillic.read_text(encoding="utf-8"),
        files.latin.read_text(encoding="utf-8"),
    )
    results = [measure(d, text, args.repeat) for d, text in zip(DIRECTIONS, texts, strict=True)]

    print(f"corpus: Zipf (s={corpus.ZIPF_EXPONENT}), seed {args.seed}, {files.cyrillic.parent}")
    for name, text in zip(("Cyrillic", "Latin"), texts, strict=True):
        print(f"  {name:8} {corpus.describe(corpus.corpus_stats(text))}")
    print()
    icu_installed = icu_transliterate(DIRECTIONS[0].icu_id) is not None
    report(results, args.repeat, icu_installed, rss_clean=cached)


if __name__ == "__main__":
    main()
