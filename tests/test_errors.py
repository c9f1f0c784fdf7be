"""Errors carry their parts as fields (reason, path, hint), rendered in one place."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from yozuv import textio
from yozuv.cli import cli
from yozuv.cli.report import describe_error
from yozuv.errors import EncodingError, YozuvError


def test_fields_render_as_path_reason_hint() -> None:
    error = EncodingError("cannot decode byte 0xff", path="a.txt", hint="try --encoding auto")
    assert (error.path, error.reason, error.hint) == (
        "a.txt",
        "cannot decode byte 0xff",
        "try --encoding auto",
    )
    assert str(error) == "a.txt: cannot decode byte 0xff; try --encoding auto"
    assert str(YozuvError("plain reason")) == "plain reason"


def test_an_error_pickles_with_its_fields() -> None:
    error = EncodingError("reason", path=Path("x/y.txt"), hint="hint")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is EncodingError and str(again) == str(error) == "x/y.txt: reason; hint"


def test_the_input_is_named_once() -> None:
    """No ``docs/a.txt: docs/a.txt: ...`` and no name lost: the path field decides."""
    about_input = YozuvError("binary file", path="docs/a.txt")
    assert describe_error("docs/a.txt", about_input) == "docs/a.txt: binary file"
    about_other = YozuvError("no such folder", path="out")
    assert describe_error("docs/a.txt", about_other) == "out: no such folder"
    no_path = YozuvError("invalid regex")
    assert describe_error("<stdin>", no_path) == "<stdin>: invalid regex"


def test_a_truncated_utf8_file_is_not_sent_to_another_encoding() -> None:
    """``--encoding auto`` would pick cp1251 and make mojibake of a cut UTF-8 file."""
    data = "Салом дунё".encode()[:-1]
    with pytest.raises(EncodingError) as caught:
        textio.decode(data, "utf-8", name="cut.txt")
    assert caught.value.path == "cut.txt"
    assert "ends inside a UTF-8 character" in caught.value.reason
    assert "auto" not in str(caught.value) and "truncated" in str(caught.value)


def test_the_command_line_shows_one_line(tmp_path: Path) -> None:
    cut = tmp_path / "cut.txt"
    cut.write_bytes("Салом".encode()[:-1])
    result = CliRunner().invoke(cli, ["-t", "latin", str(cut)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"yozuv: {cut}: ends inside a UTF-8 character at offset 8 (line 1, column 5);"
        " the file looks truncated; restore it whole"
    ]


def test_mojibake_is_refused_under_encoding_auto_and_noted_otherwise(tmp_path: Path) -> None:
    """Issue 12 item 4: converting mojibake garbles it for good (Р С → R S)."""
    garbled = "Салом дунё, яхши кун\n".encode().decode("cp1251")
    path = tmp_path / "moji.txt"
    path.write_text(garbled, encoding="utf-8")
    hint = f"repair it first: iconv -f UTF-8 -t CP1251 {path} > FIXED"
    for extra in ([], ["-o", str(tmp_path / "out.txt")]):
        refused = CliRunner().invoke(cli, ["-t", "latin", "--encoding", "auto", *extra, str(path)])
        assert refused.exit_code == 2
        assert f"looks like UTF-8 read as cp1251 (mojibake); {hint}" in refused.stderr
        noted = CliRunner().invoke(cli, ["-t", "latin", *extra, str(path)])
        assert noted.exit_code == 0 and "(mojibake)" in noted.stderr
    assert not (tmp_path / "FIXED").exists()
