"""The README's two set-up commands are the ones CI runs, so the README stays true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_readme_has_the_two_setup_commands() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    assert "examples/news.cyrl.txt" in commands[0]
    assert "scripts/check.py" in commands[1]
    check = (ROOT / "scripts" / "check.py").read_text(encoding="utf-8")
    assert all(f'"{tool}"' in check for tool in ("pytest", "mypy", "ruff", "format"))


def test_ci_runs_the_readme_commands_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _setup_commands():
        assert command in ci, f".ci/run does not run: {command}"
