"""A realistic, deterministic Uzbek corpus for the benchmarks, in Cyrillic and in Latin.

Run from the repository root::

    .venv/bin/python bench/corpus.py                       # 10 MB into bench/out/corpus/
    .venv/bin/python bench/corpus.py --mb 100 --out /tmp/yozuv-corpus

Why not repeat one news item: a converter that memoises chunks sees a repeated text once and
then only hits its caches, so the figure says nothing about real text. Real text is Zipfian:
a few hundred words make up half of it, and a long tail of rare word forms is seen once or
twice. This builder draws words with a Zipf law (exponent ``ZIPF_EXPONENT``) from the real
word list ``scripts/data/tesseract-uzb-cyrl/words.txt`` (about 100 000 word forms, Apache-2.0,
see the NOTICE and SOURCE.txt beside it), so the tail is as long as in real text, and mixes in
what a converter must handle besides words: the real sentences of ``examples/``, capitalised
sentence starts, punctuation (, . : ; « » ( ) — ? !), paragraphs and wrapped lines, numbers
and dates, URLs and e-mail addresses, Latin brand names, ALL-CAPS headlines and
abbreviations, and Title-case names inside sentences.

The Latin corpus is the Cyrillic one converted by yozuv itself, so a Latin -> Cyrillic
benchmark reads what yozuv would write (the text a user converting back would have).

Everything is seeded (``random.Random`` with a seed derived from ``seed``, stdlib only): the
same size and seed give the same text on every machine and Python version, so figures of two
runs are comparable. Files are cached under names that carry the size, the seed and
``CORPUS_VERSION``; the Latin file depends on the engine that wrote it, so pass ``--force``
after changing conversion rules.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
WORDS = ROOT / "scripts" / "data" / "tesseract-uzb-cyrl" / "words.txt"
EXAMPLES = ROOT / "examples"
DEFAULT_OUT = ROOT / "bench" / "out" / "corpus"
DEFAULT_SEED = 2026
# Bump when the generator changes, so cached files of an older generator are not reused.
CORPUS_VERSION = 1
# Measured exponents of natural-language word frequencies are close to 1; an agglutinative
# language such as Uzbek has more word forms and a longer tail, so no more than 1.
ZIPF_EXPONENT = 1.0


def _words(text: str) -> tuple[str, ...]:
    """The words of ``text``: long word lists read better as one string than as literals."""
    return tuple(text.split())


# Frequent Uzbek function and common words, ranked first: the word list has no frequencies,
# and a corpus whose most frequent word is a rare one would put rare words in the fast path.
COMMON_WORDS = _words(
    "ва бу билан учун ҳам бир эса деб бўйича ҳамда бўлган орқали кейин мумкин лекин аммо шу "
    "у улар биз йил янги катта эди этилди қилиш керак ҳақида бошқа яна энг барча ўз бирга "
    "жуда кўп ҳар олдин ичида сўнг ҳали фақат балки агар чунки ёки томонидан асосий давлат "
    "бўлди қилинди бор йўқ иш вақт киши одам ҳолда куни"
)

# Abbreviations as Uzbek news writes them: letters of an acronym, some with a Latin-looking
# mixed case (ЎзА, ЎзМУ), and often followed by a case suffix written in lowercase (БМТнинг).
ABBREVIATIONS = _words(
    "БМТ АҚШ МДҲ ЕИ ЮНЕСКО ЖССТ ХВФ ЯИМ ҚҚС ИИВ ФВВ ОАВ ТАТУ ЎзМУ ЎзА МЧЖ АЖ ЎЗБЕКИСТОН ТОШКЕНТ"
)
ABBREVIATION_SUFFIXES = ("", "", "", "нинг", "да", "га", "дан", "ни", "лар")

# Latin names a Cyrillic text quotes as they are (they must come through untouched).
LATIN_NAMES = (
    "Google",
    "Microsoft",
    "Open Contracting Partnership",
    "iPhone 15",
    "Samsung Galaxy S24",
    "Telegram",
    "YouTube",
    "Facebook",
    "Instagram",
    "Android",
    "Windows 11",
    "Apple",
    "Amazon Web Services",
    "OpenAI",
    "ChatGPT",
    "GitHub",
    "Python 3.12",
    "World Bank",
    "UNICEF",
    "IT Park",
    "Uzcard",
    "Humo",
    "Chevrolet Cobalt",
    "Artel",
    "Uzum Market",
    "Payme",
)

DOMAINS = ("gov.uz", "lex.uz", "kun.uz", "data.gov.uz", "my.gov.uz", "stat.uz", "example.uz")
URL_PATHS = ("uz/news", "news", "uz/docs", "post", "ru/press", "uz/article")
MAILBOXES = ("info", "press", "murojaat", "help", "admin", "contact")
MONTHS = _words("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь")
UNITS = ("фоиз", "сўм", "минг", "миллион", "миллиард", "киши", "та", "км", "кг", "литр")
SENTENCE_ENDS = (".", "?", "!", "…")
SENTENCE_END_WEIGHTS = (90, 5, 3, 2)

# The prose examples whose sentences are mixed in (the others are mostly markup or labels).
SENTENCE_SOURCES = ("news.cyrl.txt", "help.cyrl.md", "film.cyrl.srt", "page.cyrl.html")
# There are only a score of them, so a small share: each still recurs every few kilobytes,
# as boilerplate does in real text, without making the corpus a repeated text again.
REAL_SENTENCE_SHARE = 0.02

_LIST_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)?")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_CODE_BLOCK = re.compile(r"^ *```.*?^ *```$|^(?: {4}|\t).*$", re.DOTALL | re.MULTILINE)
_SUBTITLE_CUE = re.compile(r"^(?:\d+|[\d:.,]+ --> [\d:.,]+.*)$", re.MULTILINE)
# Markup to drop from the examples; an autolink (group 1) and a link's text (group 2) stay.
_MARKUP = re.compile(
    r"<((?:https?://|[\w.]+@)[^>]*)>"  # <https://...>, <help@example.uz>
    r"|<[^>]*>|\{[^}]*\}|\*\*|`[^`]*`"  # tags, {attributes} and {\an8}, bold, code
    r"|!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])?"  # [text](url), [text][ref], ![alt](src)
)
_BLANK_LINES = re.compile(r"\n\s*\n")
_SENTENCE_SPLIT = re.compile(r"(?<=[.?!…])\s+(?=[«\"“(—]?[\u0400-\u04ffA-Z0-9])")
_WHOLE_SENTENCE = re.compile(
    r"[\u0400-\u042fҚҒҲ0-9—«\"“][^<>{}|_&%*#\[\]]*[\u0400-\u04ff\w»\"”)][.?!…]"
)
_CYRILLIC_LOWER = re.compile(r"[\u0430-\u045fқғҳ]")
_WORD_FORM = re.compile(r"[^\W\d_]+(?:[-ʼ'’][^\W\d_]+)*")


class CorpusStats(NamedTuple):
    """What shows the long tail: how many of the text's words and chunks are distinct."""

    megabytes: float
    words: int
    distinct_words: int  # word forms, case-folded
    hapax_words: int  # word forms seen exactly once
    chunks: int  # whitespace-separated pieces, as written (what a chunk cache would key on)
    distinct_chunks: int
    top_word: str
    top_word_count: int


