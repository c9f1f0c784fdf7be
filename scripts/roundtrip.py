"""Print the round-trip rate Cyrillic word -> Latin -> Cyrillic on the word list.

Why: the lexicon is built from the *build* part of the list (see ``build_lexicon.py``); the
honest measure is on the *held-out* part, whose stems the lexicon never saw (the split groups
inflected forms by their first letters). The build part is printed too, separately labelled,
because a gap between the two shows how much the lexicon over-fits.

A word counts as recovered when ``to_cyrillic(to_latin(word)) == word`` with the full engine
(rules + lexicon) in both directions, on lower-case words. Failures are broken down by the
class of the difference (``build_lexicon.classify``): ``L4x`` classes are lexicon misses,
``list:`` classes are differences caused by the word list itself (it has no letter ь at all,
writes ц for a t+s boundary, spells -кция as -ксия, writes йў as ёъ), ``rule:``/``c2l:``
point at a rule table, and ``other:`` is everything else.

Usage: ``python scripts/roundtrip.py [--words FILE] [--failures N] [--class PREFIX]``.
``--lexicon A.tsv --lexicon B.tsv ...`` measures with those l2c lexicon files (in that order, a
later file overriding an earlier one) instead of the ones the scheme lists, so a candidate file
such as ``loans.tsv`` can be measured before the scheme names it. ``--distinct`` counts each
distinct word of a ``--text`` once (a translation catalogue repeats its words a lot).
``--guess on|off`` measures with the spelling guess of ``[guess]`` on or off whatever the
scheme says, ``--guess-margin`` with another margin than the model's; the words it treats as
known Uzbek are the Latin forms of the build part (``--known shipped``: ``uzbek.txt``, which
is split on the Latin form and so holds most held-out words).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_lexicon import (
    DEFAULT_WORDS,
    LEXICON_DIR,
    UZBEK_CYRILLIC,
    classify,
    read_word_list,
    split_words,
)

if TYPE_CHECKING:
    from yozuv.language import Language

Convert = Callable[[str], str]


@dataclass
class Measure:
    """Round-trip result on one part of the list."""

    label: str
    total: int = 0
    recovered: int = 0
    soft_sign_only: int = 0  # failures that differ in ь alone (the other norm: right)
    hidden_total: int = 0  # words whose Latin hides a letter (ц ь ъ ё ю я, э inside)
    hidden_right: int = 0  # of those, recovered under either soft-sign norm
    hidden_list_caused: int = 0  # of those, failures of the list's own spelling
    failures: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @property
    def rate(self) -> float:
        return self.recovered / self.total if self.total else 0.0

    @property
    def list_caused(self) -> int:
        return sum(len(v) for k, v in self.failures.items() if k.startswith("list"))

    @property
    def rate_without_list_noise(self) -> float:
        """Rate over the words whose failure (if any) is not caused by the list's own spelling."""
        counted = self.total - self.list_caused
        return self.recovered / counted if counted else 0.0


def measure(
    label: str,
    words: Sequence[str],
    to_latin: Convert,
    to_cyrillic: Convert,
    rules_only: Convert | None = None,
) -> Measure:
    """Round trip each word; with ``rules_only``, a failure that the rules alone would not have
    made is classed ``list≠lexicon:<class>``: the list spells the word differently from the
    lexicon entry (for curated entries: the list does not follow the 1956 norm there)."""
    result = Measure(label, total=len(words))
    for word in words:
        latin = to_latin(word)
        back = to_cyrillic(latin)
        hidden = hides_letters(word)
        result.hidden_total += hidden
        if back == word:
            result.recovered += 1
            result.hidden_right += hidden
            continue
        if back.replace("ь", "") == word.replace("ь", ""):
            result.soft_sign_only += 1
            result.hidden_right += hidden
        klass = classify(word, back)
        if rules_only is not None and rules_only(latin) == word:
            klass = "list≠lexicon:" + klass.split(":")[-1]
        if hidden and klass.startswith("list") and back.replace("ь", "") != word.replace("ь", ""):
            result.hidden_list_caused += 1
        result.failures[klass].append((word, latin, back))
    return result


