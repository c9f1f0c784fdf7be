"""What a new user's review found could lose text, each refused or made harmless: a file
named twice, an ``-i`` run repeated, a backup overwritten, a binary file on a terminal.

Through click's CliRunner, with the helpers of ``test_cli``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_cli import assert_one_error, run

ORIGINAL = "Ольга келди\n"
LATIN = "Olga keldi\n"


def _repeat(folder: Path, kind: str) -> list[str]:
    """Two arguments that name one file: the name twice, its folder and it, a link to it."""
    (folder / "d").mkdir()
    (folder / "d" / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    if kind == "link":
        os.symlink("d/a.txt", folder / "link.txt")
        return ["d/a.txt", "link.txt"]
    return {"twice": ["d/a.txt", "d/a.txt"], "folder": ["d", "d/a.txt"]}[kind]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("kind", ["twice", "folder", "link"])
def test_a_file_named_twice_is_converted_once(folder: Path, kind: str, jobs: str) -> None:
    """Converted twice, a file went Cyrillic -> Latin -> Cyrillic without -t (Ольга ->
    Олга), and with -j 2 both copies were rewritten at once."""
    arguments = _repeat(folder, kind)
    result = run("-v", "-t", "latin", "-j", jobs, "-i", *arguments)
    assert result.exit_code == 0, result.output
    assert (folder / "d" / "a.txt").read_text(encoding="utf-8") == LATIN
    assert result.stderr.count("cyrillic -> latin") == 1, result.stderr
    assert "already latin" not in result.stderr
    assert result.stderr.count("rewritten") == 1, result.stderr


@pytest.mark.parametrize("kind", ["twice", "folder", "link"])
def test_check_counts_a_file_named_twice_once(folder: Path, kind: str) -> None:
    result = run("-t", "latin", "--check", *_repeat(folder, kind))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == ["d/a.txt"]
    assert result.stderr == "yozuv: 1 of 1 file(s) would change\n"


def test_diff_shows_a_file_named_twice_once(folder: Path) -> None:
    result = run("-t", "latin", "--diff", *_repeat(folder, "twice"))
    assert result.exit_code == 1, result.output
    assert result.stdout.count("+++ b/d/a.txt") == 1


def test_the_first_naming_keeps_its_place(folder: Path) -> None:
    """De-duplication keeps the order of first occurrences."""
    (folder / "b.txt").write_text("Салом\n", encoding="utf-8")
    arguments = [*_repeat(folder, "twice"), "b.txt", "d/a.txt"]
    result = run("-t", "latin", "--check", "b.txt", *arguments)
    assert result.stdout.splitlines() == ["b.txt", "d/a.txt"]


def test_printing_a_file_twice_prints_it_twice_as_cat_does(folder: Path) -> None:
    """To stdout nothing is lost by repeating, and ``cat a a`` prints a twice."""
    result = run("-t", "latin", *_repeat(folder, "twice"))
    assert result.stdout == LATIN * 2


# --------------------------------------------------------------------------- -i needs -t


@pytest.mark.parametrize(
    "options", [["-i"], ["-i", "--backup", ".bak"], ["-i.bak"], ["-f", "cyrillic", "-i"]]
)
def test_in_place_without_to_is_refused_before_writing(folder: Path, options: list[str]) -> None:
    """Without -t the script is guessed per file: a second ``-i`` run converted the file
    back (Ольга -> Olga -> Олга) and its backup overwrote the first, the original gone."""
    (folder / "bk.txt").write_text(ORIGINAL, encoding="utf-8")
    result = run(*options, "bk.txt")
    assert_one_error(result, "-i needs -t", "a second run would convert it back", "-t latin")
    assert sorted(p.name for p in folder.iterdir()) == ["bk.txt"]
    assert (folder / "bk.txt").read_text(encoding="utf-8") == ORIGINAL


def test_in_place_run_twice_with_to_leaves_the_second_time_alone(folder: Path) -> None:
    (folder / "bk.txt").write_text(ORIGINAL, encoding="utf-8")
    assert run("-t", "latin", "-i", "bk.txt").exit_code == 0
    again = run("-v", "-t", "latin", "-i", "bk.txt")
    assert again.exit_code == 0, again.output
    assert "bk.txt: unchanged" in again.stderr
    assert (folder / "bk.txt").read_text(encoding="utf-8") == LATIN


# --------------------------------------------------------------------------- backups


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_existing_backup_refuses_its_file_only(folder: Path, jobs: str) -> None:
    """sed overwrites ``x.txt.bak``; here it may hold the only copy of an original, so the
    file it backs up is left as it was. The other files are converted as asked."""
    (folder / "a.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "x.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "x.txt.bak").write_text("Дунё\n", encoding="utf-8")
    result = run("-t", "latin", "-j", jobs, "-i.bak", "a.txt", "x.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "yozuv: x.txt.bak: backup already exists (the file is left unconverted);"
        " move it away first, or give another --backup suffix",
        "yozuv: 1 of 2 input(s) failed",
    ]
    assert (folder / "x.txt.bak").read_text(encoding="utf-8") == "Дунё\n"
    assert (folder / "x.txt").read_text(encoding="utf-8") == "Салом\n"
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Salom\n"
    assert (folder / "a.txt.bak").read_text(encoding="utf-8") == "Салом\n"
    names = ["a.txt", "a.txt.bak", "x.txt", "x.txt.bak"]
    assert sorted(p.name for p in folder.iterdir()) == names


@pytest.mark.parametrize("size", ["small", "streamed"])
def test_a_backed_up_run_repeated_that_changes_nothing_succeeds(folder: Path, size: str) -> None:
    """The backup is refused only when it would be replaced: a second identical run finds
    nothing to change, writes no backup and succeeds."""
    line = "Салом дунё\n"
    text = line * (1 if size == "small" else 9_000_000 // len(line.encode("utf-8")))
    (folder / "x.txt").write_text(text, encoding="utf-8")
    assert run("-t", "latin", "-i.bak", "x.txt").exit_code == 0
    again = run("-t", "latin", "-i.bak", "x.txt")
    assert again.exit_code == 0, again.output
    assert (folder / "x.txt.bak").read_text(encoding="utf-8") == text


def test_an_existing_backup_in_a_walked_folder_is_refused(folder: Path) -> None:
    (folder / "d").mkdir()
    (folder / "d" / "x.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "d" / "x.txt~").write_text("Дунё\n", encoding="utf-8")
    assert_one_error(run("-t", "latin", "-i~", "d"), "d/x.txt~: backup already exists")
    assert (folder / "d" / "x.txt~").read_text(encoding="utf-8") == "Дунё\n"


def test_a_backed_up_run_repeated_keeps_the_first_backup(folder: Path) -> None:
    """The second run is refused (the backup exists): the original stays in the backup."""
    (folder / "bk.txt").write_text(ORIGINAL, encoding="utf-8")
    assert run("-t", "latin", "-i", "--backup", ".bak", "bk.txt").exit_code == 0
    again = run("-t", "cyrillic", "-i", "--backup", ".bak", "bk.txt")
    assert_one_error(again, "bk.txt.bak: backup already exists")
    assert (folder / "bk.txt").read_text(encoding="utf-8") == LATIN
    assert (folder / "bk.txt.bak").read_text(encoding="utf-8") == ORIGINAL


# --------------------------------------------------------------------------- binary output

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import yozuv.cli.terminal as terminal_module

    monkeypatch.setattr(terminal_module, "isatty", lambda stream: True)


def test_a_word_document_is_not_written_to_a_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zip bytes on a terminal garble it and help nobody; ``-o`` or ``> FILE`` is meant."""
    (folder / "letter.docx").write_bytes((EXAMPLES / "letter.cyrl.docx").read_bytes())
    _on_a_terminal(monkeypatch)
    result = run("-t", "latin", "letter.docx")
    assert_one_error(result, "letter.docx: binary output (docx), not written to the terminal")
    assert "-o FILE" in result.stderr and "-i" in result.stderr
    assert result.stdout_bytes == b""


