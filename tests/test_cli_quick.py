"""The quick filter: ``echo Салом | yozuv -t latin`` without click, and no different for it.

:func:`yozuv.cli.main` reads ``-t``/``-f`` itself when they are all there is, so the commonest
run does not import click. The promise is that this changes nothing but the start-up time:
every case below runs through ``main`` (the quick filter) and through the click application
directly, in real processes, and stdout, stderr and the exit status must be byte for byte
the same. A hook records whether click was imported, so each case also shows which road
it took.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_streams import like_a_foreground_job

from yozuv.cli.entry import quick_filter_choices
from yozuv.cli.settings import ConversionChoices

TIMEOUT = 30

# Through main(): the quick filter when the arguments allow. The hook writes, at exit, the
# names of the modules of interest that were imported to the file named by YOZUV_TEST_MODULES.
VIA_MAIN = """
import atexit, os, sys
def record():
    with open(os.environ["YOZUV_TEST_MODULES"], "w", encoding="utf-8") as out:
        names = ("click", "pathlib", "yozuv.cli.app")
        out.write(",".join(sorted(m for m in names if m in sys.modules)))
atexit.register(record)
sys.argv[0] = "yozuv"
from yozuv.cli import main
main()
"""

# Straight into the click application, as every run went before the quick filter existed.
VIA_CLICK = """
import sys
sys.argv[0] = "yozuv"
from yozuv.cli.app import cli
cli.main(prog_name="yozuv")
"""


class Run:
    """What a process gave: the three things the user sees, and what it imported."""

    def __init__(self, result: subprocess.CompletedProcess[bytes], modules: str) -> None:
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.status = result.returncode
        self.modules = modules

    def seen(self) -> tuple[bytes, bytes, int]:
        return self.stdout, self.stderr, self.status


def run(code: str, argv: list[str], stdin: bytes, tmp_path: Path) -> Run:
    record = tmp_path / "modules.txt"
    record.unlink(missing_ok=True)
    env = {**os.environ, "YOZUV_TEST_MODULES": str(record)}
    env.pop("_YOZUV_COMPLETE", None)
    result = subprocess.run(
        [sys.executable, "-c", code, *argv],
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        cwd=tmp_path,
    )
    modules = record.read_text(encoding="utf-8") if record.exists() else ""
    return Run(result, modules)


CYRILLIC = "Тошкент шаҳрида янги лицей очилди.\nЦирк ва концерт залида объект қурилмоқда.\n"
LATIN = "Oʻzbekiston Respublikasi\nSirk va konsert zalida obyekt qurilmoqda.\n"

# (argv, stdin): each is converted by both roads and must come out the same.
SAME_CASES: dict[str, tuple[list[str], bytes]] = {
    "cyrillic to latin": (["-t", "latin"], CYRILLIC.encode()),
    "latin to cyrillic": (["-t", "cyrillic"], LATIN.encode()),
    "detected, no option": ([], CYRILLIC.encode()),
    "detected latin, no option": ([], LATIN.encode()),
    "latin2026 warns once": (["-t", "latin2026"], "Ўғил маъно\nШаҳар\n".encode()),
    "from latin2026": (["-f", "latin2026", "-t", "cyrillic"], "Öğil\n".encode()),
    "already the target": (["-t", "latin"], LATIN.encode()),
    "no letters": (["-t", "latin"], b"123 456\n"),
    "empty": (["-t", "latin"], b""),
    "no final newline": (["-t", "latin"], "Салом".encode()),
    "crlf and lone cr": (["-t", "latin"], "Салом\r\nдунё\rохир\r\n".encode()),
    "utf-8 bom": (["-t", "latin"], b"\xef\xbb\xbf" + "Салом\n".encode()),
    "utf-16 bom": (["-t", "latin"], "\ufeffСалом\r\n".encode("utf-16-le")),
    "invalid utf-8": (["-t", "latin"], "Салом\n".encode() + b"\xff\xfe oxir\n"),
    "nul byte": (["-t", "latin"], "Салом\n".encode() + b"\x00\n"),
    "attached value": (["-tlatin", "-fcyrillic"], CYRILLIC.encode()),
    "long options": (["--to", "latin", "--from", "cyrillic"], CYRILLIC.encode()),
    "long options with =": (["--to=uz-Latn", "--from=auto"], CYRILLIC.encode()),
    "alias": (["-t", "latn"], CYRILLIC.encode()),
    "unknown target": (["-t", "klingon"], CYRILLIC.encode()),
    "unknown source": (["-f", "klingon", "-t", "latin"], CYRILLIC.encode()),
    "more than -t and -f": (["-t", "latin", "--apostrophe", "ascii"], "Ўғил маъно\n".encode()),
    "repeated option": (["-t", "cyrillic", "-t", "latin"], CYRILLIC.encode()),
    "-t=value": (["-t=latin"], CYRILLIC.encode()),
    "missing value": (["-t"], CYRILLIC.encode()),
    "stdin named": (["-t", "latin", "-"], CYRILLIC.encode()),
}

# The cases the quick filter takes itself; every other one is left to click.
QUICK_CASES = {
    "cyrillic to latin",
    "latin to cyrillic",
    "detected, no option",
    "detected latin, no option",
    "latin2026 warns once",
    "from latin2026",
    "already the target",
    "no letters",
    "empty",
    "no final newline",
    "crlf and lone cr",
    "utf-8 bom",
    "utf-16 bom",
    "invalid utf-8",
    "nul byte",
    "attached value",
    "long options",
    "long options with =",
    "alias",
}


@pytest.mark.parametrize("case", sorted(SAME_CASES))
def test_quick_filter_gives_what_click_gives(case: str, tmp_path: Path) -> None:
    argv, stdin = SAME_CASES[case]
    quick = run(VIA_MAIN, argv, stdin, tmp_path)
    slow = run(VIA_CLICK, argv, stdin, tmp_path)
    assert quick.seen() == slow.seen()
    modules = set(quick.modules.split(",")) - {""}
    if case in QUICK_CASES:
        # pathlib (with urllib.parse and ipaddress) cost ~3.5 ms of a ~33 ms start-up.
        assert "click" not in modules, "the quick filter imported click"
        assert "pathlib" not in modules, "the quick filter imported pathlib"
    else:
        assert {"click", "yozuv.cli.app"} <= modules, "click should have taken this one"


def test_the_cases_say_something(tmp_path: Path) -> None:
    """The comparison above is not vacuous: output, messages and statuses do differ."""
    seen = {case: run(VIA_MAIN, *SAME_CASES[case], tmp_path) for case in SAME_CASES}
    assert seen["cyrillic to latin"].stdout.startswith(b"Toshkent shahrida")
    assert seen["latin to cyrillic"].stdout.startswith("Ўзбекистон".encode())
    assert seen["latin2026 warns once"].stderr.decode().count("provisional") == 1
    assert seen["utf-8 bom"].stdout == b"\xef\xbb\xbfSalom\n"
    assert seen["crlf and lone cr"].stdout == b"Salom\r\ndunyo\roxir\r\n"
    invalid = seen["invalid utf-8"]
    assert invalid.status == 2
    assert invalid.stderr.decode() == (
        "yozuv: <stdin>: cannot decode byte 0xff at offset 11 (line 2, column 1) as utf-8;"
        " try --encoding auto\n"
    )
    assert seen["nul byte"].status == 2
    unknown = seen["unknown target"]
    assert unknown.status == 2 and unknown.stdout == b""
    assert unknown.stderr.decode() == (
        "yozuv: --to: unknown script 'klingon' (known: cyrillic, latin, latin2026)"
        " (see 'yozuv convert --help')\n"
    )
    assert seen["more than -t and -f"].stdout == b"O'g'il ma'no\n"


def test_interrupted_quick_filter_ends_like_click(tmp_path: Path) -> None:
    """Ctrl-C in the read loop: exit status 130, and the same stderr as a click command."""
    endings = []
    for code in (VIA_MAIN, VIA_CLICK):
        process = subprocess.Popen(
            [sys.executable, "-c", code, "-t", "latin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "YOZUV_TEST_MODULES": str(tmp_path / "modules.txt")},
            preexec_fn=like_a_foreground_job,
        )
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write("Салом\n".encode())
            process.stdin.flush()
            assert process.stdout.readline() == b"Salom\n"  # in the read loop now
            process.send_signal(signal.SIGINT)
            status = process.wait(timeout=TIMEOUT)
            assert process.stderr is not None
            endings.append((status, process.stderr.read()))
        finally:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
    assert endings[0] == endings[1]
    assert endings[0][0] == 130
    assert b"Traceback" not in endings[0][1]


def test_quick_filter_ends_quietly_when_the_reader_goes(tmp_path: Path) -> None:
    """``yozuv -t latin < big | head -1``: no message, exit status 0, as with click."""
    big = tmp_path / "big.txt"
    big.write_text("Салом дунё\n" * 200_000, encoding="utf-8")
    for code in (VIA_MAIN, VIA_CLICK):
        with big.open("rb") as stdin:
            process = subprocess.Popen(
                [sys.executable, "-c", code, "-t", "latin"],
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**os.environ, "YOZUV_TEST_MODULES": str(tmp_path / "modules.txt")},
            )
            assert process.stdout is not None and process.stderr is not None
            assert process.stdout.readline() == b"Salom dunyo\n"
            process.stdout.close()
            status = process.wait(timeout=TIMEOUT)
            stderr = process.stderr.read()
            process.stderr.close()
        assert (status, stderr) == (0, b"")


# --------------------------------------------------------------------------- reading argv


@pytest.fixture
def piped_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stdin is a pipe, not a terminal, as in ``echo Салом | yozuv``."""
    import yozuv.cli.terminal as terminal_module

    monkeypatch.setattr(terminal_module, "isatty", lambda stream: False)
    monkeypatch.delenv("_YOZUV_COMPLETE", raising=False)


