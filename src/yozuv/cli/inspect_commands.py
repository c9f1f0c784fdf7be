"""The commands that look and write nothing: preview, detect, explain, schemes, validate.

Each parses its arguments, asks the library, and renders the answer; conversion itself is
in :mod:`yozuv.documents`. rich and the detector are imported inside the commands that
use them, so registering these commands costs the plain filter nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from yozuv.cli import terminal
from yozuv.cli.inputs import announce_stdin, collect_inputs, read_input, read_text
from yozuv.cli.options import (
    CONTEXT_SETTINGS,
    QuickCommand,
    build_settings,
    check_codec,
    color_option,
    conversion_options,
    format_option,
    word_conversion_options,
)
from yozuv.cli.report import EXIT_CHANGES, EXIT_OK, Reporter, describe_error
from yozuv.cli.settings import ConversionChoices
from yozuv.documents import choose_direction, explanation_steps
from yozuv.errors import BinaryFileError, YozuvError

if TYPE_CHECKING:
    from yozuv.engine import Decision

# --------------------------------------------------------------------------- preview


@click.command("preview", cls=QuickCommand, context_settings=CONTEXT_SETTINGS)
@click.argument("file", metavar="[FILE]", required=False, type=click.Path())
@conversion_options
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
    help="Page the preview as git pages (YOZUV_PAGER or PAGER, default less; on a terminal,"
    " a preview that fits the screen is just printed).",
)
@format_option(
    "File format, as for convert: auto (from the file name; stdin is text), text,"
    " markdown, html, po, json, srt, vtt, csv, tsv or docx."
)
@color_option("Colour (auto: on a terminal, unless NO_COLOR is set).")
def preview_command(
    file: str | None,
    conversion: ConversionChoices,
    layout: str,
    pager: bool | None,
    format_name: str,
    color: str,
) -> int:
    """Show a conversion before writing it, marking words to check.

    The converted side is exactly what convert writes for the file, through its format
    (only the human text of a PO, JSON, HTML, subtitle, CSV or Markdown file changes).
    Words decided by the lexicon and words where a default was chosen among alternatives
    (ambiguous) are marked, and listed under the preview with the rule and the other
    possible spellings. Nothing is written. With no FILE, the text piped to stdin.

    \b
    yozuv preview -t latin news.txt
    xclip -o | yozuv preview -t cyrillic
    yozuv preview --layout inline --no-pager -t cyrillic notes.md
    """
    from yozuv.cli.preview import preview_document, render_preview

    settings = build_settings(conversion, format=format_name)
    file = file or _piped_stdin("FILE")
    if file != "-" and Path(file).is_dir():
        raise YozuvError("is a directory (preview takes one file)", path=file)
    raw = read_input(file)
    try:
        preview, result = preview_document(raw, settings)
    except YozuvError as exc:
        # named as convert names it: "deep.json: JSON nested too deeply ..."
        if exc.path is not None:
            raise
        raise type(exc)(exc.reason, path=raw.display, hint=exc.hint) from None
    direction = result.direction
    colour = terminal.use_colour(color, sys.stdout)
    source_title = terminal.visible(f"{raw.display} ({direction.source or 'unknown script'})")
    target_title = direction.target
    side = {"auto": None, "side": True, "inline": False}[layout]
    with terminal.paged(pager):
        console = terminal.make_console(colour)
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


@click.command("detect", cls=QuickCommand, context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, metavar="[FILE|DIR]...", type=click.Path())
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

    For each file (stdin without one; a folder: the text files in it, as convert walks
    them): the share of Cyrillic, Latin 1995, Latin 2026 and
    other letters, the encoding, words that mix Cyrillic and Latin letters, warnings
    (mojibake, legacy fonts) and the -t to use.

    \b
    yozuv detect news.txt
    yozuv detect --json docs/*.txt
    """
    import json

    from yozuv.detect import detect

    if encoding.lower() != "auto":
        check_codec(encoding, "--encoding")
    reporter = Reporter()
    reports: list[dict[str, object]] = []
    items = collect_inputs(
        files or ("-",),
        include=(),
        exclude=(),
        output_dir=None,
        folders_allowed=True,
        reporter=reporter,
    )
    for item in items:
        display = item.display
        if item.path is None:
            announce_stdin(reporter, "detect")
        try:
            read = read_text("-" if item.path is None else str(item.path), encoding)
        except YozuvError as exc:
            if item.walked and isinstance(exc, BinaryFileError):
                continue  # a folder walk meets binary files: not the user's text
            reporter.error(describe_error(display, exc))
            continue
        found = detect(read.text)
        report: dict[str, object] = {"path": display, "encoding": read.encoding, "bom": read.bom}
        report.update(found.to_json())
        empty = not read.text.strip()
        if empty:  # no script to tell, so no -t to suggest (it said "-t latin")
            report.update(empty=True, suggested_to=None)
        elif not found.letters:  # digits and punctuation only: no script either
            report.update(suggested_to=None)
        if as_json:
            reports.append(report)
            continue
        if empty or not found.letters:
            why = "empty" if empty else "no letters"
            click.echo(terminal.visible(f"{display}: {why}, nothing to detect"))
            continue
        shares = ", ".join(
            f"{_SHARE_LABELS.get(name, name)} {share:.0%}" for name, share in found.shares.items()
        )
        bom = " with BOM" if read.bom else ""
        click.echo(
            terminal.visible(f"{display}: {found.script}, suggested: -t {found.suggested_to}")
        )
        click.echo(terminal.visible(f"  letters: {found.letters} ({shares})"))
        click.echo(terminal.visible(f"  encoding: {read.encoding}{bom}"))
        if found.mixed_word_count:
            words = " ".join(found.mixed_words)
            click.echo(
                terminal.visible(f"  mixed-script words ({found.mixed_word_count}): {words}")
            )
        for warning in found.warnings:
            click.echo(terminal.visible(f"  warning: {warning}"))
    if as_json:
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
    return reporter.status


