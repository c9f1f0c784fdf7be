"""Corpus scale: the realistic corpus in shards, on a Dask LocalCluster of 1 and 2 workers,
next to ``yozuv -j 1`` and ``yozuv -j 2`` on the same shards.

Run from the repository root (needs the extra ``yozuv[dask]``)::

    .venv/bin/python bench/bench_dask.py                  # 10 MB in 20 shards
    .venv/bin/python bench/bench_dask.py --mb 100 --shards 20
    .venv/bin/python bench/bench_dask.py --direction latin-cyrillic

The corpus is bench/corpus.py's (Cyrillic; its Latin twin for ``latin-cyrillic``), cut at
line ends into ``--shards`` text files. Each configuration converts every shard from
scratch into a fresh folder, timed from the start of the command or call to its end (a
Dask run includes starting and closing its cluster; the CLI runs include start-up). The
Dask outputs are checked to be byte-identical to ``yozuv -j 1``'s. The machine's load
average is printed before and after, since the speed-up of 2 workers means something only
on 2 idle cores. A measurement, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import corpus  # bench/corpus.py: this script's folder is on sys.path when it is run

ROOT = Path(__file__).resolve().parents[1]
YOZUV = Path(sys.executable).with_name("yozuv")


def cut_into_shards(text: str, shards: int, folder: Path) -> list[Path]:
    """``text`` in ``shards`` files of about equal size, cut at line ends."""
    folder.mkdir(parents=True)
    size = len(text) // shards + 1
    paths: list[Path] = []
    start = 0
    for index in range(shards):
        end = len(text) if index == shards - 1 else text.find("\n", start + size) + 1 or len(text)
        path = folder / f"shard-{index:04d}.txt"
        path.write_text(text[start:end], encoding="utf-8", newline="")
        paths.append(path)
        start = end
    return paths


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".yozuv-corpus" not in p.parts
    }


def time_cli(shards: Path, out: Path, target: str, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(YOZUV), "-t", target, "-q", "-j", str(jobs), "-O", str(out), str(shards)], check=True
    )
    return time.perf_counter() - start


def time_dask(shards: Path, out: Path, target: str, workers: int) -> float:
    from yozuv.corpus import run_corpus
    from yozuv.documents import ConvertSettings

    start = time.perf_counter()
    summary = run_corpus([shards], out, ConvertSettings(to=target), workers=workers)
    seconds = time.perf_counter() - start
    if summary.failed:
        raise SystemExit(f"dask run failed: {summary.errors}")
    return seconds


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPU(s)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--shards", type=int, default=20, help="number of shards (default 20)")
    parser.add_argument(
        "--direction", choices=("cyrillic-latin", "latin-cyrillic"), default="cyrillic-latin"
    )
    args = parser.parse_args(argv)
    files = corpus.ensure_corpus(corpus.DEFAULT_OUT, args.mb)
    source = files.cyrillic if args.direction == "cyrillic-latin" else files.latin
    target = args.direction.split("-")[1]
    text = source.read_text(encoding="utf-8")
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"corpus: {source.name}, {megabytes:.1f} MB in {args.shards} shards, -> {target}")
    print(f"before: {load()}")
    work = Path(tempfile.mkdtemp(prefix="yozuv-bench-dask-"))
    try:
        shards = work / "in"
        cut_into_shards(text, args.shards, shards)
        runs: list[tuple[str, Callable[[Path], float]]] = [
            ("yozuv -j 1", lambda out: time_cli(shards, out, target, 1)),
            ("yozuv -j 2", lambda out: time_cli(shards, out, target, 2)),
            ("dask 1 worker", lambda out: time_dask(shards, out, target, 1)),
            ("dask 2 workers", lambda out: time_dask(shards, out, target, 2)),
        ]
        seconds: dict[str, float] = {}
        for label, run in runs:
            out = work / label.replace(" ", "-")
            seconds[label] = run(out)
            print(
                f"{label:15} {seconds[label]:7.2f} s  {megabytes / seconds[label]:6.2f} MB/s",
                flush=True,
            )
        reference = tree(work / "yozuv--j-1")
        identical = all(
            tree(work / name) == reference for name in ("dask-1-worker", "dask-2-workers")
        )
        print(f"dask output byte-identical to yozuv -j 1: {identical}")
        dask_speedup = seconds["dask 1 worker"] / seconds["dask 2 workers"]
        cli_speedup = seconds["yozuv -j 1"] / seconds["yozuv -j 2"]
        print(f"speed-up of 2 over 1: dask {dask_speedup:.2f}x, yozuv -j {cli_speedup:.2f}x")
        print(f"after:  {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
