"""Regenerate the word knowledge behind ``yozuv.language``: English words, Uzbek word forms and
the abbreviations Uzbek writes in Cyrillic.

Why: Latin -> Cyrillic must keep English words, brands and codes (hello, Google, PDF) and
convert every Uzbek word, including those that look foreign (Fathiddin) and English words
that are also Uzbek (men, bor, film, internet). A rule cannot tell them apart; lists can.

Sources (build inputs under ``scripts/data/``, each with its licence):

- English: SCOWL through Debian ``wamerican`` + ``wbritish`` (``scripts/data/scowl/``,
  Kevin Atkinson's permissive notice, no GPL). Lower-case ``[a-z]+`` entries of two or more
  letters; capitalised entries are names (Robinson, Kristen), which Uzbek text converts.
- Uzbek: the tesseract word lists, Cyrillic (``tesseract-uzb-cyrl``, converted to Latin with
  the engine) and Latin (``tesseract-uzb``), Apache-2.0. The Latin list is web text and holds
  English words too (hello, the, google), so a form counts as Uzbek evidence only through its
  inflections (below).

Split: a word of the Cyrillic list is held out when ``build_lexicon.is_held_out`` says so of
its Cyrillic form (``sha256(first 6 letters) mod 5 == 0``: the split of the lexicon and of
``scripts/roundtrip.py``); a word of the Latin list when the same formula says so of its Latin
form, or when it is the Latin form of a held-out Cyrillic word.
Only the build part of the Uzbek lists feeds the data; English words are split by the whole
word (so a held-out ``contracting`` still has ``contract`` in the build part, which is what
an English word missing from the list looks like) and only the build part is shipped.
``scripts/language_heldout.py`` measures on the held-out parts.

An English word is dropped (it is Uzbek, must convert) when the Uzbek build part shows it
inflected: at least ``CYRILLIC_FORMS`` suffixed forms (word + a chain of
``mappings/lexicon/suffixes.tsv``) in the Cyrillic list, or the bare word in the Cyrillic
list and ``LATIN_FORMS_WITH_WORD`` suffixed forms in the Latin list, or ``LATIN_FORMS``
suffixed forms in the Latin list alone. Suffixed forms that are themselves English words
(them, opening, sunday) are no evidence.

Outputs (``mappings/lexicon/``): ``english.txt`` and ``uzbek.txt`` (one lower-case Latin word
a line, sorted by code point, ``#`` comment lines first), ``abbreviations.tsv`` (the
abbreviations the Cyrillic list writes in capitals, e.g. БМТ, АҚШ, ЎзР, in Latin capitals),
``acronyms.tsv`` (international acronyms kept in Latin: PDF, HDMI, GPS, SKU) and
``uzbek-marked.txt`` (Uzbek stems that hold letters the foreign-word test reads as foreign:
the th of fath, sath; the ph of koʻphad).

Acronyms: SCOWL's entries in capitals of three letters or more (two capitals are too often an
Uzbek abbreviation: TD, OA) and a short hand-kept list of those SCOWL lacks
(``scripts/data/acronyms/curated.tsv``, our own data), less every Uzbek abbreviation of
``abbreviations.tsv`` (NASA, DVD, IBM: the Cyrillic list writes them НАСА, ДВД, ИБМ) and every
Uzbek form of the build part in capitals (ERA, SALT). An Uzbek abbreviation is never kept.

Marked stems: the foreign marks are the ``[protect] foreign`` patterns of
``latin-cyrillic.toml`` (th, ph, c without h, w ...). A stem is Uzbek when ``curated.tsv``
lists it as a native guard (rule X03b: fath, sath, koʻphad, each from the word list) or the
Cyrillic build part inflects it (two suffixed forms or more, as for the English drop below);
a stem holding a shorter one is left out (fathnoma: fath).

Usage: ``python scripts/build_language.py [--check] [--report]``.
"""

from __future__ import annotations

