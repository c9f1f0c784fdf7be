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
- ``brands.tsv``: a small curated table of brands no other test catches (Google, Yandex).

The module knows no particular word; it only reads those files, once, on first use
(:func:`default_language`), so a conversion that never asks costs nothing at start-up. Every
answer is a pure function of the token and the data; :meth:`Language.classify` gives a short
reason (``"code"``, ``"mixed-case"``, ``"all-caps"``, ``"english"``, ``"brand"``,
``"letters"``) when the token should be kept, or None when it is Uzbek and converts.
:meth:`Language.classify_in_context` adds one decision that needs the neighbours: a
capitalised word next to a mixed-case name, a brand or a code joins it (``"foreign-name"``),
unless it is a known or Uzbek-shaped word ("iPhone 15 Pro" but "Toshkent Windows shahri").
"""

from __future__ import annotations

import itertools
import re
import string
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from yozuv.errors import SchemeError

if TYPE_CHECKING:
    from yozuv.lexicon import SuffixGrammar

ENGLISH = "english.txt"
UZBEK = "uzbek.txt"
ABBREVIATIONS = "abbreviations.tsv"
DIGRAPHS = "digraphs.txt"
BRANDS = "brands.tsv"
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
FOREIGN_NAME = "foreign-name"
# Neighbours whose reason lets a capitalised word join them as part of one foreign name.
# Only names that are foreign beyond doubt: an English word is not enough, since "Toshkent
# Windows shahri" must convert Toshkent, and the Uzbek list cannot know every Uzbek name.
NAME_REASONS = frozenset({MIXED_CASE, BRAND, CODE})

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
_POSSESSIVE = re.compile(r"(.+)['’]s")


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


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{path}: cannot read language data ({exc})") from exc


def _body(text: str) -> str:
    """A list file's text after its leading ``#`` comment lines."""
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return text[start:]


def _read_words(path: Path) -> list[str]:
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


def _read_first_column(path: Path) -> list[str]:
    lines = _read_text(path).splitlines()
    return [line.split("\t", 1)[0] for line in lines[1:] if line and not line.startswith("#")]


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
    ) -> None:
        """``english`` and ``uzbek`` are sorted, unique, lower-case lists (as the files are;
        ``uzbek`` may be a file's text, split on first use);
        ``alphabet`` is every letter an Uzbek word has once ``ch`` is taken out (computed
        from ``uzbek`` when not given)."""
        self.english = _SortedWords(english)
        self.uzbek = _SortedWords(uzbek)
        self.abbreviations = frozenset(normalise(a).upper() for a in abbreviations)
        self.digraphs = tuple(sorted({normalise(d) for d in digraphs}, key=len, reverse=True))
        self.brands = frozenset(normalise(b).lower() for b in brands)
        self.grammar = grammar
        if alphabet is None:
            alphabet = _alphabet(uzbek if isinstance(uzbek, str) else "\n".join(uzbek))
        self.alphabet = alphabet
        self._memo: dict[str, str | None] = {}

    @classmethod
    def load(
        cls, directory: Path | None = None, *, grammar: SuffixGrammar | None = None
    ) -> Language:
        """Read the lists from ``directory`` (default: the built-in ``mappings/lexicon``).

        ``grammar``: the suffix grammar of a lexicon already loaded (the engine's), so it is
        not read twice; by default ``suffixes.tsv`` of the same folder.
        """
        from yozuv.lexicon import SuffixGrammar, read_suffix_file
        from yozuv.names import mappings_dir

        folder = directory if directory is not None else mappings_dir() / "lexicon"
        if grammar is None:
            grammar = SuffixGrammar(read_suffix_file(folder / SUFFIXES), "l2c")
        uzbek_text = _read_text(folder / UZBEK)
        return cls(
            _read_words(folder / ENGLISH),
            uzbek_text,
            _read_first_column(folder / ABBREVIATIONS),
            _read_words(folder / DIGRAPHS),
            _read_first_column(folder / BRANDS),
            grammar,
            alphabet=_alphabet(uzbek_text),
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
        letters = [c for c in token if c.isalpha() and c not in "ʻʼ"]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return self._capitals(token)
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
            return None
        # BMTga: capitals + a lower-case suffix chain is the capitals' decision.
        for size in range(len(token) - 1, 1, -1):
            head, tail = token[:size], token[size:]
            if (
                tail.islower()
                and all(c.isupper() for c in head if c.isalpha())
                and self.grammar.is_chain(tail, head[-2:].lower())
            ):
                return self._capitals(head)
        return MIXED_CASE

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

    # -- a token among its neighbours ----------------------------------------------------

    def classify_in_context(self, words: Sequence[str], index: int) -> str | None:
        """Like :meth:`classify`, and a capitalised word next to a kept foreign name joins it
        (``"foreign-name"``: the Acme of "Acme Corporation", the Pro of "iPhone 15 Pro"),
        unless it is a known Uzbek word (Toshkent in "Toshkent Windows shahri").

        ``words`` are the words of one sentence in order (numbers included; punctuation left
        out); a number between two words does not separate them.
        """
        token = words[index]
        own = self.classify(token)
        if own is not None or not token[:1].isupper() or not token[1:].islower():
            return own
        lower = normalise(token).lower()
        if self.is_uzbek(lower) or self._uzbek_shaped(lower):
            return None
        for step in (-1, 1):
            at = index + step
            while 0 <= at < len(words) and words[at].isdigit():
                at += step
            if 0 <= at < len(words) and self.classify(words[at]) in NAME_REASONS:
                return FOREIGN_NAME
        return None


@cache
def default_language() -> Language:
    """The built-in lists, read on first use (about 10 ms), then shared."""
    return Language.load()
