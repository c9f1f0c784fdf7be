"""``yozuv corpus`` and :mod:`yozuv.corpus`: shards on a Dask cluster, output byte-identical
to ``yozuv convert -O``, resumable, skipped without dask.distributed. The clusters are local:
threads (``processes=False``) for the library tests, two small worker processes for the
command."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yozuv import get_converter
from yozuv.cli import cli
from yozuv.documents import ConvertSettings

pytest.importorskip("distributed")

from yozuv.corpus import (
    convert_bag,
    convert_shard,
    find_shards,
    receipt_path,
    run_corpus,
    shard_bag,
)

LATIN = get_converter("latin", "cyrillic")
SETTINGS = ConvertSettings(to="latin", fields=())
LINES = ["Тошкент шаҳрида янги лицей очилди.", "Цирк ва концерт залида объект қурилмоқда."]


def _corpus(root: Path, shards: int = 4) -> Path:
    folder = root / "in"
    (folder / "sub").mkdir(parents=True)
    for index in range(shards):
        text = "".join(f"{LINES[(index + n) % 2]} {n}\n" for n in range(50))
        (folder / f"part-{index}.txt").write_text(text, encoding="utf-8")
        records = "".join(
            json.dumps({"id": n, "text": LINES[n % 2], "src": "Тошкент"}, ensure_ascii=False) + "\n"
            for n in range(30)
        )
        (folder / "sub" / f"part-{index}.jsonl").write_text(records, encoding="utf-8")
    (folder / "sub" / "packed.jsonl.gz").write_bytes(gzip.compress(records.encode(), mtime=0))
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".yozuv-corpus" not in path.parts
    }


def test_shards_mirror_the_folder(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 2)
    names = [shard.name for shard in find_shards([folder], tmp_path / "out")]
    assert names == [
        "part-0.txt",
        "part-1.txt",
        "sub/packed.jsonl.gz",
        "sub/part-0.jsonl",
        "sub/part-1.jsonl",
    ]


def test_output_is_byte_identical_to_convert(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    settings = SETTINGS._replace(fields=("text",))
    summary = run_corpus([folder], tmp_path / "out", settings, workers=2, processes=False)
    assert (summary.shards, summary.converted, summary.failed, summary.skipped) == (9, 9, 0, 0)
    assert summary.bytes_in == sum(len(data) for data in _tree(folder).values())
    result = CliRunner().invoke(
        cli, ["-t", "latin", "--field", "text", "-O", str(tmp_path / "cli"), str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert _tree(tmp_path / "out") == _tree(tmp_path / "cli")
    record = json.loads((tmp_path / "out" / "sub" / "part-0.jsonl").read_text().splitlines()[1])
    assert record == {"id": 1, "text": LATIN.convert(LINES[1]), "src": "Тошкент"}


def test_a_rerun_skips_what_is_done_and_redoes_the_rest(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 2)
    out = tmp_path / "out"
    first = run_corpus([folder], out, SETTINGS, workers=1, processes=False)
    assert first.converted == 5
    shards = find_shards([folder], out)
    # A run killed while writing: one output without its receipt, one half-written
    # temporary file, one output missing.
    receipt_path(shards[0], out).unlink()
    Path(shards[1].destination).unlink()
    (out / ".part-1.txt.0badf00d.yozuv-tmp").write_bytes(b"half")
    done = {shard.name: Path(shard.destination).read_bytes() for shard in shards[2:]}
    stamps = {name: os.stat(out / name).st_mtime_ns for name in done}
    again = run_corpus([folder], out, SETTINGS, workers=1, processes=False)
    assert (again.converted, again.skipped, again.failed) == (2, 3, 0)
    assert {name: os.stat(out / name).st_mtime_ns for name in done} == stamps
    # A changed input is converted again.
    Path(shards[0].source).write_text("Янги\n", encoding="utf-8")  # part-0.txt
    third = run_corpus([folder], out, SETTINGS, workers=1, processes=False)
    assert (third.converted, third.skipped, third.failed) == (1, 4, 0)
    assert Path(shards[0].destination).read_text(encoding="utf-8") == "Yangi\n"


def test_a_bad_shard_is_reported_and_the_others_convert(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 1)
    (folder / "bad.jsonl").write_text('{"text": \n', encoding="utf-8")
    summary = run_corpus([folder], tmp_path / "out", SETTINGS, workers=1, processes=False)
    assert summary.failed == 1 and summary.converted == 3
    assert "bad.jsonl" in summary.errors[0] and "line 1" in summary.errors[0]
    assert not (tmp_path / "out" / "bad.jsonl").exists()


def test_shard_bag_and_convert_bag(tmp_path: Path) -> None:
    import dask
    import dask.bag

    folder = _corpus(tmp_path, 1)
    shards = find_shards([folder], tmp_path / "out")
    with dask.config.set(scheduler="sync"):
        results = shard_bag(shards, tmp_path / "out", SETTINGS).compute()
        assert [r.name for r in results] == [s.name for s in shards]
        texts = dask.bag.from_sequence(LINES * 3, npartitions=2)
        assert convert_bag(texts, "latin", "cyrillic").compute() == [
            LATIN.convert(t) for t in LINES * 3
        ]
        records = dask.bag.from_sequence([{"id": 1, "text": LINES[0]}], npartitions=1)
        assert convert_bag(records, field="text").compute() == [
            {"id": 1, "text": LATIN.convert(LINES[0])}
        ]
    assert convert_shard(shards[0], str(tmp_path / "out"), SETTINGS).skipped


def test_the_command_on_two_worker_processes(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 2)
    runner = CliRunner()
    args = ["corpus", "-t", "latin", str(folder), "-O", str(tmp_path / "out"), "--workers", "2"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "5 shard(s): 5 converted, 0 already done, 0 failed" in result.stderr
    again = runner.invoke(cli, args)
    assert "5 shard(s): 0 converted, 5 already done" in again.stderr
    single = runner.invoke(cli, ["-t", "latin", "-O", str(tmp_path / "cli"), str(folder)])
    assert single.exit_code == 0
    assert _tree(tmp_path / "out") == _tree(tmp_path / "cli")


def test_scheduler_and_workers_exclude_each_other(tmp_path: Path) -> None:
    result: Any = CliRunner().invoke(
        cli,
        [
            "corpus",
            "-t",
            "latin",
            str(tmp_path),
            "-O",
            "x",
            "--scheduler",
            "tcp://h:1",
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == 2
    assert "exclude each other" in result.stderr
