"""Build ``mappings/lexicon/russian-model.tsv``: the character model that tells a Russian word
from an Uzbek Cyrillic one (``src/yozuv/russian.py`` reads it).

Why a character model and not a word list: Russian inflects every noun, adjective and verb
into a dozen forms and a passage quoted in Uzbek news uses whatever forms it likes; a list of
all of them would be megabytes, while the letter sequences that make a word look Russian
(``-ться``, ``-ого``, ``вств``, ``ы``) or Uzbek (``-лар``, ``-ни``, ``-дан``, ``-ди``) fit in a
few thousand n-grams. The model is naive Bayes over character n-grams of each word with
word-boundary marks (``^`` before, ``$`` after), stored as one log-likelihood ratio per
n-gram: log P(gram | Russian) - log P(gram | Uzbek), in hundredths. A word's score is the sum
over its n-grams; positive means Russian.

Sources (build inputs, not shipped; see ``mappings/lexicon/README.md``):

- Russian: hunspell-ru ``ru_RU.dic``/``ru_RU.aff`` (A. I. Lebedev, BSD-style), committed in
  ``scripts/data/hunspell-ru/``. Every form is expanded here in Python from the .aff suffix
  rules (ru_RU has only one level of SFX rules and no PFX, so this gives what hunspell's
  ``unmunch`` gives, without needing hunspell-tools). Proper names and abbreviations are
  left out: the detector ignores capitalised words, so the model should know common words.
  Russian print mostly writes е for ё, so a form with ё is learnt in both spellings.
- Uzbek: the tesseract ``uzb_cyrl`` word list (Apache-2.0), ``scripts/data/tesseract-uzb-cyrl/``,
  cleaned as ``build_lexicon.py`` cleans it.

Only the **build part** of each list is used. The Uzbek split is ``build_lexicon.py``'s
(sha256 of a word's first six letters, one bucket in five held out); the Russian split is the
same hash applied to the dictionary entry (the lemma), so every form of a held-out lemma is
held out with it. ``scripts/russian_passages.py`` measures on the held-out parts.

Uzbek words with ў қ ғ ҳ are left out of training: the detector rejects any passage with one
of those letters before it asks the model, so the model only ever has to separate Russian
from the Uzbek words that lack them; training on those is training on the question asked.

Usage: ``python scripts/build_russian_model.py [--out FILE] [--check] [--report]``.
The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import lzma
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import DEFAULT_WORDS, is_held_out, read_word_list
from build_loans import _Suffix as Suffix
from build_loans import read_affixes
from generated_file import check_current

from yozuv.russian import ENDINGS_FILE, render_endings

ROOT = Path(__file__).resolve().parent.parent
HUNSPELL = ROOT / "scripts" / "data" / "hunspell-ru"
DEFAULT_DIC = HUNSPELL / "ru_RU.dic.xz"
DEFAULT_AFF = HUNSPELL / "ru_RU.aff"
DEFAULT_OUT = ROOT / "mappings" / "lexicon" / "russian-model.tsv"

RUSSIAN_WORD = re.compile(r"[а-яё]+")
UZBEK_ONLY = frozenset("ўқғҳ")
DROPPED = "ь"  # the Uzbek list's alphabet lacks it (see training_sets)
# n-gram lengths: trigrams are within 0.5 points of 1-4 and 1-5 on held-out words at 1/8 the
# size (figures in mappings/lexicon/README.md)
ORDERS = (3,)
MIN_COUNT = 3  # an n-gram seen fewer times in both lists together is noise, left out
SMOOTHING = 0.5  # add-k smoothing of each class's n-gram counts
SCALE = 100  # scores are stored as integers in hundredths of a nat
SHORT_WORD = 4  # words up to this long are also stored whole (see short_words)
SHORT_SCORE = 4.0  # nats: the score of a short word found in one list only


def read_lemmas(path: Path) -> list[tuple[str, str]]:
    """(lemma, flags) of the common words of a hunspell .dic (optionally .xz).

    Proper names (capitalised) and abbreviations (upper case) are skipped, and so is anything
    that is not plain Russian letters.
    """
    raw = path.read_bytes()
    text = (lzma.decompress(raw) if path.suffix == ".xz" else raw).decode("utf-8")
    lemmas: list[tuple[str, str]] = []
    for line in text.splitlines()[1:]:
        spelling, _, flags = line.strip().partition("/")
        if RUSSIAN_WORD.fullmatch(spelling):  # lower case only: names and abbreviations fail
            lemmas.append((spelling, flags))
    return lemmas


def expand(lemma: str, flags: str, rules: dict[str, list[Suffix]]) -> Iterator[str]:
    """The lemma and every form its flags allow (what ``unmunch`` prints for one entry)."""
    yield lemma
    for flag in flags:
        for rule in rules.get(flag, ()):
            if lemma.endswith(rule.strip) and rule.condition.search(lemma):
                yield lemma[: len(lemma) - len(rule.strip)] + rule.add


def russian_forms(dic: Path, aff: Path) -> tuple[list[str], list[str]]:
    """(build, held_out) Russian word forms, each sorted and distinct; split by lemma."""
    rules = read_affixes(aff)
    build: set[str] = set()
    held: set[str] = set()
    for lemma, flags in read_lemmas(dic):
        part = held if is_held_out(lemma) else build
        for form in expand(lemma, flags, rules):
            if len(form) >= 2 and RUSSIAN_WORD.fullmatch(form):
                part.add(form)
                if "ё" in form:
                    part.add(form.replace("ё", "е"))
    held -= build  # a form two lemmas share is build data (it may have been seen)
    return sorted(build), sorted(held)


def uzbek_words(words_path: Path) -> tuple[list[str], list[str]]:
    """(build, held_out) Uzbek Cyrillic words, ``build_lexicon.py``'s cleaning and split."""
    words = read_word_list(words_path)
    build = [w for w in words if not is_held_out(w)]
    held = [w for w in words if is_held_out(w)]
    return build, held


