"""What the user is told on stderr: one line per problem, and the exit status that wins.

Every command reports through a :class:`Reporter`, so the contract holds everywhere: a
problem is one line ``yozuv: PATH: reason`` (never a traceback), errors show even with
``-q``, and with many files the worst status seen is the one the run exits with. No click
here (lines go out through :func:`yozuv.cli.terminal.echo`): the quick filter reports through
this module too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yozuv.cli import terminal
from yozuv.errors import YozuvError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_TROUBLE = 2
EXIT_INTERRUPTED = 130


class Reporter:
    """Messages to stderr, and the worst exit status seen so far."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.status = EXIT_OK
        self.console: Console | None = None  # set while a progress bar owns stderr
        self.errors = 0  # error lines so far: the closing summary counts failed inputs
        self._said: set[str] = set()

    def _emit(self, line: str) -> None:
        line = terminal.visible(line)  # a file name or text from a file: no escapes, one line
        if self.console is not None:
            # A Text, not markup=False: that option also reached the progress bar drawn in
            # the same call, which then showed its own "[progress.description]" markup.
            from rich.text import Text

            self.console.print(Text(line), highlight=False, soft_wrap=True)
        else:
            terminal.echo(line, err=True)

    def error(self, message: str, status: int = EXIT_TROUBLE) -> None:
        """One line ``yozuv: message``; errors are shown even with ``-q``."""
        self._emit(f"yozuv: {message}")
        self.errors += 1
        self.raise_status(status)

    def info(self, message: str) -> None:
        if not self.quiet:
            self._emit(f"yozuv: {message}")

    def summary(self, message: str) -> None:
        """A closing count that includes failures: shown even with ``-q``, as errors are."""
        self._emit(f"yozuv: {message}")

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            self._emit(f"yozuv: {message}")

    def once(self, message: str) -> None:
        """A notice worth saying once per run (a provisional scheme), not once per file."""
        if message not in self._said:
            self._said.add(message)
            self.info(message)

    def raise_status(self, status: int) -> None:
        self.status = max(self.status, status)


def reason(exc: OSError) -> str:
    """The operating system's reason for a failure, in the lower case of a message tail."""
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def describe_error(display: str, exc: BaseException) -> str:
    """The text after ``yozuv:`` for an error met while handling ``display``."""
    if isinstance(exc, YozuvError):
        # The error's own path when it is about another file (an -o destination, a backup),
        # else the input being handled; the parts are fields, never parsed from a message.
        return str(exc) if exc.path is not None else f"{display}: {exc}"
    if isinstance(exc, IsADirectoryError):
        return f"{display}: is a directory, not a file"
    if isinstance(exc, FileNotFoundError):
        return f"{display}: no such file"
    if isinstance(exc, OSError):
        return f"{display}: {reason(exc)}"
    return f"{display}: {exc}"
