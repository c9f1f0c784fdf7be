"""``-O DIR`` never writes two inputs to one output, nor outside the tree (issue 11 item 8)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from yozuv.cli import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in (("a", "Салом\n"), ("b", "Дунё\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("inputs", [("a", "b"), ("a/x.txt", "b/x.txt")], ids=["folders", "files"])
def test_two_inputs_for_one_output_are_refused_before_writing(
    folder: Path, inputs: tuple[str, ...]
) -> None:
    result = run("-t", "latin", "-O", "out", *inputs)
    assert result.exit_code == 2
    assert result.stderr.startswith("yozuv: out/x.txt: a/x.txt and b/x.txt would both be written")
    assert not (folder / "out").exists()


def test_the_input_folder_itself_is_refused(folder: Path) -> None:
    result = run("-t", "latin", "-O", "a", "a")
    assert result.exit_code == 2 and "is the input folder itself" in result.stderr
    assert (folder / "a" / "x.txt").read_text(encoding="utf-8") == "Салом\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_link_out_of_the_tree_is_not_followed(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Махфий\n", encoding="utf-8")
    (folder / "a" / "link.txt").symlink_to(outside)
    (folder / "a" / "inner.txt").symlink_to(folder / "a" / "x.txt")
    result = run("-v", "-t", "latin", "-O", "out", "a")
    assert result.exit_code == 0, result.output
    assert "a/link.txt: a link that leads out of the folder, skipped" in result.stderr
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["inner.txt", "x.txt"]
    in_place = run("-t", "latin", "-i", "a")
    assert in_place.exit_code == 0
    assert outside.read_text(encoding="utf-8") == "Махфий\n"
