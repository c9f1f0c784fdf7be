"""Text from a file reaches a terminal with its control characters made visible (issue 11).

An escape sequence in a file could set the window title, clear the screen or move the
cursor up and erase a line of a diff; a newline in a file name split a message in two.
What goes to a file or a pipe stays byte-exact.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from yozuv.cli import cli, terminal

HOSTILE = "Салом \x1b]0;pwned\x07 дунё \x1b[1A\x1b[2K\u202eтест\n"


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal, "isatty", lambda stream: stream is not None)


def no_controls(text: str) -> bool:
    return not any(ch in text for ch in "\x1b\x07\u202e\r")


def test_visible_keeps_tabs_and_line_endings() -> None:
    assert terminal.visible("a\tb\x1b[2J") == "a\tb\\x1b[2J"
    assert terminal.visible_line("x\x1b\r\n") == "x\\x1b\r\n"
    assert terminal.visible("\u202e\x85\x7f") == "\\u202e\\x85\\x7f"


def test_diff_on_a_terminal_shows_escapes(folder: Path, on_a_terminal: None) -> None:
    (folder / "a.txt").write_text(HOSTILE, encoding="utf-8")
    result = run("-t", "latin", "--diff", "--color", "never", "a.txt")
    assert result.exit_code == 1
    assert no_controls(result.stdout), result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout and "\\x1b[1A\\x1b[2K" in result.stdout


def test_coloured_diff_shows_escapes(folder: Path, on_a_terminal: None) -> None:
    (folder / "a.txt").write_text(HOSTILE, encoding="utf-8")
    result = run("-t", "latin", "--diff", "--color", "always", "a.txt")
    assert result.exit_code == 1
    assert "pwned\x07" not in result.stdout and "\\x1b]0;pwned" in result.stdout
    assert "\x1b[1A" not in result.stdout and "\u202e" not in result.stdout


def test_diff_to_a_pipe_is_a_byte_exact_patch(folder: Path) -> None:
    (folder / "a.txt").write_text(HOSTILE, encoding="utf-8")
    result = run("-t", "latin", "--diff", "a.txt")
    assert "-" + HOSTILE in result.stdout  # the removed line exactly as in the file


def test_converted_data_is_byte_exact(folder: Path, on_a_terminal: None) -> None:
    result = run("-t", "latin", input=HOSTILE.encode())
    assert "\x1b]0;pwned\x07" in result.stdout and "\u202e" in result.stdout


def test_preview_shows_escapes(folder: Path) -> None:
    (folder / "a.txt").write_text(HOSTILE, encoding="utf-8")
    for colour in ("never", "always"):
        result = run("preview", "--no-pager", "--color", colour, "-t", "latin", "a.txt")
        assert result.exit_code == 0, result.output
        assert "pwned\x07" not in result.stdout and "\x1b[1A" not in result.stdout
        assert "\\x1b]0;pwned\\x07" in result.stdout


def test_explain_shows_escapes() -> None:
    result = run("explain", "-t", "latin", "Са\x1b[2Jлом")
    assert result.exit_code == 0
    assert no_controls(result.stdout) and "\\x1b[2J" in result.stdout


def test_a_hostile_file_name_is_one_visible_line(folder: Path) -> None:
    name = "bad\nname\x1b[2J.txt"
    result = run("-t", "latin", name)
    assert result.exit_code == 2
    assert result.stderr == "yozuv: bad\\x0aname\\x1b[2J.txt: no such file\n"


def test_check_lists_a_hostile_name_visibly_on_a_terminal(
    folder: Path, on_a_terminal: None
) -> None:
    (folder / "x\x1b[2J.txt").write_text("Салом\n", encoding="utf-8")
    result = run("-t", "latin", "--check", ".")
    assert result.exit_code == 1
    assert "x\\x1b[2J.txt" in result.stdout and "\x1b[2J" not in result.stdout
