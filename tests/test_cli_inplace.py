"""``yozuv -i`` when writing fails: the original stays byte-identical and no file is left over.

Faults are injected into the system calls textio's atomic write goes through (``os.write``,
``os.fsync``, ``os.replace``), only for the files of the test folder, while the command runs
through CliRunner exactly as a user would run it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from yozuv.cli import cli

ORIGINAL = "Салом дунё\r\nЯхши кун\n".encode()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(ORIGINAL)
    return tmp_path


def failing(
    real: Callable[..., Any], should_fail: Callable[..., bool], error: BaseException
) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if should_fail(*args):
            raise error
        return real(*args, **kwargs)

    return wrapper


def in_folder(folder: Path, name: str | None = None) -> Callable[..., bool]:
    """Matches a path argument inside ``folder`` (whose file name contains ``name``)."""

    def check(*args: Any) -> bool:
        for arg in args:
            if isinstance(arg, str | os.PathLike):
                path = Path(os.fspath(arg))
                if path.resolve().parent == folder.resolve() and (
                    name is None or name in path.name
                ):
                    return True
        return False

    return check


def test_failing_rename_leaves_the_original(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listing(folder)
    error = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "replace", failing(os.replace, in_folder(folder), error))
    result = run("-t", "latin", "-i", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "yozuv: a.txt: cannot write: No space left on device"
    ]
    assert (folder / "a.txt").read_bytes() == ORIGINAL
    assert listing(folder) == before


def test_failing_write_midway_leaves_the_original(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(folder)
    real_write = os.write
    calls = {"count": 0}

    def half_then_full_disk(fd: int, data: bytes | memoryview) -> int:
        calls["count"] += 1
        if calls["count"] == 1 and len(data) > 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full_disk)
    result = run("-t", "latin", "-i", "a.txt")
    monkeypatch.undo()
    assert calls["count"] >= 2
    assert result.exit_code == 2
    assert "a.txt" in result.stderr and "No space left" in result.stderr
    assert (folder / "a.txt").read_bytes() == ORIGINAL
    assert listing(folder) == before


def test_interrupt_during_the_write_exits_130_and_leaves_the_original(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(folder)
    monkeypatch.setattr(os, "fsync", failing(os.fsync, lambda fd: True, KeyboardInterrupt()))
    result = run("-t", "latin", "-i", "a.txt", "b.txt")
    monkeypatch.undo()
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr
    assert (folder / "a.txt").read_bytes() == ORIGINAL
    assert (folder / "b.txt").read_bytes() == ORIGINAL  # the run stopped at the interrupt
    assert listing(folder) == before


def test_one_failing_file_does_not_stop_the_others(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(folder)
    error = PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(os, "replace", failing(os.replace, in_folder(folder, "b.txt"), error))
    result = run("-t", "latin", "-i", "a.txt", "b.txt", "c.txt")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "yozuv: b.txt: cannot write: Permission denied",
        "yozuv: 1 of 3 input(s) failed",
    ]
    assert (folder / "b.txt").read_bytes() == ORIGINAL
    converted = b"Salom dunyo\r\nYaxshi kun\n"
    assert (folder / "a.txt").read_bytes() == converted
    assert (folder / "c.txt").read_bytes() == converted
    assert listing(folder) == before


def test_failing_backup_leaves_the_original_and_writes_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = listing(folder)
    error = OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(os, "replace", failing(os.replace, in_folder(folder, ".bak"), error))
    result = run("-t", "latin", "-i", "--backup", ".bak", "a.txt")
    assert result.exit_code == 2
    assert "a.txt.bak" in result.stderr and "backup" in result.stderr
    assert (folder / "a.txt").read_bytes() == ORIGINAL
    assert listing(folder) == before


def test_unencodable_output_is_refused_before_writing(folder: Path) -> None:
    (folder / "u.txt").write_text("Ўғил\n", encoding="utf-8")
    before = listing(folder)
    result = run("-t", "latin", "-i", "--output-encoding", "cp1251", "u.txt")
    assert result.exit_code == 2
    assert "cp1251" in result.stderr
    assert (folder / "u.txt").read_text(encoding="utf-8") == "Ўғил\n"
    assert listing(folder) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(folder: Path) -> None:
    folder.chmod(0o555)
    try:
        result = run("-t", "latin", "-i", "a.txt")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert "Permission denied" in result.stderr
    assert (folder / "a.txt").read_bytes() == ORIGINAL
