"""``yozuv`` as a real process: pipes, streaming, signals, a closed pipe, exit codes, start-up.

These behaviours live in the interpreter and the operating system (buffering, SIGINT,
SIGPIPE, what gets imported), so they are tested on ``python -m yozuv`` and not through
CliRunner.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import yozuv

YOZUV = [sys.executable, "-m", "yozuv"]
TIMEOUT = 30


def like_a_foreground_job() -> None:
    """Give the child the SIGINT a terminal's foreground job has.

    A shell starts background jobs (``cmd &``, nohup, some CI runners) with SIGINT ignored,
    and an ignored signal stays ignored across exec, so Python installs no KeyboardInterrupt
    handler and a test's Ctrl-C would not reach yozuv at all. Ctrl-C only ever reaches a
    foreground job, where SIGINT has its default action: the tests start children that way.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [*YOZUV, *args],
        stdin=kwargs.pop("stdin", subprocess.PIPE),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=like_a_foreground_job,
        **kwargs,
    )


def run(
    *args: str, input: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*YOZUV, *args], input=input, capture_output=True, timeout=TIMEOUT, cwd=cwd
    )


def read_line(process: subprocess.Popen[bytes], timeout: float = 10.0) -> bytes:
    """One line of the child's stdout, without waiting for it to exit (or b"" on timeout)."""
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    line = b""
    deadline = time.monotonic() + timeout
    while not line.endswith(b"\n") and time.monotonic() < deadline:
        if selector.select(timeout=max(deadline - time.monotonic(), 0)):
            byte = os.read(process.stdout.fileno(), 1)
            if not byte:
                break
            line += byte
    selector.close()
    return line


def test_pipe_converts_stdin_to_stdout() -> None:
    result = run("-t", "latin", input="Салом, дунё!\n".encode())
    assert result.returncode == 0
    assert result.stdout.decode() == "Salom, dunyo!\n"
    assert result.stderr == b""


def test_stdin_is_converted_as_it_streams() -> None:
    """``tail -f log | yozuv -t latin``: each line comes out before stdin is closed."""
    process = start("-t", "latin")
    assert process.stdin is not None
    try:
        process.stdin.write("Салом\n".encode())
        process.stdin.flush()
        assert read_line(process) == b"Salom\n"
        process.stdin.write("Тошкент\n".encode())
        process.stdin.flush()
        assert read_line(process) == b"Toshkent\n"
        process.stdin.close()
        assert process.wait(timeout=TIMEOUT) == 0
    finally:
        process.kill()
        process.wait()


def streaming_sample() -> str:
    """Text that crosses textio's 64 KB pieces in every way: many lines, CRLF, a huge line."""
    words = [
        "Тошкент",
        "объект",
        "цирк",
        "лицей",
        "Ўзбекистон",
        "мўъжиза",
        "съезд",
        "ёмғир",
        "концерт",
        "акция",
    ]
    lines = [" ".join(words[(n + k) % len(words)] for k in range(n % 13 + 1)) for n in range(9000)]
    huge_line = " ".join(words[n % len(words)] for n in range(40000))
    return "\r\n".join(lines[:4000]) + "\n" + huge_line + "\n" + "\n".join(lines[4000:])


