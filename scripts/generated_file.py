"""Writing a generated file, or checking that the committed one is current.

For the scripts that generate a file from the project's own sources (the man page, the
rule reference): ``--check`` exits 1 when the committed file is stale, which their tests run.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path


def write_or_check(
    path: Path,
    generate: Callable[[], str],
    *,
    description: str,
    root: Path,
    argv: Sequence[str] | None = None,
) -> int:
    """The body of such a script's ``main``: write ``generate()`` to ``path``, or compare."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args(argv)
    text = generate()
    name = path.relative_to(root)
    if args.check:
        return check_current(path, text, f"{name} is out of date: run the script that writes it")
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {name}")
    return 0


def check_current(path: Path, text: str, stale_message: str) -> int:
    """``--check`` of a generated file: 0 when ``path`` holds ``text``, else 1 and the
    message on stderr (the data builders and the doc generators alike)."""
    import sys

    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if current != text:
        print(stale_message, file=sys.stderr)
        return 1
    return 0
