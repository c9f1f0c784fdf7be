"""Regenerate ``mappings/lexicon/generated.tsv`` from a real Uzbek Cyrillic word list.

Why: Latin -> Cyrillic loses letters (ь ъ ц э, ё after a consonant) that only a list of real
Cyrillic spellings can give back. The method, step by step:

1. Read the word list (default: the Apache-2.0 list extracted from Debian's
   ``tesseract-ocr-uzb-cyrl``, see ``scripts/data/tesseract-uzb-cyrl/NOTICE``), keep clean
   lower-case words, and split it into a *build* part and a *held-out* part (~20 %). The split
   hashes the first six letters, so the inflected forms of one stem land in the same part and
   the held-out round trip (``scripts/roundtrip.py``) measures words the lexicon never saw.
2. For each build word: Cyrillic -> Latin with the engine, then Latin -> Cyrillic with the rules
   only. Words the rules give back need nothing.
3. Each failure is classified by how the rule output differs from the real spelling. Only the
   classes a lexicon should fix (ц for s, ъ, э after a consonant, й before a vowel, ь kept by
   real text ...) go on; differences that come from the list itself (it has no letter ь at all,
   it writes ц for a t+s boundary, it spells -кция as -ксия) are noise, counted and dropped.
4. Inflected forms are reduced to stems: a stem is kept when it explains several forms by the
   suffix grammar of ``mappings/lexicon/suffixes.tsv``; conflicting spellings of a stem are
   decided by how many forms support each.
5. Failures the curated file (``curated.tsv``) already fixes are skipped; the candidate
   lexicon is then run through the real engine (rules + curated + candidates, curated winning)
   over the whole build part, and an entry that breaks more build words than it fixes is
   dropped.

Usage: ``python scripts/build_lexicon.py [--words FILE] [--out FILE] [--check]``.
``--check`` rebuilds in memory and fails (exit 1) if the committed file differs.
The output is sorted and deterministic: the same list and the same rules give the same bytes.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = ROOT / "mappings" / "lexicon"
DEFAULT_WORDS = ROOT / "scripts" / "data" / "tesseract-uzb-cyrl" / "words.txt"
DEFAULT_OUT = LEXICON_DIR / "generated.tsv"
SUFFIXES = LEXICON_DIR / "suffixes.tsv"
CURATED = LEXICON_DIR / "curated.tsv"
SOURCE_NAME = "tesseract-ocr-uzb-cyrl 1:4.1.0-2 word list (Apache-2.0)"

HEADER = ("latin", "cyrillic", "kind", "rule", "direction", "source", "before_suffix")
UZBEK_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ")
RUSSIAN_ONLY = frozenset("щы")
CONSONANTS = frozenset("бвгджзйклмнпрстфхцчшқғҳ")
NATIVE_LETTERS = frozenset("ўқғҳ")  # letters Russian loans never have
LATIN_VOWEL_LETTERS = frozenset("aeiou")
HELD_OUT_SHARE = 5  # one bucket in five: ~20 %
GROUP_PREFIX = 6  # letters that decide the part: inflected forms of a stem stay together
MIN_STEM = 4  # shorter generated stems would match inside too many unrelated words
MIN_SUPPORT = 2  # forms a generated stem must explain (one form alone may be a typo)

# How the rule output differs from the real spelling -> class. Keys: (real, rules) fragments.
# Classes starting with "L" are lexicon work; those starting with "list:" are noise in the
# source (kept out of the lexicon); "rule:" means the rule table is the better place.
_DIFF_CLASSES: dict[tuple[str, str], str] = {
    ("ц", "с"): "L40",
    ("ц", "тс"): "list:ц-for-тс",
    ("цҳ", "тш"): "list:ц-for-тс",  # санъацҳунос: the list's converter read t+sh as ts+h
    ("с", "ц"): "list:с-for-ц",
    ("кс", "кц"): "list:с-for-ц",
    ("ъ", "ь"): "L42",
    ("ъ", ""): "L46",
    ("", "ъ"): "rule:ъ",
    ("э", "е"): "L47",
    ("е", "э"): "rule:е-э",
    ("й", ""): "L45",
    ("йо", "ё"): "L45",
    ("йе", "е"): "L45",
    ("ё", "о"): "L44",
    ("ю", "у"): "L44",
    ("я", "а"): "L44",
    ("", "ь"): "list:no-ь",
    ("ь", ""): "L41",
    ("ьо", "ё"): "L43",
    ("ё", "ьо"): "rule:L17",
    ("ёъ", "йў"): "list:ёъ-for-йў",
    ("цҳ", "ш"): "list:broken",
    ("", "й"): "c2l:C72-izofa",
    ("ья", "я"): "L43",
    ("ью", "ю"): "L43",
}


@dataclass(frozen=True)
class Entry:
    """One generated lexicon row."""

    latin: str
    cyrillic: str
    kind: str
    rule: str
    support: int = 0

    def row(self) -> str:
        return "\t".join((self.latin, self.cyrillic, self.kind, self.rule, "l2c", SOURCE_NAME, ""))


@dataclass
class BuildReport:
    """Figures the README quotes; printed by ``--report``."""

    words: int = 0
    build: int = 0
    held_out: int = 0
    recovered_by_rules: int = 0
    failures_by_class: Counter[str] = field(default_factory=Counter)
    entries_by_class: Counter[str] = field(default_factory=Counter)
    dropped_entries: int = 0
    fixed_by_curated: int = 0
    weak_stems: int = 0


def clean_words(lines: Iterable[str]) -> list[str]:
    """Lower-case, de-duplicated, sorted words made only of Uzbek Cyrillic letters.

    Drops tokens with digits, dots, hyphens or brackets (abbreviations and broken hyphenation
    such as ``Аф-ғонистон``), single letters, and words with щ or ы, which the Uzbek Cyrillic
    alphabet does not have (they mark Russian-only words).
    """
    words: set[str] = set()
    for line in lines:
        word = line.strip().lower()
        if len(word) < 2 or not set(word) <= UZBEK_CYRILLIC or set(word) & RUSSIAN_ONLY:
            continue
        words.add(word)
    return sorted(words)


def read_word_list(path: Path) -> list[str]:
    return clean_words(path.read_text(encoding="utf-8").splitlines())


def is_held_out(word: str) -> bool:
    """Deterministic part of a word: a hash of its first letters (stable across runs/OSes)."""
    key = word.lower()[:GROUP_PREFIX].encode("utf-8")
    return int(hashlib.sha256(key).hexdigest()[:8], 16) % HELD_OUT_SHARE == 0


def split_words(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """(build, held_out), each in the order given."""
    build = [w for w in words if not is_held_out(w)]
    held = [w for w in words if is_held_out(w)]
    return build, held


# ц that stands for a t-final stem + an s-suffix (адолациз = адолатсиз, айца = айтса): the
# list's source converter wrote every Latin "ts" as ц.
_TS_SUFFIX = re.compile(
    r"ц(?:из|а|ак|ам|анг|ангиз|ин|инлар)(?:лик|лар|ларча|ни|га|ка|да|дан|нинг|ми)*$"
)
# Loans where the list's ц is right and the L20 boundary rule wrongly gives тс (классицизм,
# стрептомицин, Голицин): ц after и/о before -изм or -ин.
_TS_LOAN = re.compile(r"[ио]ц(?:изм|ин)")
_LATIN_LETTER = re.compile(r"[a-z]")


def _refine(klass: str | None, real: str, position: int) -> str | None:
    """Context-dependent corrections of the plain fragment lookup."""
    if klass in ("L40", "list:ц-for-тс"):
        if klass == "list:ц-for-тс" and _TS_LOAN.match(real, max(position - 1, 0)):
            return "rule:L20"
        if _TS_SUFFIX.match(real, position):
            return "list:ц-for-тс"
    if klass == "L40":
        if real[position - 1 : position] == "л":
            return "list:no-ь"  # лц: the norm writes льц (кальций, кальцит), the list cannot
        if set(real) & NATIVE_LETTERS:
            return "list:ц-in-native-word"  # гўшцут: a native t+s written ц
        following = real[position + 1 : position + 2]
        if following in CONSONANTS and following != "в":
            return "list:broken"  # цд, цл, цс ...: not a Russian or Uzbek cluster
    if klass == "L46" and real[position - 1 : position] != "ў":
        return "L42"
    if klass == "rule:ъ" and real[position - 1 : position] == "ў":
        return "list:no-ъ-after-ў"
    return klass


def classify(real: str, produced: str) -> str:
    """The class of the difference between the real spelling and the produced one.

    A word with several differences gets the first noise class if any (a lexicon entry built
    from it would copy the noise), else the class of its first difference.
    """
    if real == produced:
        return "ok"
    if _LATIN_LETTER.search(produced):
        return "rule:X03b-passed-through"
    matcher = difflib.SequenceMatcher(None, real, produced, autojunk=False)
    classes: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a, b = real[i1:i2], produced[j1:j2]
        klass = _DIFF_CLASSES.get((a, b))
        if klass is None and a.replace("ь", "") == b.replace("ь", ""):
            klass = "list:no-ь" if b.count("ь") > a.count("ь") else "L41"
        if klass is None and "ь" in b and "ь" not in a:
            klass = "list:no-ь"  # e.g. калсий -> кальций: the list cannot write ь at all
        classes.append(_refine(klass, real, i1) or f"other:{a or '∅'}→{b or '∅'}")
    noise = [c for c in classes if c.startswith("list:")]
    return noise[0] if noise else classes[0]


Convert = Callable[[str], str]


@dataclass(frozen=True)
class Failure:
    """A build word the rules do not give back."""

    cyrillic: str
    latin: str
    produced: str
    klass: str


def find_failures(
    words: Iterable[str], to_latin: Convert, rules_to_cyrillic: Convert
) -> tuple[list[Failure], int]:
    """Words whose Latin form the rules do not turn back into them; also the recovered count."""
    failures: list[Failure] = []
    recovered = 0
    for word in words:
        latin = to_latin(word)
        produced = rules_to_cyrillic(latin)
        if produced == word:
            recovered += 1
        else:
            failures.append(Failure(word, latin, produced, classify(word, produced)))
    return failures, recovered


def stem_candidates(
    failure: Failure,
    is_chain: Callable[[str, str], bool],
    rules_to_cyrillic: Convert,
) -> list[tuple[str, str]]:
    """(latin stem, cyrillic stem) pairs that explain ``failure`` with a suffix chain.

    The Cyrillic stem is what is left of the real word after the rule conversion of the Latin
    chain; a pair counts only if the rules get the stem itself wrong (else the stem is not
    what needs the lexicon).
    """
    latin, real = failure.latin, failure.cyrillic
    pairs: list[tuple[str, str]] = []
    for cut in range(len(latin), MIN_STEM - 1, -1):
        stem, rest = latin[:cut], latin[cut:]
        if rest and not is_chain(rest, stem[-2:]):
            continue
        tail = rules_to_cyrillic(rest) if rest else ""
        if not real.endswith(tail):
            continue
        cyr_stem = real[: len(real) - len(tail)]
        if not cyr_stem or rules_to_cyrillic(stem) == cyr_stem:
            continue
        if len(stem) < MIN_STEM + 1 and sum(c in LATIN_VOWEL_LETTERS for c in stem) < 2:
            continue  # one-syllable four-letter stems (plsi) are mostly broken tokens
        pairs.append((stem, cyr_stem))
    return pairs


def reduce_to_stems(
    failures: Sequence[Failure],
    is_chain: Callable[[str, str], bool],
    rules_to_cyrillic: Convert,
) -> tuple[list[Entry], int]:
    """Choose stems greedily by the number of forms each explains; return entries + weak count.

    A Latin stem with two competing Cyrillic spellings (объект / обект) keeps the one more
    forms support. Stems that explain fewer than MIN_SUPPORT forms are left out (counted).
    """
    options: dict[str, list[tuple[str, str]]] = {}
    support: dict[tuple[str, str], set[str]] = defaultdict(set)
    klass_of: dict[str, str] = {}
    for failure in failures:
        pairs = stem_candidates(failure, is_chain, rules_to_cyrillic)
        options[failure.cyrillic] = pairs
        klass_of[failure.cyrillic] = failure.klass
        for pair in pairs:
            support[pair].add(failure.cyrillic)
    explained: set[str] = set()
    chosen: dict[str, Entry] = {}
    weak = 0
    ranking = sorted(support.items(), key=lambda kv: (-len(kv[1]), -len(kv[0][0]), kv[0]))
    for (stem, cyr_stem), forms in ranking:
        fresh = forms - explained
        if not fresh or stem in chosen:
            continue
        if len(fresh) < MIN_SUPPORT:
            weak += 1
            continue
        rule = Counter(klass_of[f] for f in fresh).most_common(1)[0][0]
        chosen[stem] = Entry(stem, cyr_stem, "stem", rule, len(fresh))
        explained |= fresh
    return sorted(chosen.values(), key=lambda e: e.latin), weak


def prune(
    entries: Sequence[Entry],
    build_words: Sequence[str],
    to_latin: Convert,
    convert_with: Callable[[Sequence[Entry]], Convert],
) -> tuple[list[Entry], int]:
    """Drop entries that break more build words than they fix, judged by the real engine."""
    latin_of = {w: to_latin(w) for w in build_words}
    by_latin: dict[str, list[str]] = defaultdict(list)
    for word, latin in latin_of.items():
        by_latin[latin].append(word)
    latins = sorted(by_latin)
    converter = convert_with(entries)
    rules_only = convert_with(())  # rules + curated: what the generated part adds to
    keep: list[Entry] = []
    dropped = 0
    for entry in entries:
        start = bisect_left(latins, entry.latin)
        fixed = broken = 0
        for latin in latins[start:]:
            if not latin.startswith(entry.latin):
                break
            before = rules_only(latin)
            after = converter(latin)
            for word in by_latin[latin]:
                fixed += before != word and after == word
                broken += before == word and after != word
        if fixed > broken:
            keep.append(entry)
        else:
            dropped += 1
    return keep, dropped


def curated_latin_keys(path: Path = CURATED) -> frozenset[str]:
    """Latin keys of the curated file: the generated part never repeats or contradicts them."""
    from yozuv.lexicon import read_lexicon_file

    if not path.is_file():
        return frozenset()
    return frozenset(e.latin for e in read_lexicon_file(path) if e.direction != "c2l")


def render(entries: Iterable[Entry]) -> str:
    lines = ["\t".join(HEADER)]
    lines += [e.row() for e in sorted(entries, key=lambda e: (e.latin, e.cyrillic))]
    return "\n".join(lines) + "\n"


def build(
    words: Sequence[str],
    to_latin: Convert,
    rules_to_cyrillic: Convert,
    is_chain: Callable[[str, str], bool],
    convert_with: Callable[[Sequence[Entry]], Convert],
) -> tuple[list[Entry], BuildReport]:
    """The whole method on an already cleaned word list (see the module docstring)."""
    report = BuildReport(words=len(words))
    build_part, held_out = split_words(words)
    report.build, report.held_out = len(build_part), len(held_out)
    failures, report.recovered_by_rules = find_failures(build_part, to_latin, rules_to_cyrillic)
    report.failures_by_class = Counter(f.klass for f in failures)
    curated_only = convert_with(())
    wanted = [
        f for f in failures if f.klass.startswith("L") and curated_only(f.latin) != f.cyrillic
    ]
    report.fixed_by_curated = sum(
        1 for f in failures if f.klass.startswith("L") and curated_only(f.latin) == f.cyrillic
    )
    entries, report.weak_stems = reduce_to_stems(wanted, is_chain, rules_to_cyrillic)
    entries, report.dropped_entries = prune(entries, build_part, to_latin, convert_with)
    curated_keys = curated_latin_keys()
    entries = [e for e in entries if e.latin not in curated_keys]  # curated always wins
    report.entries_by_class = Counter(e.rule for e in entries)
    return entries, report


# -- wiring to the real engine ---------------------------------------------------------------


def engine_functions() -> tuple[
    Convert, Convert, Callable[[str, str], bool], Callable[..., Convert]
]:
    """to_latin, rules-only to_cyrillic, suffix-chain test, and a factory for test lexicons."""
    import yozuv
    from yozuv.engine import Engine
    from yozuv.lexicon import Lexicon, SuffixGrammar, read_suffix_file
    from yozuv.registry import find_chain

    to_latin = yozuv.get_converter(to="latin", source="cyrillic").convert
    rules = yozuv.get_converter(to="cyrillic", source="latin", use_lexicon=False).convert
    grammar = SuffixGrammar(read_suffix_file(SUFFIXES), "l2c")
    (scheme,) = find_chain("latin", "cyrillic")

    def convert_with(entries: Sequence[Entry]) -> Convert:
        """Rules + the curated lexicon + ``entries``, loaded as shipped (curated wins)."""
        tmp = _write_temp(render(entries))
        try:
            lexicon = Lexicon.load([tmp, CURATED], direction="l2c", suffixes_path=SUFFIXES)
        finally:
            tmp.unlink()
        return Engine(scheme, lexicon=lexicon).convert

    return to_latin, rules, grammar.is_chain, convert_with


def _write_temp(text: str) -> Path:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        return Path(fh.name)


def print_report(report: BuildReport, out: Callable[[str], object] = print) -> None:
    out(f"word list: {report.words} clean lower-case words")
    out(f"build part: {report.build}   held-out part: {report.held_out}")
    share = report.recovered_by_rules / report.build if report.build else 0.0
    out(f"build words the rules recover: {report.recovered_by_rules} ({share:.2%})")
    out("rule failures on the build part, by class:")
    for klass, count in sorted(report.failures_by_class.items(), key=lambda kv: (-kv[1], kv[0])):
        out(f"  {klass:24} {count}")
    out(f"lexicon-class failures the curated file already fixes: {report.fixed_by_curated}")
    out(f"stems explaining < {MIN_SUPPORT} forms, left out: {report.weak_stems}")
    out(f"entries dropped by the engine check: {report.dropped_entries}")
    out("generated entries by class:")
    for klass, count in sorted(report.entries_by_class.items()):
        out(f"  {klass:24} {count}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS, help="word list, one a line")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV file to write")
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    parser.add_argument("--quiet", action="store_true", help="do not print the report")
    args = parser.parse_args(argv)
    if not args.words.is_file():
        print(f"build_lexicon: word list {args.words} not found", file=sys.stderr)
        return 2
    words = read_word_list(args.words)
    entries, report = build(words, *engine_functions())
    text = render(entries)
    if not args.quiet:
        print_report(report)
    return write_or_check("build_lexicon", args.out, text, len(entries), check=args.check)


def write_or_check(program: str, out: Path, text: str, count: int, *, check: bool) -> int:
    """Write a generated file, or with ``check`` only say (exit 1) whether it is stale."""
    if check:
        current = out.read_text(encoding="utf-8") if out.is_file() else ""
        if current != text:
            print(f"{program}: {out} is out of date; rerun the script", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"{program}: wrote {count} entries to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
