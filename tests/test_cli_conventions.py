"""Command-line conventions users bring from GNU tools, git and black (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from yozuv.cli import cli


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


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


def test_explain_takes_words_not_files() -> None:
    shown = run("explain", "--help").stdout
    assert "--encoding" not in shown and "per file" not in shown
    assert run("explain", "--encoding", "cp1251", "Салом").exit_code == 2


def test_explain_of_a_two_step_conversion_shows_each_step() -> None:
    """Cyrillic -> Latin 2026 goes through Latin 1995: the sh of the first step is shown
    becoming ş in the second, and the first line gives the final result."""
    result = run("explain", "-t", "latin2026", "Шаҳар")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Шаҳар -> Şahar  (cyrillic -> latin2026)"
    assert lines[1] == "  cyrillic -> latin:"
    assert lines[2].split() == ["Ш", "sh", "letter"]
    second = lines.index("  latin -> latin2026:")
    assert lines[second + 1].split()[:2] == ["Sh", "ş"]


def test_a_wrong_from_says_that_nothing_was_converted(folder: Path) -> None:
    piped = run("-f", "latin", "-t", "cyrillic", input="Салом\n".encode())
    assert piped.exit_code == 0 and piped.stdout == "Салом\n"
    assert "<stdin>: nothing converted: no latin letters" in piped.stderr
    assert "looks cyrillic" in piped.stderr
    (folder / "a.txt").write_text("Salom\n", encoding="utf-8")
    checked = run("-f", "cyrillic", "-t", "latin", "--check", "a.txt")
    assert checked.exit_code == 0
    assert "a.txt: nothing converted: no cyrillic letters" in checked.stderr
    assert run("-q", "-f", "cyrillic", "-t", "latin", "a.txt").stderr == ""
    assert run("-t", "latin", "a.txt").stderr == ""  # detected: no notice


def test_check_does_not_count_unreadable_files_as_unchanged(folder: Path) -> None:
    (folder / "docs").mkdir()
    (folder / "docs" / "a.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "docs" / "b.txt").write_text("Salom\n", encoding="utf-8")
    (folder / "docs" / "c.txt").write_bytes(b"\xc3\x28 bad utf-8\n")
    result = run("-t", "latin", "--check", "docs")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "yozuv: 1 of 2 checked file(s) would change; 1 of 3 input(s) could not be checked"
    )


def test_a_run_with_failures_ends_with_a_count(folder: Path) -> None:
    (folder / "a.txt").write_text("Салом\n", encoding="utf-8")
    result = run("-t", "latin", "-O", "out", "a.txt", "missing.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "yozuv: 1 of 2 input(s) failed"
    assert (folder / "out" / "a.txt").read_text(encoding="utf-8") == "Salom\n"


def test_diff_highlights_words_only_when_most_of_the_line_stayed() -> None:
    from yozuv.cli.diff import _word_spans

    # Cyrillic -> Latin: every word changes; lighting them all would be noise.
    assert _word_spans("Салом дунё, яхши кун", "Salom dunyo, yaxshi kun") == ([], [])
    # Latin 1995 -> 2026: one word of five changes; it is the one lit.
    old, new = "bu kitob juda qiziq shahar", "bu kitob juda qiziq şahar"
    old_spans, new_spans = _word_spans(old, new)
    assert [old[a:b] for a, b in old_spans] == ["shahar"]
    assert [new[a:b] for a, b in new_spans] == ["şahar"]


def test_abbreviation_style_option() -> None:
    """Issue 12 item 11: the press writes AQSh and MChJ; the 1995 rules print AQSH."""
    text = "АҚШ ва МЧЖ вакиллари ШАҲАР ҳокимлигида\n".encode()
    rules = run("-t", "latin", input=text)
    press = run("-t", "latin", "--abbreviations", "press", input=text)
    assert rules.stdout == "AQSH va MCHJ vakillari SHAHAR hokimligida\n"
    assert press.stdout == "AQSh va MChJ vakillari SHAHAR hokimligida\n"
    assert run("-t", "latin", "--abbreviations", "loud", input=text).exit_code == 2


def test_abbreviation_style_in_the_library() -> None:
    import yozuv
    from yozuv.errors import OptionError

    press = yozuv.get_converter("latin", "cyrillic", abbreviations="press")
    assert press.convert("МЧЖ") == "MChJ"
    with pytest.raises(OptionError, match="abbreviation style"):
        yozuv.get_converter("latin", "cyrillic", abbreviations="loud")


def test_preview_reads_piped_text_when_no_file_is_named() -> None:
    """``echo … | yozuv preview`` works like ``echo … | yozuv``: no file means stdin."""
    result = run("preview", "-t", "latin", "--no-pager", input="Салом дунё\n".encode())
    assert result.exit_code == 0, result.output
    assert "Salom dunyo" in result.stdout


def test_explain_reads_piped_lines_when_no_word_is_named() -> None:
    result = run("explain", "-t", "latin", input="объект\n\nцирк\n".encode())
    assert result.exit_code == 0, result.output
    firsts = [line for line in result.stdout.splitlines() if " -> " in line]
    assert firsts[:2] == [
        "объект -> obyekt  (cyrillic -> latin)",
        "цирк -> sirk  (cyrillic -> latin)",
    ]


def test_explain_refuses_piped_bytes_that_are_not_text() -> None:
    result = run("explain", "-t", "latin", input=b"\xff\xfe\xfa not utf-8")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.startswith("yozuv: <stdin>:")


@pytest.mark.parametrize("command", ["preview", "explain"])
def test_with_a_terminal_on_stdin_a_missing_argument_is_a_usage_error(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yozuv.cli import terminal

    monkeypatch.setattr(terminal, "isatty", lambda stream: True)
    result = run(command, "-t", "latin")
    assert result.exit_code == 2
    assert "missing argument" in result.stderr
    assert "stdin" in result.stderr
