"""Which Latin tokens are foreign: the word-level decision behind "keep it as written".

Why: Latin -> Cyrillic must leave brands, English words and codes alone (Google, hello, PDF,
iPhone) and convert every Uzbek word, also those that look foreign (Fathiddin, with its th)
and English words that are Uzbek too (men, bor, film). Letter rules cannot tell these apart,
so the decision rests on word lists in ``mappings/lexicon/`` (see the README there for their
sources and licences, and ``scripts/build_language.py`` for how they are made):

- ``english.txt``: English words (SCOWL), without those the Uzbek word lists inflect;
- ``uzbek.txt``: Uzbek word forms in Latin (tesseract list), to tell a headline in capitals
  (TOSHKENT) from an acronym (HDMI);
- ``abbreviations.tsv``: abbreviations Uzbek writes in Cyrillic (BMT, AQSh, OʻzR, ToshDU);
- ``digraphs.txt``: the two-letter Latin capitals of Uzbek (Sh, Ch, Oʻ, Yu ...), so the shape
  of an Uzbek abbreviation (MChJ, YuNESKO) is not taken for a brand's inner capital;
- ``brands.tsv``: a small curated table of brands no other test catches (Google, Yandex);
- ``acronyms.tsv``: international acronyms kept in Latin (PDF, HDMI, GPS, SKU), never an
  Uzbek abbreviation;
- ``uzbek-marked.txt``: Uzbek stems with letters that look foreign (the th of fath), so
  Fathiddin and Abulfath convert.

The module knows no particular word; it only reads those files, once, on first use
(:func:`default_language`), so a conversion that never asks costs nothing at start-up. Every
answer is a pure function of the token and the data; :meth:`Language.classify` gives a short
reason (``"code"``, ``"mixed-case"``, ``"all-caps"``, ``"english"``, ``"brand"``,
``"letters"``, ``"acronym"``) when the token should be kept, or None when it is Uzbek
and converts.

Word by word, an English word or an unknown run of capitals is not enough: the lists also
catch Uzbek loans and headline words they have not seen (Argon, BIZ). :meth:`Language.in_context`
decides with the neighbours, over the words of one line: a word joins a neighbour that is
kept already (a brand, a mixed-case name, a code, a word with letters Uzbek never uses, a
listed acronym), across a number ("iPhone 15 Pro Max") and at a sentence start ("Open
Contracting Partnership"), when it is an English word (``"english"``), a short run of
capitals that is no Uzbek abbreviation (``"all-caps"``), a capitalised unknown word after a
mixed-case name, a code or a number (``"foreign-name"``: the Pro of "iPhone 15 Pro"), or a
part of a hyphenated word (``"compound"``: Wi-Fi-ga). An
Uzbek word never joins: a known or Uzbek-shaped form, an Uzbek abbreviation, an English word
the Uzbek lists have too (super, demo) unless it stands between two kept words.
"""

from __future__ import annotations

import copy
import itertools
import re
import string
from bisect import bisect_left
from collections import deque
from collections.abc import Iterator, Sequence
from functools import cache
from os import PathLike
from os.path import join
from typing import TYPE_CHECKING

from yozuv.errors import SchemeError
from yozuv.records import Record
from yozuv.tokens import HYPHEN, SPACE, ContextWord

if TYPE_CHECKING:
    from yozuv.lexicon import SuffixGrammar

ENGLISH = "english.txt"
UZBEK = "uzbek.txt"
ABBREVIATIONS = "abbreviations.tsv"
DIGRAPHS = "digraphs.txt"
BRANDS = "brands.tsv"
ACRONYMS = "acronyms.tsv"
MARKED = "uzbek-marked.txt"
MODEL_WORDS = "model-words.tsv"
SUFFIXES = "suffixes.tsv"

# Mixed case as names write it: small letters, then capitals each followed by small letters,
# then perhaps a closing run of capitals, with three small letters in a row somewhere
# (iPhone, GitHub, ChatGPT, OpenAI, McDonald; not cH, EeEeeE).
_CAMEL = re.compile(r"(?=.*[a-z]{3})[a-z]*(?:[A-Z][a-z]+)+[A-Z]*")

