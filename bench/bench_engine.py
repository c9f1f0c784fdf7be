"""Throughput of the engine against the speed limit of this design: a bare ``str.translate``.

Run: ``python bench/bench_engine.py [--mb 2] [--repeat 5]``

The corpus is the seed news item repeated to about 2 MB (``examples/news.cyrl.txt`` and its
Latin form). The baseline is ``str.translate`` over the scheme's context-free letter table
(one character to its letter, case derived), measured in the same run on the same text; it
knows no context rule, so it is the ceiling for a design that reads every character. The
ratio engine/baseline is the figure to watch: absolute MB/s depend on the machine.

Reported per direction: warm (converter caches filled, the usual state when converting many
files or a stream), cold (a fresh converter, first pass over the text) and a no-repeat corpus
(every line made distinct, so most chunks miss the cache).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from yozuv.api import get_converter
from yozuv.engine import Engine
from yozuv.scheme import Scheme

ROOT = Path(__file__).resolve().parents[1]


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
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def once(fn: Callable[[], object]) -> float:
    """Seconds for one call: a first pass over new text cannot be repeated on a warm cache."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def fresh(converter_engine: Engine) -> Engine:
    """An engine for the same scheme and lexicon with empty caches."""
    return Engine(converter_engine.scheme, lexicon=converter_engine.lexicon)


def corpus(path: Path, megabytes: float) -> str:
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    copies = int(megabytes * 1_000_000 // len(text.encode("utf-8"))) + 1
    return text * copies


def distinct_corpus(text: str) -> str:
    """Every line different (a counter glued to one word), so the chunk cache mostly misses."""
    lines = text.splitlines(keepends=True)
    return "".join(line.replace(" ", f" {i % 997}x", 1) for i, line in enumerate(lines))


def measure(direction: str, source: str, target: str, path: Path, mb: float, repeat: int) -> float:
    text = corpus(path, mb)
    size = len(text.encode("utf-8")) / 1_000_000
    converter = get_converter(target, source)
    engine = converter.engines[0]
    table = letter_table(engine.scheme)
    base = best_of(lambda: text.translate(table), repeat)

    cold = once(lambda: fresh(engine).convert(text))

    converter.convert(text)
    warm = best_of(lambda: converter.convert(text), repeat)

    spread = distinct_corpus(text)
    spread_time = once(lambda: fresh(engine).convert(spread))

    print(f"{direction}: corpus {size:.2f} MB ({path.name} repeated)")
    print(f"  baseline str.translate   {size / base:8.1f} MB/s")
    print(f"  yozuv warm               {size / warm:8.1f} MB/s   ratio {base / warm:.2f}x baseline")
    print(f"  yozuv cold (first pass)  {size / cold:8.1f} MB/s   ratio {base / cold:.2f}x baseline")
    print(
        f"  yozuv, no repeated lines {size / spread_time:8.1f} MB/s"
        f"   ratio {base / spread_time:.2f}x baseline"
    )
    return base / warm


def measure_word_list(path: Path) -> None:
    """The slow path alone: every word of the tesseract word list is new to a fresh engine."""
    words = path.read_text(encoding="utf-8")
    size = len(words.encode("utf-8")) / 1_000_000
    count = len(words.split())
    to_latin = fresh(get_converter("latin", "cyrillic").engines[0])
    to_cyrillic = fresh(get_converter("cyrillic", "latin").engines[0])
    latin = to_latin.convert(words)
    c2l = once(lambda: fresh(to_latin).convert(words))
    l2c = once(lambda: to_cyrillic.convert(latin))
    print(f"every word new ({path.name}: {count:,} distinct words, {size:.2f} MB)")
    print(f"  Cyrillic -> Latin {count / c2l:10,.0f} words/s  {size / c2l:6.1f} MB/s")
    print(f"  Latin -> Cyrillic {count / l2c:10,.0f} words/s  {size / l2c:6.1f} MB/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the best is kept")
    args = parser.parse_args()
    c2l = measure(
        "Cyrillic -> Latin",
        "cyrillic",
        "latin",
        ROOT / "examples" / "news.cyrl.txt",
        args.mb,
        args.repeat,
    )
    l2c = measure(
        "Latin -> Cyrillic",
        "latin",
        "cyrillic",
        ROOT / "examples" / "news.latn.txt",
        args.mb,
        args.repeat,
    )
    words = ROOT / "scripts" / "data" / "tesseract-uzb-cyrl" / "words.txt"
    if words.is_file():
        measure_word_list(words)
    print(f"summary: c2l {c2l:.2f}x, l2c {l2c:.2f}x the same-run str.translate baseline (warm)")


if __name__ == "__main__":
    main()
