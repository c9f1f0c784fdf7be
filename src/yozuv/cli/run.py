"""A ``convert`` run in the main process: every input in order, and what the user sees.

Plain text bound for stdout is streamed (bounded memory, output as it comes); other files
go through :mod:`yozuv.cli.delivery`, in batches so ``-j`` can spread them over processes,
and each :class:`~yozuv.cli.delivery.Outcome` is rendered here: data and diffs on stdout,
messages on stderr through the :class:`~yozuv.cli.report.Reporter`, a progress bar for
long jobs on a terminal. rich is imported only to draw (colour diffs, progress), and click
not at all: the ``convert`` command and the quick filter of :mod:`yozuv.cli` both run
:func:`run_convert_command`.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, BinaryIO

from yozuv.cli import terminal
from yozuv.cli.delivery import (
    Mode,
    Outcome,
    Plan,
    describe_direction,
    large_text,
    process_file,
    run_files,
)
from yozuv.cli.inputs import (
    STDIN_NAME,
    InputFile,
    announce_stdin,
    collect_inputs,
)
from yozuv.cli.report import EXIT_CHANGES, EXIT_TROUBLE, Reporter, describe_error
from yozuv.documents import (
    ConvertSettings,
    Direction,
    Streamed,
    format_handler,
    provisional_warnings,
    stream_convert,
)
from yozuv.errors import YozuvError

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

# A job is "long" (worth a progress bar on a terminal) from this many files or bytes on.
PROGRESS_MIN_FILES = 20
PROGRESS_MIN_BYTES = 32 * 1024 * 1024


def run_convert_command(
    arguments: Sequence[str],
    settings: ConvertSettings,
    mode: Mode,
    *,
    output: str | None = None,
    output_dir: str | None = None,
    backup: str | None = None,
    force: bool = False,
    pager: bool | None = None,
    context: int = 3,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    jobs: int = 1,
    quiet: bool = False,
    verbose: bool = False,
    color: str = "auto",
    summary: bool = False,
) -> int:
    """A whole ``convert`` once its options are parsed and checked; the exit status.

    ``summary`` adds ``--check``'s closing line to ``--diff`` (``--check --diff``).

    The one road every conversion takes: the ``convert`` command calls it after click has
    parsed and checked its options, and the quick filter of :mod:`yozuv.cli` after reading
    ``-t``/``-f`` itself (with the defaults of every other option). ``arguments`` are the
    FILE/DIR arguments, ``-`` for stdin.
    """
    if mode in (Mode.IN_PLACE, Mode.CHECK):
        settings = settings._replace(keep_encoding=True)
    reporter = Reporter(quiet=quiet, verbose=verbose)
    items = collect_inputs(
        arguments,
        include=include,
        exclude=exclude,
        output_dir=_as_path(output_dir),
        folders_allowed=mode in (Mode.IN_PLACE, Mode.OUTPUT_DIR, Mode.CHECK, Mode.DIFF),
        reporter=reporter,
        # To stdout a repeat is printed again, as cat does; anything that writes or counts
        # does a file once, as converting it twice loses letters (Ольга -> Олга).
        once=mode is not Mode.STDOUT,
    )
    if mode is Mode.OUTPUT_FILE:
        assert output is not None
        if output == "-":
            mode = Mode.STDOUT
        else:
            items = [item._replace(destination=_as_path(output)) for item in items]
    rejected = reporter.errors  # arguments that named nothing to read
    colour = terminal.use_colour(color, sys.stdout) if mode is Mode.DIFF else False
    plan = Plan(
        settings,
        mode,
        backup=backup,
        context=context,
        colour=colour,
        verbose=verbose,
        force=force,
        on_terminal=terminal.isatty(sys.stdout),
    )
    with terminal.paged(pager if mode is Mode.DIFF else False) as paging:
        changed = run_convert(items, plan, reporter, jobs=jobs, progress=not paging)
    total = len(items) + rejected
    failed = reporter.errors
    if mode is Mode.CHECK or summary:
        _check_summary(reporter, changed, total, failed)
    elif failed and total > 1:
        reporter.summary(f"{failed} of {total} input(s) failed")
    return reporter.status


def _check_summary(reporter: Reporter, changed: int, total: int, failed: int) -> None:
    """``--check``'s closing line; inputs that could not be read are not "unchanged"."""
    checked = total - failed
    if failed:
        unchecked = f"{failed} of {total} input(s) could not be checked"
        if checked:
            unchecked = f"{changed} of {checked} checked file(s) would change; {unchecked}"
        reporter.summary(unchecked)
    elif changed:
        reporter.info(f"{changed} of {total} file(s) would change")
    elif total:
        reporter.info(f"{total} file(s) checked, nothing would change")


