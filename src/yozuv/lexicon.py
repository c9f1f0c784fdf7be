"""Stem + suffix lookup for the words that rules cannot decide.

Why a lexicon: Latin drops information that Cyrillic writes (ь, ъ, ц, ё after a consonant,
э after a consonant), so ``oktabr`` cannot become ``октябрь`` by rule. The engine asks this
module on every cache miss; a hit replaces the rule output for the stem it covers, and the
engine converts the rest of the word (the Uzbek suffixes) by rule.

Why stems with suffix chains instead of a list of word forms: Uzbek is agglutinative, so one
stem has dozens of forms (``oktabrda``, ``oktabrdan``, ``oktabrdagi`` ...). An entry of kind
``stem`` matches the bare stem, or the stem followed by a chain of suffixes from the suffix
inventory, and nothing else, so ``film`` does not match inside ``filmoteka``. An entry of kind
``word`` matches only the whole word. When several stems fit, the longest wins.

Data format (UTF-8 TSV with a header row), one entry per line::

    latin  cyrillic  kind  rule  direction  source  before_suffix

``direction`` is ``both``, ``l2c`` or ``c2l`` (which converter uses the row). ``before_suffix``
is the Cyrillic stem as real text writes it before a suffix when that differs from the base
form (``октябрь`` but ``октябрда``). The suffix inventory is a TSV with the header
``latin  cyrillic  class  after  note``; see ``mappings/lexicon/README.md``.

Everything here works on lower-case, normalised words (Latin with U+02BB/U+02BC); case is the
engine's job.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from yozuv.errors import SchemeError
from yozuv.names import data_label, is_file_path, read_data_text
from yozuv.records import Record

if TYPE_CHECKING:
    from yozuv.names import DataPath
    from yozuv.scheme import Scheme

Direction = Literal["l2c", "c2l"]

LEXICON_COLUMNS = ("latin", "cyrillic", "kind", "rule", "direction", "source", "before_suffix")
SUFFIX_COLUMNS = ("latin", "cyrillic", "class", "after", "note")
KINDS = frozenset({"word", "stem"})
DIRECTIONS = frozenset({"both", "l2c", "c2l"})

# Suffix classes and which class may follow which. A chain starts right after the stem.
# "noun" suffixes (plural, possessive, case, -lik, -chi, particles ...) may follow a stem or
# each other; a "verbaliser" (-la, -lash, -lan, -tir ...) turns the stem itself into a verb; a
# "verb" ending (-ish, -gan, -di ...) may only follow a verbaliser or another verb ending, so a
# noun stem such as ``mer`` does not match the native ``mergan`` (mer + ga + n is no chain).
# A "voice" suffix (passive -il/-in/-n, causative -tir) only follows a verbaliser, so the stem
# ``gers`` does not match the name ``Gersin``.
# A "prefix" row (foto-, aero-, mikro- ...) is a loan prefix that may stand before a stem entry,
# so фотосъёмка and микрорайон need no entries of their own.
SUFFIX_CLASSES = frozenset({"noun", "verbaliser", "voice", "verb", "prefix"})
MAX_PREFIXES = 2  # aero + foto + syomka
CHAIN_MEMO_LIMIT = 65_536
MIN_PREFIXED_STEM = 4  # a short stem behind a prefix (elektro + mer) is more likely a coincidence
_FOLLOWS: dict[str, frozenset[str]] = {
    "stem": frozenset({"noun", "verbaliser"}),
    "noun": frozenset({"noun"}),
    "verbaliser": frozenset({"verbaliser", "voice", "verb"}),
    "voice": frozenset({"voice", "verb"}),
    "verb": frozenset({"verb", "noun"}),
}
# Allomorph conditions: what the letter before the suffix must be: anything (""), a vowel,
# a consonant, or one letter (written as the scheme's letters are: ``k`` for -ka after k).
# What a vowel is, and which signs (ь ъ) are skipped to find that letter, is the scheme's
# ``[classes]`` vowel and sign (see load_lexicon).
CLASS_CONDITIONS = frozenset({"", "vowel", "consonant"})


class LexiconMatch(Record):
    """A lexicon hit: the first ``stem_length`` characters of the word become ``output``."""

    stem_length: int  # how many chars of the (lowercased, normalised) input word the entry covers
    output: str  # target-script form of that stem, already the form to use before what follows
    rule: str  # SPEC class id such as "L41" / "C70"
    source: str  # where the entry comes from


class LexiconEntry(Record):
    """One row of a lexicon file, as read (both scripts, lower case)."""

    latin: str
    cyrillic: str
    kind: str
    rule: str
    direction: str
    source: str
    before_suffix: str = ""


class Suffix(Record):
    """One suffix of the inventory, in both scripts."""

    latin: str
    cyrillic: str
    klass: str
    after: str = ""


class _Target(Record):
    """What a key of the lookup tables turns into."""

    output: str  # output for the whole word (base form)
    before_suffix: str  # output when a suffix follows
    rule: str
    source: str


# A lexicon file larger than this is refused: the built-in ones are well under 1 MB, and a
# scheme naming /dev/zero or a huge file must not fill the memory.
MAX_DATA_BYTES = 64 * 1024 * 1024


def _check_data_file(path: str | os.PathLike[str], name: str) -> None:
    """A regular file of sane size (not a device, a pipe or a folder)."""
    import stat

    try:
        info = os.stat(path)
    except OSError as exc:
        raise SchemeError(f"{name}: cannot read lexicon data ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise SchemeError(f"{name}: lexicon data must be a regular file")
    if info.st_size > MAX_DATA_BYTES:
        raise SchemeError(
            f"{name}: lexicon data of {info.st_size} bytes is over the limit of"
            f" {MAX_DATA_BYTES} bytes"
        )


def _read_tsv(path: DataPath, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row; errors name the file and line."""
    name = data_label(path)
    if is_file_path(path):
        _check_data_file(path, name)
    try:
        text = read_data_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{name}: cannot read lexicon data ({exc})") from exc
    lines = text.splitlines()
    if not lines:
        raise SchemeError(f"{name}: empty file (expected a header row)")
    header = lines[0].lstrip("\ufeff").split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise SchemeError(f"{name}: line 1: header lacks column(s) {', '.join(missing)}")
    import csv  # imported when a lexicon is read, not with the module

    reader = csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE)
    for offset, cells in enumerate(reader):
        number = offset + 2
        if not cells or (len(cells) == 1 and not cells[0].strip()) or cells[0].startswith("#"):
            continue
        if len(cells) > len(header):
            raise SchemeError(
                f"{name}: line {number}: {len(cells)} fields, header has {len(header)}"
            )
        padded = cells + [""] * (len(header) - len(cells))
        yield number, {key: value.strip() for key, value in zip(header, padded, strict=True)}


