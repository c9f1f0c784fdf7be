"""Signals end a run with one line and the right status, and leave no temporary file
(issue 11 item 7). Real processes: a filter waiting on a pipe is signalled after it has
converted a first line, so the test does not depend on timing."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_cli_streams import TIMEOUT, read_line, start

from yozuv.cli import cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.mark.parametrize(
    ("signum", "status", "message"),
    [
        (signal.SIGTERM, 128 + signal.SIGTERM, b"yozuv: terminated (SIGTERM)\n"),
        (signal.SIGHUP, 128 + signal.SIGHUP, b"yozuv: terminated (SIGHUP)\n"),
        (signal.SIGINT, 130, b"\n"),
    ],
    ids=["term", "hup", "int"],
)
def test_a_signal_ends_a_filter_with_one_line(signum: int, status: int, message: bytes) -> None:
    process = start("-t", "latin")
    assert process.stdin is not None and process.stderr is not None
    try:
        process.stdin.write("Салом\n".encode())
        process.stdin.flush()
        assert read_line(process) == b"Salom\n"  # running, waiting for more input
        process.send_signal(signum)
        assert process.wait(timeout=TIMEOUT) == status
        assert process.stderr.read() == message
    finally:
        process.kill()
        process.wait(timeout=TIMEOUT)


def test_a_signal_through_click_ends_alike() -> None:
    """Not the quick filter: an option click must parse (-v) takes the click road."""
    process = start("-v", "-t", "latin", "-")
    assert process.stdin is not None and process.stderr is not None
    try:
        process.stdin.write("Салом\n".encode())
        process.stdin.flush()
        assert read_line(process) == b"Salom\n"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=TIMEOUT) == 128 + signal.SIGTERM
        assert process.stderr.read().strip().splitlines()[-1] == b"yozuv: terminated (SIGTERM)"
    finally:
        process.kill()
        process.wait(timeout=TIMEOUT)


def test_a_temporary_file_left_by_a_killed_run_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL leaves no chance to clean up: the next run names what was left behind."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Салом\n", encoding="utf-8")
    (docs / ".a.txt.1a2b3c4d.yozuv-tmp").write_text("Sal", encoding="utf-8")
    for arguments in (["docs"], ["docs/a.txt"]):
        result = CliRunner().invoke(
            cli, ["-t", "latin", "--check", *arguments], catch_exceptions=False
        )
        assert "docs/.a.txt.1a2b3c4d.yozuv-tmp: a temporary file an interrupted yozuv run" in (
            result.stderr
        ), arguments