# Reasons a token is kept.
CODE = "code"
MIXED_CASE = "mixed-case"
ALL_CAPS = "all-caps"
ENGLISH_WORD = "english"
BRAND = "brand"
LETTERS = "letters"
ACRONYM = "acronym"
FOREIGN_NAME = "foreign-name"
COMPOUND = "compound"
# What classify_in_context takes as kept on its own (as the engine's [protect] foreign_words,
# with letters and acronyms, which the engine keeps by its X03b patterns and in context).
KEPT_ALONE = frozenset({MIXED_CASE, BRAND, CODE, LETTERS, ACRONYM})
# Capitals of at most this many letters next to kept capitals are an acronym (MHL, NFC), not
# a headline word; longer ones are a headline in capitals.
CONTEXT_CAPITALS = 4
# A capitalised word no list knows continues a model's name only when this short (Pro, Max,
# Ultra, Neo): longer ones are as often Uzbek (Sertifikat, Tarjimon).
MODEL_LETTERS = 5
# A part of a hyphenated word this short joins its foreign neighbour even if an Uzbek list
# has it (the Fi of Wi-Fi): two letters say nothing of a language.
SHORT_PART = 2
# A suffix chain after a hyphen (Wi-Fi-ga, -larning) is this long at most; one of more than
# SHORT_SUFFIX letters that is a known Uzbek word is that word, not suffixes.
MAX_SUFFIX_PART = 7
SHORT_SUFFIX = 4

# Capitals of this many letters or more that are no known acronym are read as a word written
# in capitals (a headline), not as a code: acronyms kept in Latin are short (PDF, HDMI, USB).
HEADLINE_LETTERS = 6
# An English stem under an Uzbek suffix (Windowsda) must be this long: shorter English words
# hide inside native forms (old + i = oldi "he took").
MIN_SUFFIXED_STEM = 4
MIN_ENGLISH_BASE = 3
# English inflections tried on a word missing from the list (contracting = contract + ing).
# (ending, what to put back) pairs; doubled consonants (stopped) are handled in _english_base.
_ENGLISH_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ers", ""),
    ("er", ""),
    ("er", "e"),
    ("ly", ""),
    ("ness", ""),
    ("ment", ""),
    ("ship", ""),
)
_OKINA = re.compile(r"([oOgG])['`ʻ‘’]")
_TUTUQ = re.compile(r"['`‘’]")
# Apostrophe variants as a token may hold them after normalise() (which makes '`‘’ the tutuq)
_APOSTROPHES = "ʼ'`‘’´ʹ′＇"
_POSSESSIVE = re.compile(f"(.+)[{_APOSTROPHES}]s")
# A suffix chain set off by an apostrophe (Google'da, PDF'ni, Zoom'ga): no tutuq, a separator.
_SET_OFF_SUFFIX = re.compile(f"(.*[^\\W\\d_])[{_APOSTROPHES}]([a-z]+)")
# A Latin word as the context decision takes it: ASCII letters and digits, and the
# apostrophe letters; anything else (Cyrillic, é) is no candidate.
_LATIN_WORD = re.compile(r"[A-Za-z0-9ʻʼ'`‘’]*[A-Za-z][A-Za-z0-9ʻʼ'`‘’]*")
_CAPITAL_HEAD = re.compile(r"[A-Z]+")


class Joined(Record):
    """Why a word is kept for its neighbours: the reason, and the index of the neighbour
    it joined (its own index for a listed acronym, which needs none)."""

    reason: str
    by: int


def normalise(token: str) -> str:
    """oʻ/gʻ and the tutuq in the project's letters (U+02BB, U+02BC), whatever was typed."""
    return _TUTUQ.sub("ʼ", _OKINA.sub(lambda m: m.group(1) + "ʻ", token))


class _SortedWords:
    """A sorted word list searched by bisection: reading it is one split, no hashing of
    fifty thousand strings into a set (which would double the load time). Given as text, it
    is split on the first lookup: most documents never ask the Uzbek list."""

    def __init__(self, words: list[str] | str) -> None:
        self._text = words if isinstance(words, str) else None
        self._list = words if isinstance(words, list) else None

    @property
    def _words(self) -> list[str]:
        if self._list is None:
            words = _body(self._text or "").split("\n")
            if words and not words[-1]:
                words.pop()
            self._list = words
        return self._list

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        at = bisect_left(self._words, word)
        return at < len(self._words) and self._words[at] == word

    def __len__(self) -> int:
        return len(self._words)

    @property
    def words(self) -> list[str]:
        """The sorted words."""
        return self._words


