"""Count what Latin -> Cyrillic keeps and converts in Uzbek sentences holding foreign tokens.

Run: ``python scripts/foreign_tokens.py [--show] [--classifier] [FILE]`` (default:
tests/data/foreign-tokens.tsv). Without ``--classifier`` it converts each sentence Latin ->
Cyrillic, so the figures are the engine's own, context decisions included (words kept for
their neighbours, ``tokens.ForeignContext``). ``--classifier`` does not convert: it asks
``yozuv.language`` about each word of the sentence (``classify_in_context``: every reason of
``classify``, English words and unknown capitals alone too, then the context) and counts a
``keep`` token as kept when the classifier keeps it, a ``convert`` token as converted when
it does not: what the engine would score if it trusted every reason word by word.

Why: brands, codes and English words (Google, 5G, BRD-01, hello world) must come through a
Latin -> Cyrillic conversion as written, and every Uzbek word and name around them, including
those that look foreign (Fathiddin), must convert. The file is held out: no word list or rule
is built from it. A ``keep`` token counts as kept when it stands in the output as a whole
word, a ``convert`` token as converted when it does not.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import yozuv

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "data" / "foreign-tokens.tsv"


def present(token: str, text: str) -> bool:
    """Does ``token`` stand in ``text`` as a whole word (no letter, digit or hyphen around)?"""
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text) is not None


def tokens(cell: str) -> list[str]:
    return [t.strip() for t in cell.split("|") if t.strip()]


_WORD = re.compile(r"[^\W_](?:[\w'ʻʼ’`-]*[^\W_])?")


def classifier_output(text: str) -> str:
    """The sentence with every word the classifier converts replaced by a mark, so the
    counting below reads kept words as present and converted ones as absent."""
    from yozuv.language import default_language

    language = default_language()
    words = [m for m in _WORD.finditer(text)]
    tokens = [m.group() for m in words]
    out, last = [], 0
    for index, match in enumerate(words):
        kept = language.classify_in_context(tokens, index) is not None
        out.append(text[last : match.start()] + (match.group() if kept else "\u2022"))
        last = match.end()
    return "".join(out) + text[last:]


def measure(path: Path, show: bool = False, classifier: bool = False) -> tuple[int, int, int, int]:
    """(kept, keep total, converted, convert total) over the file's rows."""
    kept = keep_total = converted = convert_total = 0
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            if classifier:
                out = classifier_output(row["text"])
            else:
                out = yozuv.transliterate(row["text"], to="cyrillic", source="latin")
            missed = []
            for token in tokens(row["keep"]):
                keep_total += 1
                if present(token, out):
                    kept += 1
                else:
                    missed.append(f"not kept: {token}")
            for token in tokens(row["convert"]):
                convert_total += 1
                if present(token, out):
                    missed.append(f"not converted: {token}")
                else:
                    converted += 1
            if show and missed:
                print(f"{out}\n    " + "; ".join(missed))
    return kept, keep_total, converted, convert_total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="print the rows with a miss")
    parser.add_argument(
        "--classifier", action="store_true", help="score yozuv.language's decisions instead"
    )
    args = parser.parse_args()
    kept, keep_total, converted, convert_total = measure(args.file, args.show, args.classifier)
    print(f"foreign tokens kept: {kept} / {keep_total}")
    print(f"Uzbek words converted: {converted} / {convert_total}")


if __name__ == "__main__":
    main()
