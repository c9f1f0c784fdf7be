"""How every run of the command line ends: a closed pipe, trouble, the final flush.

Why a module of its own: the quick filter (:mod:`yozuv.cli.entry`) and the click
application (:mod:`yozuv.cli.app`) end alike, and the entry imports the application when
click is needed, so the endings sit below both.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

from yozuv.cli import terminal
from yozuv.cli.report import EXIT_INTERRUPTED, EXIT_OK, EXIT_TROUBLE

if TYPE_CHECKING:
    from yozuv.errors import YozuvError


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that everything an interrupt
    undoes (a temporary file, a worker pool) is undone the same way."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def status(self) -> int:
        return 128 + self.signum  # as a shell reports a process a signal ended


def _terminate(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def handle_termination() -> None:
    """SIGTERM and SIGHUP end a run as Ctrl-C does: cleaned up, one line, 128 + signal."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _terminate)


def interrupted(exc: BaseException) -> int:
    """The end of an interrupted run: a line on stderr, 130 (Ctrl-C) or 128 + signal."""
    if isinstance(exc, Terminated):
        import signal

        terminal.echo(f"yozuv: terminated ({signal.Signals(exc.signum).name})", err=True)
        return exc.status
    terminal.echo("", err=True)  # what click writes when a command is interrupted
    return EXIT_INTERRUPTED


def closed_pipe() -> int:
    """The reader of stdout went away (``yozuv big.txt | head``): a quiet, successful end.

    Stdout is pointed at /dev/null so the final flush cannot fail again; a truncated read
    is the reader's choice, not trouble.
    """
    terminal.silence_stdout()
    return EXIT_OK


def trouble(exc: YozuvError) -> int:
    """An error the user can fix and no command reported itself: one line, exit status 2."""
    terminal.echo(terminal.visible(f"yozuv: {exc}"), err=True)
    return EXIT_TROUBLE


def finish(status: int | None) -> NoReturn:
    """Flush stdout and exit with ``status`` (None: 0); a reader gone by now is no error."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        terminal.silence_stdout()
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(int(status or EXIT_OK))
