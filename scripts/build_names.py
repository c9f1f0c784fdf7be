"""Build ``mappings/lexicon/names.tsv``: proper names whose Latin form hides a letter.

Why: Latin drops ь, writes ц as s, э as e and й + a vowel as y + the vowel, so Вильнюс,
Череповец, Астрахань come back from Latin as Вилнюс, Череповес, Астрахан unless a list knows
them. ``loans.tsv`` (``build_loans.py``) takes a Russian name only when the build part of the
Uzbek word list uses it capitalised; this file takes the capitalised entries of the same
Russian dictionary (Debian ``hunspell-ru`` 1:7.5.0-1, A. I. Lebedev, BSD-style; its licence
ships as ``LICENSE.hunspell-ru``) on their own, with guards against Uzbek words:

1. A Title-case entry of the dictionary (ы → и, щ → шч as for the loans), converted to Latin
   by the engine and back by the rules alone; a name the rules give back needs no row.
2. Guards (``--report`` counts each): a Latin form under ``MIN_LATIN`` letters; two names with
   one Latin form; a key another l2c file has (curated, generated, loans win); a Latin form
   that is, bare or with a suffix chain, a *lower-case* word of the Uzbek list's build part (a
   common word, not a name: the list writes names capitalised) or reads as a native verb form;
   a Latin form the list has, in any case, only + a suffix chain that is no case ending
   (``maryam`` is the native name Марям, not Марья + m); a Russian oblique form of another
   name (Польшей, Череповцом, Ельца: the dictionary lists some); a word of the hand list
   ``scripts/data/native-guard.txt``; an English word of ``english.txt`` (brave), which the
   language decision handles.
3. **Held out**: every entry that touches a word of the CLDR names measured by
   ``names_roundtrip.py`` (``scripts/data/cldr-uz-names/names.tsv``, either script: the word
   itself, or the word + a suffix chain) is dropped, so that measure stays one of names no
   list was built from. ``tests/test_lexicon.py`` holds that overlap to zero.

The rows are ``stem`` entries, final ь dropped before a suffix (Астрахань, Астраханда) as in the
other files. Run: ``python scripts/build_names.py [--report] [--check]``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import (
    DEFAULT_WORDS,
    HEADER,
    LEXICON_DIR,
    read_word_list,
    split_words,
    write_or_check,
)
from build_loans import (
    DEFAULT_DIC,
    NAME_CASE_ENDINGS,
    UZBEK_FOR_RUSSIAN,
    before_suffix,
    engine_functions,
    known_keys,
    loan_class,
    missing_input,
    native_verb,
    print_rejections,
    read_dictionary,
    read_native_guard,
    stem_row,
    uzbek_use,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = LEXICON_DIR / "names.tsv"
LOANS = LEXICON_DIR / "loans.tsv"
ENGLISH = LEXICON_DIR / "english.txt"
CLDR_NAMES = ROOT / "scripts" / "data" / "cldr-uz-names" / "names.tsv"
SOURCE_NAME = "hunspell-ru 1:7.5.0-1 ru_RU proper names (A. I. Lebedev, BSD-style)"
MIN_LATIN = 5  # short names (Ася, Лёля, Эли) collide with Uzbek words and syllables
WORD = re.compile(r"[^\W\d_][^\W\d_\u02bb\u02bc'’‘]*(?:[\u02bb\u02bc'’‘][^\W\d_]+)*")

OBLIQUE_ENDINGS = ("ом", "ем", "ей", "ой", "ою", "ею")  # instrumental, genitive/dative
FLEETING = ("е", "о")  # Елец, Ельца; Череповец, Череповцом
# Possessive endings after a vowel (maryam, maryamning) that the suffix grammar reads only
# after a consonant-final stem.
POSSESSIVE = ("m", "ng", "miz", "ngiz")

Convert = Callable[[str], str]


def oblique_form(text: str, names: frozenset[str]) -> bool:
    """Is ``text`` a case form of another name of the dictionary: Польшей of Польша,
    Ильичом of Ильич, Ельца and Череповцом (with the fleeting vowel) of Елец, Череповец?"""
    for ending in (*OBLIQUE_ENDINGS, "а", "у"):
        if not text.endswith(ending):
            continue
        stem = text[: -len(ending)]
        if len(stem) < 3:
            continue
        if ending in OBLIQUE_ENDINGS and any(
            n != text and n.startswith(stem) and len(n) <= len(stem) + 2 for n in names
        ):
            return True
        before = stem[:-2] if stem[-2] == "ь" else stem[:-1]
        if any(before + vowel + stem[-1] in names for vowel in FLEETING):
            return True
    return False


def other_reading(latin: str, forms: Iterable[str], is_chain: Callable[[str, str], bool]) -> bool:
    """Does the list have the Latin form only + a suffix chain that is no case ending or
    plural (maryam, maryamning) and never bare or + a case ending?"""
    rests = [
        w[len(latin) :]
        for w in forms
        if w.startswith(latin)
        and (is_chain(latin, w[len(latin) :]) or w[len(latin) :].startswith(POSSESSIVE))
    ]
    named = any(not r or r.startswith((*NAME_CASE_ENDINGS, "lar")) for r in rests)
    return bool(rests) and not named


@dataclass(frozen=True)
class Name:
    latin: str
    cyrillic: str
    rule: str

    def row(self) -> str:
        return stem_row(
            self.latin, self.cyrillic, self.rule, SOURCE_NAME, before_suffix(self.cyrillic)
        )


@dataclass
class NameReport:
    names: int = 0
    candidates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def reject(self, reason: str, latin: str) -> None:
        self.rejected[reason] += 1
        self.examples[reason].append(latin)


def cldr_words(path: Path = CLDR_NAMES) -> frozenset[str]:
    """Lower-case words of both scripts of the held-out CLDR names."""
    if not path.is_file():
        return frozenset()
    words: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for cell in (row["cyrillic"], row["latin"]):
                words.update(w.lower() for w in WORD.findall(cell))
    return frozenset(words)


def touches(stem: str, words: Iterable[str], is_chain: Callable[[str, str], bool]) -> bool:
    """Is some word ``stem`` itself or ``stem`` + a suffix chain?"""
    return any(w == stem or (w.startswith(stem) and is_chain(stem, w[len(stem) :])) for w in words)


def overlap(
    names: Iterable[Name], held_out: frozenset[str], is_chain: Callable[[str, str], bool]
) -> list[str]:
    """The entries that touch a held-out CLDR word (Latin key or Cyrillic spelling)."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for word in held_out:
        by_first[word[:1]].append(word)
    found = []
    for name in names:
        for key in (name.latin, name.cyrillic):
            if touches(key, by_first[key[:1]], is_chain):
                found.append(name.latin)
                break
    return found


