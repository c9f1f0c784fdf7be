"""Build ``mappings/lexicon/spelling-model.tsv``: the character model that ranks the Cyrillic
spellings of a Latin word no lexicon knows (``src/yozuv/spelling_guess.py`` reads it).

Why a character model: Latin hides ц, э, ъ, й + vowel and ё/ю/я after a consonant, and a loan
or name missing from the lexicon gets whatever the rules write. Which of the spellings the
scheme allows (``[guess]`` in ``mappings/latin-cyrillic.toml``) looks like real Uzbek
Cyrillic is a question about letter sequences (-ец at a word end, ци- at a start, йо after
a vowel in a name), which an n-gram model of real words answers in a few hundred kilobytes.

Source: the tesseract ``uzb_cyrl`` word list (Apache-2.0, ``scripts/data/tesseract-uzb-cyrl/``),
cleaned and split exactly as ``build_lexicon.py`` does (``read_word_list``, ``split_words``:
sha256 of the first six letters, one bucket in five held out). **Only the build part** is
used, for the n-grams and for tuning; ``scripts/roundtrip.py`` measures on the held-out part.

Method:

1. Letter n-grams of ``^word$`` up to ``ORDER``, interpolated Kneser-Ney with one absolute
   discount per order (from the counts of counts), written in backoff form: ln P(letter |
   history) for every n-gram kept and a backoff weight for every history, so the reader
   needs no training arithmetic. n-grams of order 3 and more seen fewer than ``MIN_COUNT``
   times are left out (the backoff weights are computed after, so the model stays a
   distribution).
2. The margin: a change from the rules' spelling is taken only when it raises ln P(word) by
   more than the margin (each change pays it). It is tuned by ``FOLDS``-fold
   cross-validation inside the build part (folds by another slice of the same hash, so the
   forms of one stem stay together): a model is trained on the other folds, the Uzbek word
   forms known to the guesser are the other folds' words in Latin, every fold word is
   converted Cyrillic → Latin → Cyrillic by the rules, the lexicon and the guess, and the
   margin that gets most words right (the largest of equals) is chosen. Words a lexicon
   entry covers are never guessed, as in the engine.

The file is a derived work of the word list (Apache-2.0; ``LICENSE.tesseract-uzb-cyrl`` in
the same folder). Usage: ``python scripts/build_spelling_model.py [--check] [--report]``.
The output is deterministic: the same list, rules and lexicon give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import (
    DEFAULT_WORDS,
    GROUP_PREFIX,
    LEXICON_DIR,
    classify,
    read_word_list,
    split_words,
)
from generated_file import check_current

from yozuv.spelling_guess import CharModel, PieceSpan, SpellingGuesser, apply_changes

DEFAULT_OUT = LEXICON_DIR / "spelling-model.tsv"
SOURCE_NAME = "tesseract-ocr-uzb-cyrl 1:4.1.0-2 word list (Apache-2.0)"

ORDER = 4  # letters of an n-gram: a history of three letters
MIN_COUNT = 3  # n-grams of order >= PRUNE_FROM seen fewer times are left out
PRUNE_FROM = 3
SCALE = 100  # stored as integers in hundredths of a nat
FOLDS = 5
MARGINS = tuple(m / 4 for m in range(0, 61))  # 0 .. 15 nats in quarters
START, END = "^", "$"


# -- the n-gram model ------------------------------------------------------------------------


def count_grams(words: Iterable[str], order: int = ORDER) -> list[Counter[str]]:
    """Raw counts of the n-grams of ``^word$`` by length (index 1 .. order), each n-gram a
    history and the letter it predicts (``^`` is never predicted)."""
    counts: list[Counter[str]] = [Counter() for _ in range(order + 1)]
    for word in words:
        marked = START + word + END
        for i in range(1, len(marked)):
            for n in range(1, min(order, i + 1) + 1):
                counts[n][marked[i - n + 1 : i + 1]] += 1
    return counts


def kneser_ney(
    raw: list[Counter[str]], order: int = ORDER
) -> tuple[list[dict[str, float]], list[float], int]:
    """Interpolated Kneser-Ney: P(letter | history) for every n-gram seen, by length.

    Highest order and n-grams that start at the word start (``^``, nothing can stand before
    them) use raw counts; the other lower orders use continuation counts (how many letters
    stand before the n-gram). Returns the probabilities, the discount per order and the
    number of predicted symbols.
    """
    typed: list[Counter[str]] = [Counter() for _ in range(order + 1)]
    typed[order] = Counter(raw[order])
    for n in range(1, order):
        for gram, count in raw[n].items():
            if gram.startswith(START):
                typed[n][gram] = count
        for longer in raw[n + 1]:
            if not longer[1:].startswith(START):
                typed[n][longer[1:]] += 1
    discounts = [0.0] * (order + 1)
    for n in range(1, order + 1):
        ones = sum(1 for c in typed[n].values() if c == 1)
        twos = sum(1 for c in typed[n].values() if c == 2)
        discounts[n] = ones / (ones + 2 * twos) if ones + twos else 0.5
    symbols = len(typed[1])
    probs: list[dict[str, float]] = [{} for _ in range(order + 1)]
    for n in range(1, order + 1):
        totals: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for gram, count in typed[n].items():
            totals[gram[:-1]] += count
            kinds[gram[:-1]] += 1
        discount = discounts[n]
        for gram, count in typed[n].items():
            history = gram[:-1]
            lower = probs[n - 1].get(gram[1:]) if n > 1 else None
            if lower is None:
                lower = lower_probability(probs, gram[1:], symbols)
            gamma = discount * kinds[history] / totals[history]
            probs[n][gram] = max(count - discount, 0.0) / totals[history] + gamma * lower
    return probs, discounts, symbols


def lower_probability(probs: list[dict[str, float]], gram: str, symbols: int) -> float:
    """P of a gram's letter under the shorter histories, as the interpolation reaches it."""
    while gram and gram not in probs[len(gram)]:
        gram = gram[1:]
    return probs[len(gram)][gram] if gram else 1.0 / symbols


