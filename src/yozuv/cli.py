"""The ``yozuv`` command line: parse, call the library, render, set the exit status.

Thin on purpose: every rule lives in the mapping files and the engine, every byte question
in :mod:`yozuv.textio`, every file format in :mod:`yozuv.formats`. What this module owns is
the user's side of the contract:

* data on stdout, messages on stderr, one line per problem (``yozuv: PATH: reason``) and
  never a traceback for bad input;
* exit status 0 (done / nothing would change), 1 (``--check``/``--diff`` found changes),
  2 (usage error or trouble), 130 (interrupted); with many files the worst one wins;
* a quiet end when the reader of stdout goes away (``yozuv big.txt | head``);
* a fast start: ``echo Салом | yozuv -t latin`` imports neither rich nor difflib nor the
  format handlers; those are imported inside the code paths that need them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from yozuv import terminal
from yozuv._version import __version__
from yozuv.batch import run_convert
from yozuv.conversion import (
    ConvertSettings,
    choose_direction,
    explainer_for,
)
from yozuv.errors import YozuvError
from yozuv.files import STDIN_NAME, collect_inputs, read_text
from yozuv.pipeline import Mode, Plan
from yozuv.reporting import (
    EXIT_CHANGES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TROUBLE,
    Reporter,
    describe_error,
)

if TYPE_CHECKING:
    pass


APOSTROPHE_CHOICES = ("unicode", "ascii", "typographic")
COLOR_CHOICES = ("auto", "always", "never")

# =========================================================================== scripts


def canonical_script(name: str, option: str) -> str:
    """A script name or alias as the library spells it; an unknown one is a usage error."""
    from yozuv.scheme import normalise_script

    try:
        return normalise_script(name)
    except YozuvError as exc:
        raise click.UsageError(f"{option}: {exc}") from None


# =========================================================================== the click group


class QuickCommand(click.Command):
    """A command whose short options are also looked up directly by their full token.

    Click first tries every option token as a long option; for ``-t`` that lookup fails,
    and the failure builds a "did you mean" list with difflib before the short-option path
    succeeds. Registering the exact short tokens as long ones skips that detour, so
    ``yozuv -t latin`` does not import difflib. Parsing is unchanged: ``-t latin`` takes
    its value the same way either path, and bundles (``-qv``) or attached values
    (``-tlatin``) still take click's usual short-option path.
    """

    def make_parser(self, ctx: click.Context) -> Any:
        parser = super().make_parser(ctx)
        with contextlib.suppress(AttributeError, TypeError):
            for token, option in parser._short_opt.items():
                parser._long_opt.setdefault(token, option)
        return parser


class DefaultCommandGroup(click.Group):
    """A group whose first argument may be a file or an option: then it means ``convert``.

    ``yozuv notes.txt``, ``yozuv -t latin notes.txt`` and ``echo Салом | yozuv`` all run
    ``convert``. A file that happens to be named like a command is reached with
    ``yozuv convert NAME`` or ``yozuv ./NAME``.
    """

    default_command = "convert"
    command_class = QuickCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args:
            if terminal.isatty(sys.stdin):
                click.echo(ctx.get_help())
                ctx.exit(EXIT_OK)
            args = [self.default_command]
        elif args[0] not in self.commands and args[0] not in (
            *ctx.help_option_names,
            "--version",
        ):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a reader that went away (``| head``) ends the run quietly.

        Caught here because click turns a broken pipe into exit status 1 before
        :meth:`main` could see it; a truncated read is the reader's choice, not trouble.
        """
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            terminal.silence_stdout()
            return EXIT_OK

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        """Run, then exit with the documented status whatever happened.

        Click's own handling would print usage errors over several lines and let
        KeyboardInterrupt and BrokenPipeError become exit 1; here every ending is mapped
        explicitly. CliRunner goes through this too, so tests see what users see.
        """
        del standalone_mode  # always standalone: this method never returns
        try:
            status = super().main(
                args, prog_name or "yozuv", complete_var, standalone_mode=False, **extra
            )
        except click.exceptions.Exit as done:
            status = done.exit_code
        except click.UsageError as exc:
            status = _report_usage_error(exc)
        except click.ClickException as exc:
            click.echo(f"yozuv: {exc.format_message()}", err=True)
            status = EXIT_TROUBLE
        except (click.Abort, KeyboardInterrupt):
            status = EXIT_INTERRUPTED
        except BrokenPipeError:
            terminal.silence_stdout()
            status = EXIT_OK
        except YozuvError as exc:
            click.echo(f"yozuv: {exc}", err=True)
            status = EXIT_TROUBLE
        if status is None:
            status = EXIT_OK
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            terminal.silence_stdout()
        except (OSError, ValueError):
            pass
        sys.exit(int(status))


