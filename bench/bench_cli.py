"""Command-line benchmarks: start-up time of the filter, and memory when streaming a large input.

Run from the repository root::

    .venv/bin/python bench/bench_cli.py               # 1 GB through stdin (takes a while)
    .venv/bin/python bench/bench_cli.py --size 100MB  # quicker
    .venv/bin/python bench/bench_cli.py --skip-memory --runs 50
    .venv/bin/python bench/bench_cli.py --skip-memory --no-bytecode  # cold: no .pyc files
    .venv/bin/python bench/bench_cli.py --skip-memory --imports 20   # where the start-up goes

1. Start-up: the wall time of ``echo Салом | yozuv -t latin`` over N runs, measured in
   the same run as ``python -c pass`` so the ratio means something on any machine. The
   minimum is the figure that counts (the acceptance bound is min(yozuv) <= 4 x
   min(python -c pass)): it is the run least disturbed by the rest of the machine, whereas
   the median also measures how busy the machine was. Both children run with bytecode
   caches warm, as an installed package does; ``--no-bytecode`` keeps
   ``PYTHONDONTWRITEBYTECODE`` (every yozuv module compiled on every run) to show that cost.
   The filter must not import click: a run that does is reported, since the figure would
   then measure the click application rather than the filter. ``--imports N`` lists the N
   modules that cost the filter most to import (``python -X importtime``, the least of the
   runs for each module), to show what is left to cut.
2. Streaming: a generated Cyrillic text of the requested size is written to
   ``yozuv -t latin``'s stdin piece by piece (never held in memory or on disk) and the
   child's peak resident memory is read from ``os.wait4``. One word in every line is new,
   so the engine's word cache keeps meeting unseen words as real text does.

This is a measurement, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "news.cyrl.txt"
UNITS = {"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}
CYRILLIC_LETTERS = "абвгдежзийклмнопрстуфхчшўқғҳ"


def parse_size(text: str) -> int:
    """``1GB``, ``200MB``, ``5000000`` -> bytes."""
    cleaned = text.strip().upper()
    for unit in sorted(UNITS, key=len, reverse=True):
        if unit and cleaned.endswith(unit):
            return int(float(cleaned[: -len(unit)]) * UNITS[unit])
    return int(cleaned)


def yozuv_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m yozuv``."""
    script = Path(sys.executable).with_name("yozuv")
    if script.exists():
        return [str(script)]
    found = shutil.which("yozuv")
    return [found] if found else [sys.executable, "-m", "yozuv"]