def read_lexicon_file(path: DataPath) -> list[LexiconEntry]:
    """Parse and check one lexicon TSV file (see the module docstring for the columns)."""
    name = data_label(path)
    entries: list[LexiconEntry] = []
    for number, row in _read_tsv(path, LEXICON_COLUMNS):
        where = f"{name}: line {number}"
        latin, cyrillic = row["latin"], row["cyrillic"]
        if not latin or not cyrillic:
            raise SchemeError(f"{where}: latin and cyrillic must both be filled")
        if latin != latin.lower() or cyrillic != cyrillic.lower():
            raise SchemeError(f"{where}: entries are lower case ({latin!r} / {cyrillic!r})")
        if row["kind"] not in KINDS:
            raise SchemeError(f"{where}: kind {row['kind']!r} is not one of word, stem")
        if row["direction"] not in DIRECTIONS:
            raise SchemeError(
                f"{where}: direction {row['direction']!r} is not one of both, l2c, c2l"
            )
        if not row["rule"] or not row["source"]:
            raise SchemeError(f"{where}: rule and source must be filled")
        before = row["before_suffix"]
        if before and row["kind"] != "stem":
            raise SchemeError(f"{where}: before_suffix only makes sense for kind=stem")
        entries.append(
            LexiconEntry(
                latin, cyrillic, row["kind"], row["rule"], row["direction"], row["source"], before
            )
        )
    return entries


