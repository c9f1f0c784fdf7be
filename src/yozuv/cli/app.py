"""The click application: the ``yozuv`` group, its endings, and the ``convert`` command.

Everything that is not the plain filter comes here (:func:`yozuv.cli.entry.main` decides):
options beyond ``-t``/``-f``, files, ``--help``, the look-only commands, usage errors. Thin on
purpose: the options are checked by :mod:`yozuv.cli.options`, the run is
:func:`yozuv.cli.run.run_convert_command`, which the quick filter of :mod:`yozuv.cli.entry`
runs too, and the endings (a closed pipe, trouble, the final flush) are shared, so
both roads end alike. What is click's own is mapped here: usage errors on one line,
``--version``, aborts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from yozuv._version import __version__
from yozuv.cli import terminal
from yozuv.cli.delivery import Mode
from yozuv.cli.endings import Terminated, closed_pipe, finish, interrupted, trouble
from yozuv.cli.options import (
    CONTEXT_SETTINGS,
    QuickCommand,
    build_settings,
    color_option,
    conversion_options,
    field_option,
    format_option,
)
from yozuv.cli.report import EXIT_INTERRUPTED, EXIT_OK, EXIT_TROUBLE
from yozuv.cli.run import run_convert_command
from yozuv.cli.settings import ConversionChoices
from yozuv.errors import YozuvError

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

# =========================================================================== the click group

# The commands that only look and write nothing, by name: the function in
# yozuv.cli.inspect_commands that declares each. Declaring them (decorators, options, help
# texts) is work the filter would do for nothing on every run, so that module is imported
# when one of them is asked for, or listed by --help.
LAZY_COMMANDS: dict[str, str] = {
    "preview": "preview_command",
    "detect": "detect_command",
    "explain": "explain_command",
    "schemes": "schemes_command",
    "validate": "validate_command",
    "corpus": "corpus_command:corpus_command",
}


class DefaultCommandGroup(click.Group):
    """A group whose first argument may be a file or an option: then it means ``convert``.

    ``yozuv notes.txt``, ``yozuv -t latin notes.txt`` and ``echo Салом | yozuv`` all run
    ``convert``. A file that happens to be named like a command is reached with
    ``yozuv convert NAME`` or ``yozuv ./NAME``. The commands of :data:`LAZY_COMMANDS` are
    registered on first use.
    """

    default_command = "convert"
    command_class = QuickCommand

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A registered command, or a look-only one declared now (imports inspect_commands)."""
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in LAZY_COMMANDS:
            import importlib

            # "module:function" names a module of yozuv.cli; a bare name, inspect_commands
            module, _, function = LAZY_COMMANDS[cmd_name].rpartition(":")
            found = importlib.import_module(f"yozuv.cli.{module or 'inspect_commands'}")
            command = getattr(found, function)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, declared or not yet, in the sorted order click lists them."""
        return sorted({*self.commands, *LAZY_COMMANDS})

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """``yozuv <TAB>``: the commands; where none starts so, the files ``convert`` (the
        default command) takes. Not both: bash's script empties its list for a file item."""
        from click.shell_completion import CompletionItem

        commands = super().shell_complete(ctx, incomplete)
        return commands or [CompletionItem(incomplete, type="file")]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.resilient_parsing and not args:  # completing the first word: commands, files
            return super().parse_args(ctx, args)
        if not args:
            if terminal.isatty(sys.stdin):
                click.echo(ctx.get_help())
                ctx.exit(EXIT_OK)
            args = [self.default_command]
        elif args[0] not in self.list_commands(ctx) and args[0] not in (
            *ctx.help_option_names,
            "--version",
        ):
            if not ctx.resilient_parsing:
                self._reject_command_typo(ctx, args[0])
            args = [self.default_command, *args]
        if args[0] == "convert":
            args = [args[0], *_sed_style_backup(args[1:])]
        return super().parse_args(ctx, args)

    def _reject_command_typo(self, ctx: click.Context, first: str) -> None:
        """``yozuv help`` shows the help; a missing file named almost like a command
        (``yozuv conver x``) is a usage error that names the command, as git does."""
        if first.startswith("-") or os.path.lexists(first):
            return
        if first == "help":
            click.echo(ctx.get_help())
            ctx.exit(EXIT_OK)
        import difflib

        close = difflib.get_close_matches(first, self.list_commands(ctx), n=1, cutoff=0.75)
        if close:
            raise click.UsageError(
                f"no such command or file {first!r} (did you mean {close[0]!r}?)", ctx
            )

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a reader that went away (``| head``) ends the run quietly.

        Caught here because click turns a broken pipe into exit status 1 before
        :meth:`main` could see it; a truncated read is the reader's choice, not trouble.
        """
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            return closed_pipe()

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
            click.echo(terminal.visible(f"yozuv: {exc.format_message()}"), err=True)
            status = EXIT_TROUBLE
        except KeyboardInterrupt as exc:
            status = interrupted(exc)
        except click.Abort as exc:
            # click turns an interrupt into Abort (after writing a newline itself)
            cause = exc.__cause__
            status = cause.status if isinstance(cause, Terminated) else EXIT_INTERRUPTED
            if isinstance(cause, Terminated):
                interrupted(cause)
        except BrokenPipeError:
            status = closed_pipe()
        except YozuvError as exc:
            status = trouble(exc)
        finish(status)


def _sed_style_backup(tokens: Sequence[str]) -> list[str]:
    """``-i.bak`` as sed and perl write it: ``-i --backup .bak``.

    Only a suffix that does not start with a letter is read so (``-i.bak``, ``-i~``), since
    ``-iv`` is ``-i -v`` as for any bundle of flags; nothing after ``--`` is touched.
    """
    expanded: list[str] = []
    for index, token in enumerate(tokens):
        if token == "--":
            expanded.extend(tokens[index:])
            break
        if token.startswith("-i") and len(token) > 2 and not token[2].isalpha():
            expanded += ["-i", f"--backup={token[2:]}"]
        else:
            expanded.append(token)
    return expanded


def _report_usage_error(exc: click.UsageError) -> int:
    message = exc.format_message()
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    command = exc.ctx.command_path if exc.ctx is not None else "yozuv"
    click.echo(terminal.visible(f"yozuv: {message} (see '{command} --help')"), err=True)
    return EXIT_TROUBLE


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


# --------------------------------------------------------------------------- convert


@cli.command("convert", context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR]...", type=click.Path())
@conversion_options
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
@click.option(
    "-i",
    "--in-place",
    is_flag=True,
    help="Rewrite the files themselves (safely; needs -t or --scheme); -iSUFFIX (-i.bak) keeps a "
    "backup, never replacing an existing one.",
)
@click.option(
    "--backup", metavar="SUFFIX", help="With -i, keep the original as FILE + SUFFIX (e.g. .bak)."
)
@click.option(
    "--force",
    is_flag=True,
    help="With -i, also rewrite read-only files and files with other hard links (those"
    " other names keep the old text).",
)
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change.")
@click.option("--diff", is_flag=True, help="Write nothing; show a unified diff of the changes.")
@click.option(
    "--pager/--no-pager",
    default=None,
    help="Page --diff as git does (YOZUV_PAGER or PAGER, default less; on a terminal only).",
)
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
@format_option(
    "File format: auto (from the file name), text, markdown, html, po, json, srt, vtt,"
    " csv, tsv, docx, jsonl or parquet. Markup, keys and placeholders are left alone."
)
@click.option(
    "--columns",
    metavar="LIST",
    help="CSV/TSV: convert only these columns (names or 1-based numbers, comma-separated).",
)
@field_option
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
@color_option("Colour in --diff (auto: on a terminal, unless NO_COLOR is set).")
def convert_command(
    inputs: tuple[str, ...],
    conversion: ConversionChoices,
    output: str | None,
    output_dir: str | None,
    in_place: bool,
    backup: str | None,
    force: bool,
    check: bool,
    diff: bool,
    pager: bool | None,
    context: int,
    format_name: str,
    columns: str | None,
    fields: tuple[str, ...],
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
        conversion, output_encoding=output_encoding, format=format_name, columns=columns
    )._replace(fields=fields)
    mode = _choose_mode(output, output_dir, in_place, backup, force, check, diff)
    arguments = list(inputs) or ["-"]
    if mode is Mode.OUTPUT_FILE and len(arguments) != 1:
        raise click.UsageError("-o takes exactly one input (use -O DIR for many)")
    if mode in (Mode.IN_PLACE, Mode.OUTPUT_DIR) and "-" in arguments:
        raise click.UsageError(f"stdin cannot be written {'in place' if in_place else 'to -O'}")
    if in_place and conversion.to is None and conversion.scheme is None:
        # Guessed per file, the target is the script the file is not in: a second -i run
        # converts it back, losing letters (Ольга -> Olga -> Олга) and, with --backup,
        # overwriting the backup of the original. Nothing documents -i without -t. A
        # --scheme names its own source and target: a second run finds nothing to convert.
        raise click.UsageError(
            "-i needs -t: the script is guessed from each file, and a second run would"
            " convert it back; add -t latin or -t cyrillic"
        )
    return run_convert_command(
        arguments,
        settings,
        mode,
        output=output,
        output_dir=output_dir,
        backup=backup,
        force=force,
        pager=pager,
        context=context,
        include=include,
        exclude=exclude,
        jobs=jobs or (os.cpu_count() or 1),
        quiet=quiet,
        verbose=verbose,
        color=color,
        summary=check,
    )


def _choose_mode(
    output: str | None,
    output_dir: str | None,
    in_place: bool,
    backup: str | None,
    force: bool,
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
            # --check with --diff is --diff with --check's summary, as black and ruff allow
            ("--check", check and not diff),
            ("--diff", diff),
        )
        if on
    ]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} cannot be used together")
    if backup is not None and not in_place:
        raise click.UsageError("--backup only makes sense with -i/--in-place")
    if force and not in_place:
        raise click.UsageError("--force only makes sense with -i/--in-place")
    if backup is not None and (not backup or "/" in backup or backup in (".", "..")):
        raise click.UsageError(f"--backup {backup!r}: a suffix such as .bak is expected")
    if output is not None:
        return Mode.OUTPUT_FILE
    if output_dir is not None:
        return Mode.OUTPUT_DIR
    if in_place:
        return Mode.IN_PLACE
    if diff:
        return Mode.DIFF
    if check:
        return Mode.CHECK
    return Mode.STDOUT
