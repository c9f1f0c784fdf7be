"""Differential check: this checkout's engine against another revision's, on the same text.

Run: ``python scripts/differential.py [--rev REV] [--mb 10] [FILE ...]``

Why: an engine rewrite must not change one byte of correct output. This converts the bench
corpus (``bench/corpus.py``, both directions: Cyrillic -> Latin, and that Latin back), the
seed news item and any files given, with this checkout and with ``REV`` (default: 15c3273,
the last commit of the 0.1.0 engine), each in its own process, and prints the words that
differ; the exit status is 1 if any output differs. The other revision is checked out into a
temporary git worktree; nothing of it is imported into this process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONVERT = """
import sys
from yozuv.api import get_converter
source, target, inp, out = sys.argv[1:5]
text = open(inp, encoding="utf-8").read()
open(out, "w", encoding="utf-8").write(get_converter(target, source).convert(text))
"""


def convert_with(src: Path, source: str, target: str, inp: Path, out: Path) -> None:
    """Convert ``inp`` with the yozuv package under ``src`` (a fresh interpreter)."""
    subprocess.run(
        [sys.executable, "-c", CONVERT, source, target, str(inp), str(out)],
        check=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )


def differing_words(a: str, b: str, limit: int = 20) -> list[tuple[str, str]]:
    """Pairs of differing space-separated words of lines that differ (at most ``limit``)."""
    found: list[tuple[str, str]] = []
    for line_a, line_b in zip(a.split("\n"), b.split("\n"), strict=False):
        if line_a != line_b:
            words = zip(line_a.split(" "), line_b.split(" "), strict=False)
            found += [(x, y) for x, y in words if x != y]
            if len(found) >= limit:
                break
    return found[:limit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="15c3273", help="revision to compare with")
    parser.add_argument("--mb", type=float, default=10.0, help="bench corpus size")
    parser.add_argument("files", nargs="*", type=Path, help="more Cyrillic files")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # bench/corpus.py

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old = work / "old"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.rev],
            check=True,
            capture_output=True,
        )
        try:
            cyrillic = work / "corpus.cyrl.txt"
            cyrillic.write_text(corpus.build_corpus(args.mb), encoding="utf-8")
            inputs = [cyrillic, ROOT / "examples" / "news.cyrl.txt", *args.files]
            failures = 0
            for i, inp in enumerate(inputs):
                results: dict[str, tuple[str, str]] = {}
                for name, src in (("new", ROOT / "src"), ("old", old / "src")):
                    latin = work / f"{i}.{name}.latn.txt"
                    back = work / f"{i}.{name}.back.txt"
                    convert_with(src, "cyrillic", "latin", inp, latin)
                    # Both read the same Latin text: the new engine's, so one direction's
                    # difference does not hide or cause the other's.
                    source_latin = work / f"{i}.new.latn.txt"
                    convert_with(src, "latin", "cyrillic", source_latin, back)
                    results[name] = (
                        latin.read_text(encoding="utf-8"),
                        back.read_text(encoding="utf-8"),
                    )
                for direction, index in (("cyrillic -> latin", 0), ("latin -> cyrillic", 1)):
                    new, previous = results["new"][index], results["old"][index]
                    size = len(new.encode("utf-8")) / 1e6
                    if new == previous:
                        print(f"{inp.name}: {direction}: identical ({size:.2f} MB of output)")
                    else:
                        failures += 1
                        print(f"{inp.name}: {direction}: DIFFERENT (new, {args.rev}):")
                        for pair in differing_words(new, previous):
                            print(f"    {pair[0]!r} {pair[1]!r}")
            return 1 if failures else 0
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                check=False,
                capture_output=True,
            )


if __name__ == "__main__":
    raise SystemExit(main())