import argparse
import hashlib
import lzma
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import (
    CURATED,
    DEFAULT_WORDS,
    LEXICON_DIR,
    SUFFIXES,
    is_held_out,
    read_word_list,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "scripts" / "data"
LATIN_WORDS = DATA / "tesseract-uzb" / "words.txt.xz"
ENGLISH_SOURCES = (DATA / "scowl" / "american-english.xz", DATA / "scowl" / "british-english.xz")
ENGLISH_OUT = LEXICON_DIR / "english.txt"
UZBEK_OUT = LEXICON_DIR / "uzbek.txt"
ABBREVIATIONS_OUT = LEXICON_DIR / "abbreviations.tsv"
DIGRAPHS_OUT = LEXICON_DIR / "digraphs.txt"
ACRONYMS_OUT = LEXICON_DIR / "acronyms.tsv"
MARKED_OUT = LEXICON_DIR / "uzbek-marked.txt"
ACRONYMS_CURATED = DATA / "acronyms" / "curated.tsv"
SCHEME = ROOT / "mappings" / "latin-cyrillic.toml"
CYRILLIC_CAPITALS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЪЭЮЯЎҚҒҲ"

HELD_OUT_SHARE = 5
GROUP_PREFIX = 6
CYRILLIC_FORMS = 2
LATIN_FORMS_WITH_WORD = 3
LATIN_FORMS = 4
MAX_ABBREVIATION = 7  # letters; longer capitals in the list are headline words
MIN_ACRONYM = 3  # letters; two capitals are too often an Uzbek abbreviation (TD, OA, IT)
MIN_MARKED_STEM = 4  # letters; a shorter stem (the) would match inside foreign words
NATIVE_GUARD_RULE = "X03b"  # curated.tsv's rule id of a native word the foreign test misreads
SCOWL = "SCOWL via Debian wamerican/wbritish 2020.12.07-2 (Kevin Atkinson, permissive notice)"
TESSERACT_CYRL = "tesseract-ocr-uzb-cyrl 1:4.1.0-2 word list (Apache-2.0)"
TESSERACT_LATN = "tesseract-ocr-uzb 1:4.1.0-2 word list (Apache-2.0)"

_ENGLISH_WORD = re.compile(r"[a-z]{2,}")
_ACRONYM = re.compile(rf"[A-Z]{{{MIN_ACRONYM},}}")
_UZBEK_LATIN = re.compile(r"[a-zʻʼ]{2,}")
_OKINA = re.compile(r"([oOgG])['`ʻ‘’]")
_TUTUQ = re.compile(r"['`‘’]")
# A capitalised Cyrillic abbreviation, optionally followed by a lower-case (suffix) tail:
# БМТ, АҚШда, ЎзР, ТошДУни. The tail is checked against the suffix grammar.
_CAPS_HEAD = re.compile(r"([А-ЯЁЎҚҒҲ][а-яёўқғҳ]{0,3}[А-ЯЁЎҚҒҲ]+)([а-яёўқғҳ]*)")


def held_out(word: str, whole: bool = False) -> bool:
    """Deterministic part of a Latin word (lower case): its first six letters, or all of it."""
    key = (word if whole else word[:GROUP_PREFIX]).encode("utf-8")
    return int(hashlib.sha256(key).hexdigest()[:8], 16) % HELD_OUT_SHARE == 0


def normalise_latin(word: str) -> str:
    """The tesseract Latin list writes oʻ/gʻ and the tutuq with ' ` ‘ ’: the project's letters."""
    return _TUTUQ.sub("ʼ", _OKINA.sub(lambda m: m.group(1) + "ʻ", word))


def read_xz_lines(path: Path) -> list[str]:
    return lzma.decompress(path.read_bytes()).decode("utf-8").splitlines()


def english_words(paths: Iterable[Path]) -> list[str]:
    """Lower-case SCOWL entries (no names, no possessives), sorted."""
    found: set[str] = set()
    for path in paths:
        found.update(w for w in read_xz_lines(path) if _ENGLISH_WORD.fullmatch(w))
    return sorted(found)


def latin_list(lines: Iterable[str]) -> set[str]:
    """Clean lower-case Latin words of the tesseract Latin list."""
    words = {normalise_latin(line.strip()).lower() for line in lines}
    return {w for w in words if _UZBEK_LATIN.fullmatch(w)}


def suffixed_forms(
    candidates: Iterable[str], words: Iterable[str], is_chain: Callable[[str, str], bool]
) -> dict[str, set[str]]:
    """For each candidate, the words that are it + a non-empty suffix chain."""
    wanted = set(candidates)
    lengths = sorted({len(c) for c in wanted})
    found: dict[str, set[str]] = defaultdict(set)
    for word in words:
        for size in lengths:
            if size >= len(word):
                break
            stem = word[:size]
            if stem in wanted and is_chain(word[size:], stem[-2:]):
                found[stem].add(word)
    return found


@dataclass
class Report:
    english_source: int = 0
    english_held_out: int = 0
    english_dropped: list[str] = field(default_factory=list)
    english: int = 0
    uzbek_cyrillic_build: int = 0
    uzbek_cyrillic_held_out: int = 0
    uzbek_latin_build: int = 0
    uzbek_latin_held_out: int = 0
    abbreviations: int = 0
    abbreviations_held_out: int = 0
    acronyms_scowl: int = 0
    acronyms_curated: int = 0
    acronyms_dropped: list[str] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class UzbekParts:
    """Latin forms of both Uzbek lists, split into build and held-out parts."""

    cyrillic_build: frozenset[str]
    cyrillic_held_out: frozenset[str]
    latin_build: frozenset[str]
    latin_held_out: frozenset[str]


def uzbek_parts(to_latin: Callable[[str], str], cyrillic: Path, latin: Path) -> UzbekParts:
    """The Cyrillic list is split on its Cyrillic form (``build_lexicon.is_held_out``, the
    split of the lexicon and of the round-trip measure), so no word that measure holds out
    lends its Latin form to the build part; the Latin list on the Latin form, less the Latin
    forms of held-out Cyrillic words."""
    words = read_word_list(cyrillic)
    usable = _UZBEK_LATIN.fullmatch
    held = {w for w in map(to_latin, filter(is_held_out, words)) if usable(w)}
    build = {w for w in (to_latin(w) for w in words if not is_held_out(w)) if usable(w)} - held
    from_latin = latin_list(read_xz_lines(latin))
    latin_build = frozenset(w for w in from_latin if not held_out(w) and w not in held)
    return UzbekParts(
        frozenset(build),
        frozenset(held),
        latin_build,
        frozenset(from_latin) - latin_build,
    )


def is_uzbek(
    word: str,
    parts: UzbekParts,
    cyrillic_forms: dict[str, set[str]],
    latin_forms: dict[str, set[str]],
    english: frozenset[str],
) -> bool:
    """Does the Uzbek build part show ``word`` as an inflected Uzbek word?"""
    in_cyrillic = len(cyrillic_forms.get(word, ()))
    in_latin = len(latin_forms.get(word, set()) - english)
    return (
        in_cyrillic >= CYRILLIC_FORMS
        or (word in parts.cyrillic_build and in_latin >= LATIN_FORMS_WITH_WORD)
        or in_latin >= LATIN_FORMS
    )


def build_english(
    english: Sequence[str], parts: UzbekParts, is_chain: Callable[[str, str], bool], report: Report
) -> list[str]:
    """The build part of the English list without the words Uzbek uses."""
    everything = frozenset(english)
    cyrillic_forms = suffixed_forms(english, parts.cyrillic_build, is_chain)
    latin_forms = suffixed_forms(english, parts.latin_build, is_chain)
    kept: list[str] = []
    report.english_source = len(english)
    for word in english:
        if held_out(word, whole=True):
            report.english_held_out += 1
        elif is_uzbek(word, parts, cyrillic_forms, latin_forms, everything):
            report.english_dropped.append(word)
        else:
            kept.append(word)
    report.english = len(kept)
    return kept


def abbreviations(
    raw_cyrillic: Iterable[str],
    to_latin: Callable[[str], str],
    cyrillic_chain: Callable[[str, str], bool],
) -> dict[str, str]:
    """Latin capitals -> Cyrillic spelling of the abbreviations the Cyrillic list writes.

    An entry is a capital, at most three lower-case letters and more capitals (БМТ, ЎзР,
    ТошДУ), optionally followed by a suffix chain (АҚШда), whose lower-case form the list
    never has as a word (ЁЗУВ is a headline word: ёзув is in the list).
    """
    lines = [line.strip() for line in raw_cyrillic]
    lower = {w for w in lines if w == w.lower()}
    lower |= {w.lower() for w in lines if w[:1].isupper() and w[1:] == w[1:].lower()}
    found: dict[str, str] = {}
    for line in lines:
        match = _CAPS_HEAD.fullmatch(line)
        if match is None:
            continue
        head, tail = match.groups()
        letters = sum(c.isalpha() for c in head)
        if letters > MAX_ABBREVIATION or head.lower() in lower:
            continue
        if tail and not cyrillic_chain(tail, head[-2:].lower()):
            continue
        found.setdefault(to_latin(head).upper(), head)
    # СССРГА, АҚШДА: a capital suffix on a known abbreviation is no abbreviation of its own.
    return {
        k: v
        for k, v in found.items()
        if not any(
            v[:size] in found.values()
            and cyrillic_chain(v[size:].lower(), v[size - 2 : size].lower())
            for size in range(2, len(v))
        )
    }


def scowl_acronyms(paths: Iterable[Path]) -> list[str]:
    """SCOWL's entries in capitals, three letters or more (PDF, HDMI, UNESCO), sorted."""
    found: set[str] = set()
    for path in paths:
        found.update(w for w in read_xz_lines(path) if _ACRONYM.fullmatch(w))
    return sorted(found)


def read_curated_acronyms(path: Path) -> dict[str, str]:
    """The hand-kept acronyms (``latin<TAB>why``, ``#`` comments, a header row)."""
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = [line for line in rows if not line.startswith("#")][1:]
    return {name: why for name, why in (line.split("\t", 1) for line in rows)}


def uzbek_form(word: str, uzbek: frozenset[str], is_chain: Callable[[str, str], bool]) -> bool:
    """A form of the list, or a form + a suffix chain (as ``Language.is_uzbek`` reads it)."""
    return word in uzbek or any(
        word[:size] in uzbek and is_chain(word[size:], word[size - 2 : size])
        for size in range(2, len(word))
    )


def acronyms(
    scowl: Iterable[str],
    curated: dict[str, str],
    abbreviations: Iterable[str],
    uzbek: frozenset[str],
    is_chain: Callable[[str, str], bool],
    report: Report,
) -> dict[str, str]:
    """Acronym -> source: SCOWL's and the curated ones, less Uzbek abbreviations and words
    (REM reads as an Uzbek form + a suffix, so it is left out too)."""
    uzbek_capitals = {a.upper() for a in abbreviations}
    found: dict[str, str] = {}
    for name in scowl:
        found[name] = SCOWL
        report.acronyms_scowl += 1
    for name, why in curated.items():
        found.setdefault(name, f"curated: {why}")
        report.acronyms_curated += 1
    kept: dict[str, str] = {}
    for name, source in sorted(found.items()):
        if name.upper() in uzbek_capitals or uzbek_form(name.lower(), uzbek, is_chain):
            report.acronyms_dropped.append(name)
        elif len(name) >= MIN_ACRONYM:
            kept[name] = source
    return kept


def foreign_marks() -> re.Pattern[str]:
    """The X03b foreign-word patterns of the Latin -> Cyrillic table, as the engine reads them."""
    from yozuv.registry import load_scheme
    from yozuv.tokens import foreign_regex

    pattern = foreign_regex(load_scheme(SCHEME))
    if pattern is None:
        raise SystemExit(f"{SCHEME}: no [protect] foreign patterns")
    return pattern


def curated_guards(path: Path) -> set[str]:
    """The Latin stems that ``curated.tsv`` keeps from the foreign test (rule X03b)."""
    from yozuv.lexicon import read_lexicon_file

    return {e.latin for e in read_lexicon_file(path) if e.rule == NATIVE_GUARD_RULE}


def marked_stems(
    marks: re.Pattern[str],
    guards: Iterable[str],
    cyrillic_build: frozenset[str],
    is_chain: Callable[[str, str], bool],
) -> list[str]:
    """Uzbek stems holding a foreign mark: the curated guards and the marked words the
    Cyrillic build part inflects; a stem holding a shorter one is left out."""
    candidates = {w for w in cyrillic_build if len(w) >= MIN_MARKED_STEM and marks.search(w)}
    inflected = suffixed_forms(candidates, cyrillic_build, is_chain)
    stems = {w for w in candidates if len(inflected.get(w, ())) >= CYRILLIC_FORMS}
    stems |= {g for g in guards if len(g) >= MIN_MARKED_STEM and marks.search(g)}
    return sorted(s for s in stems if not any(o != s and o in s for o in stems))


def render_acronyms(found: dict[str, str]) -> str:
    rows = [
        "# International acronyms that Latin -> Cyrillic keeps as written (PDF, HDMI, GPS).",
        "# Generated by scripts/build_language.py from SCOWL (LICENSE.scowl) and"
        " scripts/data/acronyms/curated.tsv (our own, MIT),",
        "# less the Uzbek abbreviations (abbreviations.tsv) and Uzbek word forms. Do not edit.",
        "latin\tsource",
    ]
    rows += [f"{k}\t{v}" for k, v in sorted(found.items())]
    return "\n".join(rows) + "\n"


def render_words(words: Iterable[str], comments: Sequence[str]) -> str:
    return "".join(f"# {c}\n" for c in comments) + "".join(f"{w}\n" for w in sorted(words))


def render_abbreviations(found: dict[str, str]) -> str:
    rows = ["latin\tcyrillic\tsource"]
    rows += [f"{k}\t{v}\t{TESSERACT_CYRL}" for k, v in sorted(found.items())]
    return "\n".join(rows) + "\n"


def generate(report: Report) -> dict[Path, str]:
    import yozuv
    from yozuv.lexicon import SuffixGrammar, read_suffix_file

    to_latin = yozuv.get_converter(to="latin", source="cyrillic").convert
    latin_grammar = SuffixGrammar(read_suffix_file(SUFFIXES), "l2c")
    cyrillic_grammar = SuffixGrammar(read_suffix_file(SUFFIXES), "c2l")
    parts = uzbek_parts(to_latin, DEFAULT_WORDS, LATIN_WORDS)
    report.uzbek_cyrillic_build = len(parts.cyrillic_build)
    report.uzbek_cyrillic_held_out = len(parts.cyrillic_held_out)
    report.uzbek_latin_build = len(parts.latin_build)
    report.uzbek_latin_held_out = len(parts.latin_held_out)
    english = build_english(english_words(ENGLISH_SOURCES), parts, latin_grammar.is_chain, report)
    raw = DEFAULT_WORDS.read_text(encoding="utf-8").splitlines()
    every = abbreviations(raw, to_latin, cyrillic_grammar.is_chain)
    # All of them ship: an abbreviation cannot be inferred from the others, so a held-out part
    # would only measure the list's size. scripts/language_heldout.py measures a classifier
    # built without the held-out part to show what an unlisted abbreviation gets.
    shipped = every
    report.abbreviations = len(shipped)
    report.abbreviations_held_out = sum(held_out(k.lower()) for k in shipped)
    found_acronyms = acronyms(
        scowl_acronyms(ENGLISH_SOURCES),
        read_curated_acronyms(ACRONYMS_CURATED),
        shipped,
        parts.cyrillic_build,
        latin_grammar.is_chain,
        report,
    )
    marked = marked_stems(
        foreign_marks(), curated_guards(CURATED), parts.cyrillic_build, latin_grammar.is_chain
    )
    report.marked = marked
    return {
        ENGLISH_OUT: render_words(
            english,
            (
                "English words (lower case): the build part of "
                + SCOWL
                + ", without the words the Uzbek build part inflects.",
                "Generated by scripts/build_language.py;"
                " licence: LICENSE.scowl (SCOWL copyright notice). Do not edit.",
            ),
        ),
        UZBEK_OUT: render_words(
            parts.cyrillic_build,
            (
                "Uzbek word forms in Latin (lower case): the build part of the "
                + TESSERACT_CYRL
                + ", converted to Latin.",
                "Generated by scripts/build_language.py; licence: Apache-2.0 (LICENSE.tesseract)."
                " Do not edit.",
            ),
        ),
        ABBREVIATIONS_OUT: render_abbreviations(shipped),
        ACRONYMS_OUT: render_acronyms(found_acronyms),
        MARKED_OUT: render_words(
            marked,
            (
                "Uzbek stems that hold letters the X03b foreign-word test reads as foreign (th,"
                " ph): a word whose every such mark",
                "lies inside one of them is Uzbek (Fathiddin, Abulfath). Generated by"
                " scripts/build_language.py from curated.tsv's",
                "X03b guards and the " + TESSERACT_CYRL + " (build part). Do not edit.",
            ),
        ),
        DIGRAPHS_OUT: render_words(
            {latin for latin in map(to_latin, CYRILLIC_CAPITALS) if len(latin) > 1},
            (
                "How Uzbek Latin writes a Cyrillic capital with two letters (Ш -> Sh): the shape",
                "of Latin abbreviations such as AQSh, MChJ, YuNESKO. Generated by",
                "scripts/build_language.py from the engine's Cyrillic -> Latin table. Do not edit.",
            ),
        ),
    }


def print_report(report: Report, out: Callable[[str], object]) -> None:
    out(f"English (SCOWL, lower case): {report.english_source} words")
    out(f"  held out (whole-word hash, not shipped): {report.english_held_out}")
    dropped = report.english_dropped
    out(f"  dropped as Uzbek word forms: {len(dropped)}, e.g. {', '.join(dropped[:40])}")
    out(f"  shipped: {report.english}")
    out(
        f"Uzbek Latin forms from the Cyrillic list: build {report.uzbek_cyrillic_build},"
        f" held out {report.uzbek_cyrillic_held_out}"
    )
    out(
        f"Uzbek Latin list (evidence only): build {report.uzbek_latin_build},"
        f" held out {report.uzbek_latin_held_out}"
    )
    out(
        f"abbreviations: {report.abbreviations} shipped,"
        f" {report.abbreviations_held_out} of them in the held-out part"
    )
    out(
        f"acronyms: {report.acronyms_scowl} from SCOWL, {report.acronyms_curated} curated;"
        f" dropped as Uzbek: {', '.join(report.acronyms_dropped)}"
    )
    out(f"Uzbek stems with foreign marks: {', '.join(report.marked)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the files are not current")
    parser.add_argument("--report", action="store_true", help="print the figures")
    args = parser.parse_args(argv)
    report = Report()
    outputs = generate(report)
    if args.report:
        print_report(report, print)
    stale = 0
    for path, text in outputs.items():
        name = path.relative_to(ROOT)
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                print(f"{name} is out of date: run scripts/build_language.py")
                stale += 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {name} ({text.count(chr(10))} lines)")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