# --------------------------------------------------------------------------- explain


@click.command("explain", cls=QuickCommand, context_settings=CONTEXT_SETTINGS)
@click.argument("words", nargs=-1, metavar="[WORD]...")
@word_conversion_options
def explain_command(
    words: tuple[str, ...],
    conversion: ConversionChoices,
) -> int:
    """Show which rule or lexicon entry produced each piece of a word.

    A conversion that takes two steps (Cyrillic -> Latin 2026 goes through Latin 1995) is
    shown step by step, each step on the text the one before gave. With no WORD, each
    non-blank line piped to stdin is explained.

    \b
    yozuv explain объект цирк
    echo "Цирк ва концерт" | yozuv explain -t latin
    yozuv explain -t cyrillic "oʻgʻil"
    yozuv explain -t latin2026 Шаҳар
    """
    settings = build_settings(conversion)
    if not words:
        text = read_text(_piped_stdin("WORD..."), "utf-8").text
        words = tuple(line for line in text.splitlines() if line.strip())
    for word in words:
        direction = choose_direction(settings, word)
        steps = explanation_steps(settings, direction, word)
        result = steps[-1][1].text if steps else word
        where = (
            f"{direction.source} -> {direction.target}"
            if direction.source is not None
            else "no Uzbek letters"
        )
        click.echo(terminal.visible(f"{word} -> {result}  ({where})"))
        if not any(explained.decisions for _step, explained in steps):
            click.echo("  (copied unchanged)")
            continue
        for step, explained in steps:
            if len(steps) > 1:
                click.echo(terminal.visible(f"  {step}:"))
            _echo_decisions(explained.decisions, indent="    " if len(steps) > 1 else "  ")
    click.echo(
        "Rule ids: docs/RULES.md of the project (generated from mappings/);"
        " SPEC § and STANDARDS § are sections of docs/SPEC.md and docs/STANDARDS.md."
    )
    return EXIT_OK


def _piped_stdin(argument: str) -> str:
    """``-`` (stdin) for a command run with no input argument, when text is piped to it;
    on a terminal, where nothing is piped, a usage error rather than a silent wait."""
    if terminal.isatty(sys.stdin):
        raise click.UsageError(f"missing argument '{argument}' (or pipe text to stdin)")
    return "-"


def _echo_decisions(decisions: Sequence[Decision], *, indent: str) -> None:
    if not decisions:
        click.echo(terminal.visible(f"{indent}(unchanged)"))
        return
    width_in = max(len(d.source) for d in decisions)
    width_out = max(len(d.output or "∅") for d in decisions)
    for decision in decisions:
        output = decision.output or "∅"
        line = f"{indent}{decision.source:<{width_in}}  {output:<{width_out}}  {decision.rule}"
        if decision.ambiguous:
            line += "  ambiguous"
        if decision.alternatives:
            line += "  (or: " + ", ".join(decision.alternatives) + ")"
        if decision.note:
            line += f"  {decision.note}"
        click.echo(terminal.visible(line.rstrip()))


# --------------------------------------------------------------------------- schemes, validate


@click.command("schemes", cls=QuickCommand, context_settings=CONTEXT_SETTINGS)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
def schemes_command(as_json: bool) -> int:
    """List the built-in schemes: id, aliases, direction and status.

    A provisional scheme (Latin 2026) follows an alphabet whose rules are not final: its
    output may change between releases.
    """
    from yozuv.api import schemes

    found = sorted(schemes(), key=lambda info: info.id)
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


@click.command("validate", cls=QuickCommand, context_settings=CONTEXT_SETTINGS)
@click.argument("mapping", metavar="FILE.toml", type=click.Path())
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
def validate_command(mapping: str, quiet: bool) -> int:
    """Check a mapping file and run its samples.

    Exit status 0 when the file is valid and every sample gives its expected output, 1
    when some samples fail, 2 when the file itself is invalid (the message names the key).

    \b
    yozuv validate my-scheme.toml
    """
    from yozuv.samples import validate_scheme

    path = Path(mapping)
    if path.is_dir():
        raise YozuvError("is a directory, not a mapping file", path=mapping)
    if not path.is_file():
        raise YozuvError("no such file", path=mapping)
    results = validate_scheme(path)
    failures = [result for result in results if not result.ok]
    for result in failures:
        rule = f" [{result.rule}]" if result.rule else ""
        click.echo(
            terminal.visible(
                f"FAIL {result.scheme}{rule}: {result.input!r} -> {result.got!r},"
                f" expected {result.expected!r}"
            )
        )
    if not quiet or failures:
        passed = len(results) - len(failures)
        click.echo(terminal.visible(f"{mapping}: valid; {passed} of {len(results)} samples pass"))
    return EXIT_CHANGES if failures else EXIT_OK
