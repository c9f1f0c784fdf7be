"""``yozuv corpus``: shards converted on a Dask cluster (:mod:`yozuv.corpus` does the work).

Declared in a module of its own and registered lazily (``LAZY_COMMANDS`` in
:mod:`yozuv.cli.app`): nothing of it, nor of Dask, is imported unless it is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from yozuv.cli import terminal
from yozuv.cli.options import CONTEXT_SETTINGS, build_settings, conversion_options, field_option
from yozuv.cli.report import EXIT_TROUBLE, Reporter
from yozuv.cli.settings import ConversionChoices
from yozuv.errors import YozuvError


@click.command("corpus", context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True, metavar="SHARD|DIR...", type=click.Path())
@conversion_options
@click.option(
    "-O",
    "--output-dir",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write one output shard per input shard under DIR (required).",
)
@field_option
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="A running Dask scheduler (tcp://HOST:8786); default: a local cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Workers of the local cluster (default: one per CPU).",
)
@click.option("-q", "--quiet", is_flag=True, help="Only report errors.")
def corpus_command(
    inputs: tuple[str, ...],
    conversion: ConversionChoices,
    output_dir: str,
    fields: tuple[str, ...],
    scheduler: str | None,
    workers: int | None,
    quiet: bool,
) -> int:
    """Convert the shards of a corpus (text, JSON Lines, Parquet) on a Dask cluster.

    One output shard per input shard, written atomically; shards a previous run finished
    are skipped, so a killed run resumes. Needs the extra: pip install 'yozuv[dask]'.

    \b
    yozuv corpus -t latin crawl/ -O lotin/ --field text
    yozuv corpus -t latin crawl/ -O lotin/ --workers 8
    yozuv corpus -t latin crawl/ -O lotin/ --scheduler tcp://10.0.0.5:8786
    """
    if scheduler is not None and workers is not None:
        raise click.UsageError("--scheduler and --workers exclude each other")
    settings = build_settings(conversion)._replace(fields=fields)
    total = _refuse_unsafe_outputs(inputs, output_dir)
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise YozuvError("yozuv corpus needs Dask", hint="pip install 'yozuv[dask]'") from None
    from yozuv.corpus import ShardResult, run_corpus

    reporter = Reporter(quiet=quiet)
    bar = (
        terminal.Progress(total, reporter)
        if total and not quiet and terminal.isatty(sys.stderr)
        else None
    )

    def on_result(result: ShardResult) -> None:
        if result.error is not None:
            reporter.error(f"{result.name}: {result.error}")
        if bar is not None:
            bar.advance()

    try:
        summary = run_corpus(
            inputs, output_dir, settings, scheduler=scheduler, workers=workers, on_result=on_result
        )
    finally:
        if bar is not None:
            bar.stop()
    line = summary.line()
    if summary.failed:
        reporter.summary(line)
        reporter.raise_status(EXIT_TROUBLE)
    else:
        reporter.info(line)
    return reporter.status


def _refuse_unsafe_outputs(inputs: Sequence[str], output_dir: str) -> int:
    """The checks of ``convert -O``, with its messages, before Dask is asked for: no output
    over an input (:func:`~yozuv.cli.inputs.refuse_output_over_inputs`), and no two shards
    for one output, each named (:func:`~yozuv.cli.inputs.refuse_collisions`). Each input's
    shards are found on their own, so a clash between two inputs names both shards. The
    number of shards, for the progress bar: the folders are walked once here, not again."""
    from pathlib import Path

    from yozuv.cli.inputs import InputFile, refuse_collisions, refuse_output_over_inputs
    from yozuv.corpus import find_shards

    refuse_output_over_inputs(inputs, Path(output_dir), in_place=False)
    shards = [
        InputFile(Path(shard.source), shard.source, Path(shard.destination))
        for given in inputs
        for shard in find_shards([given], output_dir)
    ]
    refuse_collisions(shards)
    return len(shards)
