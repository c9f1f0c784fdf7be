"""A scheme file is data someone may hand over: it cannot make yozuv read other files,
fill the memory or crash (issue 11 item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_data import user_scheme

import yozuv
from yozuv.cli import cli
from yozuv.errors import SchemeError

LEXICON = '[lexicon]\nfiles = ["{name}"]\nsuffixes = "{name}"\n'


@pytest.mark.parametrize("name", ["/etc/shadow", "../secret.tsv", "sub/../../secret.tsv"])
def test_lexicon_files_stay_beside_the_scheme(tmp_path: Path, name: str) -> None:
    bad = user_scheme(tmp_path, LEXICON.format(name=name), extends="latin-cyrillic")
    with pytest.raises(SchemeError, match="must be a file beside the scheme"):
        yozuv.load_scheme(bad)


def test_a_device_is_not_lexicon_data(tmp_path: Path) -> None:
    (tmp_path / "zero.tsv").symlink_to("/dev/zero")
    scheme = user_scheme(tmp_path, LEXICON.format(name="zero.tsv"), extends="latin-cyrillic")
    result = CliRunner().invoke(cli, ["-t", "cyrillic", "--scheme", str(scheme)], input=b"salom\n")
    assert result.exit_code == 2
    assert "lexicon data must be a regular file" in result.stderr


def test_deeply_nested_toml_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(deep)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "yozuv: deep.toml: invalid TOML: nested too deeply"