class CorpusFiles(NamedTuple):
    """The two cached files of one corpus."""

    cyrillic: Path
    latin: Path


class _Zipf:
    """Draws items with probability proportional to 1 / rank**exponent, a batch at a time.

    Batches keep the per-draw cost low: ``random.choices`` with cumulative weights does the
    binary search in one call, where a loop of single draws would dominate the build time.
    """

    def __init__(
        self, rng: random.Random, items: Sequence[str], exponent: float, batch: int = 4096
    ) -> None:
        self._rng = rng
        self._items = items
        self._cum = list(
            itertools.accumulate(1.0 / rank**exponent for rank in range(1, 1 + len(items)))
        )
        self._batch = batch
        self._pending: list[str] = []

    def draw(self) -> str:
        if not self._pending:
            self._pending = self._rng.choices(self._items, cum_weights=self._cum, k=self._batch)
            self._pending.reverse()
        return self._pending.pop()


class _Vocabulary(NamedTuple):
    """The word pools of the corpus, each ranked for Zipf draws."""

    words: list[str]  # lowercase word forms, the bulk of the text
    names: list[str]  # Title-case forms (proper names and their inflections)
    capitals: list[str]  # ALL-CAPS forms from the word list
    sentences: list[str]  # real sentences from examples/


def _example_sentences() -> list[str]:
    """Real Cyrillic sentences of the bundled prose examples, with their markup removed.

    Why: generated sentences get the word statistics right but not the phrasing; real
    sentences bring real word order, quotes, names and mixed Latin (d.xarid.uz, Open
    Contracting Partnership) as they occur in the wild. Only whole sentences are kept (a
    capital or a dash first, an end mark last, no leftover markup), so no fragment of a
    template, a table or a code block slips in.
    """
    sentences: list[str] = []
    for name in SENTENCE_SOURCES:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        text = _FRONT_MATTER.sub("", text)
        text = _CODE_BLOCK.sub("", text)
        text = _SUBTITLE_CUE.sub("", text)
        text = _MARKUP.sub(lambda m: m.group(1) or m.group(2) or "", text).replace("&nbsp;", " ")
        for block in _BLANK_LINES.split(text):
            paragraph = " ".join(line.strip(" \t#>*-") for line in block.splitlines())
            for sentence in _SENTENCE_SPLIT.split(paragraph.strip()):
                if _WHOLE_SENTENCE.fullmatch(sentence) and len(sentence.split()) >= 3:
                    sentences.append(sentence)
    return sentences