@dataclass
class BackoffModel:
    """The model as the file stores it: ln P for kept n-grams, ln backoff per history."""

    order: int
    logprobs: dict[str, float]
    backoffs: dict[str, float]
    unseen: float


def to_backoff(
    raw: list[Counter[str]], probs: list[dict[str, float]], symbols: int, order: int = ORDER
) -> BackoffModel:
    """Prune, then turn the interpolated model into backoff form.

    For each history h the backoff weight makes the letters after h sum to one:
    (1 - sum of kept P(w|h)) / (1 - sum over the same w of the backoff model's P(w|h')).
    """
    kept: dict[str, float] = {}
    for n in range(1, order + 1):
        for gram, p in probs[n].items():
            if n < PRUNE_FROM or raw[n][gram] >= MIN_COUNT:
                kept[gram] = p
    unseen = 1.0 / (symbols + 1)
    by_history: dict[str, list[str]] = defaultdict(list)
    for gram in kept:
        by_history[gram[:-1]].append(gram)
    model = BackoffModel(order, {g: math.log(p) for g, p in kept.items()}, {}, math.log(unseen))
    for history in sorted(by_history, key=len):  # shorter histories first: they are asked
        if not history:
            continue
        grams = by_history[history]
        mass = sum(kept[g] for g in grams)
        lower = sum(math.exp(backoff_logprob(model, history[1:], g[-1])) for g in grams)
        if mass < 1.0 and lower < 1.0:
            model.backoffs[history] = math.log((1.0 - mass) / (1.0 - lower))
    return model


def backoff_logprob(model: BackoffModel, history: str, letter: str) -> float:
    """ln P(letter | history) in backoff form (what ``CharModel.logprob`` computes)."""
    history = history[1 - model.order :] if len(history) >= model.order else history
    total = 0.0
    while True:
        found = model.logprobs.get(history + letter)
        if found is not None:
            return total + found
        if not history:
            return total + model.unseen
        total += model.backoffs.get(history, 0.0)
        history = history[1:]


def train(words: Iterable[str], order: int = ORDER) -> BackoffModel:
    raw = count_grams(words, order)
    probs, _discounts, symbols = kneser_ney(raw, order)
    return to_backoff(raw, probs, symbols, order)


def render(model: BackoffModel, margin: float, words: int, report: Sequence[str] = ()) -> str:
    lines = [
        "# Character model of Uzbek Cyrillic words for src/yozuv/spelling_guess.py.",
        "# Generated by scripts/build_spelling_model.py; do not edit by hand.",
        f"# Source: {words} words of the build part of the {SOURCE_NAME}",
        "#   (its spellings that are the list's own habits left out); derived work,",
        "#   licence in LICENSE.tesseract-uzb-cyrl.",
        f"# Interpolated Kneser-Ney, order {model.order}, n-grams of order >= {PRUNE_FROM}"
        f" seen < {MIN_COUNT} times left out; backoff form.",
        "# Columns: gram (^ word start, $ word end; a history and the letter it predicts),",
        "#   logprob = 100 * ln P(letter | history) (empty: the history is only a history),",
        "#   backoff = 100 * ln(backoff weight of the gram as a history) (empty: 0).",
        "# Rows @order, @margin (100 * nats a change must win by, tuned by cross-validation",
        "#   on the build part) and @unseen (100 * ln P of a letter never seen) are settings.",
        *(f"# {line}" for line in report),
        "gram\tlogprob\tbackoff",
        f"@order\t{model.order}",
        f"@margin\t{round(margin * SCALE)}",
        f"@unseen\t{round(model.unseen * SCALE)}",
    ]
    for gram in sorted(model.logprobs.keys() | model.backoffs.keys()):
        p = model.logprobs.get(gram)
        b = round(model.backoffs.get(gram, 0.0) * SCALE)
        cells = [gram, "" if p is None else str(round(p * SCALE))]
        if b:
            cells.append(str(b))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def char_model(model: BackoffModel, margin: float) -> CharModel:
    """The model as the engine reads it back from the file (values rounded as stored)."""
    return CharModel(
        model.order,
        {g: round(p * SCALE) / SCALE for g, p in model.logprobs.items()},
        {h: round(b * SCALE) / SCALE for h, b in model.backoffs.items()},
        margin=round(margin * SCALE) / SCALE,
        unseen=round(model.unseen * SCALE) / SCALE,
    )


