"""Regenerate ``mappings/lexicon/loans.tsv``: Russian loans whose Latin form the rules cannot undo.

Why: the Uzbek word list behind ``generated.tsv`` was converted from Latin by a letter-for-letter
tool, so it never writes ь, writes с for ц and е for э; it proves that a word is *used* in Uzbek
but not how the 1956 norm spells it. A Russian spelling dictionary knows the spelling but not
whether Uzbek uses the word. This script joins the two:

1. Read the Russian dictionary (Debian ``hunspell-ru``, ru_RU by A. I. Lebedev, BSD-style
   licence; see ``scripts/data/hunspell-ru/NOTICE``). Keep nouns and indeclinable words (hunspell
   flags tell nouns from verbs and adjectives): Uzbek borrows Russian nouns, almost never verbs.
2. For each Russian word R: L = Cyrillic -> Latin with the engine, R' = Latin -> Cyrillic with the
   rules only. If R' == R the rules need no help; otherwise R is a candidate.
3. Evidence of use: L, or L followed by a valid chain of Uzbek suffixes, must be the Latin form
   of a word in the *build* part of the Uzbek list (``build_lexicon.split_words``; the held-out
   part never feeds this file). Comparing in Latin is what makes the noisy list usable: ь
   vanishes and ц/с, э/е coincide there anyway.
4. Guards, so that no native Uzbek word changes (each rejection is counted by reason):
   a Latin form shorter than four letters (sen, bel, ol, kel ...); a one-syllable form whose
   Russian spelling ends in a sign (tish/тишь, tush/тушь, past/пасть); a form that carries
   Uzbek verb endings straight on the stem (kel-di, ol-gan: native verbs; loans need -la);
   an R' that is itself a Russian word form (metr: мэтр/метр, stol: столь/стол), or two
   Russian candidates with one Latin form (sel: сель/цель): the Latin is ambiguous even in
   Russian; a proper name (capitalised in the dictionary) without a capitalised Uzbek form;
   and a form that only one Uzbek word supports unless it is at least five letters long with
   two syllables.
5. Each kept word becomes a ``stem`` entry. A word-final ь is dropped before a suffix
   (панель -> панел-лар, as real text and the peer suites write октябрда); a medial ь stays
   (фильм-лар). Keys that ``curated.tsv`` or ``generated.tsv`` already have are skipped.

Usage: ``python scripts/build_loans.py [--check] [--report]``. The output is sorted and
deterministic: the same dictionary, word list and rules give the same bytes.
"""

from __future__ import annotations

