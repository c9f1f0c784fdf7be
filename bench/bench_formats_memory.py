"""Peak memory of the formats on large documents (issue 11): an SRT of many cues, a CSV with
one huge cell. Each case runs in a fresh process; the figure is the rise of peak RSS over the
document and its converted copy (both must be held: ``format.convert_text`` takes and returns
a ``str``), as a multiple of the document's size.

    .venv/bin/python bench/bench_formats_memory.py            # 1M cues, 50 MB cell
    .venv/bin/python bench/bench_formats_memory.py --cues 200000 --cell-mb 10
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import resource, sys
kind, size = sys.argv[1], int(sys.argv[2])
import yozuv
from yozuv.formats import format_for
converter = yozuv.get_converter("latin", source="cyrillic")
converter.convert("Салом дунё, шаҳар")
if kind == "srt":
    text = "".join(
        f"{n}\n00:00:{n % 60:02d},000 --> 00:00:{n % 60:02d},900\nСалом, дунё {n % 977}!\n\n"
        for n in range(1, size + 1)
    )
    path = "a.srt"
else:
    text = 'id,matn\n1,"' + ("Шаҳарда янги боғ очилди. " * (size * 1024 * 1024 // 25)) + '"\n2,x\n'
    path = "a.csv"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = format_for(path).convert_text(text, converter, target="latin", source="cyrillic")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text_mb = len(text.encode("utf-8")) / 2**20
print(f"{kind}: document {text_mb:.0f} MB (UTF-8), str {sys.getsizeof(text) / 2**20:.0f} MB;"
      f" peak RSS {after / 1024:.0f} MB, rise during convert_text {(after - before) / 1024:.0f} MB")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cues", type=int, default=1_000_000)
    parser.add_argument("--cell-mb", type=int, default=50)
    args = parser.parse_args()
    for kind, size in (("srt", args.cues), ("csv", args.cell_mb)):
        subprocess.run([sys.executable, "-c", CHILD, kind, str(size)], check=True)
    with tempfile.TemporaryDirectory() as folder:
        srt = Path(folder) / "a.srt"
        with srt.open("w", encoding="utf-8") as out:
            for n in range(1, args.cues + 1):
                out.write(
                    f"{n}\n00:00:{n % 60:02d},000 --> 00:00:{n % 60:02d},900\n"
                    f"Салом, дунё {n % 977}!\n\n"
                )
        small = Path(folder) / "a.txt"
        small.write_text("Салом\n", encoding="utf-8")
        start = _peak_mb([str(small), "-o", str(Path(folder) / "b.txt")])
        streamed = _peak_mb([str(srt), "-o", str(Path(folder) / "b.srt")])
        size = srt.stat().st_size / 2**20
        print(
            f"srt through the CLI (-o, segments): document {size:.0f} MB; peak RSS"
            f" {streamed:.0f} MB (a one-line text: {start:.0f} MB)"
        )
        rows = Path(folder) / "rows.csv"
        with rows.open("w", encoding="utf-8") as out:
            out.write("id,matn,izoh\n")
            for n in range(args.cell_mb * 2**20 // 60):
                out.write(f'{n},"Шаҳарда янги боғ, {n % 977}-уй",Салом\n')
        streamed = _peak_mb([str(rows), "-o", str(Path(folder) / "rows.out.csv")])
        # The same bytes as plain text: what the engine's bounded caches take of it (the
        # rows hold ~900,000 distinct numbers).
        plain = Path(folder) / "rows.txt"
        plain.write_bytes(rows.read_bytes())
        as_text = _peak_mb([str(plain), "-o", str(Path(folder) / "rows.out.txt")])
        size = rows.stat().st_size / 2**20
        print(
            f"csv of many rows through the CLI (-o, segments): document {size:.0f} MB;"
            f" peak RSS {streamed:.0f} MB, the same bytes as plain text {as_text:.0f} MB"
            " (one cell is held whole: see above)"
        )


def _peak_mb(arguments: list[str]) -> float:
    """Peak RSS of a ``yozuv -t latin ARGUMENTS`` child process, in MB."""
    code = (
        "import resource, sys\n"
        "from yozuv.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "-t", "latin", *arguments],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.split()[-1]) / 1024


if __name__ == "__main__":
    main()
