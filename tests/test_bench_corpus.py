"""The benchmark corpus (bench/corpus.py) is deterministic, sized as asked and realistic.

Why test a benchmark's input: a figure is only comparable across runs and machines if the
text is the same, and only meaningful if the text looks like real Uzbek (a long tail of word
forms, names, numbers, URLs, ALL-CAPS), which a change to the builder could silently lose.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from shared_data import load_script

CORPUS_PY = Path(__file__).resolve().parents[1] / "bench" / "corpus.py"


def _load() -> ModuleType:
    """Import bench/corpus.py by path: bench/ is a folder of scripts, not a package."""
    return load_script(CORPUS_PY)


corpus = _load()


@pytest.fixture(scope="module")
def text() -> str:
    built: str = corpus.build_corpus(0.5)
    return built


@pytest.fixture(scope="module")
def small() -> str:
    built: str = corpus.build_corpus(0.2)
    return built


def test_same_seed_same_text(small: str) -> None:
    assert corpus.build_corpus(0.2) == small
    other_seed: str = corpus.build_corpus(0.05, seed=7)
    assert other_seed[:1000] != small[:1000]


def test_size_within_five_percent(small: str, text: str) -> None:
    for megabytes, built in ((0.2, small), (0.5, text)):
        size = len(built.encode("utf-8")) / 1_000_000
        assert abs(size - megabytes) <= 0.05 * megabytes
        assert built.endswith("\n")


def test_has_what_real_text_has(text: str) -> None:
    assert re.search(r"https://[\w.]+\.uz/\S+", text)
    assert re.search(r"\b[\w.]+@[\w.]+\.uz\b", text)
    assert re.search(r"\d", text)
    assert any(name in text for name in ("Google", "Microsoft", "iPhone 15"))
    caps = re.findall(r"\b[А-ЯЁЎҚҒҲ]{4,}\b", text)
    assert len(caps) > 100  # ALL-CAPS words and abbreviations
    assert "«" in text and "»" in text and "—" in text and "\n\n" in text
    # Title-case words inside a sentence (names), not only at sentence starts
    assert len(re.findall(r"[а-яёўқғҳ,] [А-ЯЁЎҚҒҲ][а-яёўқғҳ]{2,}", text)) > 100
    # the real sentences of the examples are mixed in
    assert "Open Contracting Partnership" in text


def test_word_frequencies_are_long_tailed(text: str) -> None:
    words = Counter(w.casefold() for w in re.findall(r"[^\W\d_]+", text))
    counts = sorted(words.values(), reverse=True)
    assert len(words) > 8_000
    assert counts[0] > 200 * statistics.median(counts)
    hapax = sum(1 for count in counts if count == 1)
    assert hapax > len(words) / 3  # most forms are rare, as in real text
    stats = corpus.corpus_stats(text)
    assert stats.distinct_chunks > stats.distinct_words > 8_000


def test_sentences_start_with_a_capital(text: str) -> None:
    starts = re.findall(r"[.?!…] ([^\s«\"“(—])", text)
    lower = [s for s in starts if s.islower()]
    assert len(lower) < 0.01 * len(starts)