@pytest.mark.parametrize(
    ("argv", "to", "source"),
    [
        ([], None, "auto"),
        (["-t", "latin"], "latin", "auto"),
        (["-tlatin"], "latin", "auto"),
        (["--to", "latin"], "latin", "auto"),
        (["--to=latin"], "latin", "auto"),
        (["-f", "cyrillic"], None, "cyrillic"),
        (["-fcyrillic", "--to=latin-2026"], "latin-2026", "cyrillic"),
        (["--from=uz_Cyrl", "-t", "uz-Latn"], "uz-Latn", "uz_Cyrl"),
    ],
)
def test_plain_filter_arguments_are_read_quickly(
    piped_stdin: None, argv: list[str], to: str | None, source: str
) -> None:
    assert quick_filter_choices(argv) == ConversionChoices(to=to, source=source)


@pytest.mark.parametrize(
    "argv",
    [
        ["file.txt"],
        ["-"],
        ["-t", "latin", "file.txt"],
        ["-t"],
        ["--to"],
        ["-t", "latin", "-t", "cyrillic"],
        ["-t", "latin", "--to", "latin"],
        ["-t=latin"],
        ["--to="],
        ["-t", "-f"],
        ["-t", "lat*"],
        ["-t", "лотин"],
        ["-T", "latin"],
        ["--", "-t", "latin"],
        ["-t", "latin", "-q"],
        ["-t", "latin", "--apostrophe", "ascii"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["convert", "-t", "latin"],
        ["detect"],
    ],
)
def test_anything_else_is_left_to_click(piped_stdin: None, argv: list[str]) -> None:
    assert quick_filter_choices(argv) is None


def test_a_terminal_on_stdin_is_left_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no argument that shows the help; with -t, click reads the terminal as before."""
    import yozuv.cli.terminal as terminal_module

    monkeypatch.setattr(terminal_module, "isatty", lambda stream: True)
    assert quick_filter_choices([]) is None
    assert quick_filter_choices(["-t", "latin"]) is None


def test_shell_completion_is_left_to_click(
    piped_stdin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("_YOZUV_COMPLETE", "bash_complete")
    assert quick_filter_choices(["-t", "latin"]) is None
