"""What depends on the terminal: colour, rich consoles, the std streams, a progress bar.

rich is imported inside the functions that draw, and click only where :func:`echo` needs
it, never at module level: the plain filter (``echo Салом | yozuv -t latin``) must start
without them. Callers use these functions through the module (``terminal.isatty(...)``), so
a test can stand in one terminal for all of them.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from rich.console import Console

    from yozuv.cli.report import Reporter


# Characters a terminal acts on instead of showing: C0 controls but the tab (ESC starts
# the sequences that set a window title, clear the screen or move the cursor up to hide a
# line), DEL, the C1 controls, and the bidirectional overrides and isolates that reorder
# what is shown ("Trojan Source"). Text from a file is shown with these made visible.
_INVISIBLE: dict[int, str] = {
    code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if code != 0x09
}
_INVISIBLE.update(
    {
        code: f"\\u{code:04x}"
        for code in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    }
)


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), for a terminal.

    Only for what is shown: data written to a file or a pipe stays byte-exact.
    """
    return text.translate(_INVISIBLE)


def visible_line(line: str) -> str:
    """:func:`visible` for one line of a file: its own line ending (LF or CR LF) is kept."""
    for ending in ("\r\n", "\n"):
        if line.endswith(ending):
            return visible(line[: -len(ending)]) + ending
    return visible(line)


def use_colour(choice: str, stream: IO[Any]) -> bool:
    """``--color``: always/never win; auto means a terminal and no ``NO_COLOR``."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return isatty(stream)


def isatty(stream: IO[Any] | None) -> bool:
    """Whether ``stream`` is a terminal; a closed or stand-in stream is not."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, AttributeError):
        return False


def echo(line: str, *, err: bool = False) -> None:
    """Write one line to stdout (or stderr) exactly as ``click.echo(line, err=err)`` would.

    Messages are written the same way on every path, the quick filter (which does not
    import click) included. In the ordinary case, a text stream with a real encoding and no
    ANSI escape in the line, click writes the line, a newline and flushes; that is done here.
    Anything else (an ASCII-only stream click would re-wrap as UTF-8, a line whose escape
    codes click may strip, a stand-in stream, the Windows console) is left to click itself.
    """
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if "\x1b" in line or sys.platform == "win32" or not _plain_text_stream(stream):
        import click

        click.echo(line, err=err)
        return
    stream.write(line + "\n")
    stream.flush()


def _plain_text_stream(stream: IO[Any]) -> bool:
    """A text stream click would write to as it is: an encoding that is not ASCII, errors set."""
    if not isinstance(stream, io.TextIOWrapper) or stream.errors is None:
        return False
    import codecs

    try:
        return codecs.lookup(stream.encoding).name != "ascii"
    except LookupError:
        return False


def make_console(colour: bool, *, stderr: bool = False) -> Console:
    """A rich console for stdout (or stderr) that honours the colour decision exactly.

    With colour on, the basic 16-colour system is used: the styles here need no more, and a
    fixed system keeps forced-colour output identical on every machine (golden files).
    Width comes from the terminal, or ``COLUMNS``.
    """
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if colour:
        return Console(file=stream, force_terminal=True, color_system="standard", highlight=False)
    return Console(file=stream, color_system=None, no_color=True, highlight=False)


@contextlib.contextmanager
def paged(wanted: bool | None) -> Iterator[bool]:
    """Send what is written to stdout through a pager, as git does; yields whether it does.

    Only on a terminal and unless ``wanted`` is False: the command in ``YOZUV_PAGER`` or
    ``PAGER`` (default ``less``; ``cat`` or empty means none), with ``LESS=FRX`` unless set,
    so a text that fits on the screen is printed and less quits at once, colours pass and
    the screen is not cleared. The pager reads the process's own stdout (its file
    descriptor is pointed at the pager), so everything printed, by rich or not, goes there;
    the width is the terminal's, taken before.
    """
    if wanted is False or sys.platform == "win32" or not isatty(sys.stdout):
        yield False
        return
    command = os.environ.get("YOZUV_PAGER", os.environ.get("PAGER", "less")).strip()
    if command in ("", "cat"):
        yield False
        return
    import shutil
    import subprocess

    size = shutil.get_terminal_size()
    os.environ.setdefault("COLUMNS", str(size.columns))
    os.environ.setdefault("LINES", str(size.lines))
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        yield False
        return
    assert process.stdin is not None
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(process.stdin.fileno(), 1)
    process.stdin.close()
    try:
        yield True
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        os.dup2(saved, 1)  # the pager sees the end of its input
        os.close(saved)
        with contextlib.suppress(KeyboardInterrupt):
            process.wait()


def stdout_binary() -> BinaryIO:
    """Data is written as bytes: the encoding is ours to choose, not the locale's."""
    return sys.stdout.buffer


def stdin_binary() -> BinaryIO:
    """Data is read as bytes: textio decides the encoding, not the locale."""
    return sys.stdin.buffer


def silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class Progress:
    """A rich progress bar on stderr; errors are printed above it.

    It counts files (many small files) or bytes (``in_bytes``: a few large files, one of
    which may take a minute: the bar moves as a streamed file is read).
    """

    def __init__(self, total: int, reporter: Reporter, *, in_bytes: bool = False) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            MofNCompleteColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._reporter = reporter
        self.in_bytes = in_bytes
        self._progress = RichProgress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn() if in_bytes else MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=make_console(use_colour("auto", sys.stderr), stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task("converting", total=total)
        reporter.console = self._progress.console
        self._progress.start()

    def advance(self, amount: int = 1) -> None:
        self._progress.advance(self._task, amount)

    def stop(self) -> None:
        self._progress.stop()
        self._reporter.console = None