@functools.lru_cache(maxsize=4)
def _vocabulary(seed: int) -> _Vocabulary:
    """Split the word list into pools and rank each pool, deterministically from ``seed``.

    Cached: reading and ranking 100 000 words costs more than building a small corpus, and
    the tests build several (the pools are only read afterwards, never changed).

    The list has no frequencies, so ranks are made up, but not uniformly: the known common
    words come first, then the words of the real sentences by their count there, then the
    rest ordered by length with noise, because in real text the frequent words are short.

    The list comes from OCR training data and holds fragments: forms with dots, digits or
    brackets are left out, and so is a hyphenated form whose halves, joined, are a word of
    the list (``агент-лиги``: a line-end hyphenation of ``агентлиги``); a real compound
    (``ота-оналари``, ``веб-сайт``) is kept.
    """
    rng = random.Random(f"{seed}:vocabulary")
    lower: list[str] = []
    hyphenated: list[str] = []
    names: list[str] = []
    capitals: list[str] = []
    for word in WORDS.read_text(encoding="utf-8").split():
        if not _LIST_WORD.fullmatch(word):
            continue
        if "-" in word:
            if word.islower():
                hyphenated.append(word)
        elif word.islower():
            lower.append(word)
        elif word.isupper():
            if len(word) >= 3:
                capitals.append(word)
        elif word[0].isupper() and word[1:].islower() and len(word) >= 3:
            names.append(word)
    known = set(lower)
    lower += [
        word
        for word in hyphenated
        if word.replace("-", "") not in known
        and all(len(half) >= 3 and half in known for half in word.split("-"))
    ]

    sentences = _example_sentences()
    head = list(dict.fromkeys(COMMON_WORDS))
    seen_in_text = Counter(
        w.lower() for s in sentences for w in _LIST_WORD.findall(s) if w.islower()
    )
    head += [w for w, _ in seen_in_text.most_common() if w not in head]
    in_head = set(head)
    tail = [w for w in lower if w not in in_head]
    keys = {w: len(w) + rng.gauss(0.0, 4.0) for w in tail}
    tail.sort(key=keys.__getitem__)
    rng.shuffle(names)
    rng.shuffle(capitals)
    return _Vocabulary(head + tail, names, capitals, sentences)


