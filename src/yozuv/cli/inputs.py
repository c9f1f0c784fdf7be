"""Which inputs a run has: FILE/DIR arguments, folder walks, and one input's readable text.

A folder walk picks up the file types yozuv converts and skips what is not the user's text
(hidden files, dependency folders, virtual environments); a bad argument is reported and
the run goes on with the others. No click and no rich here.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from yozuv.cli import terminal
from yozuv.documents import ConvertSettings, format_handler, human_text
from yozuv.errors import YozuvError
from yozuv.records import Record

if TYPE_CHECKING:
    from pathlib import Path

    from yozuv.cli.report import Reporter

STDIN_NAME = "<stdin>"
# What an atomic write names its temporary file (textio.atomic): .NAME.RANDOM.yozuv-tmp
TEMPORARY_SUFFIX = ".yozuv-tmp"
STALE_NOTICE = (
    "a temporary file an interrupted yozuv run left behind; delete it once no yozuv is running"
)

# Folders a walk never enters: tool state, dependencies and virtual environments.
SKIPPED_FOLDERS = frozenset(
    {"node_modules", "__pycache__", "site-packages", "venv", "env", "_build", "dist", "build"}
)


class InputFile(Record):
    """A file to convert, how to name it in messages, and where its output goes (if a file)."""

    path: Path | None  # None = stdin
    display: str
    destination: Path | None = None
    walked: bool = False  # found by walking a directory (not named on the command line)


@functools.lru_cache(maxsize=1)
def default_include() -> tuple[str, ...]:
    """What a folder walk picks up without ``--include``: the file types yozuv converts.

    Source code, data dumps and unknown files are left alone unless asked for; the list
    comes from the format handlers, so a new format is walked without touching this file.
    """
    from yozuv.formats import format_for, format_names

    patterns = {f"*{ext}" for name in format_names() for ext in format_for(None, name).extensions}
    return tuple(sorted(patterns))


def _is_virtualenv(folder: Path) -> bool:
    return (folder / "pyvenv.cfg").is_file()


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    """A glob matches the path relative to the walked folder, or just the file name."""
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def walk_folder(
    root: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    on_skip: Callable[[Path, str], None] | None = None,
    on_stale: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Files under ``root`` worth converting, in a stable (sorted) order.

    Hidden folders and files, dependency folders and virtual environments are skipped;
    ``--exclude`` also prunes folders it matches. Folder links are not followed (as
    ``os.walk``), and a file link that leads out of ``root`` is skipped (``on_skip`` is
    told): converting a folder must not write, or copy, a file elsewhere. A temporary file
    an interrupted run left behind is shown to ``on_stale``.
    """
    patterns = include or default_include()
    from pathlib import Path  # a folder to walk: not on the stdin filter's road

    real_root = root.resolve()
    for folder, subfolders, files in os.walk(root):
        base = Path(folder)
        keep = []
        for name in sorted(subfolders):
            relative = (base / name).relative_to(root).as_posix()
            if name.startswith(".") or name in SKIPPED_FOLDERS or _is_virtualenv(base / name):
                continue
            if exclude and _matches(relative, exclude):
                continue
            keep.append(name)
        subfolders[:] = keep
        for name in sorted(files):
            if name.endswith(TEMPORARY_SUFFIX) and on_stale is not None:
                on_stale(base / name)
            if name.startswith("."):
                continue
            relative = (base / name).relative_to(root).as_posix()
            if _matches(relative, patterns) and not (exclude and _matches(relative, exclude)):
                found = base / name
                if found.is_symlink() and not _inside(found, real_root):
                    if on_skip is not None:
                        on_skip(found, "a link that leads out of the folder, skipped")
                    continue
                yield found