def run_convert(
    items: Sequence[InputFile],
    plan: Plan,
    reporter: Reporter,
    *,
    jobs: int,
    progress: bool = True,
) -> int:
    """Convert every input, print what belongs on stdout, report the rest; count changes.

    ``progress=False`` draws no progress bar (while a pager shows the diff)."""
    changed = 0
    stdout = terminal.stdout_binary()
    file_items = [item for item in items if item.path is not None]
    bar = _maybe_progress(file_items, plan, reporter) if progress else None
    feed = _BarFeed(bar)
    on_read = feed.on_read if bar is not None and bar.in_bytes else None
    diff_console: Console | None = None
    try:
        pending = list(items)
        while pending:
            item = pending.pop(0)
            if item.path is None:
                count, diff_console = _convert_stdin(item, plan, reporter, stdout, diff_console)
                changed += count
                continue
            if plan.mode is Mode.STDOUT and _streamable(item, plan):
                _stream_file(item, plan, reporter, stdout, on_read)
                feed.file_done(item)
                continue
            # A batch of consecutive files goes to the pool together.
            batch = [item]
            while (
                pending
                and pending[0].path is not None
                and not (plan.mode is Mode.STDOUT and _streamable(pending[0], plan))
            ):
                batch.append(pending.pop(0))
            for item_done, outcome in zip(
                batch, run_files(batch, plan, jobs, on_read), strict=True
            ):
                changed += outcome.changed
                diff_console = _report_outcome(outcome, plan, reporter, stdout, diff_console)
                feed.file_done(item_done)
    finally:
        if bar is not None:
            bar.stop()
    return changed


def _report_outcome(
    outcome: Outcome,
    plan: Plan,
    reporter: Reporter,
    stdout: BinaryIO,
    diff_console: Console | None,
) -> Console | None:
    for message in outcome.messages:
        if outcome.status == EXIT_TROUBLE:
            reporter.error(message)
        else:
            reporter.detail(message)
    for notice in outcome.notices:
        reporter.info(notice)
    reporter.raise_status(outcome.status)
    if outcome.direction is not None:
        _warn_provisional(plan.settings, outcome.direction, reporter)
    if outcome.data is not None:
        stdout.write(outcome.data)
        stdout.flush()
    if plan.mode is Mode.CHECK and outcome.changed and outcome.status == EXIT_CHANGES:
        # A name on a terminal is shown, not obeyed; to a pipe it is written as it is.
        shown = (
            terminal.visible(outcome.display) if terminal.isatty(sys.stdout) else outcome.display
        )
        terminal.echo(shown)
    if outcome.diff:
        diff_console = _print_diff(outcome.diff, plan, stdout, diff_console)
    return diff_console


def _print_diff(
    lines: Sequence[str], plan: Plan, stdout: BinaryIO, console: Console | None
) -> Console | None:
    """The diff: byte-exact to a pipe or file (a valid patch), with the file's control
    characters made visible on a terminal (an escape sequence in a file must not clear the
    screen or hide a changed line)."""
    if not plan.colour:
        if plan.on_terminal:
            lines = [terminal.visible_line(line) for line in lines]
        stdout.write("".join(lines).encode("utf-8", "surrogateescape"))
        stdout.flush()
        return console
    from yozuv.cli.diff import render_diff

    console = console or terminal.make_console(True)
    render_diff([terminal.visible_line(line) for line in lines], console)
    return console


def _streamable(item: InputFile, plan: Plan) -> bool:
    """Plain text going to stdout is streamed (bounded memory for any size), and so is a
    large subtitle file (segment by segment).

    A file whose format cannot be settled (an unsupported type) is not streamed: the
    normal path reports the problem as ``yozuv: PATH: reason``.
    """
    try:
        return format_handler(item.path, plan.settings) is None or large_text(item, plan)
    except YozuvError:
        return False