def read_suffix_file(path: DataPath, letters: Collection[str] | None = None) -> list[Suffix]:
    """Parse and check the suffix inventory.

    An ``after`` condition is "", ``vowel``, ``consonant`` or one letter: one of ``letters``
    (the scheme's, see :func:`scheme_letters`), or any letter when none are given.
    """
    name = data_label(path)
    suffixes: list[Suffix] = []
    for number, row in _read_tsv(path, SUFFIX_COLUMNS):
        where = f"{name}: line {number}"
        if not row["latin"] or not row["cyrillic"]:
            raise SchemeError(f"{where}: latin and cyrillic must both be filled")
        if row["class"] not in SUFFIX_CLASSES:
            raise SchemeError(
                f"{where}: class {row['class']!r} is not one of {sorted(SUFFIX_CLASSES)}"
            )
        after = row["after"]
        if after not in CLASS_CONDITIONS and not (
            len(after) == 1 and (after in letters if letters is not None else after.isalpha())
        ):
            raise SchemeError(
                f"{where}: after {after!r} is not one of {sorted(CLASS_CONDITIONS)}"
                " or a letter of the scheme"
            )
        suffixes.append(Suffix(row["latin"], row["cyrillic"], row["class"], row["after"]))
    return suffixes


class SuffixLetters(Record):
    """What the suffix grammar needs to know of a script: its vowels (the scheme's ``vowel``
    class, ``oʻ`` included) and the signs skipped before a suffix (its ``sign`` class)."""

    vowels: frozenset[str]  # single-letter vowels
    long_vowels: tuple[str, ...]  # vowels of more than one character (oʻ), longest first
    signs: str

    @classmethod
    def of(cls, vowels: Iterable[str], signs: Iterable[str] = ()) -> SuffixLetters:
        members = set(vowels)
        return cls(
            frozenset(v for v in members if len(v) == 1),
            tuple(sorted((v for v in members if len(v) > 1), key=lambda v: (-len(v), v))),
            "".join(signs),
        )

    def letter_class(self, text: str) -> str:
        """``vowel`` if ``text`` ends in a vowel (signs skipped), else its last letter."""
        stripped = text.rstrip(self.signs) if self.signs else text
        if any(stripped.endswith(v) for v in self.long_vowels):
            return "vowel"
        last = stripped[-1:]
        return "vowel" if last in self.vowels else last


def _builtin_letters(direction: Direction) -> SuffixLetters:
    """The vowels and signs of the built-in table of ``direction`` (for callers that name no
    scheme, such as the lexicon builders in ``scripts/``)."""
    from yozuv.registry import find_chain

    source, target = ("latin", "cyrillic") if direction == "l2c" else ("cyrillic", "latin")
    (scheme,) = find_chain(source, target)
    return SuffixLetters.of(scheme.classes.get("vowel", ()), scheme.classes.get("sign", ()))


def _fits_after(condition: str, letter: str) -> bool:
    if condition == "":
        return True
    if condition == "vowel":
        return letter == "vowel"
    if condition == "consonant":
        return letter not in ("vowel", "")
    return letter == condition


