"""Every check the project requires: tests, types, lint and format, each run even when an
earlier one fails, with the failures named at the end.

Run: ``.venv/bin/python scripts/check.py`` (the README's test command; CI runs it too).

Why a script and not ``a && b && c``: with ``&&`` a failing test run hid whether the types and
the style were clean (issue 12), and a contributor fixed one thing at a time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# The tests run on every core (pytest-xdist), at most four: the suite is some 2,800 small
# tests, and one process spends most of a minute on them.
WORKERS = min(os.cpu_count() or 1, 4)
PARALLEL = ["-n", str(WORKERS)] if WORKERS > 1 else []

CHECKS: list[tuple[str, list[str]]] = [
    ("tests", [PYTHON, "-m", "pytest", "-q", *PARALLEL]),
    ("types", [PYTHON, "-m", "mypy"]),
    ("lint", [PYTHON, "-m", "ruff", "check", "."]),
    ("format", [PYTHON, "-m", "ruff", "format", "--check", "src", "tests", "bench", "scripts"]),
]


def main() -> int:
    failed: list[str] = []
    for name, command in CHECKS:
        print(f"== {name}: {' '.join(command[1:])}", flush=True)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"checks failed: {', '.join(failed)}", flush=True)
        return 1
    print("checks: tests, types, lint and format all pass", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