def grams(word: str, orders: Sequence[int] = ORDERS) -> Iterator[str]:
    """The n-grams of ``^word$`` (the module computes the same ones)."""
    marked = f"^{word}$"
    for n in orders:
        for i in range(len(marked) - n + 1):
            gram = marked[i : i + n]
            if gram not in ("^", "$"):
                yield gram


def count_grams(words: Iterable[str], orders: Sequence[int]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word in words:
        counts.update(grams(word, orders))
    return counts


def train(
    russian: Iterable[str], uzbek: Iterable[str], orders: Sequence[int] = ORDERS
) -> dict[str, int]:
    """n-gram -> scaled log-likelihood ratio, Russian over Uzbek, per n-gram length.

    Each length is its own multinomial (its counts are normalised by that length's total),
    so the unigram, bigram, ... evidence add up as independent naive-Bayes features.
    """
    ru = count_grams(russian, orders)
    uz = count_grams(uzbek, orders)
    model: dict[str, int] = {}
    for n in orders:
        keys = {g for g in ru.keys() | uz.keys() if len(g) == n}
        ru_total = sum(ru[g] for g in keys) + SMOOTHING * len(keys)
        uz_total = sum(uz[g] for g in keys) + SMOOTHING * len(keys)
        for gram in keys:
            if ru[gram] + uz[gram] < MIN_COUNT:
                continue
            ratio = math.log((ru[gram] + SMOOTHING) / ru_total) - math.log(
                (uz[gram] + SMOOTHING) / uz_total
            )
            score = round(ratio * SCALE)
            if score:
                model[gram] = score
    return model


def short_words(russian: Iterable[str], uzbek: Iterable[str]) -> dict[str, int]:
    """``^word$`` -> score for the short words (2 to SHORT_WORD letters) of one list only.

    Why: n-grams say little about a two- or three-letter word, and those are the function
    words a Russian sentence is full of (он, это, что, мы, был). The build lists have them:
    a short word in the Russian list and not the Uzbek one scores +SHORT_SCORE, one in the
    Uzbek list only -SHORT_SCORE; a word in both (an, бор) is left to the n-grams.
    """
    ru = {w for w in russian if len(w) <= SHORT_WORD}
    uz = {w for w in uzbek if len(w) <= SHORT_WORD}
    score = round(SHORT_SCORE * SCALE)
    table = {f"^{w}$": score for w in ru - uz}
    table.update({f"^{w}$": -score for w in uz - ru})
    return table


def training_sets(dic: Path, aff: Path, words: Path) -> tuple[list[str], list[str]]:
    """The build parts the model learns from (Uzbek without ў қ ғ ҳ, see the docstring).

    ь is removed from the Russian forms: the Uzbek list cannot write it (its alphabet has no
    ь), so kept, it would mark every Uzbek loan written in the 1956 norm (октябрь, фильм) as
    Russian. A letter no n-gram contains is skipped by the detector when it scores a word.
    """
    ru_build, _ = russian_forms(dic, aff)
    uz_build, _ = uzbek_words(words)
    russian = sorted({w.replace(DROPPED, "") for w in ru_build} - {""})
    return russian, [w for w in uz_build if not UZBEK_ONLY & set(w)]


def render(model: dict[str, int], ru_count: int, uz_count: int) -> str:
    lines = [
        "# Russian vs Uzbek Cyrillic character model for src/yozuv/russian.py.",
        "# Generated by scripts/build_russian_model.py; do not edit by hand.",
        f"# Russian: {ru_count} word forms (build part) expanded from hunspell-ru 1:7.5.0-1",
        "#   ru_RU by A. I. Lebedev (BSD-style licence, see LICENSE.hunspell-ru); derived work.",
        f"# Uzbek: {uz_count} words (build part, without ў қ ғ ҳ) of the tesseract-ocr",
        "#   uzb_cyrl word list (Apache-2.0, see scripts/data/tesseract-uzb-cyrl/NOTICE).",
        "# Columns: n-gram (^ = word start, $ = word end),",
        "#   score = 100 * ln(P(gram|ru) / P(gram|uz)).",
        f"# orders={','.join(map(str, ORDERS))} min_count={MIN_COUNT} smoothing={SMOOTHING}"
        f" dropped={DROPPED} (no row has it: the detector skips it when scoring)",
        f"# Rows ^word$ longer than the n-grams: whole short words (<= {SHORT_WORD} letters) found",
        f"#   in one build list only, +-{round(SHORT_SCORE * SCALE)}; they replace the n-gram sum.",
        "gram\tscore",
    ]
    lines += [f"{gram}\t{score}" for gram, score in sorted(model.items())]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dic", type=Path, default=DEFAULT_DIC, help="hunspell .dic(.xz)")
    parser.add_argument("--aff", type=Path, default=DEFAULT_AFF, help="hunspell .aff")
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS, help="Uzbek word list")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model file to write")
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    args = parser.parse_args(argv)
    for path in (args.dic, args.aff, args.words):
        if not path.is_file():
            print(f"build_russian_model: {path} not found", file=sys.stderr)
            return 2
    russian, uzbek = training_sets(args.dic, args.aff, args.words)
    model = train(russian, uzbek)
    model.update(short_words(russian, uzbek))
    text = render(model, len(russian), len(uzbek))
    endings_path = args.out.parent / ENDINGS_FILE
    endings = render_endings({gram: score / SCALE for gram, score in model.items()})
    if args.check:
        return check_current(
            args.out, text, f"build_russian_model: {args.out} is out of date; rerun"
        ) or check_current(
            endings_path, endings, f"build_russian_model: {endings_path} is out of date; rerun"
        )
    args.out.write_text(text, encoding="utf-8")
    endings_path.write_text(endings, encoding="utf-8")
    size = len(text.encode("utf-8"))
    print(
        f"build_russian_model: {len(model)} n-grams ({size} bytes) from {len(russian)} Russian"
        f" and {len(uzbek)} Uzbek build words -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