def build(
    proper: Sequence[str],
    lower_latin: frozenset[str],
    all_latin: frozenset[str],
    to_latin: Convert,
    rules_to_cyrillic: Convert,
    is_chain: Callable[[str, str], bool],
    taken: frozenset[str],
    native: frozenset[str],
    held_out: frozenset[str],
    english: frozenset[str] = frozenset(),
) -> tuple[list[Name], NameReport]:
    report = NameReport(names=len(proper))
    by_latin: dict[str, set[tuple[str, str]]] = defaultdict(set)
    all_names = frozenset(proper)
    for text in proper:
        if oblique_form(text, all_names):
            report.reject("russian-oblique-form", text)
            continue
        spelling = text.translate(UZBEK_FOR_RUSSIAN)
        latin = to_latin(spelling)
        produced = rules_to_cyrillic(latin)
        if produced == spelling or not latin.isalpha():
            continue
        by_latin[latin].add((spelling, produced))
    report.candidates = len(by_latin)
    lower_by_first: dict[str, list[str]] = defaultdict(list)
    for word in lower_latin:
        lower_by_first[word[:2]].append(word)
    all_by_first: dict[str, list[str]] = defaultdict(list)
    for word in all_latin:
        all_by_first[word[:2]].append(word)
    kept: list[Name] = []
    for latin in sorted(by_latin):
        spellings = sorted(by_latin[latin])
        reason = None
        if len(latin) < MIN_LATIN:
            reason = "shorter-than-min-latin"
        elif len(spellings) > 1:
            reason = "two-names-one-latin-form"
        elif latin in taken:
            reason = "key-of-another-lexicon-file"
        elif latin in native:
            reason = "native-guard-list"
        elif latin in english:
            reason = "english-word"
        elif touches(latin, lower_by_first[latin[:2]], is_chain):
            reason = "lower-case-uzbek-word"
        elif native_verb(latin, all_latin):
            reason = "reads-as-a-native-verb-form"
        elif other_reading(latin, all_by_first[latin[:2]], is_chain):
            reason = "list-has-it-only-with-a-possessive"
        if reason is not None:
            report.reject(reason, latin)
            continue
        spelling, produced = spellings[0]
        kept.append(Name(latin, spelling, loan_class(spelling, produced)))
    dropped = set(overlap(kept, held_out, is_chain))
    for latin in sorted(dropped):
        report.reject("touches-a-held-out-cldr-name", latin)
    return [n for n in kept if n.latin not in dropped], report


def english_words(path: Path = ENGLISH) -> frozenset[str]:
    """The English list the language decision uses (``english.txt``, SCOWL's build part): a
    name that is an English word (brave) is left to that decision, not spelt as the name."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def render(names: Iterable[Name]) -> str:
    lines = ["\t".join(HEADER)]
    lines += [n.row() for n in sorted(names, key=lambda x: (x.latin, x.cyrillic))]
    return "\n".join(lines) + "\n"


def taken_keys() -> frozenset[str]:
    from yozuv.lexicon import read_lexicon_file

    return known_keys() | {e.latin for e in read_lexicon_file(LOANS)}


def run(dic: Path, words_path: Path) -> tuple[list[Name], NameReport]:
    proper = sorted({w.text for w in read_dictionary(dic) if w.proper})
    build_part, _held_out = split_words(read_word_list(words_path))
    to_latin, rules, is_chain = engine_functions()
    raw = words_path.read_text(encoding="utf-8").splitlines()
    use = uzbek_use(build_part, raw, to_latin)
    lower_latin = frozenset(use.latin - use.title_only)
    return build(
        proper,
        lower_latin,
        use.latin,
        to_latin,
        rules,
        is_chain,
        taken_keys(),
        read_native_guard(),
        cldr_words(),
        english_words(),
    )


def print_report(report: NameReport, names: Sequence[Name], out: Callable[[str], object]) -> None:
    out(f"Russian dictionary: {report.names} proper names")
    out(f"candidates (rules do not give the name back): {report.candidates}")
    print_rejections(report.rejected, report.examples, out, width=34)
    classes = Counter(n.rule for n in names)
    out(f"kept: {len(names)}  " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dic", type=Path, default=DEFAULT_DIC, help="hunspell .dic (or .dic.xz)")
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS, help="Uzbek word list")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV file to write")
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    parser.add_argument("--report", action="store_true", help="print what each guard rejected")
    args = parser.parse_args(argv)
    if missing_input("build_names", (args.dic, args.words)):
        return 2
    names, report = run(args.dic, args.words)
    if args.report:
        print_report(report, names, print)
    return write_or_check("build_names", args.out, render(names), len(names), check=args.check)


if __name__ == "__main__":
    raise SystemExit(main())