def test_streamed_output_is_identical_to_converting_at_once() -> None:
    text = streaming_sample()
    assert len(text) > 5 * 65536
    whole = yozuv.get_converter("latin", "cyrillic").convert(text)
    result = run("-t", "latin", input=text.encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout == whole.encode()


def test_file_to_stdout_is_streamed_identically(tmp_path: Path) -> None:
    text = streaming_sample()
    (tmp_path / "big.txt").write_text(text, encoding="utf-8", newline="")
    result = run("-t", "latin", str(tmp_path / "big.txt"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == yozuv.get_converter("latin", "cyrillic").convert(text).encode()


def test_interrupt_exits_130_without_a_traceback() -> None:
    process = start("-t", "latin")
    assert process.stdin is not None
    try:
        process.stdin.write("Салом\n".encode())
        process.stdin.flush()
        assert read_line(process) == b"Salom\n"  # the process is in its read loop now
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=TIMEOUT) == 130
        assert process.stderr is not None
        assert b"Traceback" not in process.stderr.read()
    finally:
        process.kill()
        process.wait()


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Салом дунё\n" * 200_000, encoding="utf-8")
    process = start("-t", "latin", str(big), stdin=subprocess.DEVNULL)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"Salom dunyo\n"
    process.stdout.close()  # like `head -1` exiting
    status = process.wait(timeout=TIMEOUT)
    stderr = process.stderr.read()
    process.stderr.close()
    assert stderr == b""
    assert status == 0


def test_closed_pipe_in_a_shell_pipeline(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Салом дунё\n" * 200_000, encoding="utf-8")
    command = f"{sys.executable} -m yozuv -t latin {big} | head -n 2"
    result = subprocess.run(["sh", "-c", command], capture_output=True, timeout=TIMEOUT)
    assert result.stdout == b"Salom dunyo\nSalom dunyo\n"
    assert result.stderr == b""


def test_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "cyrl.txt").write_text("Салом\n", encoding="utf-8")
    (tmp_path / "latn.txt").write_text("Salom\n", encoding="utf-8")
    assert run("-t", "latin", "--check", "latn.txt", cwd=tmp_path).returncode == 0
    assert run("-t", "latin", "--check", "cyrl.txt", cwd=tmp_path).returncode == 1
    assert run("-t", "latin", "--diff", "cyrl.txt", cwd=tmp_path).returncode == 1
    missing = run("-t", "latin", "missing.txt", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.decode().strip() == "yozuv: missing.txt: no such file"
    usage = run("-t", "klingon", input=b"x\n")
    assert usage.returncode == 2
    assert usage.stderr.decode().count("\n") == 1


def test_messages_go_to_stderr_and_data_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Салом\n", encoding="utf-8")
    result = run("-t", "latin", "-v", "a.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b"Salom\n"
    assert b"missing.txt" in result.stderr
    assert b"Salom" not in result.stderr


STARTUP_PROBE = """
import atexit, sys
def report():
    heavy = sorted(m for m in sys.modules
                   if m.split(".")[0] in ("rich", "difflib", "charset_normalizer", "docx", "click")
                   or m.startswith(("yozuv.formats", "yozuv.cli.diff", "yozuv.cli.inspect_commands",
                                    "concurrent")))
    converter = sorted(m for m in sys.modules
                       if m in ("yozuv.api", "yozuv.engine", "yozuv.scheme", "tomllib"))
    sys.stderr.write("HEAVY:" + ",".join(heavy) + "\\n")
    sys.stderr.write("CONVERTER:" + ",".join(converter) + "\\n")
atexit.register(report)
sys.argv = ["yozuv", "-t", "latin"]
from yozuv.cli import main
main()
"""


def probe(argv: list[str], stdin: bytes = b"", cwd: Path | None = None) -> dict[str, str]:
    """Run the CLI with ``argv`` in a fresh interpreter; what it printed and had imported."""
    code = STARTUP_PROBE.replace(
        'sys.argv = ["yozuv", "-t", "latin"]', f"sys.argv = ['yozuv', *{argv!r}]"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, timeout=TIMEOUT, cwd=cwd
    )
    found = {"stdout": result.stdout.decode()}
    for line in result.stderr.decode().splitlines():
        key, _, value = line.partition(":")
        if key in ("HEAVY", "CONVERTER"):
            found[key] = value
    return found


def test_filter_start_up_imports_nothing_it_does_not_use() -> None:
    found = probe(["-t", "latin"], "Салом\n".encode())
    assert found["stdout"] == "Salom\n"
    assert found["HEAVY"] == ""
    # The control for the test below: the probe does see the converter being built.
    assert "yozuv.api" in found["CONVERTER"].split(",")


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["convert", "--help"]])
def test_runs_that_convert_nothing_build_no_converter(argv: list[str]) -> None:
    """The converter (engine, mapping files, TOML parser) is built when text arrives."""
    found = probe(argv)
    assert found["stdout"].startswith(("yozuv ", "Usage: yozuv"))
    assert found["CONVERTER"] == ""


@pytest.mark.parametrize("command", [["--diff", "--color", "always"], ["preview"]])
def test_commands_that_need_rich_do_import_it(tmp_path: Path, command: list[str]) -> None:
    """The probe above would pass vacuously if it could not see rich at all."""
    (tmp_path / "a.txt").write_text("Салом\n", encoding="utf-8")
    assert "rich" in probe([*command, "a.txt"], cwd=tmp_path)["HEAVY"]
