"""Corpus scale: many shards converted on a Dask cluster (the optional extra ``yozuv[dask]``).

A corpus is a set of *shards* (text, JSON Lines, Parquet files). Each input shard gives one
output shard under the output folder (its path relative to the folder given, or its name
for a file given), converted exactly as ``yozuv convert -O`` converts it, so the output is
byte-identical to the single-process CLI.

Done, and resuming. An output shard is written to a temporary sibling and renamed into
place, and only then is its *receipt* written: ``OUTDIR/.yozuv-corpus/RELPATH.done``, a
line of JSON naming the input's size and modification time and the settings. A shard
counts as done when its output exists and its receipt matches the input and settings of
this run; so a run killed at any moment, rerun, redoes only the shards without a receipt
(a half-written output never has the shard's name, and an output without a receipt is
redone), and a changed input or option is converted again.

Python: :func:`run_corpus` is what ``yozuv corpus`` runs (a ``LocalCluster`` by default, a
running scheduler by address); :func:`shard_bag` gives the same conversion as a Dask bag of
:class:`ShardResult` for a pipeline of one's own; :func:`convert_bag` converts a bag of
texts (or of records, one field) with the library's converter, partition by partition.

No click and no rich here; Dask is imported only by the functions that need it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yozuv.documents import ConvertSettings, convert_document, stream_to_file, streams
from yozuv.errors import YozuvError
from yozuv.records import Record
from yozuv.textio.atomic import write_atomic

if TYPE_CHECKING:
    from dask.bag import Bag
    from dask.dataframe import DataFrame

RECEIPTS = ".yozuv-corpus"  # under the output folder: one receipt per finished shard
SHARD_SUFFIXES = (".txt", ".text", ".jsonl", ".ndjson", ".jsonl.gz", ".jsonl.zst", ".parquet")


class Shard(Record):
    """One input shard and where its output goes (``name``: its path under the folder)."""

    source: str
    destination: str
    name: str


class ShardResult(Record):
    """What became of one shard (a worker returns it; picklable)."""

    name: str
    bytes_in: int
    bytes_out: int
    seconds: float
    skipped: bool = False  # done by an earlier run
    error: str | None = None


class CorpusSummary(Record):
    """The whole run: shards, bytes and speed."""

    shards: int
    converted: int
    skipped: int
    failed: int
    bytes_in: int
    seconds: float
    errors: tuple[str, ...] = ()

    @property
    def megabytes_per_second(self) -> float:
        return self.bytes_in / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """One line for the user: ``12 shards: 10 converted, 2 already done, 0 failed; ...``."""
        return (
            f"{self.shards} shard(s): {self.converted} converted, {self.skipped} already done,"
            f" {self.failed} failed; {self.bytes_in:,} bytes in {self.seconds:.1f} s"
            f" ({self.megabytes_per_second:.2f} MB/s)"
        )


def find_shards(inputs: Sequence[str | Path], output_dir: str | Path) -> list[Shard]:
    """The shards of the inputs: files as given, folders walked (sorted, hidden entries and
    the output folder skipped) for the shard types; every output under ``output_dir``."""
    out = Path(output_dir)
    shards: list[Shard] = []
    seen: set[str] = set()
    for given in inputs:
        root = Path(given)
        if root.is_dir():
            for path in sorted(_walk(root, out)):
                shards.append(_shard(path, path.relative_to(root).as_posix(), out))
        elif root.is_file():
            shards.append(_shard(root, root.name, out))
        else:
            raise YozuvError("no such file or folder", path=root)
    for shard in shards:
        if shard.name in seen:
            raise YozuvError(
                f"two inputs would be written to {shard.destination}",
                hint="give the folder that holds them instead",
            )
        seen.add(shard.name)
    return shards


def _walk(root: Path, output_dir: Path) -> Iterable[Path]:
    skip = output_dir.resolve()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and Path(folder, d).resolve() != skip]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SHARD_SUFFIXES):
                yield Path(folder, name)


def _shard(path: Path, name: str, output_dir: Path) -> Shard:
    return Shard(str(path), str(output_dir / name), name)


def receipt_path(shard: Shard, output_dir: str | Path) -> Path:
    return Path(output_dir) / RECEIPTS / f"{shard.name}.done"


def _receipt(shard: Shard, settings: ConvertSettings) -> str:
    info = os.stat(shard.source)
    return json.dumps(
        {
            "input": shard.name,
            "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
            "settings": list(settings),
        },
        ensure_ascii=False,
    )


def is_done(shard: Shard, output_dir: str | Path, settings: ConvertSettings) -> bool:
    """The output exists and its receipt names this input, unchanged, and these settings."""
    receipt = receipt_path(shard, output_dir)
    try:
        return (
            os.path.isfile(shard.destination)
            and receipt.read_text(encoding="utf-8") == _receipt(shard, settings) + "\n"
        )
    except OSError:
        return False


def convert_shard(shard: Shard, output_dir: str, settings: ConvertSettings) -> ShardResult:
    """Convert one shard (skipped when done); every failure becomes ``error``, never a raise,
    so one bad shard does not stop the others."""
    start = time.perf_counter()
    try:
        size = os.stat(shard.source).st_size
        if is_done(shard, output_dir, settings):
            return ShardResult(shard.name, size, 0, 0.0, skipped=True)
        receipt = _receipt(shard, settings)  # the input as it was when conversion began
        destination = Path(shard.destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = Path(shard.source)
        if streams(source, settings):
            stream_to_file(source, destination, settings)
        else:
            data = source.read_bytes()
            result = convert_document(data, source, shard.name, settings)
            write_atomic(destination, result.new_bytes)
        done = receipt_path(shard, output_dir)
        done.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(done, (receipt + "\n").encode("utf-8"))
        written = os.stat(destination).st_size
    except (OSError, YozuvError) as exc:
        return ShardResult(shard.name, 0, 0, time.perf_counter() - start, error=str(exc))
    return ShardResult(shard.name, size, written, time.perf_counter() - start)


def shard_bag(shards: Sequence[Shard], output_dir: str | Path, settings: ConvertSettings) -> Bag:
    """A Dask bag of :class:`ShardResult`, one shard per partition (``.compute()`` runs it)."""
    import dask.bag

    folder = str(output_dir)
    return dask.bag.from_sequence(list(shards), npartitions=max(1, len(shards))).map(
        convert_shard, folder, settings
    )


def convert_bag(
    bag: Bag,
    to: str = "latin",
    source: str = "cyrillic",
    *,
    field: str | None = None,
    **options: Any,
) -> Bag:
    """Convert a bag of texts (or, with ``field``, of dict records: that field only) with
    ``yozuv.get_converter(to, source, **options)``, one ``convert_many`` per partition. The
    converter is built in each worker (a memo of its own), not shipped."""
    return bag.map_partitions(_convert_partition, to, source, field, options)


def _convert_partition(
    items: Iterable[Any], to: str, source: str, field: str | None, options: dict[str, Any]
) -> list[Any]:
    from yozuv.api import get_converter

    converter = get_converter(to, source, **options)
    records = list(items)
    if field is None:
        return converter.convert_many(records)
    texts = converter.convert_many([record[field] for record in records])
    return [{**record, field: text} for record, text in zip(records, texts, strict=True)]


def convert_dataframe(
    frame: DataFrame,
    columns: Sequence[str],
    to: str = "latin",
    source: str = "cyrillic",
    **options: Any,
) -> DataFrame:
    """A Dask dataframe with the text ``columns`` converted, partition by partition (one
    ``convert_many`` each, the converter built in each worker); other columns untouched."""
    converted = frame.copy()
    for column in columns:
        converted[column] = frame[column].map_partitions(
            _convert_series, to, source, options, meta=frame[column]._meta
        )
    return converted


def _convert_series(series: Any, to: str, source: str, options: dict[str, Any]) -> Any:
    from yozuv.api import get_converter

    converter = get_converter(to, source, **options)
    return series.__class__(
        converter.convert_many(list(series)), index=series.index, name=series.name
    )


def run_corpus(
    inputs: Sequence[str | Path],
    output_dir: str | Path,
    settings: ConvertSettings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    processes: bool = True,
    on_result: Callable[[ShardResult], None] | None = None,
) -> CorpusSummary:
    """Convert every shard on a Dask cluster: the scheduler at ``scheduler`` (an address
    such as ``tcp://10.0.0.5:8786``), else a ``LocalCluster`` of ``workers`` workers (one
    thread each; default: one per CPU; ``processes=False`` runs them as threads, for tests).
    Shards already done are skipped. ``on_result`` is called as each shard finishes."""
    shards = find_shards(inputs, output_dir)
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    from distributed import Client, LocalCluster, as_completed

    start = time.perf_counter()
    results: list[ShardResult] = []
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        )
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            futures = client.map(
                convert_shard, shards, output_dir=str(output_dir), settings=settings, pure=False
            )
            for future in as_completed(futures):
                result: ShardResult = future.result()
                results.append(result)
                if on_result is not None:
                    on_result(result)
    finally:
        if cluster is not None:
            cluster.close()
    seconds = time.perf_counter() - start
    failed = [r for r in results if r.error is not None]
    skipped = [r for r in results if r.skipped]
    return CorpusSummary(
        shards=len(shards),
        converted=len(results) - len(failed) - len(skipped),
        skipped=len(skipped),
        failed=len(failed),
        bytes_in=sum(r.bytes_in for r in results if not r.skipped and r.error is None),
        seconds=seconds,
        errors=tuple(f"{r.name}: {r.error}" for r in failed),
    )