class _Writer:
    """Builds sentences and paragraphs from the pools; all randomness goes through ``rng``."""

    def __init__(self, rng: random.Random, vocabulary: _Vocabulary) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        self.words = _Zipf(rng, vocabulary.words, ZIPF_EXPONENT)
        self.names = _Zipf(rng, vocabulary.names, 1.0)
        self.capitals = _Zipf(rng, vocabulary.capitals, 1.0)

    def number(self) -> str:
        """A number as news writes it: years, dates, amounts, ordinals, percentages, times."""
        rng = self.rng
        kind = rng.randrange(9)
        if kind == 0:
            return f"{rng.randint(1991, 2030)} йил"
        if kind == 1:
            return f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
        if kind == 2:
            return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2000, 2030)}"
        if kind == 3:
            return f"{rng.randint(1, 999)} {rng.choice(UNITS)}"
        if kind == 4:
            return f"{rng.randint(1, 99)},{rng.randint(1, 9)} фоиз"
        if kind == 5:
            return f"{rng.randint(1, 40)}-{rng.choice(('сон', 'модда', 'банд', 'мактаб'))}"
        if kind == 6:
            return f"{rng.randint(1, 999)} {rng.randint(0, 999):03d} сўм"
        if kind == 7:
            return f"{rng.randint(7, 22):02d}:{rng.choice(('00', '15', '30', '45'))}"
        return str(rng.randint(2, 500))

    def address(self) -> str:
        """A URL, an e-mail address or a bare domain: text that must not be converted."""
        rng = self.rng
        kind = rng.randrange(4)
        domain = rng.choice(DOMAINS)
        if kind == 0:
            return f"https://{domain}/{rng.choice(URL_PATHS)}/{rng.randint(1, 99999)}"
        if kind == 1:
            return f"{rng.choice(MAILBOXES)}@{domain}"
        if kind == 2:
            return f"www.{domain}"
        return domain

    def abbreviation(self) -> str:
        return self.rng.choice(ABBREVIATIONS) + self.rng.choice(ABBREVIATION_SUFFIXES)

    def name(self) -> str:
        """A Title-case name inside a sentence: one word, a pair, or an initial and a name."""
        rng = self.rng
        first = self.names.draw()
        roll = rng.random()
        if roll < 0.25:
            return f"{first} {self.names.draw()}"
        if roll < 0.35:
            return f"{rng.choice(self.vocabulary.names)[0]}.{first}"
        return first

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self.words.draw() for _ in range(self.rng.randint(low, high)))

    def sentence(self) -> str:
        """One generated sentence: capitalised, with inner punctuation and an end mark."""
        rng = self.rng
        parts: list[str] = []
        # Cumulative shares per token: 3 % names, 1.2 % abbreviations, 1.5 % numbers, 0.5 %
        # Latin names, 0.4 % addresses, then quotes, brackets and ALL-CAPS words; the rest are
        # words. With about 11 tokens a sentence, every other sentence has a name or a number.
        for _ in range(rng.randint(4, 18)):
            roll = rng.random()
            if roll < 0.030:
                token = self.name()
            elif roll < 0.042:
                token = self.abbreviation()
            elif roll < 0.057:
                token = self.number()
            elif roll < 0.062:
                token = rng.choice(LATIN_NAMES)
            elif roll < 0.066:
                token = self.address()
            elif roll < 0.071:
                token = f"«{self.phrase(1, 3)}»"
            elif roll < 0.074:
                token = f"({self.phrase(1, 4)})"
            elif roll < 0.077:
                token = self.capitals.draw()
            else:
                token = self.words.draw()
            parts.append(token)
            mark = rng.random()
            if mark < 0.07:
                parts[-1] += ","
            elif mark < 0.08:
                parts.append("—")
            elif mark < 0.083:
                parts[-1] += ";"
            elif mark < 0.086:
                parts[-1] += ":"
        if parts[-1] == "—":
            parts.pop()
        parts[-1] = parts[-1].rstrip(",;:")
        parts[0] = _capitalise(parts[0])
        end = rng.choices(SENTENCE_ENDS, weights=SENTENCE_END_WEIGHTS)[0]
        return " ".join(parts) + end

    def headline(self) -> str:
        """A headline: ALL CAPS (as news sites and documents often set them) or Title case."""
        words = [self.words.draw() for _ in range(self.rng.randint(2, 7))]
        if self.rng.random() < 0.6:
            return " ".join(words).upper()
        return " ".join(words).capitalize()

    def paragraph(self) -> str:
        """Sentences joined into one paragraph, a line of its own or wrapped (as in e-mail)."""
        rng = self.rng
        sentences = []
        for _ in range(rng.randint(1, 7)):
            if rng.random() < REAL_SENTENCE_SHARE:
                sentences.append(rng.choice(self.vocabulary.sentences))
            else:
                sentences.append(self.sentence())
        text = " ".join(sentences)
        if rng.random() < 0.03:
            text = "— " + text
        if rng.random() < 0.3:
            return _wrap(text, rng.randint(60, 90))
        return text

    def chunks(self) -> Iterator[str]:
        """The corpus as an endless stream of lines and paragraph breaks."""
        rng = self.rng
        while True:
            if rng.random() < 0.05:
                yield self.headline() + "\n"
            yield self.paragraph() + ("\n\n" if rng.random() < 0.4 else "\n")


