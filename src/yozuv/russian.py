"""Find the Russian passages in a Cyrillic text, so Cyrillic → Latin can keep them as they are.

Why: Uzbek news quotes Russian (``«Мы должны работать вместе», деди у``). Transliterated letter
by letter, the quotation becomes ``«Mi doljni rabotat vmeste»``, which is neither Uzbek nor
Russian; a newsroom wants it left in Cyrillic and reported. The engine asks :meth:`spans`
for the passages to copy unchanged; this module only finds them.

What a passage is: a quotation (``«…»``, ``“…”``, ``„…“``, ``"…"``) or a sentence (up to
``. ! ? …`` or a line end). Nothing here crosses a line break, so the spans of a text are the
union of the spans of its lines: the engine converts line by line when it streams and must
get the same answer as on the whole text.

When a passage is Russian, in the order the checks are made (cheapest first):

1. It has no letter only Uzbek writes (ў қ ғ ҳ), nor any other non-Russian letter (і, ә …).
   A regex excludes such sentences in C, so Uzbek text, which has one of these letters in
   almost every sentence, costs one scan.
2. Its words are evidence only when their case says they are ordinary words: lower case, the
   capitalised first word, or an ALL-CAPS word of four letters or more (a heading). Other
   capitalised words are names (Москва, Путин): Uzbek text is full of Russian names, and a
   name says nothing about the language around it. Shorter ALL-CAPS words are abbreviations.
   One-letter words (и, в, у) carry no evidence either way.
3. There must be at least two evidence words, and among them a word with ы or щ (letters
   Uzbek Cyrillic does not have), a short word the model knows whole as Russian (это, что),
   or a word that is Russian by its ending: an inflection the model rates clearly Russian
   (``ENDING_MIN``: -ся, -ую, -ое, -ие …) on a word whose whole score is very Russian
   (``VERY_RUSSIAN``: изменится, отличную, постановление). On the held-out words, 51 % of
   Russian forms are such a word and 6 of 9,445 Uzbek words without ў қ ғ ҳ (Russian
   words the Uzbek list holds: круглое, радиотелевидение).
4. The character model (:class:`RussianModel`, data built by
   ``scripts/build_russian_model.py``) must call most of them Russian and the mean of their
   scores must be clearly Russian. Both are needed: an Uzbek sentence made of loans (район,
   институт, президент) has Russian-looking words but also Uzbek ones (-лар, -ни, -ди, ва,
   билан), which pull both figures down.

A sentence is judged on its own words, not on those inside a quotation it contains, so the
Uzbek frame of a Russian quotation (``…», деди у.``) is never taken for Russian because of
the quotation, and a Russian sentence around an Uzbek name in quotes still counts.

The module knows no word: everything it knows about Russian and Uzbek is in the model file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import chain
from os import PathLike
from os.path import dirname, exists, join

from yozuv.errors import SchemeError
from yozuv.names import (
    RUSSIAN_ENDINGS,
    mappings_dir,
    read_data_text,
    read_russian_endings,
    russian_endings_pattern,
)

MODEL_FILE = "russian-model.tsv"  # under mappings/lexicon/
ENDINGS_FILE = RUSSIAN_ENDINGS  # beside it: its Russian word ends (endings_of)
REASON_QUOTATION = "russian quotation"
REASON_SENTENCE = "russian sentence"

SCALE = 100.0  # the file stores scores in hundredths of a nat
MIN_WORDS = 2  # evidence words a passage needs: one more unless one is "strong" (below)
MIN_SHARE = 0.6  # share of the evidence words the model must call Russian
MIN_MEAN = 1.5  # mean score (nats) of the evidence words
CLIP = 6.0  # a word counts at most this much either way: one odd word cannot decide
ENDING_MIN = 3.0  # a word-final n-gram scoring this much (nats) is a Russian inflection
VERY_RUSSIAN = 10.0  # a word with such an ending and this whole score is Russian evidence
NAME_UZBEK = -3 * CLIP  # a name scoring below this has an Uzbek ending (Мисрнинг, Москвада)
MIN_CAPS = 4  # an ALL-CAPS word this long is a heading word, shorter ones abbreviations
WORD_CACHE = 65_536  # word -> score memo; cleared when full (a text repeats its words)

# Line boundaries: every character str.splitlines() cuts at, so spans agree with any line split.
_LINE = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_TERMINATORS = ".!?…"
_UZBEK_ONLY = "ўқғҳЎҚҒҲ"
_RUSSIAN_ONLY = frozenset("ыщ")
_RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
# A sentence: a run between terminators or line ends that has no Uzbek-only letter, found
# right after the terminator (so the regex engine only tries positions holding one) or at
# the very start. The possessive ``++`` keeps a run that fails from being retried in parts.
_BOUNDARY = f"{_TERMINATORS}{_LINE}"
_SENTENCE = re.compile(f"[{_BOUNDARY}]([^{_BOUNDARY}{_UZBEK_ONLY}]++)(?![^{_BOUNDARY}])")
_FIRST_SENTENCE = re.compile(f"([^{_BOUNDARY}{_UZBEK_ONLY}]++)(?![^{_BOUNDARY}])")
_QUOTATION = re.compile(
    f'«([^«»{_LINE}]*)»|“([^“”{_LINE}]*)”|„([^„“”{_LINE}]*)[“”]|"([^"{_LINE}]*)"'
)
_UZBEK = re.compile(f"[{_UZBEK_ONLY}]")
_ANY_CYRILLIC = re.compile("[\u0400-\u04ff]")
# What every passage holds, known without the model: ы/щ, or a word of 2-3 letters.
_MAY_NEED = re.compile(r"[ыщЫЩ]|(?<![^\W\d_])[а-яёА-ЯЁ][а-яё]{1,2}(?![^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+")
_SHORT = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,3}(?![^\W\d_])")
_RUSSIAN_ONLY_ANY = re.compile("[ыщЫЩ]")


_EVIDENCE, _NONE, _VETO = 0, 1, 2  # what one word is to a passage (RussianDetector._judge)
_NOTHING = (_NONE, 0.0, False, False)


def endings_of(grams: dict[str, float]) -> list[str]:
    """The word ends (``xy`` of a row ``xy$``) scoring ``ENDING_MIN`` or more: Russian
    inflections, longest first."""
    ends = [
        gram[:-1]
        for gram, score in grams.items()
        if score >= ENDING_MIN and gram.endswith("$") and not gram.startswith("^")
    ]
    return sorted(ends, key=lambda end: (-len(end), end))


def render_endings(grams: dict[str, float]) -> str:
    """The text of ``russian-endings.txt`` for a model."""
    head = [
        "# Word ends the Russian model (russian-model.tsv) rates Russian by at least",
        f"# {ENDING_MIN} nats: the cue for a word Russian by its inflection",
        "# (src/yozuv/russian.py).",
        "# Generated from the model by scripts/build_russian_model.py; do not edit by hand.",
    ]
    return "\n".join([*head, *endings_of(grams)]) + "\n"


def default_model_path() -> str:
    """The model file shipped with the package (``mappings/lexicon/russian-model.tsv``)."""
    return join(mappings_dir(), "lexicon", MODEL_FILE)


def read_model(path: str | PathLike[str]) -> dict[str, float]:
    """n-gram -> log-likelihood ratio (nats, positive = Russian) from the model TSV.

    Format: ``#`` comment lines, a ``gram<TAB>score`` header, then one n-gram per line with
    its score in hundredths of a nat. The n-grams have one length (the shortest in the file);
    longer rows are whole words ``^word$`` whose score replaces the n-gram sum.
    """
    try:
        text = read_data_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"cannot read the Russian model: {exc}", path=path) from None
    model: dict[str, float] = {}
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        gram, tab, score = line.partition("\t")
        if not header_seen:
            if (gram, score) != ("gram", "score"):
                raise SchemeError("the Russian model needs a 'gram<TAB>score' header", path=path)
            header_seen = True
            continue
        try:
            model[gram] = int(score) / SCALE
        except ValueError:
            reason = f"line {number}: score {score!r} is not a whole number"
            raise SchemeError(reason, path=path) from None
        if not tab or not gram:
            raise SchemeError(f"line {number}: expected 'gram<TAB>score'", path=path)
    if not model:
        raise SchemeError("the Russian model has no rows", path=path)
    return model


class RussianModel:
    """The character model: how Russian (positive) or Uzbek (negative) a word looks.

    Naive Bayes over the character n-grams of ``^word$``: a word's score is the sum of its
    n-grams' log-likelihood ratios. Loaded on first use, so building a converter that never
    meets a Russian candidate does not pay for reading the file.
    """

    def __init__(self, path: str | PathLike[str] | None = None) -> None:
        self.path = default_model_path() if path is None else path
        self._grams: dict[str, float] | None = None
        self._order = 0
        self._drop: dict[int, None] = {}  # letters no row has (ь): the model cannot judge them
        self._cache: dict[str, float] = {}
        self._short: frozenset[str] | None = None
        self._endings: re.Pattern[str] | None = None
        self._ends: list[str] = []  # the endings, longest first (read with the regex)
        self._reversed: re.Pattern[str] | None = None

    def _load(self) -> dict[str, float]:
        grams = read_model(self.path)
        self._order = min(len(g) for g in grams)
        known = set("".join(grams))
        self._drop = {ord(c): None for c in _RUSSIAN_LETTERS - known}
        self._grams = grams
        return grams

    def score(self, word: str) -> float:
        """Log-likelihood ratio of a lower-case word, Russian over Uzbek, in nats."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        grams = self._grams if self._grams is not None else self._load()
        marked = f"^{word.translate(self._drop)}$"
        n = self._order
        whole = grams.get(marked) if len(marked) > n else None
        if whole is not None:
            total = whole  # a short word the build lists know whole
        else:
            total = sum(grams.get(marked[i : i + n], 0.0) for i in range(len(marked) - n + 1))
        if len(self._cache) >= WORD_CACHE:
            self._cache.clear()
        self._cache[word] = total
        return total

    def evidence(self, word: str) -> float | None:
        """The score of a lower-case word, or ``None`` when the model cannot judge it: a
        one-letter word, or a word shorter than an n-gram that no whole-word row knows (its
        two boundary n-grams say next to nothing)."""
        if len(word) < 2:
            return None
        grams = self._grams if self._grams is not None else self._load()
        bare = word.translate(self._drop)
        if len(bare) + 2 <= self._order + 1 and f"^{bare}$" not in grams:
            return None
        return self.score(word)

    @property
    def dropped(self) -> dict[int, None]:
        """The ``str.translate`` table that drops the letters no row has (ь)."""
        if self._grams is None:
            self._load()
        return self._drop

    def knows_whole(self, word: str) -> bool:
        """Whether a whole-word row covers this lower-case word (ва, это, что)."""
        grams = self._grams if self._grams is not None else self._load()
        marked = f"^{word.translate(self._drop)}$"
        return len(marked) > self._order and marked in grams

    def short_words(self) -> frozenset[str]:
        """The short words (1-3 letters) the model knows whole as Russian (это, что, не):
        with ы and щ, what every passage holds (see :meth:`RussianDetector.spans`)."""
        if self._short is None:
            grams = self._grams if self._grams is not None else self._load()
            self._short = frozenset(
                gram[1:-1]
                for gram, score in grams.items()
                if score > 0.0
                and gram.startswith("^")
                and gram.endswith("$")
                and self._order < len(gram) <= 5
            )
        return self._short

    def endings(self) -> re.Pattern[str]:
        """A regex of the word ends that the model rates Russian by ``ENDING_MIN`` or more
        (-ся, -ую, -ое; :func:`endings_of`): searched in C over new chunks, the cue that a
        sentence may hold a word Russian by its inflection.

        Read from ``russian-endings.txt`` beside the model when it is there (a few hundred
        bytes: a text with no candidate passage must not pay for reading the model), else
        worked out from the model."""
        if self._endings is None:
            beside = join(dirname(self.path), ENDINGS_FILE)
            if exists(beside):
                self._ends = read_russian_endings(beside)
            else:
                self._ends = endings_of(self._grams if self._grams is not None else self._load())
            self._endings = re.compile(russian_endings_pattern(self._ends))
        return self._endings

    def ending_positions(self, text: str) -> list[int]:
        """Where :meth:`endings` matches in ``text`` (the positions of the letter before each
        ending), in descending order.

        Found in the reversed text, where an ending follows a non-letter: a regex that starts
        with a character class of spaces and punctuation is tried only at those (a third of
        the time of the forward search, which tries every letter of the text)."""
        if self._reversed is None:
            self.endings()
            body = "|".join(re.escape(end[::-1]) for end in self._ends) if self._ends else "(?!)"
            self._reversed = re.compile(f"[\\W\\d_](?:{body})[а-яё]")
        after = len(text) + 1  # " " + reversed text: index i holds text[len(text) - i]
        return [after - match.end() for match in self._reversed.finditer(" " + text[::-1])]

    def is_russian_word(self, word: str) -> bool:
        """The model's call on one lower-case word (what the held-out word accuracy measures)."""
        return self.score(word) > 0.0