class SuffixGrammar:
    """Decides whether a string is a valid chain of suffixes (script chosen by direction)."""

    def __init__(
        self,
        suffixes: Iterable[Suffix],
        direction: Direction,
        *,
        vowels: Iterable[str] | None = None,
        signs: Iterable[str] = (),
    ) -> None:
        """``vowels`` and ``signs``: the scheme's classes; without ``vowels``, those of the
        built-in table of ``direction``."""
        self.direction = direction
        self.letters = (
            _builtin_letters(direction) if vowels is None else SuffixLetters.of(vowels, signs)
        )
        by_first: dict[str, list[tuple[str, str, str]]] = {}
        prefixes: dict[str, list[tuple[str, str]]] = {}
        for suffix in suffixes:
            form = suffix.cyrillic if direction == "c2l" else suffix.latin
            if suffix.klass == "prefix":
                output = suffix.latin if direction == "c2l" else suffix.cyrillic
                prefixes.setdefault(form[0], []).append((form, output))
                continue
            by_first.setdefault(form[0], []).append((form, suffix.klass, suffix.after))
        self.prefixes = {
            k: tuple(sorted(set(v), key=lambda p: (-len(p[0]), p))) for k, v in prefixes.items()
        }
        self._by_first = {
            k: tuple(sorted(set(v), key=lambda s: (-len(s[0]), s))) for k, v in by_first.items()
        }
        # A plain dict memo (not functools.lru_cache), so the grammar pickles with a converter
        # sent to another process; bounded by clearing, which only costs recomputation.
        self._chains: dict[tuple[str, str, str], bool] = {}

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_chains"] = {}
        return state

    def is_chain(self, rest: str, before: str, state: str = "stem") -> bool:
        """True if ``rest`` is empty or a valid chain after a part ending in ``before``."""
        if not rest:
            return True
        key = (rest, before, state)
        known = self._chains.get(key)
        if known is None:
            if len(self._chains) >= CHAIN_MEMO_LIMIT:
                self._chains.clear()
            known = self._chains[key] = self._is_chain(rest, before, state)
        return known

    def _is_chain(self, rest: str, before: str, state: str) -> bool:
        allowed = _FOLLOWS[state]
        letter = self.letters.letter_class(before)
        for form, klass, after in self._by_first.get(rest[0], ()):
            if (
                klass in allowed
                and rest.startswith(form)
                and _fits_after(after, letter)
                and self.is_chain(rest[len(form) :], before[-2:] + form, klass)
            ):
                return True
        return False

    def split(self, rest: str, before: str, state: str = "stem") -> list[str] | None:
        """One way of cutting ``rest`` into suffixes (forms in this grammar's script), or None."""
        if not rest:
            return []
        allowed = _FOLLOWS[state]
        letter = self.letters.letter_class(before)
        for form, klass, after in self._by_first.get(rest[0], ()):
            if klass in allowed and rest.startswith(form) and _fits_after(after, letter):
                tail = self.split(rest[len(form) :], before[-2:] + form, klass)
                if tail is not None:
                    return [form, *tail]
        return None