def _capitalise(token: str) -> str:
    """Upper-case the first letter of a sentence's first token if it is a Cyrillic one.

    Why not ``str.capitalize``: that lowers the rest (ЎзМУ -> Ўзму) and would turn a Latin
    brand into a misspelling (iPhone -> IPhone); a quote or a bracket before the word stays.
    """
    for i, char in enumerate(token):
        if char.isalnum():
            if _CYRILLIC_LOWER.match(char):
                return token[:i] + char.upper() + token[i + 1 :]
            return token  # a number, a capital, a Latin name: "12,5 фоиз" stays as it is
    return token


def _wrap(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` characters, at spaces (no hyphenation)."""
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for word in text.split(" "):
        if line and length + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, length = [], 0
        length += len(word) + (1 if line else 0)
        line.append(word)
    lines.append(" ".join(line))
    return "\n".join(lines)


def build_corpus(megabytes: float, seed: int = DEFAULT_SEED) -> str:
    """Uzbek Cyrillic text of about ``megabytes`` MB (10**6 bytes of UTF-8), deterministic.

    The text ends at a line break and is at most one paragraph longer than asked for.
    """
    writer = _Writer(random.Random(f"{seed}:text"), _vocabulary(seed))
    target = int(megabytes * 1_000_000)
    pieces: list[str] = []
    size = 0
    for chunk in writer.chunks():
        if size >= target:
            break
        pieces.append(chunk)
        size += len(chunk.encode("utf-8"))
    return "".join(pieces)


def latin_corpus(cyrillic: str) -> str:
    """The Latin form of a Cyrillic corpus, as yozuv writes it (the input of Latin -> Cyrillic)."""
    from yozuv import get_converter

    return get_converter("latin", "cyrillic").convert(cyrillic)


def corpus_stats(text: str) -> CorpusStats:
    """Counts that show the long tail: distinct word forms and distinct chunks."""
    words = Counter(w.casefold() for w in _WORD_FORM.findall(text))
    chunks = text.split()
    top_word, top_count = words.most_common(1)[0] if words else ("", 0)
    return CorpusStats(
        megabytes=len(text.encode("utf-8")) / 1_000_000,
        words=sum(words.values()),
        distinct_words=len(words),
        hapax_words=sum(1 for count in words.values() if count == 1),
        chunks=len(chunks),
        distinct_chunks=len(set(chunks)),
        top_word=top_word,
        top_word_count=top_count,
    )


def describe(stats: CorpusStats) -> str:
    """One line for the bench output."""
    return (
        f"{stats.megabytes:.2f} MB, {stats.words:,} words, "
        f"{stats.distinct_words:,} distinct word forms ({stats.hapax_words:,} seen once), "
        f"{stats.distinct_chunks:,} distinct of {stats.chunks:,} chunks"
    )


def corpus_files(directory: Path, megabytes: float, seed: int = DEFAULT_SEED) -> CorpusFiles:
    """Where the corpus of this size and seed is cached (the name carries every input)."""
    stem = f"uzb-{megabytes:g}mb-seed{seed}-v{CORPUS_VERSION}"
    return CorpusFiles(directory / f"{stem}.cyrl.txt", directory / f"{stem}.latn.txt")


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so an interrupted build leaves no half file to reuse."""
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    temporary.replace(path)


def ensure_corpus(
    directory: Path, megabytes: float, seed: int = DEFAULT_SEED, force: bool = False
) -> CorpusFiles:
    """Build (or reuse) the Cyrillic and Latin files of a corpus in ``directory``."""
    files = corpus_files(directory, megabytes, seed)
    directory.mkdir(parents=True, exist_ok=True)
    if force or not files.cyrillic.is_file():
        _write(files.cyrillic, build_corpus(megabytes, seed))
        force = True
    if force or not files.latin.is_file():
        _write(files.latin, latin_corpus(files.cyrillic.read_text(encoding="utf-8")))
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=10.0, help="size in MB (default 10)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"folder (default {DEFAULT_OUT})"
    )
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    files = ensure_corpus(args.out, args.mb, args.seed, force=args.force)
    for label, path in (("Cyrillic", files.cyrillic), ("Latin", files.latin)):
        stats = corpus_stats(path.read_text(encoding="utf-8"))
        print(f"{label:8} {path}")
        print(f"         {describe(stats)}")
        print(f"         most frequent word: {stats.top_word!r} ({stats.top_word_count:,} times)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
