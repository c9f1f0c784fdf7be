"""The ``yozuv`` command line: its entry point, the quick filter, and how every run ends.

Why this module imports no click: importing click alone costs about as much as starting
Python, and the commonest run, ``echo Салом | yozuv -t latin``, needs none of it. So
:func:`main` first looks whether the arguments are the plain filter (nothing but
``-t``/``--to`` and ``-f``/``--from``, no file, stdin not a terminal); if so, it reads those
two options itself and runs the very function the ``convert`` command runs
(:func:`yozuv.cli.run.run_convert_command`) with the defaults of every other option. Anything
else, or a value the checks refuse (``-t klingon``), goes to the click application in
:mod:`yozuv.cli.app`, which then says what is wrong as it always does. The two roads differ
only in how argv is read: same settings checks, same pipeline, same engine, same messages
(:func:`yozuv.cli.terminal.echo`), same endings (:mod:`yozuv.cli.endings`).

Together with the rest of :mod:`yozuv.cli` it owns the user's side of the contract:

* data on stdout, messages on stderr, one line per problem (``yozuv: PATH: reason``) and
  never a traceback for bad input;
* exit status 0 (done / nothing would change), 1 (``--check``/``--diff`` found changes),
  2 (usage error or trouble), 130 (interrupted); with many files the worst one wins;
* a quiet end when the reader of stdout goes away (``yozuv big.txt | head``);
* a fast start: the filter imports neither click nor rich nor difflib nor the format
  handlers nor the look-only commands; those are imported inside the code paths that need
  them, and the converter is built when the first text arrives.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from yozuv.cli import terminal
from yozuv.cli.endings import closed_pipe, finish, handle_termination, interrupted, trouble

if TYPE_CHECKING:
    from yozuv.cli.settings import ConversionChoices

# The options the quick filter reads itself: the option token -> ConversionChoices field.
QUICK_OPTIONS: dict[str, str] = {"-t": "to", "--to": "to", "-f": "source", "--from": "source"}

# Click answers shell completion when this is set; the quick filter must not.
COMPLETION_VARIABLE = "_YOZUV_COMPLETE"


def main() -> NoReturn:
    """Console-script entry point: the quick filter when the arguments allow, else click.

    An interrupt at any moment ends the run with one line and status 130 (SIGTERM and
    SIGHUP with 128 + the signal), also while click is being imported.
    """
    handle_termination()
    # A user's --protect pattern may draw re's FutureWarning (a possible nested set): a
    # multi-line warning is noise on the command line, the pattern works as written.
    import warnings

    warnings.filterwarnings("ignore", category=FutureWarning)
    try:
        choices = quick_filter_choices(sys.argv[1:])
        if choices is not None:
            status = run_quick_filter(choices)
            if status is not None:
                finish(status)
        from yozuv.cli.app import cli
    except KeyboardInterrupt as exc:
        finish(interrupted(exc))
    cli.main(prog_name="yozuv")


# =========================================================================== the quick filter


def quick_filter_choices(argv: Sequence[str]) -> ConversionChoices | None:
    """The conversion options of a plain filter run, or None when click must parse ``argv``.

    A plain filter run has nothing but ``-t``/``--to`` and ``-f``/``--from``, each at most
    once, written ``-t X``, ``-tX``, ``--to X`` or ``--to=X``, with a value that is a plain
    name (letters, digits, ``-``, ``_``; not starting with ``-``), reads stdin, and stdin is
    not a terminal. Everything else goes to click, even what click would accept (``-t=X``,
    a repeated option, ``--``): a reading that might differ from click's is not worth the
    milliseconds. No argument at all is the filter too, unless stdin is a terminal (then
    click shows the help).
    """
    if COMPLETION_VARIABLE in os.environ:
        return None
    if sys.stdin is None or sys.stdout is None or sys.stderr is None:
        return None
    found: dict[str, str] = {}
    index = 0
    while index < len(argv):
        token = argv[index]
        if token.startswith("--") and "=" in token:
            name, value = token.split("=", 1)
        elif token in QUICK_OPTIONS:
            if index + 1 == len(argv):
                return None
            name, value = token, argv[index + 1]
            index += 1
        elif token[:2] in ("-t", "-f") and len(token) > 2:
            name, value = token[:2], token[2:]
        else:
            return None
        field = QUICK_OPTIONS.get(name)
        if field is None or field in found or not _plain_value(value):
            return None
        found[field] = value
        index += 1
    if terminal.isatty(sys.stdin):
        return None
    from yozuv.cli.settings import ConversionChoices

    return ConversionChoices(to=found.get("to"), source=found.get("source", "auto"))


def _plain_value(value: str) -> bool:
    """A value both readings of argv take alike: a script name, not an option or a glob."""
    return (
        bool(value)
        and value[0] != "-"
        and all(char.isascii() and (char.isalnum() or char in "-_") for char in value)
    )


def run_quick_filter(choices: ConversionChoices) -> int | None:
    """Convert stdin to stdout as ``yozuv convert`` with these options would; the exit status.

    None when the options do not pass the checks: nothing has been read or written yet, and
    the click application reports the problem exactly as it does for any usage error. The
    endings are those of a click command: Ctrl-C (or an end of input click treats alike)
    ends the line on stderr and exits 130, a closed stdout ends quietly, trouble is one line.
    """
    from yozuv.errors import YozuvError

    try:
        from yozuv.cli.delivery import Mode
        from yozuv.cli.run import run_convert_command
        from yozuv.cli.settings import settings_from_choices

        try:
            settings = settings_from_choices(choices)
        except YozuvError:
            return None
        return run_convert_command(["-"], settings, Mode.STDOUT)
    except (EOFError, KeyboardInterrupt) as exc:
        return interrupted(exc)
    except BrokenPipeError:
        return closed_pipe()
    except YozuvError as exc:
        return trouble(exc)
