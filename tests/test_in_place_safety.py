"""``-i`` loses nothing another program wrote, keeps hard links honest and respects
read-only files (issue 11 item 5)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import yozuv.cli.delivery as delivery
from yozuv import documents
from yozuv.cli import cli

ORIGINAL = "Салом\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    return tmp_path


def test_a_write_by_another_program_during_the_conversion_is_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = documents.convert_document

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        (folder / "a.txt").write_text("Бошқа дастур ёзди\n", encoding="utf-8")
        return result

    monkeypatch.setattr(delivery, "convert_document", meanwhile)
    result = run("-t", "latin", "-i", "a.txt")
    assert result.exit_code == 2
    assert "a.txt: changed while it was being converted: not rewritten" in result.stderr
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Бошқа дастур ёзди\n"


def test_a_read_only_file_is_refused_unless_forced(folder: Path) -> None:
    path = folder / "a.txt"
    path.chmod(0o444)
    refused = run("-t", "latin", "-i", "a.txt")
    assert refused.exit_code == 2
    assert "a.txt: is read-only: not rewritten; add --force" in refused.stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL
    forced = run("-t", "latin", "-i", "--force", "a.txt")
    assert forced.exit_code == 0, forced.output
    assert path.read_text(encoding="utf-8") == "Salom\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # still read-only


def test_a_read_only_file_with_nothing_to_convert_is_no_error(folder: Path) -> None:
    path = folder / "b.txt"
    path.write_text("Salom\n", encoding="utf-8")
    path.chmod(0o444)
    assert run("-t", "latin", "-i", "b.txt").exit_code == 0


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")
def test_a_hard_linked_file_is_refused_unless_forced(folder: Path) -> None:
    os.link(folder / "a.txt", folder / "other-name.txt")
    refused = run("-t", "latin", "-i", "a.txt")
    assert refused.exit_code == 2
    assert "a.txt: has 2 hard links" in refused.stderr
    assert (folder / "other-name.txt").read_text(encoding="utf-8") == ORIGINAL
    forced = run("-t", "latin", "-i", "--force", "a.txt")
    assert forced.exit_code == 0
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Salom\n"
    assert (folder / "other-name.txt").read_text(encoding="utf-8") == ORIGINAL


def test_force_needs_in_place(folder: Path) -> None:
    result = run("-t", "latin", "--force", "a.txt")
    assert result.exit_code == 2 and "--force only makes sense with -i" in result.stderr


# --- the streaming road: -i on a large plain text (issue 11 item 9) ----------------------


@pytest.fixture
def streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large: -i takes the streaming road."""
    monkeypatch.setattr(delivery, "STREAM_IN_PLACE_BYTES", 1)


def test_streaming_gives_what_the_whole_document_gives(folder: Path, streaming: None) -> None:
    text = "Тошкент шаҳрида цирк.\r\nОбъект сентябрда\n" * 50
    (folder / "a.txt").write_text(text, encoding="utf-8", newline="")
    expected = run("-t", "latin", "a.txt").stdout_bytes
    result = run("-t", "latin", "-i", "-v", "a.txt")
    assert result.exit_code == 0, result.output
    assert (folder / "a.txt").read_bytes() == expected
    assert "a.txt: rewritten" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["a.txt"]


def test_streaming_keeps_an_unchanged_file_and_the_encoding(folder: Path, streaming: None) -> None:
    path = folder / "b.txt"
    path.write_bytes(b"Salom dunyo\n")
    before = path.stat()
    assert run("-t", "latin", "-i", "b.txt").exit_code == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    cp1251 = folder / "c.txt"
    cp1251.write_bytes("Салом\n".encode("cp1251"))
    assert run("-t", "latin", "--encoding", "cp1251", "-i", "c.txt").exit_code == 0
    assert cp1251.read_bytes() == b"Salom\n"


def test_streaming_refuses_what_the_whole_document_refuses(
    folder: Path, streaming: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "a.txt"
    path.chmod(0o444)
    assert "is read-only" in run("-t", "latin", "-i", "a.txt").stderr
    assert path.read_text(encoding="utf-8") == ORIGINAL
    path.chmod(0o644)
    real = documents.stream_convert

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        path.write_text("Бошқа дастур ёзди\n", encoding="utf-8")
        return result

    monkeypatch.setattr(delivery, "stream_convert", meanwhile)
    result = run("-t", "latin", "-i", "a.txt")
    assert result.exit_code == 2 and "changed while it was being converted" in result.stderr
    assert path.read_text(encoding="utf-8") == "Бошқа дастур ёзди\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_streaming_backup_and_a_bad_file(folder: Path, streaming: None) -> None:
    assert run("-t", "latin", "-i.bak", "a.txt").exit_code == 0
    assert (folder / "a.txt.bak").read_text(encoding="utf-8") == ORIGINAL
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Salom\n"
    bad = folder / "bad.txt"
    bad.write_bytes("Салом\n".encode() + b"\xc3\x28\n")
    result = run("-t", "latin", "-i", "bad.txt")
    assert result.exit_code == 2 and "cannot decode" in result.stderr
    assert bad.read_bytes() == "Салом\n".encode() + b"\xc3\x28\n"
    assert not [p for p in folder.iterdir() if p.name.endswith(".yozuv-tmp")]