def _report_usage_error(exc: click.UsageError) -> int:
    message = exc.format_message()
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    command = exc.ctx.command_path if exc.ctx is not None else "yozuv"
    click.echo(f"yozuv: {message} (see '{command} --help')", err=True)
    return EXIT_TROUBLE


CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    "max_content_width": 100,
}


@click.group("yozuv", cls=DefaultCommandGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(
    __version__, "-V", "--version", prog_name="yozuv", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Convert Uzbek text between Cyrillic, Latin (1995) and Latin (2026).

    \b
    yozuv FILE...               same as: yozuv convert FILE...
    echo Салом | yozuv          a filter when no file is named (Cyrillic -> Latin here)
    yozuv -t cyrillic -i *.txt  convert files in place

    Run 'yozuv COMMAND --help' for the options of a command. Exit status: 0 done, 1 --check
    or --diff found changes, 2 usage error or trouble, 130 interrupted.
    """


# --------------------------------------------------------------------------- shared options


def _conversion_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say how text is converted, shared by convert, preview and explain."""
    options = [
        click.option(
            "-t",
            "--to",
            "to",
            metavar="SCRIPT",
            help="Target script: latin, cyrillic or latin2026 (default: the other script"
            " of the one detected).",
        ),
        click.option(
            "-f",
            "--from",
            "source",
            metavar="SCRIPT",
            default="auto",
            show_default=True,
            help="Source script, or auto to detect it per file.",
        ),
        click.option(
            "--apostrophe",
            type=click.Choice(APOSTROPHE_CHOICES),
            default="unicode",
            show_default=True,
            help="How Latin output writes oʻ gʻ and the tutuq: unicode (ʻ and ʼ), ascii (')"
            " or typographic (‘ and ’).",
        ),
        click.option(
            "--protect",
            metavar="REGEX",
            multiple=True,
            help="Copy text matching REGEX unchanged (repeatable).",
        ),
        click.option(
            "--scheme",
            type=click.Path(dir_okay=False),
            metavar="FILE.toml",
            help="A mapping file that extends a built-in scheme.",
        ),
        click.option(
            "--encoding",
            default="utf-8",
            show_default=True,
            metavar="CODEC",
            help="Input encoding, or auto to detect legacy Cyrillic code pages (a BOM always"
            " wins).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def build_settings(
    *,
    to: str | None,
    source: str,
    apostrophe: str,
    protect: Sequence[str],
    scheme: str | None,
    encoding: str,
    output_encoding: str | None = None,
    format: str = "auto",
    columns: str | None = None,
) -> ConvertSettings:
    """Validate the conversion options early, so a typo fails once and not per file."""
    for pattern in protect:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise click.UsageError(f"--protect {pattern!r}: invalid regex: {exc}") from None
    for codec, option in ((encoding, "--encoding"), (output_encoding, "--output-encoding")):
        if codec is None or (option == "--encoding" and codec.lower() == "auto"):
            continue
        _check_codec(codec, option)
    if columns and format.lower() not in ("auto", "csv", "tsv"):
        raise click.UsageError("--columns works on CSV/TSV files only")
    if scheme is not None and not Path(scheme).is_file():
        raise YozuvError(f"{scheme}: no such mapping file")
    if format.lower() not in ("auto", "text"):
        from yozuv.formats import format_for

        try:
            format_for(None, format)
        except YozuvError as exc:
            raise click.UsageError(f"--format: {exc}") from None
    return ConvertSettings(
        to=canonical_script(to, "--to") if to is not None else None,
        source="auto" if source.lower() == "auto" else canonical_script(source, "--from"),
        apostrophe=apostrophe,
        protect=tuple(protect),
        scheme=scheme,
        encoding=encoding,
        output_encoding=output_encoding,
        format=format,
        columns=tuple(c.strip() for c in columns.split(",") if c.strip()) if columns else (),
    )


def _check_codec(codec: str, option: str) -> None:
    import codecs

    try:
        codecs.lookup(codec)
    except LookupError:
        raise click.UsageError(f"{option}: unknown encoding {codec!r}") from None


# --------------------------------------------------------------------------- convert


@cli.command("convert", context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR]...")
@_conversion_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="Write to FILE (one input only; never the input itself).",
)
@click.option(
    "-O",
    "--output-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write each file under DIR, mirroring the folders given.",
)
@click.option("-i", "--in-place", is_flag=True, help="Rewrite the files themselves (safely).")
@click.option(
    "--backup", metavar="SUFFIX", help="With -i, keep the original as FILE + SUFFIX (e.g. .bak)."
)
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change.")
@click.option("--diff", is_flag=True, help="Write nothing; show a unified diff of the changes.")
@click.option(
    "-U",
    "--unified",
    "context",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    metavar="N",
    help="Lines of context in --diff.",
)
@click.option(
    "--format",
    "format_name",
    default="auto",
    show_default=True,
    metavar="NAME",
    help="File format: auto (from the file name), text, markdown, html, po, json, srt, vtt,"
    " csv, tsv or docx. Markup, keys and placeholders are left alone.",
)
@click.option(
    "--columns",
    metavar="LIST",
    help="CSV/TSV: convert only these columns (names or 1-based numbers, comma-separated).",
)
@click.option(
    "--output-encoding",
    default=None,
    metavar="CODEC",
    help="Encoding of what is written (default: UTF-8; with -i and --check, each file's own).",
)
@click.option(
    "--include",
    metavar="GLOB",
    multiple=True,
    help="In folders, convert files matching GLOB (repeatable; default: known text formats).",
)
@click.option(
    "--exclude", metavar="GLOB", multiple=True, help="In folders, skip matching files/folders."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="Convert files in N processes (0: one per CPU).",
)
@click.option("-q", "--quiet", is_flag=True, help="Only report errors.")
@click.option("-v", "--verbose", is_flag=True, help="Say what is done to each file.")
@click.option(
    "--color",
    "--colour",
    "color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour in --diff (auto: on a terminal, unless NO_COLOR is set).",
)
def convert_command(
    inputs: tuple[str, ...],
    to: str | None,
    source: str,
    apostrophe: str,
    protect: tuple[str, ...],
    scheme: str | None,
    encoding: str,
    output: str | None,
    output_dir: str | None,
    in_place: bool,
    backup: str | None,
    check: bool,
    diff: bool,
    context: int,
    format_name: str,
    columns: str | None,
    output_encoding: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    jobs: int,
    quiet: bool,
    verbose: bool,
    color: str,
) -> int:
    """Convert files, folders or stdin (the default command).

    \b
    yozuv -t latin news.txt                 print the Latin text
    yozuv -t latin -o news.latn.txt news.txt
    yozuv -t latin -i --backup .bak docs/   rewrite a folder's text files
    yozuv -t latin -O out/ docs/            write out/... mirroring docs/
    yozuv -t latin --check docs/            list the files that would change
    yozuv -t latin --diff news.txt          show what would change
    tail -f log | yozuv -t latin            convert a stream as it comes
    """
    settings = build_settings(
        to=to,
        source=source,
        apostrophe=apostrophe,
        protect=protect,
        scheme=scheme,
        encoding=encoding,
        output_encoding=output_encoding,
        format=format_name,
        columns=columns,
    )
    mode = _choose_mode(output, output_dir, in_place, backup, check, diff)
    if mode in (Mode.IN_PLACE, Mode.CHECK):
        settings = replace(settings, keep_encoding=True)
    reporter = Reporter(quiet=quiet, verbose=verbose)
    arguments = list(inputs) or ["-"]
    if mode is Mode.OUTPUT_FILE and len(arguments) != 1:
        raise click.UsageError("-o takes exactly one input (use -O DIR for many)")
    if mode in (Mode.IN_PLACE, Mode.OUTPUT_DIR) and "-" in arguments:
        raise click.UsageError(f"stdin cannot be written {'in place' if in_place else 'to -O'}")
    items = collect_inputs(
        arguments,
        include=include,
        exclude=exclude,
        output_dir=Path(output_dir) if output_dir else None,
        folders_allowed=mode in (Mode.IN_PLACE, Mode.OUTPUT_DIR, Mode.CHECK, Mode.DIFF),
        reporter=reporter,
    )
    if mode is Mode.OUTPUT_FILE:
        assert output is not None
        if output == "-":
            mode = Mode.STDOUT
        else:
            items = [replace(item, destination=Path(output)) for item in items]
    colour = terminal.use_colour(color, sys.stdout) if mode is Mode.DIFF else False
    plan = Plan(settings, mode, backup=backup, context=context, colour=colour, verbose=verbose)
    changed = run_convert(items, plan, reporter, jobs=jobs or (os.cpu_count() or 1))
    if mode is Mode.CHECK and not quiet:
        total = sum(1 for item in items)
        if changed:
            reporter.info(f"{changed} of {total} file(s) would change")
        elif total:
            reporter.info(f"{total} file(s) checked, nothing would change")
    return reporter.status


def _choose_mode(
    output: str | None,
    output_dir: str | None,
    in_place: bool,
    backup: str | None,
    check: bool,
    diff: bool,
) -> Mode:
    """One destination at a time; the combinations that make no sense are usage errors."""
    chosen = [
        name
        for name, on in (
            ("-o", output is not None),
            ("-O", output_dir is not None),
            ("-i", in_place),
            ("--check", check),
            ("--diff", diff),
        )
        if on
    ]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} cannot be used together")
    if backup is not None and not in_place:
        raise click.UsageError("--backup only makes sense with -i/--in-place")
    if backup is not None and (not backup or "/" in backup or backup in (".", "..")):
        raise click.UsageError(f"--backup {backup!r}: a suffix such as .bak is expected")
    if output is not None:
        return Mode.OUTPUT_FILE
    if output_dir is not None:
        return Mode.OUTPUT_DIR
    if in_place:
        return Mode.IN_PLACE
    if check:
        return Mode.CHECK
    if diff:
        return Mode.DIFF
    return Mode.STDOUT


# --------------------------------------------------------------------------- preview


def _color_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--color",
        "--colour",
        "color",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help=help_text,
    )