def _read_text(path: str | PathLike[str]) -> str:
    from yozuv.names import read_data_text

    try:
        return read_data_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{path}: cannot read language data ({exc})") from exc


def _body(text: str) -> str:
    """A list file's text after its leading ``#`` comment lines."""
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return text[start:]


def _read_words(path: str | PathLike[str]) -> list[str]:
    """The words of a list file, in its order (the builder writes them sorted and unique;
    ``tests/test_language.py`` holds the files to that, so loading need not check)."""
    words = _body(_read_text(path)).split("\n")
    if words and not words[-1]:
        words.pop()
    return words


def _alphabet(text: str) -> frozenset[str]:
    """The letters of Uzbek Latin as a word list writes them; ``ch`` is its only use of c."""
    # Membership tests of the 26 letters (a fast scan each) instead of a set of the whole
    # text, which costs several milliseconds; any other letter is foreign to Uzbek Latin
    # except the two apostrophe letters.
    body = _body(text).replace("ch", "")
    return frozenset(c for c in string.ascii_lowercase + "ʻʼ" if c in body)


def _read_first_column(path: str | PathLike[str]) -> list[str]:
    """The first column of a TSV list, without its ``#`` comments (anywhere) and its header."""
    lines = [line for line in _read_text(path).splitlines() if line and not line.startswith("#")]
    return [line.split("\t", 1)[0] for line in lines[1:]]


