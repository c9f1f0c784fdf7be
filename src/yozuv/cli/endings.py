"""How every run of the command line ends: a closed pipe, trouble, the final flush.

Why a module of its own: the quick filter (:mod:`yozuv.cli.entry`) and the click
application (:mod:`yozuv.cli.app`) end alike, and the entry imports the application when
click is needed, so the endings sit below both.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

from yozuv.cli import terminal
from yozuv.cli.report import EXIT_OK, EXIT_TROUBLE

if TYPE_CHECKING:
    from yozuv.errors import YozuvError


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