import argparse
import difflib
import lzma
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import (
    CURATED,
    DEFAULT_WORDS,
    HEADER,
    LEXICON_DIR,
    read_word_list,
    split_words,
    write_or_check,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "scripts" / "data" / "hunspell-ru"
DEFAULT_DIC = DATA / "ru_RU.dic.xz"
DEFAULT_AFF = DATA / "ru_RU.aff"
DEFAULT_OUT = LEXICON_DIR / "loans.tsv"
NATIVE_GUARD = ROOT / "scripts" / "data" / "native-guard.txt"
GENERATED = LEXICON_DIR / "generated.tsv"
SUFFIXES = LEXICON_DIR / "suffixes.tsv"
SOURCE_NAME = (
    "hunspell-ru 1:7.5.0-1 ru_RU (A. I. Lebedev, BSD-style) + use in tesseract-ocr-uzb-cyrl"
)

# hunspell-ru affix flags by part of speech (read off ru_RU.aff: which endings each flag adds).
NOUN_FLAGS = frozenset("FHIJKNO")
RUSSIAN_LETTERS = re.compile(r"[а-яё]+")
# Uzbek Cyrillic has no щ or ы: the 1956 norm writes them шч and и (STANDARDS §3.6), and the
# word list agrees (Хрушчёв, Благовешченск, Шчецин).
UZBEK_FOR_RUSSIAN = str.maketrans({"щ": "шч", "ы": "и"})
LATIN_VOWELS = frozenset("aeiou")
UZBEK_VOWEL_DIGRAPH = "o\u02bb"

MIN_LATIN = 4  # sen, bel, ol, kel, mol, yol, tol, gul, kul, bol, dal ...: native words
MIN_LONE_LATIN = 4  # a form only one Uzbek word supports needs this length and two syllables
MAX_NAME_LIKE = 7  # a short common noun Uzbek writes only capitalised is a name there
NATIVE_VERB_FORMS = 2  # this many Uzbek words of the form stem + verb ending mark a native verb
# Verb endings that stand straight on a native verb stem; a loan noun needs a verbaliser first
# (panel-la-sh), so stem + one of these in the list is a native verb (kel-di, ol-gan, sot-ib).
VERB_ENDINGS = (
    "di", "dim", "ding", "dik", "dilar", "gan", "ganlar", "gani", "ib", "moq", "moqda",
    "gach", "guncha", "sa", "sin", "ing", "adi", "ydi", "ayotgan", "yotgan", "mas", "magan",
    "madi", "ish", "ishi", "ishga", "uvchi", "ar", "ardi", "ay", "aman", "asan", "ajak",
)  # fmt: skip


@dataclass(frozen=True)
class RussianWord:
    """One dictionary entry: lower-case spelling, whether it is a name, and its affix flags."""

    text: str
    proper: bool
    flags: frozenset[str]

    @property
    def noun_like(self) -> bool:
        """A noun, or an indeclinable word (пальто, фойе, интервью). An uninflected word that
        ends in ь is a particle or a verb form (лишь, ведь, жилось), not a loanable noun."""
        if self.flags:
            return bool(self.flags & NOUN_FLAGS)
        return not self.text.endswith("ь")


@dataclass(frozen=True)
class Loan:
    """One generated row."""

    latin: str
    cyrillic: str
    rule: str
    before_suffix: str
    support: int

    def row(self) -> str:
        return stem_row(self.latin, self.cyrillic, self.rule, SOURCE_NAME, self.before_suffix)


def stem_row(latin: str, cyrillic: str, rule: str, source: str, before_suffix: str) -> str:
    """One l2c ``stem`` row of a generated lexicon file, in the column order of HEADER."""
    return "\t".join((latin, cyrillic, "stem", rule, "l2c", source, before_suffix))


@dataclass
class LoanReport:
    """What the build saw; ``--report`` prints it, the README quotes it."""

    russian: int = 0
    noun_like: int = 0
    candidates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    kept_by_class: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def reject(self, reason: str, latin: str) -> None:
        self.rejected[reason] += 1
        if len(self.examples[reason]) < 12:
            self.examples[reason].append(latin)


# -- the Russian dictionary ------------------------------------------------------------------


def read_dictionary(path: Path) -> list[RussianWord]:
    """Entries of a hunspell .dic (optionally .xz): ``word/FLAGS`` lines after a count line."""
    raw = path.read_bytes()
    text = (lzma.decompress(raw) if path.suffix == ".xz" else raw).decode("utf-8")
    words: list[RussianWord] = []
    for line in text.splitlines()[1:]:
        spelling, _, flags = line.strip().partition("/")
        lower = spelling.lower()
        if not RUSSIAN_LETTERS.fullmatch(lower):
            continue
        proper = spelling[:1].isupper() and spelling[1:] == spelling[1:].lower()
        if spelling.isupper() and len(spelling) > 1:
            continue  # abbreviations (ЧПУ, ГЭС) are read letter by letter, not as loans
        words.append(RussianWord(lower, proper, frozenset(flags)))
    return words


@dataclass(frozen=True)
class _Suffix:
    strip: str
    add: str
    condition: re.Pattern[str]


def read_affixes(path: Path) -> dict[str, list[_Suffix]]:
    """The SFX rules of a hunspell .aff file, by flag (ru_RU has no PFX rules)."""
    rules: dict[str, list[_Suffix]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, condition = parts[1], parts[2], parts[3], parts[4]
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add.split("/")[0]
        rules[flag].append(_Suffix(strip, add, re.compile(f"(?:{condition})$")))
    return rules


class RussianForms:
    """Answers "is this a Russian word form?" by undoing one suffix rule (hunspell's lookup)."""

    def __init__(self, words: Iterable[RussianWord], affixes: dict[str, list[_Suffix]]) -> None:
        self._flags: dict[str, set[str]] = defaultdict(set)
        for word in words:
            self._flags[word.text] |= word.flags
        self._affixes = affixes

    def __contains__(self, form: str) -> bool:
        if form in self._flags:
            return True
        for flag, rules in self._affixes.items():
            for rule in rules:
                if not form.endswith(rule.add):
                    continue
                stem = form[: len(form) - len(rule.add)] + rule.strip
                if (
                    stem in self._flags
                    and flag in self._flags[stem]
                    and rule.condition.search(stem)
                ):
                    return True
        return False


# -- the method -------------------------------------------------------------------------------

Convert = Callable[[str], str]


def syllables(latin: str) -> int:
    return sum(c in LATIN_VOWELS for c in latin.replace(UZBEK_VOWEL_DIGRAPH, "o"))


def loan_class(real: str, rules: str) -> str:
    """SPEC class of the first difference between the Russian spelling and the rule output."""
    matcher = difflib.SequenceMatcher(None, real, rules, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a, b = real[i1:i2], rules[j1:j2]
        nxt = real[i2 : i2 + 1]
        if "ъ" in a:
            return "L42"
        if "ь" in a:
            if nxt in ("е", "ё", "ю", "я", "и", "о") or a.endswith(("ья", "ью", "ьё")):
                return "L43"
            return "L49" if real.endswith(("ель", "аль")) and i2 == len(real) else "L41"
        if "ц" in a:
            return "L40"
        if "э" in a:
            return "L47"
        if "й" in a or "й" in b:
            return "L45"
        if a in ("ё", "ю", "я") or b in ("о", "у", "а"):
            return "L44"
        return "L48"
    return "L48"


def uzbek_evidence(
    candidates: Iterable[str], uzbek_latin: Iterable[str], is_chain: Callable[[str, str], bool]
) -> dict[str, set[str]]:
    """For each candidate Latin form, the Uzbek (Latin) words that are it or it + a suffix chain."""
    wanted = set(candidates)
    lengths = sorted({len(c) for c in wanted})
    found: dict[str, set[str]] = defaultdict(set)
    for word in uzbek_latin:
        for size in lengths:
            if size > len(word):
                break
            stem = word[:size]
            if stem in wanted and (size == len(word) or is_chain(word[size:], stem[-2:])):
                found[stem].add(word)
    return found


def native_verb(latin: str, uzbek_latin: AbstractSet[str]) -> bool:
    """True if the list has the form as a bare verb stem: kel-di, kel-gan, kel-ib ..."""
    hits = sum(latin + ending in uzbek_latin for ending in VERB_ENDINGS)
    return hits >= NATIVE_VERB_FORMS


def inflected_native_verb(latin: str, uzbek_latin: AbstractSet[str]) -> bool:
    """True if the form is a native verb stem + (the start of) a verb ending: kes-ar (кесарь),
    ol-ga (Ольга), whose entry would otherwise take ol-gan-i "that he took" as olga-ni."""
    for size in range(2, len(latin)):
        rest = latin[size:]
        if any(e.startswith(rest) or rest.startswith(e) for e in VERB_ENDINGS) and native_verb(
            latin[:size], uzbek_latin
        ):
            return True
    return False


def native_verb_reading(word: str, stem_length: int, uzbek_latin: AbstractSet[str]) -> bool:
    """True if ``word`` reads as a native verb stem shorter than the loan + a verb ending:
    olgani is ol-gan-i "that he took", so the name Olga (ольга) must not take it as olga-ni."""
    for size in range(2, stem_length):
        rest = word[size:]
        if any(rest.startswith(e) for e in VERB_ENDINGS) and native_verb(word[:size], uzbek_latin):
            return True
    return False


def before_suffix(cyrillic: str) -> str:
    """Final ь drops before a suffix (октябрда, панеллар); everything else stays as it is."""
    return cyrillic[:-1] if cyrillic.endswith("ь") else ""


@dataclass(frozen=True)
class UzbekUse:
    """The build part of the Uzbek list, in Latin, with what its raw spelling says about case."""

    latin: frozenset[str]
    title_only: frozenset[str]  # Latin forms the raw list has only in Title case (names)
    title: frozenset[str]  # Latin forms the raw list has in Title case at all


def uzbek_use(build_words: Sequence[str], raw_lines: Iterable[str], to_latin: Convert) -> UzbekUse:
    """Latin forms of the build words; ``raw_lines`` (the list before lower-casing) gives case."""
    wanted = set(build_words)
    lower: set[str] = set()
    title: set[str] = set()
    for line in raw_lines:
        word = line.strip()
        if word.lower() not in wanted:
            continue
        if word == word.lower():
            lower.add(word)
        elif word[:1].isupper() and word[1:] == word[1:].lower():
            title.add(word.lower())
    return UzbekUse(
        frozenset(to_latin(w) for w in wanted),
        frozenset(to_latin(w) for w in title - lower),
        frozenset(to_latin(w) for w in title),
    )


def build(
    russian: Sequence[RussianWord],
    forms: RussianForms,
    use: UzbekUse,
    to_latin: Convert,
    rules_to_cyrillic: Convert,
    is_chain: Callable[[str, str], bool],
    known_keys: frozenset[str],
    native: frozenset[str] = frozenset(),
) -> tuple[list[Loan], LoanReport]:
    """The whole method (module docstring) on already-read inputs; ``use`` is the build part."""
    report = LoanReport(russian=len(russian))
    by_latin: dict[str, set[tuple[str, str]]] = defaultdict(set)
    proper: dict[str, bool] = {}
    for word in russian:
        if not word.noun_like:
            continue
        report.noun_like += 1
        spelling = word.text.translate(UZBEK_FOR_RUSSIAN)
        latin = to_latin(spelling)
        produced = rules_to_cyrillic(latin)
        if produced == spelling or not latin.isalpha():
            continue
        by_latin[latin].add((spelling, produced))
        proper[spelling] = proper.get(spelling, True) and word.proper
    report.candidates = len(by_latin)
    evidence = uzbek_evidence(by_latin, use.latin, is_chain)
    passed: dict[str, tuple[str, str]] = {}
    for latin in sorted(by_latin):
        spellings = sorted(by_latin[latin])
        support = evidence.get(latin, set())
        reason = _rejection(latin, spellings, support, use.latin, forms, known_keys, native)
        if reason is None:
            is_name = proper[spellings[0][0]]
            if is_name and not _name_evidence(latin, support, use):
                reason = "name-without-a-capitalised-bare-or-case-form"
            elif not is_name and len(latin) <= MAX_NAME_LIKE and support <= use.title_only:
                reason = "used-only-as-a-name-in-uzbek"
        if reason is not None:
            report.reject(reason, latin)
            continue
        passed[latin] = spellings[0]
    stems = known_keys | set(passed)
    loans: list[Loan] = []
    for latin, (cyrillic, produced) in passed.items():
        if any(native_verb_reading(w, len(latin), use.latin) for w in evidence[latin]):
            report.reject("matches-a-native-verb-form", latin)
            continue
        own = {w for w in evidence[latin] if not _shorter_stem_explains(w, latin, stems, is_chain)}
        if not own:
            report.reject("explained-by-a-shorter-stem", latin)
            continue
        loan = Loan(
            latin, cyrillic, loan_class(cyrillic, produced), before_suffix(cyrillic), len(own)
        )
        loans.append(loan)
        report.kept_by_class[loan.rule] += 1
    return sorted(loans, key=lambda x: x.latin), report


# Case endings (and -lik/-cha) after which a name is plainly a name: Sibirda, Myanmaning. A name
# seen only with a possessive (Maryam = Марья + m?) is more likely another word.
NAME_CASE_ENDINGS = ("ga", "ka", "da", "dan", "dagi", "ni", "ning", "gacha", "lik", "cha")


def _name_evidence(latin: str, support: AbstractSet[str], use: UzbekUse) -> bool:
    """A proper name needs a capitalised form in the list, and the bare name or the name + a
    case ending among its forms (maryam, maryamning alone do not make Марья)."""
    if not support & use.title:
        return False
    return latin in support or any(w[len(latin) :].startswith(NAME_CASE_ENDINGS) for w in support)


def _shorter_stem_explains(
    word: str, latin: str, stems: AbstractSet[str], is_chain: Callable[[str, str], bool]
) -> bool:
    """True if ``word`` is another, shorter stem + a suffix chain (sexini = sex + i + ni)."""
    for size in range(MIN_LATIN - 1, len(latin)):
        stem = word[:size]
        if stem in stems and is_chain(word[size:], stem[-2:]):
            return True
    return False


def _rejection(
    latin: str,
    spellings: Sequence[tuple[str, str]],
    support: set[str],
    uzbek_latin: frozenset[str],
    forms: RussianForms,
    known_keys: frozenset[str],
    native: frozenset[str],
) -> str | None:
    """The first guard that ``latin`` fails, or None (the order is the README's)."""
    if not support:
        return "no-uzbek-use"
    if latin in native:
        return "native-guard-list"
    if latin in known_keys:
        return "already-in-curated-or-generated"
    if len(latin) < MIN_LATIN:
        return "short"
    if len(spellings) > 1:
        return "ambiguous-in-russian"
    cyrillic, produced = spellings[0]
    if syllables(latin) < 2 and cyrillic[-1] in "ьъ":
        return "one-syllable-final-sign"
    if produced in forms:
        return "rule-output-is-russian-too"
    if native_verb(latin, uzbek_latin) or inflected_native_verb(latin, uzbek_latin):
        return "native-verb-forms"
    if len(support) < 2 and (len(latin) < MIN_LONE_LATIN or syllables(latin) < 2):
        return "weak-evidence"
    return None


# -- wiring and output ------------------------------------------------------------------------


def known_keys() -> frozenset[str]:
    """Latin keys the other l2c files have: curated wins anyway, and generated is list-proven."""
    from yozuv.lexicon import read_lexicon_file

    keys: set[str] = set()
    for path in (CURATED, GENERATED):
        if path.is_file():
            keys |= {e.latin for e in read_lexicon_file(path) if e.direction != "c2l"}
    return frozenset(keys)


def read_native_guard(path: Path = NATIVE_GUARD) -> frozenset[str]:
    """Latin native words no loan entry may take (``#`` starts a comment)."""
    if not path.is_file():
        return frozenset()
    words = (
        line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return frozenset(w for w in words if w)


def render(loans: Iterable[Loan]) -> str:
    lines = ["\t".join(HEADER)]
    lines += [loan.row() for loan in sorted(loans, key=lambda x: (x.latin, x.cyrillic))]
    return "\n".join(lines) + "\n"


def engine_functions() -> tuple[Convert, Convert, Callable[[str, str], bool]]:
    import yozuv
    from yozuv.lexicon import SuffixGrammar, read_suffix_file

    to_latin = yozuv.get_converter(to="latin", source="cyrillic").convert
    rules = yozuv.get_converter(to="cyrillic", source="latin", use_lexicon=False).convert
    grammar = SuffixGrammar(read_suffix_file(SUFFIXES), "l2c")
    return to_latin, rules, grammar.is_chain


def run(dic: Path, aff: Path, words_path: Path) -> tuple[list[Loan], LoanReport]:
    russian = read_dictionary(dic)
    forms = RussianForms(russian, read_affixes(aff))
    build_part, _held_out = split_words(read_word_list(words_path))
    to_latin, rules, is_chain = engine_functions()
    raw = words_path.read_text(encoding="utf-8").splitlines()
    use = uzbek_use(build_part, raw, to_latin)
    return build(russian, forms, use, to_latin, rules, is_chain, known_keys(), read_native_guard())


def print_report(report: LoanReport, loans: Sequence[Loan], out: Callable[[str], object]) -> None:
    out(f"Russian dictionary: {report.russian} entries, {report.noun_like} nouns/indeclinables")
    out(f"candidates (rules do not give the Russian spelling back): {report.candidates}")
    print_rejections(report.rejected, report.examples, out, width=46)
    out(
        f"kept: {len(loans)}  "
        + ", ".join(f"{k} {v}" for k, v in sorted(report.kept_by_class.items()))
    )


def print_rejections(
    rejected: Mapping[str, int],
    examples: Mapping[str, list[str]],
    out: Callable[[str], object],
    width: int,
) -> None:
    """The ``--report`` lines of a builder's guards: count and examples, most first."""
    out("rejected, by guard:")
    for reason, count in sorted(rejected.items(), key=lambda kv: (-kv[1], kv[0])):
        sample = ", ".join(examples[reason][:8])
        out(f"  {reason:{width}} {count:6}  e.g. {sample}")


def missing_input(tool: str, paths: Sequence[Path]) -> bool:
    """Say so (one line on stderr) if an input file of a builder is missing."""
    for path in paths:
        if not path.is_file():
            print(f"{tool}: {path} not found", file=sys.stderr)
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dic", type=Path, default=DEFAULT_DIC, help="hunspell .dic (or .dic.xz)")
    parser.add_argument("--aff", type=Path, default=DEFAULT_AFF, help="hunspell .aff")
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS, help="Uzbek word list")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV file to write")
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    parser.add_argument("--report", action="store_true", help="print what each guard rejected")
    args = parser.parse_args(argv)
    if missing_input("build_loans", (args.dic, args.aff, args.words)):
        return 2
    loans, report = run(args.dic, args.aff, args.words)
    text = render(loans)
    if args.report:
        print_report(report, loans, print)
    return write_or_check("build_loans", args.out, text, len(loans), check=args.check)


if __name__ == "__main__":
    raise SystemExit(main())