def collect_inputs(
    arguments: Sequence[str],
    *,
    include: Sequence[str],
    exclude: Sequence[str],
    output_dir: Path | None,
    folders_allowed: bool,
    reporter: Reporter,
    once: bool = False,
) -> list[InputFile]:
    """Turn FILE/DIR arguments into input files; a bad argument is reported, not fatal.

    ``once``: a file named twice (``a a``, a folder and a file in it, a link and its
    target) is kept at its first naming only; see :func:`_once_each`.
    """
    inputs: list[InputFile] = []

    def on_skip(found: Path, why: str) -> None:
        reporter.detail(f"{found}: {why}")

    def on_stale(found: Path) -> None:
        reporter.info(f"{found}: {STALE_NOTICE}")

    if output_dir is not None:
        refuse_output_over_inputs(arguments, output_dir, in_place=True)
    for argument in arguments:
        if argument == "-":
            inputs.append(InputFile(None, STDIN_NAME))
            continue
        from pathlib import Path  # a named file: not on the stdin filter's road

        path = Path(argument)
        if path.is_dir():
            if not folders_allowed:
                reporter.error(
                    f"{argument}: is a directory (convert folders with -i, -O DIR, --check or"
                    " --diff)"
                )
                continue
            for found in walk_folder(path, include, exclude, on_skip, on_stale):
                if output_dir is not None and _inside(found, output_dir):
                    continue
                relative = found.relative_to(path)
                destination = output_dir / relative if output_dir is not None else None
                inputs.append(InputFile(found, str(found), destination, walked=True))
            continue
        destination = output_dir / path.name if output_dir is not None else None
        inputs.append(InputFile(path, argument, destination))
        import glob  # only a named file is looked around (not stdin: the filter's start-up)

        for stale in sorted(path.parent.glob(f".{glob.escape(path.name)}.*{TEMPORARY_SUFFIX}")):
            on_stale(stale)
    if once:
        inputs = _once_each(inputs, reporter)
    if output_dir is not None:
        refuse_collisions(inputs)
    return inputs


def _once_each(inputs: Sequence[InputFile], reporter: Reporter) -> list[InputFile]:
    """The inputs without repeats of one file, by its real path, in first-naming order.

    A file converted twice in place goes Cyrillic -> Latin -> Cyrillic when the script is
    guessed per file, and loses letters on the way back (Ольга -> Olga -> Олга); with
    ``-j`` both copies were rewritten at once, and ``--check`` counted it twice. Stdin
    (``-``) is not a file and is never dropped. A repeat is said with ``-v``.

    Under ``-O`` one file may still go to two outputs (a link beside its target in a walked
    folder is mirrored as both names): only a repeat with the same destination is dropped.
    """
    kept: list[InputFile] = []
    seen: dict[tuple[str, str], InputFile] = {}
    for item in inputs:
        if item.path is None:
            kept.append(item)
            continue
        destination = "" if item.destination is None else os.path.abspath(item.destination)
        key = (os.path.normcase(os.path.realpath(item.path)), os.path.normcase(destination))
        first = seen.setdefault(key, item)
        if first is item:
            kept.append(item)
        else:
            again = "named again" if item.display == first.display else f"is {first.display}"
            reporter.detail(f"{item.display}: {again}, done once")
    return kept


def refuse_output_over_inputs(
    arguments: Sequence[str], output_dir: Path, *, in_place: bool
) -> None:
    """Refuse an ``-O DIR`` that would put outputs over the inputs, before anything is read.

    The one rule of ``convert -O`` and ``corpus -O``: ``DIR`` may not be an input folder
    (each file would be converted onto itself, the originals gone), nor hold one (``-O d
    d/sub`` writes ``d/sub/sub/x.txt`` over the input ``d/sub/x.txt``), nor be the folder of
    an input file (its output is the file itself). ``DIR`` inside an input folder is fine:
    the walk skips it. ``in_place`` says whether the command has ``-i`` to suggest.
    """
    from pathlib import Path  # only with -O: not on the stdin filter's road

    another = "give another folder, or convert in place with -i" if in_place else None
    for argument in arguments:
        path = Path(argument)
        if argument == "-" or not path.exists():
            continue  # stdin, or a missing input: reported where it is read
        if path.is_dir():
            if _same_folder(path, output_dir):
                raise YozuvError(
                    f"-O {output_dir} is the input folder itself",
                    hint=another or "give another folder",
                )
            if _inside(path, output_dir):
                raise YozuvError(
                    f"-O {output_dir} holds the input folder {argument}",
                    hint=another or "give another folder",
                )
        elif _same_folder(path.parent, output_dir):
            raise YozuvError(
                "is the input itself",
                path=path,
                hint="use -i to convert in place" if in_place else "give another folder",
            )