def _stream_file(
    item: InputFile,
    plan: Plan,
    reporter: Reporter,
    stdout: BinaryIO,
    on_read: Callable[[int], object] | None = None,
) -> None:
    assert item.path is not None
    try:
        handler = format_handler(item.path, plan.settings)  # None, or a segmented format
        with open(item.path, "rb") as handle:
            streamed = stream_convert(
                handle, stdout, plan.settings, item.display, on_read, handler=handler
            )
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        reporter.error(describe_error(item.display, exc))
        return
    except YozuvError as exc:
        reporter.error(describe_error(item.display, exc))
        return
    _report_streamed(item.display, streamed, plan, reporter)


def _report_streamed(display: str, streamed: Streamed, plan: Plan, reporter: Reporter) -> None:
    if streamed.notice is not None:
        reporter.info(f"{display}: {streamed.notice}")
    if streamed.direction is not None:
        reporter.detail(describe_direction(display, streamed.direction, plan.mode))
        _warn_provisional(plan.settings, streamed.direction, reporter)


def _convert_stdin(
    item: InputFile,
    plan: Plan,
    reporter: Reporter,
    stdout: BinaryIO,
    diff_console: Console | None,
) -> tuple[int, Console | None]:
    """Stdin: plain text bound for stdout is streamed, as a plain file is; anything else is
    read whole and goes down the road of a file (:func:`~yozuv.cli.delivery.process_file`),
    so ``-o``, ``--diff``, ``--check`` and errors behave alike for both."""
    announce_stdin(reporter, "convert")
    stdin = terminal.stdin_binary()
    if plan.mode is Mode.STDOUT and plan.settings.format in ("auto", "text"):
        try:
            streamed = stream_convert(stdin, stdout, plan.settings, STDIN_NAME)
        except YozuvError as exc:
            reporter.error(describe_error(STDIN_NAME, exc))
            return 0, diff_console
        _report_streamed(STDIN_NAME, streamed, plan, reporter)
        return 0, diff_console
    outcome = process_file(item, plan, data=stdin.read())
    diff_console = _report_outcome(outcome, plan, reporter, stdout, diff_console)
    return int(outcome.changed), diff_console


def _maybe_progress(
    items: Sequence[InputFile], plan: Plan, reporter: Reporter
) -> terminal.Progress | None:
    """A progress bar on stderr when it is a terminal, for long jobs: many files (counted),
    or a few large ones (bytes: one large file moves the bar as it is read). Never while
    the data or the diff goes to the same terminal (as ``pv`` or ``curl``: a bar beside
    ``> out.txt`` is fine)."""
    if reporter.quiet or not terminal.isatty(sys.stderr):
        return None
    if plan.mode in (Mode.STDOUT, Mode.DIFF) and terminal.isatty(sys.stdout):
        return None
    if len(items) >= PROGRESS_MIN_FILES:
        return terminal.Progress(len(items), reporter)
    size = sum(map(_size, items))
    if size < PROGRESS_MIN_BYTES:
        return None
    return terminal.Progress(size, reporter, in_bytes=True)


def _size(item: InputFile) -> int:
    with contextlib.suppress(OSError):
        return item.path.stat().st_size if item.path is not None else 0
    return 0


class _BarFeed:
    """Moves the bar: by one per file done, or by bytes as a streamed file is read and by
    the rest of a file's size when it is done (a file converted whole jumps at its end)."""

    def __init__(self, bar: terminal.Progress | None) -> None:
        self.bar = bar
        self.counted = 0  # bytes of the current file the bar has been told of

    def on_read(self, size: int) -> None:
        if self.bar is not None:
            self.counted += size
            self.bar.advance(size)

    def file_done(self, item: InputFile) -> None:
        if self.bar is None:
            return
        if self.bar.in_bytes:
            self.bar.advance(max(0, _size(item) - self.counted))
        else:
            self.bar.advance()
        self.counted = 0


def _warn_provisional(settings: ConvertSettings, direction: Direction, reporter: Reporter) -> None:
    """Say once that the output follows a provisional scheme (Latin 2026 may still change)."""
    for warning in provisional_warnings(settings, direction):
        reporter.once(warning)


def _as_path(name: str | None) -> Path | None:
    """``Path(name)``, pathlib imported only when a name is given: the stdin filter does
    without it (some 3.5 ms of its start-up, with the modules pathlib imports)."""
    if name is None:
        return None
    from pathlib import Path

    return Path(name)
