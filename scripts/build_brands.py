"""Regenerate ``mappings/lexicon/brands-simple-icons.tsv``: brand and product names that
Latin -> Cyrillic keeps as written, from the Simple Icons project's list of brands.

Why: what is left of issue 14's foreign tokens is brands and services that no shape test
catches because they are written like ordinary words (Netflix, Hilton, Coursera) or in
several words (Khan Academy, Premier League, App Store). No rule can know them; a list of
brand names can. Simple Icons keeps such a list for its icons, released under CC0-1.0
(``scripts/data/simple-icons/LICENSE.md``), so it may ship with an MIT project.

Source: the npm package ``simple-icons`` (version and SHA-256 in :data:`SOURCE`), file
``data/simple-icons.json``, field ``title`` of each icon. ``--package FILE.tgz`` refreshes the
extract kept in the repository (``scripts/data/simple-icons/titles.txt``, one title a line);
without it the script builds from that extract, so a rebuild needs no network.

What is kept (each rule drops a way a listed name would keep an Uzbek word in Latin):

- titles of plain words only (letters, inner hyphens): a title with a digit or a sign is a
  code the shape tests keep already (1Password, 9GAG) or no word at all (.NET);
- a single word of three letters or more: a two-letter title (Go, LG) is an Uzbek word or
  abbreviation as often as a brand;
- not an Uzbek word form of the build part of the word lists, bare or with a suffix chain
  (Adidas, Opera, Visa, Puma, Ford are in them), not an Uzbek abbreviation, not a name of
  ``names.tsv``, not an English word that ``english.txt`` leaves out because the Uzbek word
  lists inflect it (Element, Flutter, Bitcoin: Uzbek writes them in Cyrillic). An unknown
  word shaped like an Uzbek form is not dropped: that test takes Boeing and Caterpillar for
  a stem and a suffix;
- a single title that is an English word (Scratch, Medium) is marked ``capitalised``: it is
  kept only when written with a capital, as a name is;
- a title of several words (Khan Academy) is a phrase: kept only when all its words stand
  together, in that order, each capitalised as in the title (or in capitals), the last one
  possibly with an Uzbek suffix chain (App Storeda). A phrase of Uzbek words only, none of
  them kept on its own (a brand, an English word), is dropped (General Motors).

Usage: ``python scripts/build_brands.py [--package simple-icons-X.tgz] [--check] [--report]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tarfile
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_language import ENGLISH_SOURCES, read_xz_lines
from generated_file import check_current

from yozuv.language import Language

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "scripts" / "data" / "simple-icons"
TITLES = DATA / "titles.txt"
LEXICON = ROOT / "mappings" / "lexicon"
OUT = LEXICON / "brands-simple-icons.tsv"
NAMES = LEXICON / "names.tsv"
SOURCE = (
    "simple-icons 16.37.0 (npm; sha256 "
    "cd9faf0e6faa8a8fdd15e9632ab4c86fcae4b986fe552b87673149847f2f671d; CC0-1.0)"
)
MEMBER = "package/data/simple-icons.json"
MIN_SINGLE = 3  # letters

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def titles_from_package(package: Path) -> list[str]:
    """Every icon's title in the npm tarball, sorted and unique."""
    with tarfile.open(package) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{package}: no {MEMBER}")
        icons = json.load(member)
    if isinstance(icons, dict):
        icons = icons["icons"]
    return sorted({str(icon["title"]).strip() for icon in icons})


def read_titles(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def read_names(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["latin"].lower() for row in rows}


def inflected_english() -> set[str]:
    """SCOWL's lower-case words that ``english.txt`` leaves out: those the build part of the
    Uzbek word lists inflects (``build_language.build_english``), Uzbek loans."""
    scowl = {line for path in ENGLISH_SOURCES for line in read_xz_lines(path) if line.islower()}
    shipped = set((LEXICON / "english.txt").read_text(encoding="utf-8").split())
    return scowl - shipped


def uzbek(language: Language, names: set[str], word: str) -> bool:
    """Is this word (one part of a title) Uzbek by the build part of the word lists?"""
    lower = word.lower()
    parts = lower.split("-")
    return (
        lower in names
        or language.is_uzbek(lower)
        or any(language.is_uzbek(part) for part in parts)
        or word.upper() in language.abbreviations
    )


def select(
    titles: Iterable[str], language: Language, names: set[str]
) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """The rows to ship, ``(title, match)``, and the titles dropped by each rule."""
    rows: list[tuple[str, str]] = []
    dropped: dict[str, list[str]] = {}
    for title in titles:
        words = title.split(" ")
        reason = None
        if not all(_WORD.fullmatch(word) for word in words):
            reason = "not plain words"
        elif len(words) == 1:
            if len(title) < MIN_SINGLE:
                reason = "too short"
            elif uzbek(language, names, title):
                reason = "Uzbek word"
        elif all(
            uzbek(language, names, word) and language.classify(word) is None for word in words
        ):
            reason = "Uzbek words only"
        if reason is not None:
            dropped.setdefault(reason, []).append(title)
            continue
        english = len(words) == 1 and language._english_word(title.lower())
        rows.append((title, "capitalised" if english else "any"))
    return rows, dropped


def render(rows: Sequence[tuple[str, str]]) -> str:
    lines = [
        "# Brand and product names kept as written by Latin -> Cyrillic. Generated by",
        "# scripts/build_brands.py from " + SOURCE + "; see LICENSE.simple-icons.",
        "# match: any (any case), capitalised (an English word too: only with a capital).",
        "# A name of several words is kept only when all of them stand together.",
        "name\tmatch",
    ]
    lines += [f"{title}\t{match}" for title, match in rows]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", type=Path, help="refresh titles.txt from this npm tarball")
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    parser.add_argument("--report", action="store_true", help="print what each rule dropped")
    args = parser.parse_args(argv)
    if args.package is not None:
        titles = titles_from_package(args.package)
        header = f"# Icon titles of {SOURCE}, extracted by scripts/build_brands.py --package.\n"
        TITLES.write_text(header + "\n".join(titles) + "\n", encoding="utf-8")
    # Without the list being made, so that its rows never decide their own filter.
    language = Language.load(listed_brands=False)
    rows, dropped = select(read_titles(TITLES), language, read_names(NAMES) | inflected_english())
    text = render(rows)
    if args.report:
        for reason, titles in sorted(dropped.items()):
            print(f"{reason}: {len(titles)}: {', '.join(titles[:40])}")
        phrases = sum(" " in title for title, _ in rows)
        print(f"kept: {len(rows)} ({phrases} phrases)")
    if args.check:
        return check_current(
            OUT, text, f"{OUT.relative_to(ROOT)} is stale: run scripts/build_brands.py"
        )
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