@cli.command("preview", context_settings=CONTEXT_SETTINGS)
@click.argument("file", metavar="FILE")
@_conversion_options
@click.option(
    "--layout",
    type=click.Choice(("auto", "side", "inline")),
    default="auto",
    show_default=True,
    help="side: source and result in two columns; inline: the marked result only; auto:"
    " side by side when the terminal is wide enough.",
)
@click.option(
    "--pager/--no-pager",
    default=None,
    help="Page the preview (default: when it is longer than the terminal).",
)
@_color_option("Colour (auto: on a terminal, unless NO_COLOR is set).")
def preview_command(
    file: str,
    to: str | None,
    source: str,
    apostrophe: str,
    protect: tuple[str, ...],
    scheme: str | None,
    encoding: str,
    layout: str,
    pager: bool | None,
    color: str,
) -> int:
    """Show a conversion before writing it, marking words to check.

    Words decided by the lexicon and words where a default was chosen among alternatives
    (ambiguous) are marked, and listed under the preview with the rule and the other
    possible spellings. Nothing is written.

    \b
    yozuv preview -t latin news.txt
    yozuv preview --layout inline --no-pager -t cyrillic notes.md
    """
    from yozuv.diffview import build_preview, render_preview

    settings = build_settings(
        to=to,
        source=source,
        apostrophe=apostrophe,
        protect=protect,
        scheme=scheme,
        encoding=encoding,
    )
    if file != "-" and Path(file).is_dir():
        raise YozuvError(f"{file}: is a directory (preview takes one file)")
    read = read_text(file, settings.encoding)
    display, text = read.display, read.text
    direction = choose_direction(settings, text)
    preview = build_preview(text, explainer_for(settings, direction))
    colour = terminal.use_colour(color, sys.stdout)
    console = terminal.make_console(colour)
    source_title = f"{display} ({direction.source or 'unknown script'})"
    target_title = direction.target
    side = {"auto": None, "side": True, "inline": False}[layout]
    height = len(preview.lines) + len(preview.notes) + 4
    if pager is None:
        pager = terminal.isatty(sys.stdout) and height > console.height
    if pager:
        os.environ.setdefault("LESS", "-R")
        with console.pager(styles=colour):
            render_preview(
                preview,
                console,
                source_title=source_title,
                output_title=target_title,
                side_by_side=side,
            )
    else:
        render_preview(
            preview,
            console,
            source_title=source_title,
            output_title=target_title,
            side_by_side=side,
        )
    return EXIT_OK