def test_a_word_document_may_go_to_a_pipe_or_a_file(folder: Path) -> None:
    (folder / "letter.docx").write_bytes((EXAMPLES / "letter.cyrl.docx").read_bytes())
    result = run("-t", "latin", "letter.docx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK\x03\x04")


def test_a_parquet_file_is_not_written_to_a_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["Салом дунё"]}), folder / "p.parquet")
    _on_a_terminal(monkeypatch)
    assert_one_error(run("-t", "latin", "p.parquet"), "p.parquet: binary output (parquet)")


def test_json_lines_are_text_and_still_shown_on_a_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "a.jsonl").write_text('{"text": "Салом"}\n', encoding="utf-8")
    _on_a_terminal(monkeypatch)
    result = run("-t", "latin", "a.jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '{"text": "Salom"}\n'


def test_in_place_with_a_scheme_needs_no_to(folder: Path) -> None:
    """A scheme names its own direction, so a second run converts nothing."""
    scheme = Path(__file__).resolve().parents[1] / "examples" / "scheme-izofa.toml"
    (folder / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    first = run("-i", "--scheme", str(scheme), "a.txt")
    assert first.exit_code == 0, first.output
    converted = (folder / "a.txt").read_text(encoding="utf-8")
    assert converted != ORIGINAL
    again = run("-i", "--scheme", str(scheme), "a.txt")
    assert again.exit_code == 0, again.output
    assert (folder / "a.txt").read_text(encoding="utf-8") == converted
