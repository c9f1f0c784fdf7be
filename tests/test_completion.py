"""Shell completion: commands, files, script names, formats and scheme files (issue 12 item 7).

Click's completion protocol (what the bash, zsh and fish scripts ask the program) is driven
here directly: ``_YOZUV_COMPLETE=bash_complete`` with the words typed so far.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yozuv.cli import cli


def complete(line: str) -> list[str]:
    """The ``type,value`` items yozuv offers for the last word of ``line``."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_YOZUV_COMPLETE": "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    result = CliRunner().invoke(cli, [], env=env, prog_name="yozuv")
    return result.output.splitlines()


def test_the_first_word_offers_commands_else_files() -> None:
    offered = complete("yozuv ")
    assert {"plain,convert", "plain,preview", "plain,detect", "plain,explain"} <= set(offered)
    assert complete("yozuv pre") == ["plain,preview"]
    assert complete("yozuv news") == ["file,news"]


def test_a_file_argument_completes_as_a_file() -> None:
    assert complete("yozuv -t latin new") == ["file,new"]
    assert complete("yozuv preview new") == ["file,new"]


def test_script_names_and_formats() -> None:
    assert complete("yozuv -t lat") == ["plain,latin", "plain,latin2026"]
    assert complete("yozuv preview -f cyr") == ["plain,cyrillic"]
    assert complete("yozuv --format js") == ["plain,json", "plain,jsonl"]


def test_scheme_files_complete_as_files() -> None:
    assert complete("yozuv -t latin --scheme my") == ["file,my"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script(shell: str) -> None:
    result = CliRunner().invoke(
        cli, [], env={"_YOZUV_COMPLETE": f"{shell}_source"}, prog_name="yozuv"
    )
    assert result.exit_code == 0
    assert "_YOZUV_COMPLETE" in result.output


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_loads_the_script_and_completes_commands(tmp_path: Path) -> None:
    """The generated bash script, sourced by bash, asks yozuv and fills COMPREPLY."""
    launcher = tmp_path / "yozuv"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m yozuv "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    script = CliRunner().invoke(cli, [], env={"_YOZUV_COMPLETE": "bash_source"}, prog_name="yozuv")
    program = (
        script.output
        + "\nCOMP_WORDS=(yozuv pre); COMP_CWORD=1; _yozuv_completion yozuv pre yozuv\n"
        + 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}"}
    shown = subprocess.run(
        ["bash", "-c", program], capture_output=True, text=True, timeout=30, env=env
    )
    assert shown.stdout.split() == ["preview"], shown.stderr