class Language:
    """The foreign/Uzbek decision for Latin tokens, over the word lists named in the module
    docstring. Build it with :meth:`load` (or :func:`default_language` for the built-in data)."""

    def __init__(
        self,
        english: list[str],
        uzbek: list[str] | str,
        abbreviations: Sequence[str],
        digraphs: Sequence[str],
        brands: Sequence[str],
        grammar: SuffixGrammar,
        *,
        alphabet: frozenset[str] | None = None,
        acronyms: Sequence[str] = (),
        marked: Sequence[str] = (),
        model_words: Sequence[str] = (),
    ) -> None:
        """``english`` and ``uzbek`` are sorted, unique, lower-case lists (as the files are;
        ``uzbek`` may be a file's text, split on first use);
        ``alphabet`` is every letter an Uzbek word has once ``ch`` is taken out (computed
        from ``uzbek`` when not given); ``acronyms`` are international acronyms in capitals
        (PDF), ``marked`` Uzbek stems holding foreign-looking letters (fath), ``model_words``
        the words of a product line that continue a model's name (Pro, Max, Ultra)."""
        self.english = _SortedWords(english)
        self.uzbek = _SortedWords(uzbek)
        self.abbreviations = frozenset(normalise(a).upper() for a in abbreviations)
        self.digraphs = tuple(sorted({normalise(d) for d in digraphs}, key=len, reverse=True))
        self.brands = frozenset(normalise(b).lower() for b in brands)
        self.grammar = grammar
        if alphabet is None:
            alphabet = _alphabet(uzbek if isinstance(uzbek, str) else "\n".join(uzbek))
        self.alphabet = alphabet
        self.acronyms = frozenset(a.upper() for a in acronyms)
        self.marked = tuple(normalise(m).lower() for m in marked)
        self.model_words = frozenset(normalise(m).lower() for m in model_words)
        self._memo: dict[str, str | None] = {}
        self._joinable: dict[str, bool] = {}
        self._english_set: frozenset[str] | None = None

    def with_uzbek(self, forms: Sequence[str]) -> Language:
        """The same decision over another list of known Uzbek forms, every other list
        shared: a measure that holds part of the Uzbek words out asks this one."""
        other = copy.copy(self)
        other.uzbek = _SortedWords(sorted({normalise(form).lower() for form in forms}))
        other._memo, other._joinable = {}, {}
        return other

    @classmethod
    def load(
        cls, directory: str | PathLike[str] | None = None, *, grammar: SuffixGrammar | None = None
    ) -> Language:
        """Read the lists from ``directory`` (default: the built-in ``mappings/lexicon``).

        ``grammar``: the suffix grammar of a lexicon already loaded (the engine's), so it is
        not read twice; by default ``suffixes.tsv`` of the same folder.
        """
        from yozuv.lexicon import SuffixGrammar, read_suffix_file
        from yozuv.names import mappings_dir

        folder = directory if directory is not None else join(mappings_dir(), "lexicon")
        if grammar is None:
            grammar = SuffixGrammar(read_suffix_file(join(folder, SUFFIXES)), "l2c")
        uzbek_text = _read_text(join(folder, UZBEK))
        return cls(
            _read_words(join(folder, ENGLISH)),
            uzbek_text,
            _read_first_column(join(folder, ABBREVIATIONS)),
            _read_words(join(folder, DIGRAPHS)),
            _read_first_column(join(folder, BRANDS)),
            grammar,
            alphabet=_alphabet(uzbek_text),
            acronyms=_read_first_column(join(folder, ACRONYMS)),
            marked=_read_words(join(folder, MARKED)),
            model_words=_read_first_column(join(folder, MODEL_WORDS)),
        )

    # -- single tokens -------------------------------------------------------------------

    def classify(self, token: str) -> str | None:
        """Why ``token`` (one Latin word, possibly hyphenated) stays as written, or None when
        it is Uzbek and converts."""
        known = self._memo.get(token, "")
        if known != "":
            return known
        answer = self._classify(normalise(token))
        if len(self._memo) > 65_536:
            self._memo.clear()
        self._memo[token] = answer
        return answer

    def _classify(self, token: str) -> str | None:
        if not any(c.isalpha() for c in token):
            return None
        if any(c.isdigit() for c in token):
            return CODE
        parts = token.split("-")
        if len(parts) > 1:
            return self._compound(parts)
        possessive = _POSSESSIVE.fullmatch(token)
        if possessive is not None:
            found = self._classify(possessive.group(1))
            if found is not None:
                return found
        set_off = _SET_OFF_SUFFIX.fullmatch(token)
        if set_off is not None:
            # Google'da is Googleda with the suffix set off: kept when the stem is kept on
            # its own and so is the word written without the apostrophe. A tutuq of an
            # Uzbek word (vaʼda, sunʼiy, feʼlining: fe + lining is no feline) fails one test.
            stem, tail = set_off.groups()
            if (
                self.grammar.is_chain(tail, stem[-2:].lower())
                and not self.is_uzbek(token.lower())
                and self._classify(stem) is not None
            ):
                found = self._classify(stem + tail)
                if found is not None:
                    return found
        letters = [c for c in token if c.isalpha() and c not in "ʻʼ"]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return self._capitals(token)
        # BMTga, PDFga: capitals + a lower-case suffix chain is the capitals' decision.
        head = self._capital_head(token)
        if head is not None:
            return self._capitals(head)
        if self._inner_capital(token):
            return self._mixed(token)
        return self._word(token.lower())

    def _compound(self, parts: list[str]) -> str | None:
        """Mercedes-Benz, Wi-Fi-ga, USB-C, koʻrib-chiqish: the first foreign part decides; a
        last part that is only a suffix chain (-ga) goes with the word before it."""
        for index, part in enumerate(parts):
            if not part:
                continue
            if index and index == len(parts) - 1 and part.islower():
                before = parts[index - 1].lower()
                if self.grammar.is_chain(part, before[-2:]):
                    continue
            found = self._classify(part)
            if found is not None:
                return found
        return None

    @staticmethod
    def _inner_capital(token: str) -> bool:
        return any(a.islower() and b.isupper() for a, b in itertools.pairwise(token))

    def _abbreviation(self, token: str) -> bool:
        """A listed abbreviation, bare or with a suffix chain (AQShda, BMTning, OʻzRda)."""
        if token.upper() in self.abbreviations:
            return True
        for size in range(len(token) - 1, 1, -1):
            head, tail = token[:size], token[size:]
            if head.upper() in self.abbreviations and self.grammar.is_chain(
                tail.lower(), head[-2:].lower()
            ):
                return True
        return False

    def _digraph_capitals(self, token: str) -> bool:
        """AQSh, MChJ, YuNESKO: capitals where every lower-case letter belongs to an Uzbek
        two-letter capital (Sh, Ch, Yu), which is how Uzbek Latin abbreviates."""
        rest = token
        for digraph in self.digraphs:
            rest = rest.replace(digraph, digraph.upper())
        letters = [c for c in rest if c.isalpha() and c not in "ʻʼ"]
        return len(letters) > 1 and all(c.isupper() for c in letters)

    def _capitals(self, token: str) -> str | None:
        if self._abbreviation(token):
            return None
        lower = token.lower()
        if self.is_uzbek(lower):
            return None
        if token.upper() in self.acronyms:
            return ACRONYM
        if lower in self.english or lower in self.brands:
            return ENGLISH_WORD if lower in self.english else BRAND
        if sum(c.isalpha() for c in token) >= HEADLINE_LETTERS:
            return None
        return ALL_CAPS

    def _mixed(self, token: str) -> str | None:
        if self._abbreviation(token) or self._digraph_capitals(token):
            return None
        # A name in mixed case is built of capitalised parts (iPhone, YouTube, ChatGPT,
        # OpenAI); random capitals (cH, mOtIvAtSiOn, EeEeeE) are an Uzbek word mistyped.
        if not _CAMEL.fullmatch(token.replace("ʻ", "").replace("ʼ", "")):
            # iOS, macOS: too few small letters for the shape, a listed name all the same.
            return BRAND if token.lower() in self.brands else None
        return MIXED_CASE

    def _capital_head(self, token: str) -> str | None:
        """The capitals of capitals + a lower-case suffix chain (PDFga: PDF), or None."""
        for size in range(len(token) - 1, 1, -1):
            head, tail = token[:size], token[size:]
            if (
                tail.islower()
                and all(c.isupper() for c in head if c.isalpha())
                and self.grammar.is_chain(tail, head[-2:].lower())
            ):
                return head
        return None

    def acronym(self, token: str) -> bool:
        """A listed international acronym, bare or with an Uzbek suffix chain (PDF, PDFga),
        that is no Uzbek abbreviation or word."""
        head = _CAPITAL_HEAD.match(token)
        if head is None or head.group() not in self.acronyms:
            return False
        return self.classify(token) == ACRONYM

    def _word(self, lower: str) -> str | None:
        if lower in self.brands:
            return BRAND
        if lower in self.english or self._english_base(lower):
            return ENGLISH_WORD
        if any(c.isalpha() and c not in self.alphabet for c in lower.replace("ch", "")):
            return LETTERS
        stem = self._suffixed_stem(lower)
        if stem is not None:
            return BRAND if stem in self.brands else ENGLISH_WORD
        return None

    def _english_base(self, lower: str) -> bool:
        """contracting, windows, stopped: an English list word + an English inflection."""
        for ending, back in _ENGLISH_ENDINGS:
            if not lower.endswith(ending):
                continue
            base = lower[: len(lower) - len(ending)]
            if len(base) < MIN_ENGLISH_BASE:
                continue
            if base + back in self.english:
                return True
            doubled = back == "" and len(base) > MIN_ENGLISH_BASE and base[-1] == base[-2]
            if doubled and base[:-1] in self.english:  # stopped, running
                return True
        return False

    def _suffixed_stem(self, lower: str) -> str | None:
        """Windowsda, Googlega: an English word or brand + an Uzbek suffix chain, unless the
        whole form is a known Uzbek word."""
        if lower in self.uzbek:
            return None
        for size in range(len(lower) - 1, MIN_SUFFIXED_STEM - 1, -1):
            stem = lower[:size]
            foreign = stem in self.brands or stem in self.english or self._english_base(stem)
            if foreign and self.grammar.is_chain(lower[size:], stem[-2:]):
                return stem
        return None

    def is_uzbek(self, lower: str) -> bool:
        """A known Uzbek form, or a known form + a suffix chain (lower case, normalised)."""
        if lower in self.uzbek:
            return True
        for size in range(len(lower) - 1, 1, -1):
            stem = lower[:size]
            if stem in self.uzbek and self.grammar.is_chain(lower[size:], stem[-2:]):
                return True
        return False

    def _uzbek_shaped(self, lower: str) -> bool:
        """An unknown word that shows Uzbek all the same: an apostrophe letter (Doʻkonda,
        Fatʼhiddin) or a suffix chain after a stem of three letters or more (Doʻkonda)."""
        if "ʻ" in lower or "ʼ" in lower:
            return True
        return any(
            self.grammar.is_chain(lower[size:], lower[size - 2 : size])
            for size in range(MIN_ENGLISH_BASE, len(lower))
        )

    # -- Uzbek words with foreign-looking letters ----------------------------------------

    def native_stem(self, word: str, marks: re.Pattern[str]) -> str | None:
        """The Uzbek stem (``uzbek-marked.txt``) that holds every foreign mark of ``word``
        (``marks``: the scheme's X03b patterns), or None: Fathiddin and Abulfath hold their th
        inside fath, so they are Uzbek; fathom is an English word, Python has no such stem."""
        found = [m.span() for m in marks.finditer(word)]
        lower = normalise(word).lower()
        if not found or not self.marked or len(lower) != len(word):
            return None
        if lower in self.english or self._english_base(lower):
            return None
        stems = list(self._stems_in(lower))
        for start, end in found:
            if not any(at <= start and end <= at + len(stem) for at, stem in stems):
                return None
        return stems[0][1]

    def _stems_in(self, lower: str) -> Iterator[tuple[int, str]]:
        for stem in self.marked:
            at = lower.find(stem)
            while at >= 0:
                yield at, stem
                at = lower.find(stem, at + 1)

    # -- a token among its neighbours ----------------------------------------------------

    def in_context(self, words: Sequence[ContextWord]) -> list[Joined | None]:
        """Which words of one line are kept for their neighbours (see the module docstring).

        ``words`` are the line's words in order, each with whether the converter keeps it on
        its own and how it is tied to the word before. A listed acronym is kept where it
        stands; every other decision joins a word to a kept neighbour, and a joined word may
        in turn hold its own neighbours ("iPhone 15 Pro Max"). Linear in the words: a word
        is looked at again only when a neighbour of it is decided.
        """
        decided: list[Joined | None] = [None] * len(words)
        kept = [w.kept for w in words]
        queue: deque[int] = deque(i for i, w in enumerate(words) if w.kept)
        for index, word in enumerate(words):
            if not word.kept and self._candidate(word.text) and self.acronym(word.text):
                decided[index] = Joined(ACRONYM, index)
                queue.append(index)
        while queue:
            index = queue.popleft()
            for other, link in self._neighbours(words, index):
                if kept[other] or decided[other] is not None:
                    continue
                reason = self._joins(words, other, index, link)
                if reason is not None:
                    decided[other] = Joined(reason, index)
                    queue.append(other)
        return decided

    def joinable(self, text: str) -> bool:
        """May this word join a kept neighbour under some rule of :meth:`in_context`? A
        quick test, never narrower than the rules, so that the span finder looks closely
        only at the seeds that have such a neighbour."""
        known = self._joinable.get(text)
        if known is None:
            if len(self._joinable) > 65_536:
                self._joinable.clear()  # a pure function: forgetting costs only recomputation
            known = self._joinable[text] = self._may_join(text)
        return known

    def _may_join(self, text: str) -> bool:
        if text.isascii() and text.isalpha() and text.islower():
            return self._english_word(text)  # the most of any text, asked quickly
        if not self._candidate(text) or text.isdigit():
            return False
        word = normalise(text)
        lower = word.lower()
        english = self._english_word(lower)
        if word.islower():  # the most of any text: only an English word may join
            return english
        if self._abbreviation(word):
            return False
        if english:
            return True
        if _capitals(word):
            short = sum(c.isalpha() for c in word) <= CONTEXT_CAPITALS
            return short and not self.is_uzbek(lower)
        # A capitalised word: the next word of a name, unless it is Uzbek (the rules' test),
        # or a product line's word whatever the lists hold (Pro, Max).
        if lower in self.model_words:
            return word[:1].isupper()
        return word[:1].isupper() and not (self.is_uzbek(lower) or self._uzbek_shaped(lower))

    def _english_word(self, lower: str) -> bool:
        """An English list word or an inflection of one (as :meth:`_english_base`), looked up
        in a set made on first use: the context decisions ask it of every word beside a kept
        one, and a set answers in a fraction of a bisection's time."""
        words = self._english_set
        if words is None:
            words = self._english_set = frozenset(self.english.words)
        if lower in words:
            return True
        for ending, back in _ENGLISH_ENDINGS:
            if lower.endswith(ending):
                base = lower[: len(lower) - len(ending)]
                if len(base) >= MIN_ENGLISH_BASE and (
                    base + back in words
                    or (
                        back == ""
                        and len(base) > MIN_ENGLISH_BASE
                        and base[-1] == base[-2]
                        and base[:-1] in words
                    )
                ):
                    return True
        return False

    @staticmethod
    def _number(word: ContextWord) -> bool:
        return word.text.isdigit()

    def _neighbours(self, words: Sequence[ContextWord], index: int) -> Iterator[tuple[int, str]]:
        """The words tied to ``words[index]``, with the tie; a number between two words tied
        by spaces does not separate them (iPhone 15 Pro)."""
        link = words[index].link
        if index > 0 and link:
            before = index - 1
            if self._number(words[before]) and link == SPACE and words[before].link == SPACE:
                before -= 1
            if before >= 0:
                yield before, link
        after = index + 1
        if after < len(words) and words[after].link:
            link = words[after].link
            if (
                self._number(words[after])
                and link == SPACE
                and after + 1 < len(words)
                and words[after + 1].link == SPACE
            ):
                after += 1
            yield after, link

    @staticmethod
    def _candidate(text: str) -> bool:
        return bool(_LATIN_WORD.fullmatch(text))

    def _joins(self, words: Sequence[ContextWord], index: int, by: int, link: str) -> str | None:
        """Why ``words[index]`` joins its kept neighbour ``words[by]``, or None."""
        word = words[index]
        text = normalise(word.text)
        if not self._candidate(word.text) or self._number(word):
            return None
        if self._abbreviation(text) or (self._inner_capital(text) and self._digraph_capitals(text)):
            return None  # an Uzbek abbreviation is never kept (BMT, MChJ)
        lower = text.lower()
        if link == HYPHEN:
            return self._joins_compound(words, index, by, lower)
        if self._english_word(lower):
            return self._joins_english(words, index, by)
        if _capitals(text):
            return self._joins_capitals(words, index, by, lower)
        # The rest of a product's name continues it to the right, after a mixed-case name or
        # a code or across a number (iPhone Pro, Galaxy S24 Ultra, iPhone 15 Pro); after a
        # plain brand a capitalised word is as often Uzbek (Payme Savdo, Google Tarjimon).
        model = by < index - 1 or _model_name(words[by].text)
        if by < index and model and self._foreign_name(word, text, lower, link):
            return FOREIGN_NAME
        return None

    def _joins_capitals(
        self, words: Sequence[ContextWord], index: int, by: int, lower: str
    ) -> str | None:
        """A short run of capitals no list knows joins capitals or a code next to it (the
        MHL of "USB-C, MHL"), not a name in small letters: beside YouTube or Instagram it is
        more likely an Uzbek abbreviation the list lacks (FVV). Inside a headline in
        capitals (a longer word in capitals on its other side: USB KABEL NARXI) it is a
        word."""
        word, neighbour = words[index], words[by].text
        letters = sum(c.isalpha() for c in lower)
        if letters > CONTEXT_CAPITALS or word.native or self.is_uzbek(lower):
            return None
        # A single capital too: the C of USB-C is the word's last part.
        if not (_capitals(neighbour, 1) or any(c.isdigit() for c in neighbour)):
            return None
        for other, _link in self._neighbours(words, index):
            text = words[other].text
            if other != by and _capitals(text, CONTEXT_CAPITALS + 1) and not words[other].kept:
                return None  # beside a longer word in capitals: a headline
        return ALL_CAPS

    def _joins_compound(
        self, words: Sequence[ContextWord], index: int, by: int, lower: str
    ) -> str | None:
        """A part of a hyphenated word next to a foreign part: a suffix chain at the end goes
        with the word before it (Wi-Fi-ga, as Googlega stays whole); a part of two letters
        (the Fi of Wi-Fi), an English word (router) or a capitalised name (Walkie-Talkie)
        joins; a word in small letters that no list knows is Uzbek (Web-sahifa)."""
        word = words[index]
        last = index + 1 == len(words) or words[index + 1].link != HYPHEN
        before = normalise(words[by].text).lower()
        if by == index - 1 and last and self._suffix_part(word.text, lower, before):
            return COMPOUND
        set_off = _SET_OFF_SUFFIX.fullmatch(lower) if last else None
        if set_off is not None and self.grammar.is_chain(set_off[2], set_off[1][-2:]):
            lower = set_off[1]  # Wi-Fi'dan: the part is Fi, its suffix set off
        if sum(c.isalpha() for c in lower) <= SHORT_PART:
            return COMPOUND
        if word.native or self.is_uzbek(lower) or self._uzbek_shaped(lower):
            return None
        return COMPOUND if self._english_word(lower) or not word.text.islower() else None

    def _suffix_part(self, text: str, lower: str, before: str) -> bool:
        """The last part of a hyphenated word that is a short suffix chain (ga, dan, larni):
        the grammar also reads long Uzbek words as chains (korxonalar), so a part longer
        than a chain of suffixes, or a known Uzbek word past the shortest ones, is none."""
        if not text.islower() or len(lower) > MAX_SUFFIX_PART:
            return False
        if len(lower) > SHORT_SUFFIX and self.is_uzbek(lower):
            return False
        return self.grammar.is_chain(lower, before[-2:])

    def _joins_english(self, words: Sequence[ContextWord], index: int, by: int) -> str | None:
        """An English word joins a kept neighbour written as it is (a phrase keeps one case):
        capitalised, next to a name (the Max of "Pro Max", Air, the Open of "Open
        Contracting"); in small letters, next to a word in small letters (hello world); in
        capitals, next to capitals. The Uzbek lists have some English words too (super,
        demo, ammo): those join only as a capitalised word inside a sentence."""
        word, neighbour = words[index], words[by].text
        text = word.text
        known = self.is_uzbek(normalise(text).lower())
        if text[:1].isupper() and text[1:].islower():
            return (
                ENGLISH_WORD
                if _name_like(neighbour) and not (known and word.sentence_start)
                else None
            )
        if text.islower():
            return ENGLISH_WORD if neighbour.islower() and not known else None
        return ENGLISH_WORD if _capitals(neighbour) and not known else None

    def _foreign_name(self, word: ContextWord, text: str, lower: str, link: str) -> bool:
        """A capitalised word no list knows, inside a sentence, tied by a space, that does
        not look Uzbek: the next word of a name (the Pro of "iPhone 15 Pro", Pixel)."""
        if link != SPACE or word.sentence_start or word.native:
            return False
        if not (text[:1].isupper() and text[1:].islower()) or len(lower) > MODEL_LETTERS:
            return False
        if lower in self.model_words:
            return True  # Pro, Max: a product line, whatever the Uzbek lists hold
        return not (self.is_uzbek(lower) or self._uzbek_shaped(lower))

    def classify_in_context(self, words: Sequence[str], index: int) -> str | None:
        """Like :meth:`classify`, and the decision of :meth:`in_context` for a word of a
        sentence given as words alone (numbers included, punctuation left out), each tied
        to the next by a space, the words kept alone being those :data:`KEPT_ALONE` names."""
        own = self.classify(words[index])
        if own is not None:
            return own
        context = [
            ContextWord(word, self.classify(word) in KEPT_ALONE, SPACE if at else "", at == 0)
            for at, word in enumerate(words)
        ]
        joined = self.in_context(context)[index]
        return joined.reason if joined is not None else None


def _capitals(text: str, least: int = 2) -> bool:
    """At least ``least`` letters, all capitals (USB, MHL; digits aside: S24)."""
    letters = [c for c in text if c.isalpha() and c not in "ʻʼ"]
    return len(letters) >= least and all(c.isupper() for c in letters)


def _model_name(text: str) -> bool:
    """A name a model name may follow: mixed case or a code (iPhone, S24, ChatGPT, 5G)."""
    return any(c.isdigit() for c in text) or any(
        a.islower() and b.isupper() for a, b in itertools.pairwise(text)
    )


def _name_like(text: str) -> bool:
    """A word that can start a name another capitalised word continues: a capital or a
    digit in it (iPhone, Google, S24), not a word in small letters."""
    return any(c.isupper() or c.isdigit() for c in text)


@cache
def default_language() -> Language:
    """The built-in lists, read on first use (about 10 ms), then shared."""
    return Language.load()
