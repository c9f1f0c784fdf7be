"""Command-line conventions users bring from GNU tools, git and black (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from yozuv.cli import cli


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_sed_style_in_place_backup(folder: Path) -> None:
    (folder / "a.txt").write_text("Салом\n", encoding="utf-8")
    result = run("-t", "latin", "-i.bak", "a.txt")
    assert result.exit_code == 0, result.output
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Salom\n"
    assert (folder / "a.txt.bak").read_text(encoding="utf-8") == "Салом\n"


def test_a_bundle_of_flags_is_not_a_suffix(folder: Path) -> None:
    (folder / "a.txt").write_text("Салом\n", encoding="utf-8")
    result = run("convert", "-t", "latin", "-iv", "a.txt")
    assert result.exit_code == 0, result.output
    assert "a.txt: rewritten" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_after_a_double_dash_nothing_is_an_option(folder: Path) -> None:
    (folder / "-i.bak").write_text("Салом\n", encoding="utf-8")
    result = run("-t", "latin", "--", "-i.bak")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Salom\n"


def test_detect_walks_a_folder_as_convert_does(folder: Path) -> None:
    (folder / "docs").mkdir()
    (folder / "docs" / "a.txt").write_text("Салом дунё\n", encoding="utf-8")
    (folder / "docs" / "b.md").write_text("Salom dunyo\n", encoding="utf-8")
    (folder / "docs" / "rasm.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    result = run("detect", "docs")
    assert result.exit_code == 0, result.output
    assert "docs/a.txt: cyrillic, suggested: -t latin" in result.stdout
    assert "docs/b.md: latin, suggested: -t cyrillic" in result.stdout
    assert "rasm.png" not in result.output


def test_detect_counts_only_the_human_text_of_a_structured_file(folder: Path) -> None:
    """JSON keys and PO keywords are Latin; they must not outvote Cyrillic messages."""
    keys = ", ".join(f'"key_number_{i}": "Салом"' for i in range(5))
    (folder / "ui.json").write_text("{" + keys + "}\n", encoding="utf-8")
    result = run("detect", "ui.json")
    assert result.exit_code == 0, result.output
    assert "ui.json: cyrillic, suggested: -t latin" in result.stdout