HIDDEN_ANYWHERE = frozenset("цьъёюя")


def hides_letters(word: str) -> bool:
    """Does Latin hide a letter of this Cyrillic word (ц ь ъ ё ю я, or э after the first
    letter: Latin writes them s/ts, nothing, ʼ, yo, yu, ya, e), so that only knowledge of
    the word can restore it?"""
    return not HIDDEN_ANYWHERE.isdisjoint(word) or "э" in word[1:]


def text_words(text: str) -> list[str]:
    """Lower-case Cyrillic word tokens of a running text, in order (repeats kept)."""
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text) if set(w.lower()) <= UZBEK_CYRILLIC]


def peer_case_cyrillic(directory: Path) -> list[str]:
    """The Cyrillic side of every c2l/l2c row in the TSV files of ``directory``."""
    texts: list[str] = []
    for path in sorted(directory.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("direction") == "c2l":
                    texts.append(row.get("source_text") or "")
                elif row.get("direction") == "l2c":
                    texts.append(row.get("expected") or "")
    return texts


def lexicon_sizes(directory: Path = LEXICON_DIR) -> dict[str, Counter[str]]:
    """Entries per file and rule class, read straight from the TSV files.

    Only files whose header is the lexicon header count: the folder also holds other TSV
    data (suffixes, brands, abbreviations) that is no lexicon.
    """
    from yozuv.lexicon import LEXICON_COLUMNS, read_lexicon_file

    sizes: dict[str, Counter[str]] = {}
    for path in sorted(directory.glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            header = handle.readline()  # the reader takes the first line as the header
        if header.lstrip("\ufeff").rstrip("\r\n").split("\t") != list(LEXICON_COLUMNS):
            continue
        sizes[path.name] = Counter(e.rule for e in read_lexicon_file(path))
    return sizes


def audit_entries(
    words: Sequence[str],
    to_latin: Convert,
    to_cyrillic: Convert,
    files: Sequence[Path] = (),
) -> dict[str, tuple[int, int]]:
    """For each l2c lexicon entry: (list forms it gets right, list forms it gets wrong).

    Run over the whole list: it checks the curated entries against real text, and names the
    entries whose spelling (usually the 1956 norm) the list does not follow.
    """
    from yozuv.lexicon import Lexicon

    paths = list(files) or [LEXICON_DIR / "generated.tsv", LEXICON_DIR / "curated.tsv"]
    lexicon = Lexicon.load(
        [p for p in paths if p.is_file()],
        direction="l2c",
        suffixes_path=LEXICON_DIR / "suffixes.tsv",
    )
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for word in words:
        latin = to_latin(word)
        hit = lexicon.lookup(latin)
        if hit is None:
            continue
        key = f"{latin[: hit.stem_length]} → {hit.output} ({hit.rule})"
        tally[key][0 if to_cyrillic(latin) == word else 1] += 1
    return {k: (v[0], v[1]) for k, v in tally.items()}


def print_audit(audit: dict[str, tuple[int, int]], show: int) -> None:
    agree = sum(a for a, _ in audit.values())
    disagree = sum(d for _, d in audit.values())
    print(
        f"lexicon audit over the whole list: {len(audit)} entries hit; "
        f"{agree} forms agree, {disagree} forms differ"
    )
    ranked = sorted(audit.items(), key=lambda kv: (-kv[1][1], kv[0]))
    for key, (a, d) in ranked[:show]:
        if d:
            print(f"  {key:44} agree {a:4}  differ {d:4}")


def print_measure(m: Measure, show: int, only: str | None) -> None:
    print(f"{m.label}: {m.recovered}/{m.total} recovered = {m.rate:.2%}")
    print(
        f"  excluding {m.list_caused} failures where the list's spelling is not the norm "
        "(list:*, list≠lexicon:*): "
        f"{m.rate_without_list_noise:.2%}"
    )
    either = m.recovered + m.soft_sign_only
    print(
        f"  either soft-sign norm right (апрель or апрел): {either}/{m.total} = "
        f"{either / m.total:.2%}; excluding the other list failures: "
        f"{either / max(1, m.total - m.list_caused + m.soft_sign_only):.2%}"
    )
    if m.hidden_total:
        counted = m.hidden_total - m.hidden_list_caused
        print(
            f"  words where Latin hides ц ь ъ э ё ю я: {m.hidden_right}/{m.hidden_total} = "
            f"{m.hidden_right / m.hidden_total:.2%} (either norm); excluding "
            f"{m.hidden_list_caused} list failures: {m.hidden_right / max(1, counted):.2%}"
        )
    grouped: Counter[str] = Counter()
    for klass, items in m.failures.items():
        family = (
            klass.split(":", 1)[0] + ":" if ":" in klass and klass.startswith("other") else klass
        )
        grouped[family] += len(items)
    for klass, count in sorted(grouped.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {klass:22} {count:6}  ({count / m.total:.2%})")
    if show:
        for klass in sorted(m.failures, key=lambda k: -len(m.failures[k])):
            if only and not klass.startswith(only):
                continue
            sample = m.failures[klass][:show]
            print(f"  -- {klass}: " + " | ".join(f"{w} → {lat} → {b}" for w, lat, b in sample))


def build_part_language(known_forms: Sequence[str]) -> Language:
    """The shipped word-level language decision, except that the Uzbek forms the spelling
    guess treats as known are the Latin forms of the *build* part of the Cyrillic list.

    Why: ``uzbek.txt`` is split on the Latin form, the held-out part of this measure on the
    Cyrillic form, so the shipped list holds the Latin forms of most held-out words (a word
    it knows is never guessed). Measured with it, the guess would be judged on the few
    held-out words the split happens to leave unknown.
    """
    from yozuv.language import default_language

    return default_language().with_uzbek(known_forms)


def converter_with(
    files: Sequence[Path],
    *,
    guess: str = "scheme",
    margin: float | None = None,
    language: object | None = None,
) -> Convert:
    """Latin -> Cyrillic with the shipped rules and these lexicon files (none: the
    scheme's); ``guess`` ``on``/``off`` overrides the scheme's ``[guess] enabled``,
    ``margin`` the spelling model's, ``language`` the word lists the guess asks."""
    from yozuv.engine import Engine
    from yozuv.language import default_language
    from yozuv.lexicon import Lexicon, load_lexicon
    from yozuv.registry import find_chain
    from yozuv.words import LanguageLike

    for path in files:
        if not path.is_file():
            raise SystemExit(f"roundtrip: lexicon file {path} not found")
    (scheme,) = find_chain("latin", "cyrillic")
    if guess != "scheme":
        scheme = scheme._replace(guess=scheme.guess._replace(enabled=guess == "on"))
    lexicon = (
        Lexicon.load(list(files), direction="l2c", suffixes_path=LEXICON_DIR / "suffixes.tsv")
        if files
        else load_lexicon(scheme)
    )
    chosen = cast(LanguageLike, language) if language is not None else default_language()
    engine = Engine(scheme, lexicon=lexicon, language=chosen)
    guesser = engine.words.guesser
    if margin is not None and guesser is not None:
        guesser.model.margin = margin
    return engine.convert


def guess_changes(
    words: Sequence[str], to_latin: Convert, with_guess: Convert, without: Convert
) -> dict[str, list[str]]:
    """The words whose Latin form the spelling guess converts differently, by verdict:
    ``fixed`` (now the list's spelling), ``broken`` (was), ``other`` (wrong either way)."""
    found: dict[str, list[str]] = defaultdict(list)
    for word in words:
        latin = to_latin(word)
        guessed, plain = with_guess(latin), without(latin)
        if guessed == plain:
            continue
        verdict = "fixed" if guessed == word else "broken" if plain == word else "other"
        found[verdict].append(f"{latin} → {guessed} (rules: {plain}, list: {word})")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Round-trip rate on the held-out word list.")
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS, help="word list, one a line")
    parser.add_argument("--failures", type=int, default=0, metavar="N", help="show N per class")
    parser.add_argument("--class", dest="only", help="show failures of classes with this prefix")
    parser.add_argument("--build-part", action="store_true", help="also measure the build part")
    parser.add_argument(
        "--text",
        type=Path,
        action="append",
        default=[],
        help="also measure the words of a running Cyrillic text (e.g. a news item)",
    )
    parser.add_argument(
        "--peer-cases",
        type=Path,
        metavar="DIR",
        help="also measure the Cyrillic sides of peer test cases (a folder of TSV files)",
    )
    parser.add_argument(
        "--lexicon",
        type=Path,
        action="append",
        default=[],
        metavar="TSV",
        help="l2c lexicon file to use instead of the scheme's list (repeat, in order)",
    )
    parser.add_argument(
        "--distinct", action="store_true", help="count each distinct word of a --text once"
    )
    parser.add_argument(
        "--audit",
        type=int,
        default=0,
        metavar="N",
        help="list the N entries the list disagrees with most",
    )
    parser.add_argument(
        "--guess",
        choices=("scheme", "on", "off"),
        default="scheme",
        help="the spelling guess for lexicon misses: as the scheme says (default), on or off",
    )
    parser.add_argument(
        "--guess-margin",
        type=float,
        metavar="NATS",
        help="measure the guess with this margin instead of the model's",
    )
    parser.add_argument(
        "--known",
        choices=("build-part", "shipped"),
        default="build-part",
        help="Uzbek forms the guess treats as known: the Latin forms of the Cyrillic build"
        " part (default; no held-out word among them) or the shipped uzbek.txt",
    )
    args = parser.parse_args(argv)
    if not args.words.is_file():
        print(f"roundtrip: word list {args.words} not found", file=sys.stderr)
        return 2
    import yozuv

    to_latin = yozuv.get_converter(to="latin", source="cyrillic").convert
    rules_only = yozuv.get_converter(to="cyrillic", source="latin", use_lexicon=False).convert
    words = read_word_list(args.words)
    build, held_out = split_words(words)
    language = None
    if args.known == "build-part":
        language = build_part_language([to_latin(w) for w in build])
    to_cyrillic = converter_with(
        args.lexicon, guess=args.guess, margin=args.guess_margin, language=language
    )
    print(f"word list: {args.words.name}: {len(words)} clean lower-case words")
    print(f"parts: build {len(build)}, held-out {len(held_out)}")
    print_measure(
        measure("HELD-OUT, rules + lexicon", held_out, to_latin, to_cyrillic, rules_only),
        args.failures,
        args.only,
    )
    print_measure(measure("held-out, rules only", held_out, to_latin, rules_only), 0, None)
    if args.guess != "off":
        without = converter_with(args.lexicon, guess="off")
        changed = guess_changes(held_out, to_latin, to_cyrillic, without)
        summary = ", ".join(f"{k} {len(v)}" for k, v in sorted(changed.items())) or "none"
        print(f"held-out words the spelling guess changes: {summary}")
        for verdict, items in sorted(changed.items()):
            if args.failures:
                print(f"  -- {verdict}: " + " | ".join(items[: args.failures]))
    if args.build_part:
        print_measure(
            measure(
                "build part (lexicon source), rules + lexicon",
                build,
                to_latin,
                to_cyrillic,
                rules_only,
            ),
            0,
            None,
        )
    for text_path in args.text:
        tokens = text_words(text_path.read_text(encoding="utf-8"))
        label = f"text {text_path.name} ({len(tokens)} word tokens, {len(set(tokens))} distinct)"
        if args.distinct:
            tokens = sorted(set(tokens))
            label += ", each distinct word once"
        print_measure(
            measure(label, tokens, to_latin, to_cyrillic, rules_only), args.failures, None
        )
    if args.peer_cases:
        tokens = text_words("\n".join(peer_case_cyrillic(args.peer_cases)))
        label = f"peer cases {args.peer_cases.name} ({len(tokens)} word tokens)"
        print_measure(
            measure(label, tokens, to_latin, to_cyrillic, rules_only), args.failures, None
        )
    if args.audit:
        print_audit(audit_entries(words, to_latin, to_cyrillic, args.lexicon), args.audit)
    print("lexicon size by file and class:")
    for name, counts in lexicon_sizes().items():
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"  {name:14} {sum(counts.values()):5}  {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