class Lexicon:
    """Longest-stem lookup over whole-word and stem entries for one direction."""

    def __init__(
        self,
        words: dict[str, _Target],
        stems: dict[str, _Target],
        grammar: SuffixGrammar,
        direction: Direction,
    ) -> None:
        self.direction = direction
        self.grammar = grammar
        self._words = words
        self._stems = stems
        self._stem_lengths = tuple(sorted({len(k) for k in stems}, reverse=True))

    def __len__(self) -> int:
        return len(self._words) + len(self._stems)

    def candidate_keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every key a lookup can start with, and the loan prefixes that may stand before one.

        A word that is none of ``prefix{0,2} + key + anything`` cannot hit, so the engine's
        fast path sends only the words that are to the full lookup.
        """
        prefixes = {form for forms in self.grammar.prefixes.values() for form, _ in forms}
        return frozenset(self._words) | frozenset(self._stems), frozenset(prefixes)

    @classmethod
    def load(
        cls,
        paths: Sequence[DataPath],
        *,
        direction: Literal["l2c", "c2l"],
        suffixes_path: DataPath,
        vowels: Iterable[str] | None = None,
        signs: Iterable[str] = (),
        letters: Collection[str] | None = None,
    ) -> Lexicon:
        """Read lexicon files (later files override earlier ones key by key) and the suffixes.

        Only rows whose direction is ``both`` or ``direction`` are kept. For ``l2c`` the key is
        the Latin column; for ``c2l`` it is the Cyrillic column, and a ``before_suffix`` form is
        a second key, so both ``октябрь`` and ``октябрда`` lead to ``oktabr``. ``vowels``,
        ``signs`` and ``letters`` are the scheme's (see :func:`load_lexicon`).
        """
        if direction not in ("l2c", "c2l"):
            raise SchemeError(f"lexicon direction {direction!r} is not l2c or c2l")
        grammar = SuffixGrammar(
            read_suffix_file(suffixes_path, letters), direction, vowels=vowels, signs=signs
        )
        words: dict[str, _Target] = {}
        stems: dict[str, _Target] = {}
        for path in paths:
            for entry in read_lexicon_file(path):
                if entry.direction not in ("both", direction):
                    continue
                table = stems if entry.kind == "stem" else words
                if direction == "l2c":
                    target = _Target(
                        entry.cyrillic,
                        entry.before_suffix or entry.cyrillic,
                        entry.rule,
                        entry.source,
                    )
                    table[entry.latin] = target
                else:
                    target = _Target(entry.latin, entry.latin, entry.rule, entry.source)
                    table[entry.cyrillic] = target
                    if entry.before_suffix:
                        table[entry.before_suffix] = target
        return cls(words, stems, grammar, direction)

    def lookup(self, word: str) -> LexiconMatch | None:
        """The entry for ``word`` (lower case): a whole-word entry, else the longest stem, else a
        stem entry behind up to two loan prefixes (фото+съёмка)."""
        target = self._words.get(word)
        if target is not None:
            return LexiconMatch(len(word), target.output, target.rule, target.source)
        return self._stem_lookup(word) or self._prefixed_lookup(word, MAX_PREFIXES)

    def _stem_lookup(self, word: str) -> LexiconMatch | None:
        size = len(word)
        for length in self._stem_lengths:
            if length > size:
                continue
            key = word[:length]
            target = self._stems.get(key)
            if target is None:
                continue
            if length == size:
                return LexiconMatch(length, target.output, target.rule, target.source)
            if self.grammar.is_chain(word[length:], key[-2:]):
                return LexiconMatch(length, target.before_suffix, target.rule, target.source)
        return None

    def _prefixed_lookup(self, word: str, depth: int) -> LexiconMatch | None:
        if depth == 0 or not word:
            return None
        for form, output in self.grammar.prefixes.get(word[0], ()):
            if len(word) <= len(form) or not word.startswith(form):
                continue
            rest = word[len(form) :]
            hit = self._stem_lookup(rest) or self._prefixed_lookup(rest, depth - 1)
            if hit is not None and hit.stem_length >= MIN_PREFIXED_STEM:
                return LexiconMatch(
                    len(form) + hit.stem_length, output + hit.output, hit.rule, hit.source
                )
        return None


def load_lexicon(scheme: Scheme) -> Lexicon | None:
    """The lexicon a scheme names (``[lexicon] files``), or None when it has none or it is off."""
    if not scheme.lexicon_files or not scheme.lexicon_enabled:
        return None
    if scheme.lexicon_suffixes is None:
        name = os.path.basename(scheme.path)
        raise SchemeError(f"{name}: lexicon.suffixes: required with lexicon.files")
    if not scheme.classes.get("vowel"):
        name = os.path.basename(scheme.path)
        raise SchemeError(f"{name}: classes.vowel: the lexicon's suffix grammar needs it")
    direction: Literal["l2c", "c2l"] = "c2l" if scheme.source == "cyrillic" else "l2c"
    return Lexicon.load(
        scheme.lexicon_files,
        direction=direction,
        suffixes_path=scheme.lexicon_suffixes,
        vowels=scheme.classes.get("vowel", ()),
        signs=scheme.classes.get("sign", ()),
        letters=scheme_letters(scheme),
    )


def scheme_letters(scheme: Scheme) -> frozenset[str]:
    """Every lower-case letter the scheme reads or writes (``[letters]`` keys and values):
    what a suffix's ``after`` condition may name."""
    return frozenset(
        ch for pair in scheme.letters.items() for text in pair for ch in text if ch.isalpha()
    )
