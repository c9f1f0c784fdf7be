"""One-line messages that say each thing once and name the file they are about."""

from __future__ import annotations

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