# -- tuning the margin by cross-validation inside the build part ------------------------------


def fold_of(word: str) -> int:
    """The fold of a build word: other bits of the hash that splits off the held-out part,
    on the same first letters, so the forms of one stem share a fold."""
    key = word[:GROUP_PREFIX].encode("utf-8")
    return int(hashlib.sha256(key).hexdigest()[8:16], 16) % FOLDS


@dataclass(frozen=True)
class Item:
    """A build word as the engine meets it in Latin: the rules' pieces, unless a lexicon
    entry covers it (then ``pieces`` is None and ``default`` is the lexicon's output)."""

    cyrillic: str
    latin: str
    default: str
    pieces: tuple[PieceSpan, ...] | None


@dataclass
class Tuning:
    """Cross-validation figures, per margin: build words right minus right without guess."""

    words: int = 0
    guessed: int = 0  # words that had an alternative to rank (lexicon misses, not known)
    right_without: int = 0
    gain: Counter[float] = field(default_factory=Counter)
    fixed: dict[float, list[str]] = field(default_factory=lambda: defaultdict(list))
    broken: dict[float, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_rule: dict[float, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def best_margin(self) -> float:
        """The margin with the largest gain; of equals, the largest (the most careful)."""
        return max(MARGINS, key=lambda m: (self.gain[m], m))


def engine_items(
    words: Sequence[str],
) -> tuple[list[Item], SpellingGuesser, Callable[[Sequence[str]], Callable[[str], bool]]]:
    """Each word as the engine sees it, the shipped scheme's alternatives, and a maker of
    the ``known`` predicate for a set of Cyrillic words (their Latin forms, with suffixes)."""
    import yozuv
    from yozuv.language import Language
    from yozuv.lexicon import SuffixGrammar, load_lexicon, read_suffix_file
    from yozuv.registry import find_chain
    from yozuv.words import WordConverter

    (scheme,) = find_chain("latin", "cyrillic")
    plain = scheme._replace(guess=scheme.guess._replace(enabled=False))
    words_converter = WordConverter(plain, load_lexicon(plain))
    to_latin = yozuv.get_converter(to="latin", source="cyrillic").convert
    latin_of = dict(zip(words, to_latin("\n".join(words)).split("\n"), strict=True))
    items: list[Item] = []
    for word in words:
        latin = latin_of[word]
        pieces = words_converter.pieces(latin)
        default = "".join(p.output for p in pieces)
        spans = (
            None
            if any(p.lexicon is not None for p in pieces)
            else tuple((p.start, p.end, p.output) for p in pieces)
        )
        items.append(Item(word, latin, default, spans))
    grammar = SuffixGrammar(read_suffix_file(LEXICON_DIR / "suffixes.tsv"), "l2c")

    def known_maker(cyrillic: Sequence[str]) -> Callable[[str], bool]:
        forms = sorted({latin_of[w] for w in cyrillic})
        return Language([], forms, [], [], [], grammar).is_uzbek

    guesser = SpellingGuesser(
        scheme.guess.alternatives,
        scheme.classes,
        model=CharModel(1, {}, {}, margin=0.0, unseen=0.0),
    )
    return items, guesser, known_maker


def noise(item: Item) -> bool:
    """Is the list's spelling of this word not the norm? It differs from what the engine
    writes (rules and lexicon) and the difference is one of the list's own habits
    (``build_lexicon.classify``: a ``list:`` class such as ц for t + s, с for the ц of -кция,
    ёъ for йў), or a lexicon entry, which follows the norm, covers the word."""
    if item.default == item.cyrillic:
        return False
    return item.pieces is None or classify(item.cyrillic, item.default).startswith("list")


def tune(
    items: Sequence[Item],
    guesser: SpellingGuesser,
    known_maker: Callable[[Sequence[str]], Callable[[str], bool]],
    *,
    train_model: Callable[[Iterable[str]], BackoffModel] = train,
) -> Tuning:
    """Cross-validate every margin of :data:`MARGINS` at once (see the module docstring).

    What counts: a change is a fix when the engine's spelling differed from the list's in a
    way that is not the list's habit (:func:`noise`) and the guess gives the list's; it is a
    break when the engine's spelling was right, or the list's was noise (then the engine's
    is taken as the norm, so copying the list's habit is no gain). Other changes of a wrong
    word count neither way.
    """
    tuning = Tuning(words=len(items))
    folds: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        folds[fold_of(item.cyrillic)].append(item)
    for fold in sorted(folds):
        others = [i for f, part in folds.items() if f != fold for i in part]
        guesser._model = char_model(train_model(training_words(others)), 0.0)
        guesser.known = known_maker([i.cyrillic for i in others])
        for item in folds[fold]:
            right = item.default == item.cyrillic
            tuning.right_without += right
            if item.pieces is None:
                continue
            edges = guesser.edges(item.latin, item.pieces)
            if edges is None or guesser.is_known(item.latin):
                continue
            tuning.guessed += 1
            target_is_default = right or noise(item)
            paths = guesser.paths_by_changes(edges, len(item.latin))
            for margin in MARGINS:
                _score, changes = max(
                    paths, key=lambda p: p[0] - margin * len(p[1])
                )  # max keeps the first of equals: the fewest changes
                if not changes:
                    continue
                out = apply_changes(item.pieces, changes)
                ids = "+".join(sorted({rule.id for _s, _e, rule in changes}))
                if target_is_default:
                    tuning.by_rule[margin][ids + " broken"] += 1
                    tuning.gain[margin] -= 1
                    tuning.broken[margin].append(f"{item.latin} → {out} (list: {item.cyrillic})")
                elif out == item.cyrillic:
                    tuning.by_rule[margin][ids + " fixed"] += 1
                    tuning.gain[margin] += 1
                    tuning.fixed[margin].append(f"{item.latin} → {out}")
    return tuning


def training_words(items: Iterable[Item]) -> list[str]:
    """The words the model learns from: the list's spellings, except where they are noise
    (:func:`noise`): a model of the norm should not learn адолациз or аксия."""
    return [item.cyrillic for item in items if not noise(item)]


def report_lines(tuning: Tuning, margin: float) -> list[str]:
    gain = tuning.gain[margin]
    lines = [
        f"Cross-validation ({FOLDS} folds of the build part, {tuning.words} words):"
        f" {tuning.guessed} words had spellings to rank; margin {margin:.2f} nats:",
        f"  right without the guess {tuning.right_without}, with it"
        f" {tuning.right_without + gain} ({len(tuning.fixed[margin])} fixed,"
        f" {len(tuning.broken[margin])} broken).",
    ]
    if margin == MARGINS[-1] and not tuning.fixed[margin]:
        lines.append(
            f"  No margin of {MARGINS[0]:g}-{MARGINS[-1]:g} nats gains a word; the largest is"
            " kept, where the guess changes next to nothing."
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS, help="Uzbek word list")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model file to write")
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    parser.add_argument("--report", action="store_true", help="print the tuning figures")
    args = parser.parse_args(argv)
    if not args.words.is_file():
        print(f"build_spelling_model: {args.words} not found", file=sys.stderr)
        return 2
    build, _held_out = split_words(read_word_list(args.words))
    items, guesser, known_maker = engine_items(build)
    tuning = tune(items, guesser, known_maker)
    margin = tuning.best_margin()
    if args.report:
        for m in MARGINS:
            if tuning.gain[m] or m == margin:
                print(
                    f"margin {m:5.2f}: gain {tuning.gain[m]:+5d}  fixed {len(tuning.fixed[m]):4d}"
                    f"  broken {len(tuning.broken[m]):4d}"
                )
        print("fixed at the chosen margin:", " | ".join(tuning.fixed[margin][:60]))
        print("broken at the chosen margin:", " | ".join(tuning.broken[margin][:60]))
    training = training_words(items)
    model = train(training)
    text = render(model, margin, len(training), report_lines(tuning, margin))
    if args.check:
        return check_current(
            args.out, text, f"build_spelling_model: {args.out} is out of date; rerun"
        )
    args.out.write_text(text, encoding="utf-8")
    print(
        f"build_spelling_model: {len(model.logprobs)} n-grams, margin {margin:.2f}"
        f" ({len(text.encode('utf-8'))} bytes) -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
