"""One-line messages that say each thing once and name the file they are about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import assert_one_error, run


def test_a_broken_scheme_file_is_named_once_not_per_input(folder: Path) -> None:
    """It said ``xabar.txt: xabar.txt: invalid TOML`` (and once per input file)."""
    (folder / "xabar.txt").write_text("Салом\n", encoding="utf-8")
    (folder / "b.txt").write_text("Дунё\n", encoding="utf-8")
    (folder / "bad.toml").write_text("x = [\n", encoding="utf-8")
    for scheme, inputs in (("xabar.txt", ["xabar.txt"]), ("bad.toml", ["xabar.txt", "b.txt"])):
        result = run("-t", "latin", "--scheme", scheme, *inputs)
        assert_one_error(result, f"yozuv: {scheme}: invalid TOML")
        assert result.stderr.count(scheme) == 1, result.stderr
    piped = run("-t", "latin", "--scheme", "bad.toml", input="Салом\n")
    assert_one_error(piped, "yozuv: bad.toml: invalid TOML")
    assert "<stdin>" not in piped.stderr


def test_preview_names_the_file_its_format_error_is_in(folder: Path) -> None:
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    preview = run("preview", "-t", "latin", "deep.json")
    assert_one_error(preview, "yozuv: deep.json: JSON nested too deeply")
    convert = run("-t", "latin", "deep.json")
    assert preview.stderr == convert.stderr


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["-i"], "left unchanged"),
        (["--check"], "left unchanged"),
        (["--diff"], "left unchanged"),
        ([], "copied unchanged"),
        (["-O", "out"], "copied unchanged"),
    ],
)
def test_an_already_converted_file_is_said_to_be_left_alone_where_nothing_is_copied(
    folder: Path, options: list[str], said: str
) -> None:
    (folder / "l.txt").write_text("Salom\n", encoding="utf-8")
    (folder / "n.txt").write_text("123\n", encoding="utf-8")
    result = run("-v", "-t", "latin", *options, "l.txt", "n.txt")
    assert result.exit_code == 0, result.output
    assert f"l.txt: already latin, {said}" in result.stderr
    if options:  # to stdout, a plain text is streamed: its lack of letters goes unsaid
        assert f"n.txt: no Uzbek letters found, {said}" in result.stderr


def test_a_large_file_left_alone_in_place_says_so(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yozuv.cli.delivery as delivery_module

    monkeypatch.setattr(delivery_module, "STREAM_IN_PLACE_BYTES", 10)
    (folder / "l.txt").write_text("Salom dunyo\n" * 10, encoding="utf-8")
    result = run("-v", "-t", "latin", "-i", "l.txt")
    assert result.exit_code == 0, result.output
    assert "l.txt: already latin, left unchanged" in result.stderr


# --------------------------------------------------------------------------- stdin, empty input


def _stdin_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import yozuv.cli.terminal as terminal_module

    monkeypatch.setattr(terminal_module, "isatty", lambda stream: stream is sys.stdin)


STDIN_HINT = "yozuv: reading stdin (Ctrl-D to end; give a file to convert it)\n"


def test_reading_a_terminal_says_so_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``yozuv -t latin`` with no file waited silently on a terminal."""
    _stdin_on_a_terminal(monkeypatch)
    result = run("-t", "latin", input="Салом\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Salom\n"
    assert result.stderr == STDIN_HINT
    detect = run("detect", input="Салом\n")
    assert detect.stderr == STDIN_HINT.replace("convert", "detect")


def test_no_hint_when_stdin_is_piped_or_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("-t", "latin", input="Салом\n").stderr == ""
    _stdin_on_a_terminal(monkeypatch)
    assert run("-q", "-t", "latin", input="Салом\n").stderr == ""


def test_detect_says_an_empty_input_is_empty_and_suggests_nothing(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\n", encoding="utf-8")
    result = run("detect", "empty.txt", "blank.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "empty.txt: empty, nothing to detect",
        "blank.txt: empty, nothing to detect",
    ]
    piped = run("detect", input="")
    assert piped.stdout == "<stdin>: empty, nothing to detect\n"
    as_json = run("detect", "--json", "empty.txt")
    (report,) = json.loads(as_json.stdout)
    assert report["empty"] is True and report["suggested_to"] is None
    written = run("detect", "--json", "blank.txt", input=None)
    assert json.loads(written.stdout)[0]["path"] == "blank.txt"


def test_detect_suggests_nothing_for_text_without_letters(folder: Path) -> None:
    """Digits and punctuation have no script: no -t to suggest (it said "-t latin")."""
    (folder / "numbers.txt").write_text("123 456, 7.8\n", encoding="utf-8")
    result = run("detect", "numbers.txt")
    assert result.exit_code == 0
    assert result.stdout == "numbers.txt: no letters, nothing to detect\n"
    report = json.loads(run("detect", "--json", "numbers.txt").stdout)[0]
    assert report["suggested_to"] is None and report["letters"] == 0