# --------------------------------------------------------------------------- detect

_SHARE_LABELS = {
    "cyrillic": "Cyrillic",
    "latin": "Latin 1995",
    "latin2026": "Latin 2026",
    "other": "other",
}


@cli.command("detect", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "--encoding",
    default="auto",
    show_default=True,
    metavar="CODEC",
    help="Input encoding; auto reports the one guessed (UTF-8 or a Cyrillic code page).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
def detect_command(files: tuple[str, ...], encoding: str, as_json: bool) -> int:
    """Say which script each file is in, and what looks wrong.

    For each file (stdin without one): the share of Cyrillic, Latin 1995, Latin 2026 and
    other letters, the encoding, words that mix Cyrillic and Latin letters, warnings
    (mojibake, legacy fonts) and the -t to use.

    \b
    yozuv detect news.txt
    yozuv detect --json docs/*.txt
    """
    import json

    from yozuv.detect import detect

    if encoding.lower() != "auto":
        _check_codec(encoding, "--encoding")
    reporter = Reporter()
    reports: list[dict[str, object]] = []
    for argument in files or ("-",):
        display = STDIN_NAME if argument == "-" else argument
        try:
            read = read_text(argument, encoding)
        except YozuvError as exc:
            reporter.error(describe_error(display, exc))
            continue
        found = detect(read.text)
        codec, has_bom = read.encoding, read.bom
        report: dict[str, object] = {"path": display, "encoding": codec, "bom": has_bom}
        report.update(found.to_json())
        if as_json:
            reports.append(report)
            continue
        shares = ", ".join(
            f"{_SHARE_LABELS.get(name, name)} {share:.0%}" for name, share in found.shares.items()
        )
        bom = " with BOM" if has_bom else ""
        click.echo(f"{display}: {found.script}, suggested: -t {found.suggested_to}")
        click.echo(f"  letters: {found.letters} ({shares})")
        click.echo(f"  encoding: {codec}{bom}")
        if found.mixed_word_count:
            words = " ".join(found.mixed_words)
            click.echo(f"  mixed-script words ({found.mixed_word_count}): {words}")
        for warning in found.warnings:
            click.echo(f"  warning: {warning}")
    if as_json:
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
    return reporter.status


# --------------------------------------------------------------------------- explain


@cli.command("explain", context_settings=CONTEXT_SETTINGS)
@click.argument("words", nargs=-1, required=True, metavar="WORD...")
@_conversion_options
def explain_command(
    words: tuple[str, ...],
    to: str | None,
    source: str,
    apostrophe: str,
    protect: tuple[str, ...],
    scheme: str | None,
    encoding: str,
) -> int:
    """Show which rule or lexicon entry produced each piece of a word.

    \b
    yozuv explain объект цирк
    yozuv explain -t cyrillic "oʻgʻil"
    """
    settings = build_settings(
        to=to,
        source=source,
        apostrophe=apostrophe,
        protect=protect,
        scheme=scheme,
        encoding=encoding,
    )
    for word in words:
        direction = choose_direction(settings, word)
        explained = explainer_for(settings, direction)(word)
        where = (
            f"{direction.source} -> {direction.target}"
            if direction.source is not None
            else "no Uzbek letters"
        )
        click.echo(f"{word} -> {explained.text}  ({where})")
        decisions = list(explained.decisions)
        if not decisions:
            click.echo("  (copied unchanged)")
            continue
        width_in = max(len(d.source) for d in decisions)
        width_out = max(len(d.output or "∅") for d in decisions)
        for decision in decisions:
            output = decision.output or "∅"
            line = f"  {decision.source:<{width_in}}  {output:<{width_out}}  {decision.rule}"
            if decision.ambiguous:
                line += "  ambiguous"
            if decision.alternatives:
                line += "  (or: " + ", ".join(decision.alternatives) + ")"
            if decision.note:
                line += f"  {decision.note}"
            click.echo(line.rstrip())
    return EXIT_OK


# --------------------------------------------------------------------------- schemes, validate


@cli.command("schemes", context_settings=CONTEXT_SETTINGS)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
def schemes_command(as_json: bool) -> int:
    """List the built-in schemes: id, aliases, direction and status.

    A provisional scheme (Latin 2026) follows an alphabet whose rules are not final: its
    output may change between releases.
    """
    import yozuv

    found = sorted(yozuv.schemes(), key=lambda info: info.id)
    if as_json:
        import json

        rows = [
            {
                "id": info.id,
                "aliases": list(info.aliases),
                "source": info.source,
                "target": info.target,
                "status": info.status,
                "description": info.description,
            }
            for info in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    header = ("ID", "FROM", "TO", "STATUS", "ALIASES")
    rows_text = [
        (info.id, info.source, info.target, info.status, ", ".join(info.aliases) or "-")
        for info in found
    ]
    widths = [max(len(row[i]) for row in (header, *rows_text)) for i in range(len(header) - 1)]
    for row in (header, *rows_text):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]).rstrip())
    return EXIT_OK


