"""``--diff`` and ``preview`` are paged on a terminal as git pages (issue 12 item 2).

Run in a real pseudo-terminal with ``PAGER`` set to a filter that tags every line, so the
test sees whether the output went through the pager without driving ``less``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

PAGER = "sed 's/^/PAGED:/'"


def in_a_terminal(args: list[str], cwd: Path, pager: str = PAGER) -> str:
    """What a terminal shows when ``yozuv ARGS`` runs in it."""
    import pty
    import subprocess

    main, child = pty.openpty()
    env = {**os.environ, "PAGER": pager, "COLUMNS": "120", "LINES": "40", "TERM": "xterm"}
    env.pop("YOZUV_PAGER", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "yozuv", *args],
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        cwd=cwd,
        env=env,
    )
    os.close(child)
    shown = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal's other side closed
            break
        if not data:
            break
        shown += data
    process.wait(timeout=30)
    os.close(main)
    return shown.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("Салом дунё\n", encoding="utf-8")
    return tmp_path


def test_diff_on_a_terminal_goes_through_the_pager(folder: Path) -> None:
    shown = in_a_terminal(["-t", "latin", "--diff", "--color", "never", "a.txt"], folder)
    assert "PAGED:+Salom dunyo" in shown, shown


def test_no_pager_prints_directly(folder: Path) -> None:
    shown = in_a_terminal(
        ["-t", "latin", "--diff", "--no-pager", "--color", "never", "a.txt"], folder
    )
    assert "+Salom dunyo" in shown and "PAGED:" not in shown, shown


def test_preview_on_a_terminal_goes_through_the_pager(folder: Path) -> None:
    shown = in_a_terminal(["preview", "--color", "never", "-t", "latin", "a.txt"], folder)
    assert "PAGED:" in shown and "Salom dunyo" in shown, shown


def test_cat_as_pager_means_none(folder: Path) -> None:
    shown = in_a_terminal(["preview", "--color", "never", "-t", "latin", "a.txt"], folder, "cat")
    assert "Salom dunyo" in shown and "PAGED:" not in shown


def test_errors_printed_above_the_progress_bar_leave_it_intact(tmp_path: Path) -> None:
    """Issue 12 item 8: the bar showed '[progress.description]converting' after an error."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(30):
        (docs / f"f{number}.txt").write_text(f"Салом {number}\n", encoding="utf-8")
    (docs / "f3.txt").write_bytes(b"\xc3\x28")
    text = in_a_terminal(["-t", "latin", "--check", "docs"], tmp_path)
    assert "docs/f3.txt: cannot decode" in text
    assert "converting" in text and "[progress" not in text
