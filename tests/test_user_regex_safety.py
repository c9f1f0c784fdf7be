"""User patterns that could take exponential time are refused (issue 11 item 3).

``--protect '(a+)+$'`` took 44.6 s on 28 characters and doubled with each one; a user
scheme's patterns behaved the same and ``validate`` accepted them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_data import user_scheme

import yozuv
from yozuv.cli import cli
from yozuv.errors import OptionError, SchemeError
from yozuv.regex_facts import exponential_risk

CATASTROPHIC = ["(a+)+$", "(a*)*b", r"(\w+\s?)*$", "(x+x+)+y", "(a{1,3})+c", r"(.*,)+"]
LINEAR = [
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # every iteration starts with a dot the inner cannot match
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+uz",
    r"((ab)*c)*",
    r"(?>a+)+",
    r"(?:a++)+",
    r"[A-Z]{2,}-\d+",
    r"\bSKU-\d+\b",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_patterns_are_recognised(pattern: str) -> None:
    assert exponential_risk(pattern) is not None


@pytest.mark.parametrize("pattern", LINEAR)
def test_delimited_and_possessive_patterns_are_accepted(pattern: str) -> None:
    assert exponential_risk(pattern) is None


def test_protect_option_refuses_them_in_one_line() -> None:
    result = CliRunner().invoke(cli, ["-t", "latin", "--protect", "(a+)+$"], input=b"aaaa\n")
    assert result.exit_code == 2
    assert "can take exponential time" in result.stderr and "(?>a+)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(OptionError, match="exponential"):
        yozuv.get_converter("latin", "cyrillic", protect=[r"(\w+\s?)*$"])


def test_a_user_scheme_with_one_is_invalid(tmp_path: Path) -> None:
    bad = user_scheme(tmp_path, '[protect]\npatterns = ["(x+x+)+y"]\n')
    with pytest.raises(SchemeError, match=r"protect\.patterns.*exponential time"):
        yozuv.load_scheme(bad)
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2 and "exponential time" in result.stderr