@cli.command("validate", context_settings=CONTEXT_SETTINGS)
@click.argument("mapping", metavar="FILE.toml")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
def validate_command(mapping: str, quiet: bool) -> int:
    """Check a mapping file and run its samples.

    Exit status 0 when the file is valid and every sample gives its expected output, 1
    when some samples fail, 2 when the file itself is invalid (the message names the key).

    \b
    yozuv validate my-scheme.toml
    """
    import yozuv

    path = Path(mapping)
    if path.is_dir():
        raise YozuvError(f"{mapping}: is a directory, not a mapping file")
    if not path.is_file():
        raise YozuvError(f"{mapping}: no such file")
    results = yozuv.validate_scheme(path)
    failures = [result for result in results if not result.ok]
    for result in failures:
        rule = f" [{result.rule}]" if result.rule else ""
        click.echo(
            f"FAIL {result.scheme}{rule}: {result.input!r} -> {result.got!r},"
            f" expected {result.expected!r}"
        )
    if not quiet or failures:
        passed = len(results) - len(failures)
        click.echo(f"{mapping}: valid; {passed} of {len(results)} samples pass")
    return EXIT_CHANGES if failures else EXIT_OK


def main() -> NoReturn:
    """Console-script entry point."""
    cli.main(prog_name="yozuv")
