"""Agreement with other transliterators' test cases (tests/data/peer-cases/).

    python scripts/peer_cases.py            # agreement per file
    python scripts/peer_cases.py --write    # rewrite known-differences.tsv, keeping reasons

Apostrophe style is not what these rows test, so U+2018/U+2019 and U+02BB/U+02BC are
compared as the same sign (laravel-cyrillic-latin writes ‘ ’).
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import yozuv

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "data" / "peer-cases"
KNOWN = FOLDER / "known-differences.tsv"
DIRECTIONS = {
    "c2l": ("cyrillic", "latin"),
    "l2c": ("latin", "cyrillic"),
    "c2n": ("cyrillic", "latin2026"),
    "n2c": ("latin2026", "cyrillic"),
    "l2n": ("latin", "latin2026"),
    "n2l": ("latin2026", "latin"),
}
_FOLD = str.maketrans({"‘": "ʻ", "’": "ʼ"})
KNOWN_COLUMNS = ("file", "direction", "source_text", "expected", "yozuv", "reason")


@dataclass(frozen=True)
class Case:
    file: str
    direction: str
    source_text: str
    expected: str

    def run(self) -> str:
        source, target = DIRECTIONS[self.direction]
        return yozuv.transliterate(self.source_text, to=target, source=source)

    def agrees(self, got: str) -> bool:
        return got == self.expected or got.translate(_FOLD) == self.expected.translate(_FOLD)


def _unescape(field: str) -> str:
    return field.replace("\\n", "\n").replace("\\t", "\t")


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(FOLDER.glob("*.tsv")):
        if path == KNOWN:
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                cases.append(
                    Case(
                        path.name,
                        row["direction"],
                        _unescape(row["source_text"]),
                        _unescape(row["expected"]),
                    )
                )
    return cases


def load_known() -> dict[tuple[str, str, str, str], dict[str, str]]:
    """Listed differences by (file, direction, source text, expected)."""
    if not KNOWN.is_file():
        return {}
    with KNOWN.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            (r["file"], r["direction"], _unescape(r["source_text"]), _unescape(r["expected"])): r
            for r in rows
        }


def _escape(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite known-differences.tsv")
    args = parser.parse_args()
    known = load_known()
    totals: dict[str, list[int]] = {}
    differences = []
    for case in load_cases():
        got = case.run()
        counts = totals.setdefault(case.file, [0, 0])
        counts[1] += 1
        if case.agrees(got):
            counts[0] += 1
            continue
        key = (case.file, case.direction, case.source_text, case.expected)
        reason = known.get(key, {}).get("reason", "")
        differences.append((case, got, reason or "TODO: explain"))
    for name, (ok, total) in totals.items():
        print(f"{name:30} {ok:4} / {total:4} agree ({100 * ok / total:.1f}%)")
    agree, total = sum(t[0] for t in totals.values()), sum(t[1] for t in totals.values())
    print(f"{'all':30} {agree:4} / {total:4} agree ({100 * agree / total:.1f}%)")
    if args.write:
        with KNOWN.open("w", encoding="utf-8", newline="") as fh:
            fh.write("\t".join(KNOWN_COLUMNS) + "\n")
            for case, got, reason in differences:
                cells = [case.file, case.direction, case.source_text, case.expected, got, reason]
                fh.write("\t".join(_escape(c) for c in cells) + "\n")
        print(f"wrote {len(differences)} rows to {KNOWN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
