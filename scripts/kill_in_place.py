"""Kill ``yozuv -i`` at random moments and check that no file was lost or half-written.

Run: ``python scripts/kill_in_place.py --kills 50`` (``--seed`` for another draw). Each round
writes a folder of Cyrillic files, starts ``yozuv -t latin -i`` on it, sends SIGKILL after a
random delay, and checks every file: it must hold either its original bytes or exactly the
converted ones. Temporary files a kill leaves (``.NAME.*.yozuv-tmp``) are counted; the next
run names them. Prints one line per round and a summary; exits 1 if any file was damaged.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = 30
TEXT = "Тошкент шаҳрида янги лицей очилди. Цирк ва концерт залида объект қурилмоқда.\n"


def converted_line() -> bytes:
    """TEXT in Latin, as yozuv writes it (a file of k copies converts to k copies of it:
    lines convert alone)."""
    result = subprocess.run(
        [sys.executable, "-m", "yozuv", "-t", "latin"],
        input=TEXT.encode(),
        capture_output=True,
        check=True,
    )
    return result.stdout


def one_round(
    rng: random.Random, folder: Path, latin: bytes, files: int = FILES, scale: int = 1
) -> tuple[int, int, int]:
    """(damaged, converted, temporary files left) for one killed run; ``scale`` multiplies
    the files' sizes (``--scale 150`` makes them 8 MB and more: -i's streaming road)."""
    before: dict[Path, bytes] = {}
    after: dict[Path, bytes] = {}
    for number in range(files):
        path = folder / f"f{number:02d}.txt"
        copies = (200 + 40 * number) * scale
        before[path] = (TEXT * copies).encode()
        after[path] = latin * copies
        path.write_bytes(before[path])
    process = subprocess.Popen(
        [sys.executable, "-m", "yozuv", "-t", "latin", "-i", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(rng.uniform(0.05, 0.9) * (1 if scale == 1 else 2))
    process.send_signal(signal.SIGKILL)
    process.wait()
    damaged = converted = 0
    for path in before:
        now = path.read_bytes()
        if now == after[path]:
            converted += 1
        elif now != before[path]:
            damaged += 1
    left = sum(1 for p in folder.iterdir() if p.name.endswith(".yozuv-tmp"))
    return damaged, converted, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--files", type=int, default=FILES)
    parser.add_argument("--scale", type=int, default=1, help="file size multiplier")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    latin = converted_line()
    damaged_total = left_total = 0
    for number in range(args.kills):
        with tempfile.TemporaryDirectory() as name:
            damaged, converted, left = one_round(rng, Path(name), latin, args.files, args.scale)
        damaged_total += damaged
        left_total += left
        print(
            f"round {number + 1}: {converted}/{args.files} converted,"
            f" {damaged} damaged, {left} temp"
        )
    print(
        f"{args.kills} kills: {damaged_total} file(s) damaged, {left_total} temporary file(s) left"
    )
    return 1 if damaged_total else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
