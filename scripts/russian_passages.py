"""Measure the Russian passage detector (``src/yozuv/russian.py``) on held-out data only.

Three measures, each printed:

1. **Words**: the model's call on the held-out part of each word list (the parts
   ``scripts/build_russian_model.py`` never trains on): Russian forms of held-out hunspell-ru
   lemmas against held-out tesseract uzb_cyrl words. The Uzbek words are counted twice: all
   of them with the detector's letter rule (ў қ ғ ҳ settle it before the model is asked), and
   the hard part, words without those letters, on the model alone.
2. **Passages**: ``tests/data/russian-passages.tsv``, written by hand and not used for tuning:
   Russian quotations and sentences inside Uzbek news lines and hard negatives. A false keep
   is a span the file does not expect; a miss is an expected passage not found exactly. Its
   misses were looked at when the first-word and capitals rule for ы/щ was made (2026-12-05),
   so ``russian-passages-fresh.tsv``, written that day before the change, is measured too;
   its misses were looked at when the inflection rule was made (2026-12-06), so
   ``russian-passages-third.tsv``, written after that rule and before any later change, too.
3. **Corpus** (``--corpus FILE``): CPU time of ``spans`` on a whole Uzbek text and the spans
   found there. The bench corpus is Uzbek, so every span is a false keep to look at.

Usage: ``python scripts/russian_passages.py [--corpus FILE] [--show N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import DEFAULT_WORDS
from build_russian_model import (
    DEFAULT_AFF,
    DEFAULT_DIC,
    UZBEK_ONLY,
    russian_forms,
    uzbek_words,
)

from yozuv.russian import RussianDetector, RussianModel

ROOT = Path(__file__).resolve().parent.parent
PASSAGES = ROOT / "tests" / "data" / "russian-passages.tsv"
FRESH_PASSAGES = ROOT / "tests" / "data" / "russian-passages-fresh.tsv"
THIRD_PASSAGES = ROOT / "tests" / "data" / "russian-passages-third.tsv"


def read_passages(path: Path = PASSAGES) -> list[tuple[str, str, list[str]]]:
    """(case, text, expected Russian passages) rows of the hand-written test file."""
    rows: list[tuple[str, str, list[str]]] = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    for line in lines:
        if line.startswith("#") or line.startswith("case\t"):
            continue
        case, text, expected = line.split("\t")
        rows.append((case, text, [p for p in expected.split(" | ") if p]))
    return rows


def word_accuracy(model: RussianModel, out: Sequence[str] = ()) -> None:
    """Held-out word accuracy (measure 1)."""
    _, russian = russian_forms(DEFAULT_DIC, DEFAULT_AFF)
    _, uzbek = uzbek_words(DEFAULT_WORDS)
    hard = [w for w in uzbek if not UZBEK_ONLY & set(w)]
    ru_ok = sum(model.is_russian_word(w) for w in russian)
    hard_ok = sum(not model.is_russian_word(w) for w in hard)
    all_ok = hard_ok + (len(uzbek) - len(hard))
    print("held-out words (model alone; ы/щ and ў/қ/ғ/ҳ are letters it learnt or never sees):")
    print(f"  Russian forms called Russian: {ru_ok}/{len(russian)} = {ru_ok / len(russian):.2%}")
    print(
        f"  Uzbek words without ў қ ғ ҳ called Uzbek: {hard_ok}/{len(hard)}"
        f" = {hard_ok / len(hard):.2%}"
    )
    print(
        f"  all Uzbek words called Uzbek (letter rule first): {all_ok}/{len(uzbek)}"
        f" = {all_ok / len(uzbek):.2%}"
    )
    balanced = (ru_ok / len(russian) + hard_ok / len(hard)) / 2
    print(f"  balanced accuracy on the hard part: {balanced:.2%}")
    wrong = [w for w in hard if model.is_russian_word(w)]
    print(f"  Uzbek words called Russian, e.g.: {', '.join(wrong[:: max(1, len(wrong) // 15)])}")


def passage_results(detector: RussianDetector, path: Path = PASSAGES) -> tuple[int, int, int, int]:
    """(expected, found right, false keeps, misses) on a hand-written file; prints each error."""
    expected_total = right = false_keeps = misses = 0
    for case, text, expected in read_passages(path):
        found = [text[start:end] for start, end, _ in detector.spans(text)]
        expected_total += len(expected)
        for span in found:
            if span in expected:
                right += 1
            else:
                false_keeps += 1
                print(f"  false keep [{case}]: {span!r}")
        for passage in expected:
            if passage not in found:
                misses += 1
                print(f"  miss [{case}]: {passage!r}")
    return expected_total, right, false_keeps, misses


def corpus_run(detector: RussianDetector, path: Path, show: int) -> None:
    """CPU time of ``spans`` on a whole file, and what it finds (measure 3)."""
    text = path.read_text(encoding="utf-8")
    detector.spans("Это проверка загрузки модели.")  # the model file is read outside the timing
    start = time.process_time()
    spans = detector.spans(text)
    seconds = time.process_time() - start
    size = len(text.encode("utf-8"))
    print(f"corpus {path.name}: {size / 1e6:.1f} MB, {len(spans)} spans in {seconds:.3f} s CPU")
    for begin, end, reason in spans[:show]:
        line_start = text.rfind("\n", 0, begin) + 1
        line_end = text.find("\n", end)
        context = text[max(line_start, begin - 60) : min(line_end, end + 60)]
        print(f"  {reason}: {text[begin:end]!r}  in  …{context}…")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, help="an Uzbek Cyrillic text to time spans on")
    parser.add_argument("--show", type=int, default=20, help="corpus spans to print")
    parser.add_argument("--skip-words", action="store_true", help="skip the word measure")
    args = parser.parse_args(argv)
    detector = RussianDetector()
    start = time.process_time()
    detector.model.score("проверка")
    print(f"model load: {(time.process_time() - start) * 1000:.0f} ms CPU")
    if not args.skip_words:
        word_accuracy(detector.model)
    for path in (PASSAGES, FRESH_PASSAGES, THIRD_PASSAGES):
        print(f"passages ({path.relative_to(ROOT)}):")
        expected, right, false_keeps, misses = passage_results(detector, path)
        print(
            f"  expected {expected}, found exactly {right}, misses {misses},"
            f" false keeps {false_keeps}"
        )
    if args.corpus is not None:
        corpus_run(detector, args.corpus, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