def child_environment(bytecode: bool) -> dict[str, str]:
    """The children's environment; with ``bytecode``, they may write and reuse ``.pyc`` files.

    A development shell often sets ``PYTHONDONTWRITEBYTECODE``; an installed package has its
    bytecode, so warm caches are what a user's start-up looks like.
    """
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def wall_time(command: Sequence[str], stdin: bytes, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - started


def filter_imports(env: dict[str, str], runs: int = 1) -> dict[str, tuple[int, int]]:
    """Module -> (self, cumulative) import time in µs of ``echo Салом | yozuv -t latin``.

    Run as ``python -X importtime`` on the console script itself, ``runs`` times; each
    module keeps its least time, the one least disturbed by the rest of the machine.
    """
    script = yozuv_command()
    command = [sys.executable, "-X", "importtime", *script[1:], "-t", "latin"]
    if script[0] != sys.executable:  # the console script: a Python file of its own
        command = [sys.executable, "-X", "importtime", script[0], "-t", "latin"]
    least: dict[str, tuple[int, int]] = {}
    for _ in range(runs):
        result = subprocess.run(
            command, input="Салом\n".encode(), capture_output=True, env=env, check=True
        )
        for line in result.stderr.decode().splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, total, name = line.removeprefix("import time:").split("|")
            module = name.strip()
            times = (int(own), int(total))
            least[module] = min(least.get(module, times), times)
    return least


def bench_imports(count: int, runs: int, env: dict[str, str]) -> None:
    """The modules the filter spends most on importing, by their own (self) time."""
    least = filter_imports(env, runs)
    print(f"imports of the filter, least of {runs} runs (self / cumulative):")
    for module, (own, total) in sorted(least.items(), key=lambda item: -item[1][0])[:count]:
        print(f"  {own / 1000:6.2f} ms / {total / 1000:6.2f} ms  {module}")
    ours = sum(own for module, (own, _) in least.items() if module.split(".")[0] == "yozuv")
    others = sum(own for module, (own, _) in least.items()) - ours
    print(
        f"  in all: yozuv's modules {ours / 1000:.1f} ms, other modules {others / 1000:.1f} ms"
        " (python -c pass imports some of those too)"
    )


def bench_startup(runs: int, env: dict[str, str]) -> None:
    yozuv = [*yozuv_command(), "-t", "latin"]
    bare = [sys.executable, "-c", "pass"]
    word = "Салом\n".encode()
    check = subprocess.run(yozuv, input=word, capture_output=True, env=env, check=True)
    print(f"echo Салом | yozuv -t latin  ->  {check.stdout.decode().strip()}")
    if "click" in filter_imports(env):
        print("  WARNING: the filter imported click (it should not): see yozuv.cli.main")
    for _ in range(3):  # warm the page cache (and write bytecode, if allowed)
        wall_time(yozuv, word, env)
        wall_time(bare, b"", env)
    yozuv_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(runs):  # interleaved, so drift affects both alike
        yozuv_times.append(wall_time(yozuv, word, env))
        bare_times.append(wall_time(bare, b"", env))
    print(f"start-up over {runs} runs (min / median):")
    print(
        f"  echo Салом | yozuv -t latin   {min(yozuv_times) * 1000:7.1f} ms"
        f" / {statistics.median(yozuv_times) * 1000:7.1f} ms"
    )
    print(
        f"  python -c pass               {min(bare_times) * 1000:7.1f} ms"
        f" / {statistics.median(bare_times) * 1000:7.1f} ms"
    )
    for label, pick in (("min", min), ("median", statistics.median)):
        yozuv_ms, bare_ms = pick(yozuv_times) * 1000, pick(bare_times) * 1000
        print(
            f"  ratio of {label}s {yozuv_ms / bare_ms:.2f}x,"
            f" yozuv's own cost {yozuv_ms - bare_ms:.1f} ms"
        )
    if env.get("PYTHONDONTWRITEBYTECODE"):
        print(
            "  (PYTHONDONTWRITEBYTECODE is set: every module is compiled on every run;"
            " an installed package has bytecode, run without --no-bytecode)"
        )


def generated_text(size: int) -> Iterator[bytes]:
    """About ``size`` bytes of real Cyrillic lines, each with one word never seen before."""
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    produced = 0
    counter = 0
    batch: list[str] = []
    batch_bytes = 0
    while produced < size:
        for line in lines:
            counter += 1
            number, fresh = counter, []
            while number:
                number, digit = divmod(number, len(CYRILLIC_LETTERS))
                fresh.append(CYRILLIC_LETTERS[digit])
            piece = f"{line} янги{''.join(fresh)}лар\n"
            batch.append(piece)
            batch_bytes += len(piece) * 2  # close enough for Cyrillic UTF-8
            if batch_bytes >= 1 << 20:
                data = "".join(batch).encode("utf-8")
                produced += len(data)
                yield data
                batch, batch_bytes = [], 0
                if produced >= size:
                    return
    if batch:
        yield "".join(batch).encode("utf-8")


def bench_memory(size: int, env: dict[str, str]) -> None:
    command = [*yozuv_command(), "-t", "latin"]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
    assert process.stdin is not None
    sent = 0
    started = time.perf_counter()
    for data in generated_text(size):
        process.stdin.write(data)
        sent += len(data)
    process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    print(f"streaming {sent / (1 << 20):,.0f} MB through stdin (yozuv -t latin):")
    print(
        f"  exit status {process.returncode}, {elapsed:.1f} s,"
        f" {sent / (1 << 20) / elapsed:.1f} MB/s"
    )
    print(f"  peak RSS of the yozuv process: {peak_mb:.1f} MB")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30, help="start-up runs (default 30)")
    parser.add_argument("--size", default="1GB", help="streamed input size (default 1GB)")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument(
        "--imports",
        type=int,
        default=0,
        metavar="N",
        help="also list the N modules the filter spends most on importing",
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE if it is set (default: the children write and use"
        " .pyc files, as an installed package does)",
    )
    options = parser.parse_args(argv)
    env = child_environment(bytecode=not options.no_bytecode)
    print(f"python {sys.version.split()[0]} on {sys.platform}; yozuv = {' '.join(yozuv_command())}")
    if not options.skip_startup:
        bench_startup(options.runs, env)
    if options.imports:
        bench_imports(options.imports, min(options.runs, 10), env)
    if not options.skip_memory:
        bench_memory(parse_size(options.size), env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
