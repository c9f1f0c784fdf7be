"""One file's journey, read -> convert -> deliver, and the worker pool that runs many.

Delivery is where the converted bytes go: ``-o FILE``, ``-O DIR``, ``-i`` (atomically, with
an optional backup), ``--check`` (a status only) or ``--diff`` (the diff lines). Everything
here may run in a worker process with ``-j``: it touches neither stdout nor stderr and
returns an :class:`Outcome` for the main process to report. No click and no rich here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, BinaryIO

from yozuv.cli.inputs import InputFile
from yozuv.cli.report import EXIT_CHANGES, EXIT_OK, EXIT_TROUBLE, describe_error, reason
from yozuv.documents import (
    Converted,
    ConvertSettings,
    Direction,
    Streamed,
    convert_document,
    format_handler,
    segments,
    stream_convert,
    stream_to_file,
    streams,
)
from yozuv.errors import YozuvError
from yozuv.records import Record

if TYPE_CHECKING:
    from pathlib import Path

    from yozuv import textio


class Mode(Enum):
    """Where converted text goes."""

    STDOUT = "stdout"
    OUTPUT_FILE = "output"
    IN_PLACE = "in-place"
    OUTPUT_DIR = "output-dir"
    CHECK = "check"
    DIFF = "diff"


class Plan(Record):
    """One ``convert`` run: the settings plus where results go (picklable for ``-j``)."""

    settings: ConvertSettings
    mode: Mode
    backup: str | None = None
    context: int = 3
    colour: bool = False
    verbose: bool = False
    force: bool = False  # -i --force: rewrite read-only and hard-linked files too
    on_terminal: bool = False  # stdout is a terminal (or a pager on one): show, not obey


class Outcome:
    """What happened to one input; computed in a worker, reported by the main process.

    Filled in step by step as the file goes through, so it is mutable; a plain class with
    slots rather than a dataclass, because this module is imported at every start-up, where
    defining a dataclass costs about 0.3 ms and a plain class next to nothing. Slots pickle
    fine for ``-j``.
    """

    __slots__ = (
        "changed",
        "data",
        "diff",
        "direction",
        "display",
        "messages",
        "notices",
        "status",
    )

    def __init__(self, display: str) -> None:
        self.display = display
        self.status = EXIT_OK
        self.changed = False
        self.messages: list[str] = []  # errors, or details shown with -v
        self.notices: list[str] = []  # shown unless -q
        self.diff: list[str] = []
        self.data: bytes | None = None  # converted bytes, when they go to stdout
        self.direction: Direction | None = None

    def __repr__(self) -> str:
        return f"Outcome({self.display!r}, status={self.status}, changed={self.changed})"


def _same_file(first: Path | None, second: Path) -> bool:
    if first is None:  # stdin
        return False
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


def process_file(
    item: InputFile,
    plan: Plan,
    data: bytes | None = None,
    on_read: Callable[[int], object] | None = None,
) -> Outcome:
    """Convert one input according to the plan; every failure becomes a message, not a raise.

    A file is read here; stdin (``item.path`` None) comes as ``data``, read by the main
    process, and from then on takes the very same road: one conversion, one delivery, the
    same messages. Runs in a worker process with ``-j``, so it touches no stdout and returns
    everything the main process has to print. ``on_read`` hears the bytes a streamed
    conversion reads (the progress bar of one large file; not with ``-j``).
    """
    from yozuv import textio

    outcome = Outcome(item.display)
    state: textio.FileState | None = None  # as read: -i rewrites only a file still so
    to_file = plan.mode in (Mode.OUTPUT_DIR, Mode.OUTPUT_FILE)
    if data is None and to_file and streams(item.path, plan.settings):
        return _stream_file(item, plan, outcome)  # records (JSONL, Parquet): bounded memory
    large = data is None and (plan.mode is Mode.IN_PLACE or to_file) and large_text(item, plan)
    if large and plan.mode is Mode.IN_PLACE:
        return _rewrite_streaming(item, plan, outcome, on_read)  # -i, big text: bounded memory
    if large:
        return _stream_file(item, plan, outcome, on_read)  # -o/-O, big text: bounded memory
    try:
        if data is None:
            assert item.path is not None, "stdin is read by the caller"
            data, state = textio.read_bytes_and_state(item.path)
        result = convert_document(data, item.path, item.display, plan.settings)
    except YozuvError as exc:
        return _failed(item, outcome, exc)
    outcome.changed = result.new_bytes != result.old_bytes
    outcome.direction = result.direction
    if result.notice is not None:
        outcome.notices.append(f"{item.display}: {result.notice}")
    if plan.verbose:
        outcome.messages.append(describe_direction(item.display, result.direction, plan.mode))
    try:
        _deliver(item, plan, result, outcome, state)
    except YozuvError as exc:
        outcome.status = EXIT_TROUBLE
        outcome.messages.append(describe_error(item.display, exc))
    return outcome


def _stream_file(
    item: InputFile,
    plan: Plan,
    outcome: Outcome,
    on_read: Callable[[int], object] | None = None,
) -> Outcome:
    """A file of records, or a large text, written to ``-o``/``-O`` as it is read
    (:func:`stream_to_file`)."""
    assert item.path is not None
    try:
        destination = _ready_destination(item, plan)
        streamed = stream_to_file(item.path, destination, plan.settings, on_read, name=item.display)
    except (YozuvError, OSError) as exc:
        outcome.status = EXIT_TROUBLE
        outcome.messages.append(describe_error(item.display, exc))
        return outcome
    direction = streamed.direction
    outcome.changed = direction is not None and direction.source not in (None, direction.target)
    outcome.direction = direction
    if streamed.notice is not None:
        outcome.notices.append(f"{item.display}: {streamed.notice}")
    if plan.verbose and streamed.direction is not None:
        outcome.messages.append(describe_direction(item.display, streamed.direction, plan.mode))
        outcome.messages.append(f"{item.display}: written to {destination}")
    return outcome


# From this size on, a plain text file (pieces cut at line ends) or a subtitle file
# (segments cut at blank lines) is converted as a stream for -i, -o, -O and stdout: a
# 24.5 MB text held whole peaked at 236 MB, an SRT of 1M cues at 558 MB. Smaller files take
# the whole-document road, as preview does.
STREAM_IN_PLACE_BYTES = 8 * 1024 * 1024


def large_text(item: InputFile, plan: Plan) -> bool:
    """Whether a file is converted as a stream: large, and plain text or segmented."""
    if item.path is None:
        return False
    try:
        size = os.stat(item.path).st_size
        if size < STREAM_IN_PLACE_BYTES:
            return False
        handler = format_handler(item.path, plan.settings)
        return handler is None or segments(handler)
    except (OSError, YozuvError):
        return False  # the whole-document road reports the problem


def _rewrite_streaming(
    item: InputFile,
    plan: Plan,
    outcome: Outcome,
    on_read: Callable[[int], object] | None = None,
) -> Outcome:
    """``-i`` on a large plain text: converted piece by piece into a temporary file, with
    the same checks and messages as the whole-document road."""
    from yozuv import textio

    assert item.path is not None
    streamed: list[Streamed] = []
    try:
        with open(item.path, "rb") as source:
            state = textio.FileState.of(os.fstat(source.fileno()))

            handler = format_handler(item.path, plan.settings)  # None, or segmented

            def write(sink: BinaryIO) -> None:
                streamed.append(
                    stream_convert(
                        source, sink, plan.settings, item.display, on_read, handler=handler
                    )
                )

            wrote = textio.rewrite_streaming(
                item.path,
                write,
                in_place=textio.InPlace(state, force=plan.force),
                backup_suffix=plan.backup,
            )
    except (OSError, YozuvError) as exc:
        return _failed(item, outcome, exc)
    result = streamed[0]
    outcome.changed = wrote
    outcome.direction = result.direction
    if result.notice is not None:
        outcome.notices.append(f"{item.display}: {result.notice}")
    if plan.verbose:
        if result.direction is not None:
            outcome.messages.append(describe_direction(item.display, result.direction, plan.mode))
        outcome.messages.append(f"{item.display}: {'rewritten' if wrote else 'unchanged'}")
    return outcome


def _failed(item: InputFile, outcome: Outcome, exc: Exception) -> Outcome:
    """The outcome of an input that could not be converted: trouble, one message; a binary
    file met in a folder walk is skipped (said with -v), not trouble."""
    from yozuv.errors import BinaryFileError

    if item.walked and isinstance(exc, BinaryFileError):
        outcome.messages.append(f"{item.display}: binary file, skipped")
        return outcome
    outcome.status = EXIT_TROUBLE
    outcome.messages.append(describe_error(item.display, exc))
    return outcome


def describe_direction(display: str, direction: Direction, mode: Mode = Mode.STDOUT) -> str:
    """What ``-v`` says of a file's conversion. A file with nothing to convert is "copied
    unchanged" where its text is written out (stdout, ``-o``, ``-O``) and "left unchanged"
    where nothing is copied (``-i`` does not rewrite it; ``--check`` and ``--diff`` write
    nothing)."""
    unchanged = "copied unchanged" if mode in _COPYING else "left unchanged"
    if direction.source is None:
        return f"{display}: no Uzbek letters found, {unchanged}"
    if direction.source == direction.target:
        return f"{display}: already {direction.target}, {unchanged}"
    return f"{display}: {direction.source} -> {direction.target}"


_COPYING = frozenset({Mode.STDOUT, Mode.OUTPUT_FILE, Mode.OUTPUT_DIR})


def _deliver(
    item: InputFile,
    plan: Plan,
    result: Converted,
    outcome: Outcome,
    state: textio.FileState | None,
) -> None:
    from yozuv import textio

    if plan.mode is Mode.CHECK:
        if outcome.changed:
            outcome.status = EXIT_CHANGES
        return
    if plan.mode is Mode.DIFF:
        if result.new_text != result.old_text or outcome.changed:
            outcome.status = EXIT_CHANGES
            outcome.diff = diff_lines(result, item.display, plan.context)
        return
    if plan.mode is Mode.IN_PLACE:
        assert item.path is not None and state is not None, "-i is refused for stdin"
        wrote = textio.write_atomic(
            item.path,
            result.new_bytes,
            backup_suffix=plan.backup,
            in_place=textio.InPlace(state, force=plan.force),
        )
        if plan.verbose:
            outcome.messages.append(f"{item.display}: {'rewritten' if wrote else 'unchanged'}")
        return
    if plan.mode in (Mode.OUTPUT_DIR, Mode.OUTPUT_FILE):
        destination = _ready_destination(item, plan)
        textio.write_atomic(destination, result.new_bytes)
        if plan.verbose:
            outcome.messages.append(f"{item.display}: written to {destination}")
        return
    if plan.on_terminal:
        _refuse_binary_on_terminal(item, plan, result.new_bytes)
    outcome.data = result.new_bytes


def _refuse_binary_on_terminal(item: InputFile, plan: Plan, data: bytes) -> None:
    """A Word document, a Parquet file or a gzipped JSON Lines file is not written to a
    terminal: its bytes garble the screen and help nobody. To a pipe or ``> FILE`` it goes
    as it is. A format that works on bytes is binary output when the bytes hold a NUL (its
    text forms, such as plain JSON Lines, are still shown)."""
    try:
        handler = format_handler(item.path, plan.settings)
    except YozuvError:
        return
    if handler is not None and handler.binary and b"\0" in data:
        raise YozuvError(
            f"binary output ({handler.name}), not written to the terminal",
            hint="write it with -o FILE or > FILE"
            + ("" if item.path is None else ", or convert it in place with -i"),
        )


def _ready_destination(item: InputFile, plan: Plan) -> Path:
    """Where ``-o``/``-O`` writes this input, checked and made ready (whole or streamed):
    never the input itself; ``-O`` mirrors the input's folders, ``-o`` into a folder that
    does not exist is an error, as a typo must not create folders (as iconv)."""
    destination = item.destination
    assert destination is not None
    if _same_file(item.path, destination):
        raise YozuvError("is the input itself", path=destination, hint="use -i to convert in place")
    if plan.mode is Mode.OUTPUT_DIR:
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            folder = destination.parent
            raise YozuvError(f"cannot create folder: {reason(exc)}", path=folder) from None
    elif not destination.parent.is_dir():
        raise YozuvError(f"no such folder (for -o {destination})", path=destination.parent)
    return destination


def diff_lines(result: Converted, name: str, context: int) -> list[str]:
    """The unified diff of one conversion, headed ``a/NAME`` and ``b/NAME`` as git does; an
    absolute path is named as it is, as GNU diff does (``a//srv/...`` helps nobody)."""
    from yozuv.cli.diff import unified_diff

    absolute = name.startswith("/")
    return unified_diff(
        result.old_text,
        result.new_text,
        fromfile=name if absolute else f"a/{name}",
        tofile=name if absolute else f"b/{name}",
        context=context,
    )


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops the pool and exits with 130."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_files(
    items: Sequence[InputFile],
    plan: Plan,
    jobs: int,
    on_read: Callable[[int], object] | None = None,
) -> Iterator[Outcome]:
    """Outcomes in input order; in parallel worker processes with ``-j N`` (N > 1)."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield process_file(item, plan, on_read=on_read)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        futures = [executor.submit(process_file, item, plan) for item in items]
        for item, future in zip(items, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker was killed (out of memory, a signal): the files it and the pool
                # had not finished are named, each one line; none was half-written (atomic).
                yield _not_converted(item, "a worker process died (killed?)")
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _not_converted(item: InputFile, why: str) -> Outcome:
    outcome = Outcome(item.display)
    outcome.status = EXIT_TROUBLE
    outcome.messages.append(f"{item.display}: not converted: {why}")
    return outcome