class RussianDetector:
    """Finds Russian quotations and sentences in Cyrillic text (see the module docstring).

    ``model_path``: the model TSV; ``None`` means the shipped ``russian-model.tsv``. The file
    is read on the first text that has a candidate passage.
    """

    def __init__(self, model_path: str | PathLike[str] | None = None) -> None:
        self.model = RussianModel(model_path)
        self._judged: dict[tuple[str, bool], tuple[int, float, bool, bool]] = {}
        self._sentences: dict[str, bool] = {}  # sentence without quotations -> Russian?
        self._short_cased: frozenset[str] | None = None  # short Russian words, small, titled
        self._dropped: re.Pattern[str] | None = None  # the letters the model drops (ь)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, reason) of each Russian passage, sorted, not overlapping.

        A quotation's span is its inside without the marks; a sentence's span ends before its
        terminator. Surrounding spaces are left out. No span crosses a line break.
        """
        if not _ANY_CYRILLIC.search(text) or (
            not _MAY_NEED.search(text) and self.model.endings().search(text) is None
        ):
            return []  # no word with ы/щ, no short word, no Russian ending: no passage
        may_be = self._may_be_russian
        found: list[tuple[int, int, str]] = []
        quotes: list[tuple[int, int]] = []  # the inside of every quotation, kept or not
        for match in _QUOTATION.finditer(text):
            index = match.lastindex or 1
            start, end = match.span(index)
            quotes.append((start, end))
            if (
                _UZBEK.search(text, start, end) is None
                and may_be(text, start, end)
                and self._is_russian(text, start, end)
            ):
                found.append((*_strip(text, start, end), REASON_QUOTATION))
        quote_starts = [start for start, _ in quotes]
        first = _FIRST_SENTENCE.match(text)
        for match in chain((first,) if first else (), _SENTENCE.finditer(text)):
            start, end = match.span(1)
            if not may_be(text, start, end):
                continue  # no word with ы/щ, no short Russian word: Uzbek (most sentences)
            if quote_starts and _any_between(quote_starts, start, end):
                russian = self._is_russian(text, start, end, quotes, quote_starts)
            else:  # judged by its words alone: memoised (a text met again costs a lookup)
                sentence = text[start:end]
                known = self._sentences.get(sentence)
                if known is None:
                    known = self._is_russian(sentence, 0, len(sentence))
                    if len(self._sentences) >= WORD_CACHE:
                        self._sentences.clear()
                    self._sentences[sentence] = known
                russian = known
            if russian:
                found.append((*_strip(text, start, end), REASON_SENTENCE))
        return _merge(found)

    def seeds(self, chunks: Sequence[str]) -> set[str]:
        """The chunks (space-free pieces of text) in which a passage may show itself: those
        holding ы/щ, a short word the model knows whole as Russian (in any case) or a word
        with one of its Russian endings (:meth:`RussianModel.ending_positions`).

        Why: the engine asks this once for every chunk it meets for the first time and then
        reads only the lines that hold such a chunk; every Uzbek line (nearly all of a text)
        costs a set lookup per chunk, not a sentence scan. It is a superset of
        :meth:`_may_be_russian` (a word with a letter the model drops counts whatever the
        rest of its sentence holds), so it never hides a passage.
        """
        joined = " ".join(chunks)
        starts = self.model.ending_positions(joined)  # a word Russian by its inflection
        if _MAY_NEED.search(joined) or _RUSSIAN_ONLY_ANY.search(joined) is not None:
            short, drop = self._short_words_cased()
            plain = self.model.short_words()
            matches = list(_SHORT.finditer(joined))
            tokens = list(map(re.Match.group, matches))
            hits = {t for t in set(tokens) if t in short or t.lower().translate(drop) in plain}
            starts += [m.start() for m in _RUSSIAN_ONLY_ANY.finditer(joined)]
            if hits:
                starts += [
                    m.start() for m, token in zip(matches, tokens, strict=True) if token in hits
                ]
        seeds: set[str] = set()
        index = pos = 0  # the chunk holding ``pos``: the spaces before it
        for at in sorted(starts):
            index += joined.count(" ", pos, at)
            pos = at
            seeds.add(chunks[index])
        return seeds

    def _short_words_cased(self) -> tuple[frozenset[str], dict[int, None]]:
        """The model's short words as written small or capitalised, and its dropped letters."""
        if self._short_cased is None:
            words = self.model.short_words()
            self._short_cased = words | {word.capitalize() for word in words}
            dropped = "".join(chr(code) for code in self.model.dropped)
            self._dropped = re.compile(f"[{dropped}{dropped.upper()}]") if dropped else None
        return self._short_cased, self.model.dropped

    def _may_be_russian(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds what every passage holds (see
        :meth:`_is_russian`): a letter ы or щ, or a short word the model knows whole as
        Russian (это, что, не; a letter the model drops, ь, counted in). Most Uzbek
        sentences fail it, and then no word of theirs is judged."""
        if _RUSSIAN_ONLY_ANY.search(text, start, end) is not None:
            return True
        if self.model.endings().search(text, start, end) is not None:
            return True  # a word that may be Russian by its ending (_judge_uncached)
        short, _drop = self._short_words_cased()
        found = _SHORT.findall(text, start, end)
        if not short.isdisjoint(found):
            return True  # the usual test, in C: a short word as it stands, small or titled
        if self._dropped is None or self._dropped.search(text, start, end) is None:
            return False
        drop, short = self.model.dropped, self.model.short_words()
        return any(word.lower().translate(drop) in short for word in found)

    def is_russian(self, passage: str) -> bool:
        """Whether one passage (a line's worth, no quotation handling) reads as Russian."""
        return _UZBEK.search(passage) is None and self._is_russian(passage, 0, len(passage))

    def _is_russian(
        self,
        text: str,
        start: int,
        end: int,
        quotes: list[tuple[int, int]] | None = None,
        quote_starts: list[int] | None = None,
    ) -> bool:
        """The evidence rules of the module docstring on the words of ``text[start:end]``,
        leaving out the words inside ``quotes`` (sorted inside spans of quotations)."""
        words: list[str]
        if quotes and quote_starts and _any_between(quote_starts, start, end):
            words = []
            for match in _WORD.finditer(text, start, end):
                at = bisect_right(quote_starts, match.start()) - 1
                if at < 0 or match.start() >= quotes[at][1]:  # else judged with its quotation
                    words.append(match.group())
        else:
            words = _WORD.findall(text, start, end)
        count = russian = 0
        total = 0.0
        lone = strong = False
        left = len(words)
        for index, word in enumerate(words):
            left -= 1
            kind, score, word_lone, word_strong = self._judge(word, index == 0)
            if kind == _VETO:
                return False
            if kind == _NONE:
                continue
            count += 1
            russian += score > 0.0
            total += score
            lone = lone or word_lone
            strong = strong or word_strong
            if russian + left < MIN_SHARE * (count + left):
                return False  # even if every word left were Russian: the common Uzbek case
        # One word is never a passage (вымпел, борщ, мещан are Uzbek words too), and loans
        # alone never make one (цирк лицей цех): a passage needs a word with ы or щ (мы
        # должны) or a short word the model knows whole as Russian (это, что, не).
        if count < MIN_WORDS or not (lone or strong):
            return False
        return russian >= MIN_SHARE * count and total >= MIN_MEAN * count

    def _judge(self, word: str, first: bool) -> tuple[int, float, bool, bool]:
        """(kind, clipped score, has ы/щ in lower case, known whole as Russian) of one word;
        kind is _EVIDENCE, _NONE (says nothing) or _VETO (another Cyrillic language).
        Memoised: a text repeats its words."""
        key = (word, first)
        cached = self._judged.get(key)
        if cached is not None:
            return cached
        judged = self._judge_uncached(word, first)
        if len(self._judged) >= WORD_CACHE:
            self._judged.clear()
        self._judged[key] = judged
        return judged

    def _judge_uncached(self, word: str, first: bool) -> tuple[int, float, bool, bool]:
        lower = word.lower()
        letters = set(lower)
        if not letters <= _RUSSIAN_LETTERS:
            if _ANY_CYRILLIC.search(word):
                return (_VETO, 0.0, False, False)  # і, ә, ў …: another Cyrillic language
            return _NOTHING  # a Latin or Greek word (a brand, a code, a formula)
        score = self.model.evidence(lower)
        if score is None:
            return _NOTHING  # one letter, or too short for the n-grams and unknown whole
        titled = word[:1].isupper() and word[1:].islower()
        if word.islower() or (first and titled):
            pass  # an ordinary word, or the capital that starts a sentence
        elif word.isupper():
            if len(word) < MIN_CAPS and not self.model.knows_whole(lower):
                return _NOTHING  # an abbreviation (a short word known whole is not one)
        elif score > NAME_UZBEK:
            return _NOTHING  # a name (capitalised inside the passage) or mixed case
        # ы/щ in an ordinary word: small letters, the capital that starts a sentence, or a
        # heading in capitals (a name inside the passage was set aside above).
        lone = bool(letters & _RUSSIAN_ONLY) and (
            word.islower() or (first and titled) or word.isupper()
        )
        strong = word.islower() or (first and titled)  # not a short word in capitals (ДОК)
        # Known whole as Russian and short: a function word (это, что, как), not a loan that
        # Uzbek writes too and the word list happens to lack (цирк).
        function_word = score > 0.0 and len(lower) <= 3 and self.model.knows_whole(lower)
        # Or Russian by its inflection: a clearly Russian ending on a very Russian word (the
        # ending is what the chunk seeds look for, so a line without one is never read).
        inflected = score >= VERY_RUSSIAN and self.model.endings().search(lower) is not None
        strong = strong and (function_word or inflected)
        return (_EVIDENCE, max(-CLIP, min(CLIP, score)), lone, strong)


def _any_between(starts: list[int], start: int, end: int) -> bool:
    """Whether a sorted list has a value in [start, end)."""
    at = bisect_left(starts, start)
    return at < len(starts) and starts[at] < end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted spans with overlapping ones joined (a sentence around a quotation wins)."""
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            last_start, last_end, last_reason = merged[-1]
            merged[-1] = (last_start, max(end, last_end), last_reason)
        else:
            merged.append((start, end, reason))
    return merged
