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


def test_corpus_refuses_the_input_folder_itself(folder: Path) -> None:
    """As ``convert -O a a``: the shards would be converted onto themselves, the originals
    gone. Refused before Dask is even asked for."""
    result = run("corpus", "-t", "latin", "-O", "a", "a", "--workers", "1")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        "yozuv: -O a is the input folder itself; give another folder"
    ]
    assert (folder / "a" / "x.txt").read_text(encoding="utf-8") == "Салом\n"
    assert sorted(p.name for p in (folder / "a").iterdir()) == ["x.txt"]


@pytest.mark.parametrize("command", [(), ("corpus", "--workers", "1")], ids=["convert", "corpus"])
def test_an_input_folder_inside_the_output_folder_is_refused(
    folder: Path, command: tuple[str, ...]
) -> None:
    """``-O a a/sub``: ``a/sub/sub/x.txt`` would be written over the input ``a/sub/x.txt``
    (corpus did so; convert skipped every file, silently)."""
    (folder / "a" / "sub" / "sub").mkdir(parents=True)
    (folder / "a" / "sub" / "x.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "a" / "sub" / "sub" / "x.txt").write_text("Дунё\n", encoding="utf-8")
    result = run(*command, "-t", "latin", "-O", "a", "a/sub")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines == [f"yozuv: -O a holds the input folder a/sub; give {_ANOTHER[command[:1]]}"]
    assert (folder / "a" / "sub" / "x.txt").read_text(encoding="utf-8") == "Салом\n"
    assert sorted(p.name for p in (folder / "a").iterdir()) == ["sub", "x.txt"]


_ANOTHER = {(): "another folder, or convert in place with -i", ("corpus",): "another folder"}


def test_corpus_refuses_a_file_whose_output_is_itself(folder: Path) -> None:
    """``corpus -O a a/x.txt`` would convert the shard onto itself; convert says the same
    of ``-O a a/x.txt``."""
    for command in [(), ("corpus", "--workers", "1")]:
        result = run(*command, "-t", "latin", "-O", "a", "a/x.txt")
        assert result.exit_code == 2, result.output
        assert "a/x.txt: is the input itself" in result.stderr
        assert (folder / "a" / "x.txt").read_text(encoding="utf-8") == "Салом\n"


def test_an_output_folder_inside_the_input_folder_is_skipped_not_refused(folder: Path) -> None:
    """``-O a/out a``: the walk skips the output folder, as convert always did."""
    result = run("-t", "latin", "-O", "a/out", "a")
    assert result.exit_code == 0, result.output
    assert (folder / "a" / "out" / "x.txt").read_text(encoding="utf-8") == "Salom\n"
    again = run("-t", "latin", "-O", "a/out", "a")
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (folder / "a" / "out").iterdir()) == ["x.txt"]


def test_a_file_named_twice_under_o_is_written_once(folder: Path) -> None:
    """``-O out x x`` is one file, not two inputs fighting for one output."""
    result = run("-t", "latin", "-O", "out", "a/x.txt", "a/x.txt", "a")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["x.txt"]
    assert (folder / "out" / "x.txt").read_text(encoding="utf-8") == "Salom\n"


@pytest.mark.parametrize("inputs", [("a", "b"), ("a/x.txt", "b/x.txt")], ids=["folders", "files"])
def test_corpus_names_the_two_shards_for_one_output(folder: Path, inputs: tuple[str, ...]) -> None:
    """As convert: the two shards are named and the advice fits folders too (it said "give
    the folder that holds them instead" when the folders were given)."""
    result = run("corpus", "-t", "latin", "-O", "out", *inputs, "--workers", "1")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        "yozuv: out/x.txt: a/x.txt and b/x.txt would both be written here;"
        " convert them in two runs, to two folders"
    ]
    assert not (folder / "out").exists()


def test_corpus_refuses_a_shard_named_twice_with_a_fitting_word(folder: Path) -> None:
    result = run("corpus", "-t", "latin", "-O", "out", "a", "a/x.txt", "--workers", "1")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        "yozuv: out/x.txt: a/x.txt is named twice; name each file or folder once"
    ]


def test_an_output_that_is_another_input_is_refused(folder: Path) -> None:
    """-O o d o/sub/x.txt: d/sub/x.txt goes to o/sub/x.txt, which is itself an input."""
    tmp_path = folder
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "o" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "x.txt").write_text("Ольга\n", encoding="utf-8")
    (tmp_path / "o" / "sub" / "x.txt").write_text("Ольга саб\n", encoding="utf-8")
    result = run("-t", "latin", "-O", "o", "d", "o/sub/x.txt")
    assert result.exit_code == 2
    assert "would be written over the input" in result.stderr
    assert (tmp_path / "o" / "sub" / "x.txt").read_text(encoding="utf-8") == "Ольга саб\n"


def test_an_output_reaching_an_input_through_a_link_is_refused(folder: Path) -> None:
    """o/y.txt links to d/x.txt: writing d/y.txt's result to o/y.txt would replace d/x.txt."""
    tmp_path = folder
    (tmp_path / "d").mkdir()
    (tmp_path / "o").mkdir()
    (tmp_path / "d" / "x.txt").write_text("Ольга\n", encoding="utf-8")
    (tmp_path / "d" / "y.txt").write_text("Дунё\n", encoding="utf-8")
    (tmp_path / "o" / "y.txt").symlink_to(tmp_path / "d" / "x.txt")
    result = run("-t", "latin", "-O", "o", "d")
    assert result.exit_code == 2
    assert "would be written over the input" in result.stderr
    assert (tmp_path / "d" / "x.txt").read_text(encoding="utf-8") == "Ольга\n"