def refuse_collisions(inputs: Sequence[InputFile]) -> None:
    """Two inputs that would be written to one output (``a/x.txt`` and ``b/x.txt`` under
    ``-O``) are refused before anything is written: the first result would be lost.

    ``convert -O`` and ``corpus -O`` both ask. convert has already dropped a file named
    twice (:func:`_once_each`); corpus has not, and is told the file is named twice.
    """
    seen: dict[str, InputFile] = {}
    for item in inputs:
        if item.destination is None:
            continue
        key = os.path.normcase(os.path.abspath(item.destination))
        first = seen.setdefault(key, item)
        if first is item:
            continue
        if item.path is not None and _same_real_path(first.path, item.path):
            raise YozuvError(
                f"{item.display} is named twice",
                path=item.destination,
                hint="name each file or folder once",
            )
        raise YozuvError(
            f"{first.display} and {item.display} would both be written here",
            path=item.destination,
            hint="convert them in two runs, to two folders",
        )
    _refuse_outputs_onto_inputs(inputs)


def _refuse_outputs_onto_inputs(inputs: Sequence[InputFile]) -> None:
    """An output that is another input (``-O o d o/sub/x.txt``), or reaches one through a
    link in the output folder, would replace it before or after it is read: refused."""
    readers = {
        os.path.normcase(os.path.realpath(item.path)): item
        for item in inputs
        if item.path is not None
    }
    for item in inputs:
        if item.destination is None:
            continue
        other = readers.get(os.path.normcase(os.path.realpath(item.destination)))
        if other is not None:
            raise YozuvError(
                f"{item.display} would be written over the input {other.display}",
                path=item.destination,
                hint="give an output folder that holds no input",
            )


def _same_real_path(first: Path | None, second: Path) -> bool:
    return first is not None and os.path.realpath(first) == os.path.realpath(second)


def _same_folder(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


class TextInput(Record):
    """The readable text of one FILE argument (or ``-``) and what reading it found out.

    A named tuple, as every record here: defining one costs a fraction of a dataclass,
    and these are defined at every start-up.
    """

    display: str  # the name used in messages
    text: str
    encoding: str  # the codec it was decoded with, or the format's name (docx)
    bom: bool


class RawInput(Record):
    """The bytes of one FILE argument (or ``-``), its path (None for stdin), its name."""

    display: str
    path: Path | None
    data: bytes


def announce_stdin(reporter: Reporter, verb: str) -> None:
    """Say that stdin is being read, when it is a terminal: with no file named, ``yozuv
    -t latin`` otherwise waits in silence, and a new user takes it for a hang. Not when
    text is piped (the filter stays silent) nor with ``-q``."""
    if terminal.isatty(sys.stdin):
        end = "Ctrl-Z, Enter" if os.name == "nt" else "Ctrl-D"
        reporter.info(f"reading stdin ({end} to end; give a file to {verb} it)")


def read_input(argument: str) -> RawInput:
    """The bytes of a FILE argument or ``-`` (stdin, read whole)."""
    from yozuv import textio

    if argument == "-":
        return RawInput(STDIN_NAME, None, terminal.stdin_binary().read())
    from pathlib import Path

    path = Path(argument)
    return RawInput(argument, path, textio.read_bytes(path))


def read_text(argument: str, encoding: str) -> TextInput:
    """The human text of a FILE argument or ``-``, for ``detect`` (and piped ``explain``).

    A structured binary file (a Word document) gives its readable text, anything else is
    decoded with ``encoding``; of a structured text file (JSON, PO, HTML ...) only the parts
    its format would convert count.
    """
    from yozuv import textio

    raw = read_input(argument)
    settings = ConvertSettings()
    handler = format_handler(raw.path, settings)
    if handler is not None and handler.binary:
        return TextInput(raw.display, str(handler.extract_text(raw.data)), handler.name, False)
    declared = None if handler is None else handler.declared_encoding  # a PO header's charset
    decoded = textio.decode(raw.data, encoding, name=raw.display, declared=declared)
    # A structured file's human text only, as convert detects it: keys, tags and PO
    # keywords are Latin and would outvote the Cyrillic messages.
    text = decoded.text if handler is None else human_text(handler, decoded.text, settings)
    return TextInput(raw.display, text, decoded.encoding, bool(decoded.bom))
