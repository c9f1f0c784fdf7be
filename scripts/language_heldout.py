"""Measure ``yozuv.language`` on the parts of its sources that never fed its data.

Why: a foreign-word list earns its place only if it keeps English words it has not seen and
leaves Uzbek words it has not seen alone. Figures (``python scripts/language_heldout.py
[--examples N]``):

- Uzbek false positives: held-out Latin forms of the tesseract Cyrillic list (the split of
  ``scripts/build_language.py``) that the classifier would keep, in lower case, Title case
  and capitals (a headline); the same over the held-out part of the tesseract Latin list,
  which is web text with English in it, so part of its "false positives" are English.
- English recall: held-out SCOWL words (whole-word split, never shipped) that are kept.
- Abbreviations: a classifier built without the held-out abbreviations, asked about them
  in capitals: how many it still converts (an unlisted Uzbek abbreviation).
- Context (``Language.in_context``, what Latin -> Cyrillic keeps for its neighbours): the
  held-out Uzbek forms each placed next to a kept word as the rules pair them (in small
  letters after "world", capitalised after "Google", in capitals after "USB", after a
  hyphen after "Wi"), and how many join it; and the listed acronyms that are Uzbek forms
  of the held-out part in capitals (kept wherever they stand).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_language import (
    ABBREVIATIONS_OUT,
    ENGLISH_SOURCES,
    LATIN_WORDS,
    english_words,
    held_out,
    uzbek_parts,
)
from build_lexicon import DEFAULT_WORDS, SUFFIXES

from yozuv.language import Language, _read_first_column
from yozuv.registry import builtin_schemes
from yozuv.scheme import expand_classes
from yozuv.tokens import HYPHEN, SPACE, ContextWord

# A kept word and how a held-out Uzbek form is written next to it, for the context measure.
CONTEXT_PAIRS: tuple[tuple[str, Callable[[str], str], str], ...] = (
    ("world", str.lower, SPACE),
    ("Google", str.capitalize, SPACE),
    ("iPhone", str.capitalize, SPACE),
    ("USB", str.upper, SPACE),
    ("Wi", str.lower, HYPHEN),
)


def joins(
    language: Language, kept: str, shape: Callable[[str], str], link: str
) -> Callable[[str], bool]:
    """Does an Uzbek form, written by ``shape``, join ``kept`` when it stands right after it?
    (Its ``native`` flag is the Latin -> Cyrillic table's ``[protect] native`` pattern, as
    the engine sets it.)"""
    scheme = builtin_schemes()["latin-cyrillic"]
    native = re.compile(expand_classes(scheme.protect.native, scheme.classes))

    def test(word: str) -> bool:
        form = shape(word)
        second = ContextWord(form, False, link, False, bool(native.search(form)))
        return language.in_context([ContextWord(kept, True, "", True), second])[1] is not None

    return test


def rate(
    name: str, words: Iterable[str], keep: Callable[[str], bool], examples: int
) -> tuple[int, int]:
    words = sorted(words)
    hits = [w for w in words if keep(w)]
    share = len(hits) / len(words) * 100 if words else 0.0
    print(f"{name}: {len(hits)} / {len(words)} = {share:.2f} %")
    if examples and hits:
        print("    e.g. " + ", ".join(hits[:: max(1, len(hits) // examples)][:examples]))
    return len(hits), len(words)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=12)
    args = parser.parse_args(argv)
    import yozuv
    from yozuv.lexicon import SuffixGrammar, read_suffix_file

    language = Language.load()
    to_latin = yozuv.get_converter(to="latin", source="cyrillic").convert
    parts = uzbek_parts(to_latin, DEFAULT_WORDS, LATIN_WORDS)
    kept = lambda w: language.classify(w) is not None  # noqa: E731
    n = args.examples
    print("Uzbek words wrongly kept (held-out part only):")
    cyrillic = parts.cyrillic_held_out
    rate("  Cyrillic list, lower case", cyrillic, kept, n)
    rate("  Cyrillic list, Title case", (w[:1].upper() + w[1:] for w in cyrillic), kept, n)
    rate("  Cyrillic list, CAPITALS", (w.upper() for w in cyrillic), kept, n)
    latin_only = parts.latin_held_out - parts.cyrillic_build
    rate("  Latin list (web text, has English), lower case", latin_only, kept, n)
    english = english_words(ENGLISH_SOURCES)
    held = [w for w in english if held_out(w, whole=True)]
    uzbek_forms = parts.cyrillic_build | parts.cyrillic_held_out
    print("English words kept (held-out part of SCOWL, never shipped):")
    rate("  all held-out words", held, kept, n)
    rate("  not Uzbek forms too", (w for w in held if w not in uzbek_forms), kept, n)
    missed = lambda w: language.classify(w) is None  # noqa: E731
    rate(
        "  missed (converted), not Uzbek forms",
        (w for w in held if w not in uzbek_forms),
        missed,
        n,
    )
    listed = _read_first_column(ABBREVIATIONS_OUT)
    build = [a for a in listed if not held_out(a.lower())]
    test = [a for a in listed if held_out(a.lower())]
    folder = ABBREVIATIONS_OUT.parent
    without = Language(
        (folder / "english.txt").read_text(encoding="utf-8").split("\n")[2:-1],
        (folder / "uzbek.txt").read_text(encoding="utf-8"),
        build,
        _read_first_column(folder / "digraphs.txt"),
        _read_first_column(folder / "brands.tsv"),
        SuffixGrammar(read_suffix_file(SUFFIXES), "l2c"),
    )
    print("Abbreviations (a classifier without the held-out ones):")
    rate("  held-out abbreviations converted", test, lambda a: without.classify(a) is None, n)
    print("Context: held-out Uzbek forms (Cyrillic list) kept next to a kept word:")
    for kept_word, shape, link in CONTEXT_PAIRS:
        label = f"  {shape('form')} after {kept_word!r} ({link})"
        rate(label, cyrillic, joins(language, kept_word, shape, link), n)
    rate(
        "  in capitals, kept alone as a listed acronym",
        (w.upper() for w in cyrillic),
        language.acronym,
        n,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
