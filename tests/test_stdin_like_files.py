"""Stdin and a file take the same road: ``-o``, ``--diff``, ``--check`` and errors alike.

Each case runs twice, once on a file named ``in.txt`` (or ``in.json``) and once on the same
bytes through stdin (``-`` with ``--format`` where the file name told the format), and the
two runs must give the same exit status, the same output file, and the same messages once
the input's name (``in.txt`` / ``<stdin>``) is set aside.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from yozuv.cli import cli

CYRILLIC = "Салом дунё\nЯхши кун\n".encode()
LATIN_OUT = b"Salom dunyo\nYaxshi kun\n"


class Run(NamedTuple):
    status: int
    stdout: str
    stderr: str
    written: bytes | None


class Case(NamedTuple):
    name: str
    args: tuple[str, ...]  # options before the input
    data: bytes
    suffix: str = ".txt"
    output: str | None = None  # the -o file the run may write, relative to the folder


CASES = [
    Case("to-stdout", ("-t", "latin"), CYRILLIC),
    Case("output-file", ("-t", "latin", "-o", "out.txt"), CYRILLIC, output="out.txt"),
    Case(
        "output-missing-folder",
        ("-t", "latin", "-o", "sub/out.txt"),
        CYRILLIC,
        output="sub/out.txt",
    ),
    Case("diff", ("-t", "latin", "--diff"), CYRILLIC),
    Case("diff-unchanged", ("-t", "latin", "--diff"), LATIN_OUT),
    Case("check", ("-t", "latin", "--check"), CYRILLIC),
    Case("check-unchanged", ("-t", "latin", "--check"), LATIN_OUT),
    Case("check-diff", ("-t", "latin", "--check", "--diff"), CYRILLIC),
    Case("binary", ("-t", "latin"), b"\x00\x01PK\x03\x04"),
    Case("binary-to-file", ("-t", "latin", "-o", "out.txt"), b"ab\x00cd", output="out.txt"),
    Case("not-utf8", ("-t", "latin"), "Салом\n".encode("cp1251")),
    Case("not-utf8-check", ("-t", "latin", "--check"), "Салом\n".encode("cp1251")),
    Case("unencodable", ("-t", "latin", "--output-encoding", "cp1251"), "Ўзбек\n".encode()),
    Case("verbose", ("-t", "latin", "-v", "-o", "out.txt"), CYRILLIC, output="out.txt"),
    Case(
        "json-to-file",
        ("-t", "latin", "-o", "out.json"),
        '{"title": "Салом"}\n'.encode(),
        suffix=".json",
        output="out.json",
    ),
    Case("json-diff", ("-t", "latin", "--diff"), '{"title": "Салом"}\n'.encode(), suffix=".json"),
]


def run_both(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Run, Run]:
    runs = []
    for way in ("file", "stdin"):
        folder = tmp_path / way
        folder.mkdir()
        monkeypatch.chdir(folder)
        name = f"in{case.suffix}"
        if way == "file":
            (folder / name).write_bytes(case.data)
            args = [*case.args, name]
            stdin = None
        else:
            formats = ["--format", case.suffix[1:]] if case.suffix != ".txt" else []
            args = [*case.args, *formats, "-"]
            stdin = case.data
        result = CliRunner().invoke(cli, args, input=stdin, catch_exceptions=False)
        written = None
        if case.output is not None and (folder / case.output).exists():
            written = (folder / case.output).read_bytes()
        shown = name if way == "file" else "<stdin>"
        runs.append(
            Run(
                result.exit_code,
                result.stdout.replace(shown, "NAME"),
                result.stderr.replace(shown, "NAME"),
                written,
            )
        )
    return runs[0], runs[1]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_stdin_behaves_as_a_file(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_file, as_stdin = run_both(case, tmp_path, monkeypatch)
    assert as_stdin == as_file
    assert "Traceback" not in as_file.stderr


def test_the_cases_see_what_they_are_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above would pass if both roads did nothing: pin what the file does."""
    by_name: dict[str, Run] = {}
    for case in CASES:
        (tmp_path / case.name).mkdir()
        by_name[case.name] = run_both(case, tmp_path / case.name, monkeypatch)[0]
    assert by_name["to-stdout"].stdout == LATIN_OUT.decode()
    assert by_name["output-file"].written == LATIN_OUT
    assert by_name["output-missing-folder"].status == 2
    assert "sub: no such folder" in by_name["output-missing-folder"].stderr
    assert by_name["diff"].status == 1 and "+Salom dunyo" in by_name["diff"].stdout
    assert by_name["diff-unchanged"] == Run(0, "", "", None)
    assert by_name["check"].status == 1 and by_name["check"].stdout == "NAME\n"
    assert by_name["check-unchanged"].status == 0
    assert by_name["binary"].status == 2 and "NAME: binary file" in by_name["binary"].stderr
    assert by_name["binary-to-file"].written is None
    assert by_name["not-utf8"].status == 2 and "cannot decode" in by_name["not-utf8"].stderr
    assert by_name["not-utf8-check"].status == 2
    assert (
        by_name["unencodable"].status == 2
        and "cp1251 cannot encode" in by_name["unencodable"].stderr
    )
    assert "NAME: cyrillic -> latin" in by_name["verbose"].stderr
    assert by_name["json-to-file"].written == b'{"title": "Salom"}\n'
