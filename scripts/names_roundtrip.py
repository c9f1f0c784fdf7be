"""How yozuv writes proper names: CLDR's Uzbek names of territories and languages.

Run: ``python scripts/names_roundtrip.py [--failures N] [--names FILE]``.

Why: names are what readers notice first, and the word list measure (``roundtrip.py``) holds
few of them. CLDR's ``uz_Cyrl`` and ``uz_Latn`` locales were written by Uzbek localisers in
each script separately (``scripts/extract_cldr_names.py`` copies them out of ICU, Unicode
licence); none of them is used to build any lexicon, so all of them are held out. Figures:

- round trip: Cyrillic -> Latin -> Cyrillic gives the Cyrillic name back (either soft-sign
  norm counts as right: Бельгия and Белгия);
- Cyrillic -> Latin and Latin -> Cyrillic against the other locale's own spelling (where the
  localisers translated rather than transliterated a name, both directions miss: these
  figures are a floor);
- left in Latin: a CLDR Latin name whose Latin -> Cyrillic output still holds a Latin letter
  (a name kept as foreign: "no Uzbek name left in Latin").
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from yozuv.api import get_converter

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NAMES = ROOT / "scripts" / "data" / "cldr-uz-names" / "names.tsv"
LATIN_LETTER = re.compile(r"[A-Za-z]")


def without_soft_sign(text: str) -> str:
    return text.replace("ь", "").replace("Ь", "")


def same_name(got: str, expected: str) -> bool:
    """Equal, case and soft sign aside (either norm is right)."""
    return without_soft_sign(got).casefold() == without_soft_sign(expected).casefold()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=Path, default=DEFAULT_NAMES)
    parser.add_argument("--failures", type=int, default=10, metavar="N")
    args = parser.parse_args(argv)
    with args.names.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    to_latin = get_converter("latin", "cyrillic")
    to_cyrillic = get_converter("cyrillic", "latin")
    failures: dict[str, list[str]] = {"round trip": [], "c2l": [], "l2c": [], "left in Latin": []}
    for row in rows:
        cyrillic, latin = row["cyrillic"], row["latin"]
        there = to_latin.convert(cyrillic)
        back = to_cyrillic.convert(there)
        if not same_name(back, cyrillic):
            failures["round trip"].append(f"{cyrillic} → {there} → {back}")
        if there != latin:
            failures["c2l"].append(f"{cyrillic} → {there} (CLDR: {latin})")
        converted = to_cyrillic.convert(latin)
        if not same_name(converted, cyrillic):
            failures["l2c"].append(f"{latin} → {converted} (CLDR: {cyrillic})")
        if LATIN_LETTER.search(converted):
            failures["left in Latin"].append(f"{latin} → {converted}")
    total = len(rows)
    print(f"names: {total} CLDR pairs (territories and languages), all held out")
    for label, failed in failures.items():
        right = total - len(failed)
        figure = "kept in Latin" if label == "left in Latin" else "right"
        count = len(failed) if label == "left in Latin" else right
        print(f"  {label:14} {count}/{total} {figure} = {100 * count / total:.2f}%")
        for example in failed[: args.failures]:
            print(f"      {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
