"""The ``Converter`` in dataframe libraries, as the README's "Corpora" section shows it: a
pickled converter sent to another process, pandas ``Series.map``, Polars ``map_elements``
and Hugging Face ``datasets.map``. Each library's test skips cleanly when it is absent."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

from yozuv import get_converter
from yozuv.api import Converter

TEXTS = ["Тошкент шаҳрида янги лицей очилди.", "Цирк ва концерт", "", "https://kun.uz/цирк"]


def _convert_in_worker(converter: Converter, texts: list[str]) -> list[str]:
    return [converter.convert(text) for text in texts]


def test_a_converter_goes_to_another_process() -> None:
    converter = get_converter("latin", "cyrillic")
    clone = pickle.loads(pickle.dumps(converter))
    assert [clone.convert(t) for t in TEXTS] == [converter.convert(t) for t in TEXTS]
    with ProcessPoolExecutor(max_workers=1) as pool:
        got = pool.submit(_convert_in_worker, converter, TEXTS).result()
    assert got == [converter.convert(t) for t in TEXTS]


def test_pandas_series_map() -> None:
    pd: Any = pytest.importorskip("pandas")
    converter = get_converter("latin", "cyrillic")
    frame = pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS})
    frame["text"] = frame["text"].map(converter)
    assert frame["text"].tolist() == [converter.convert(t) for t in TEXTS]
    assert frame["id"].tolist() == list(range(len(TEXTS)))


def test_polars_map_elements() -> None:
    pl: Any = pytest.importorskip("polars")
    converter = get_converter("latin", "cyrillic")
    frame = pl.DataFrame({"id": list(range(len(TEXTS))), "text": TEXTS})
    out = frame.with_columns(pl.col("text").map_elements(converter.convert, return_dtype=pl.String))
    assert out["text"].to_list() == [converter.convert(t) for t in TEXTS]
    batched = frame.with_columns(
        pl.col("text").map_batches(
            lambda s: pl.Series(converter.convert_many(s.to_list())), return_dtype=pl.String
        )
    )
    assert batched["text"].to_list() == out["text"].to_list()


def test_datasets_map() -> None:
    datasets: Any = pytest.importorskip("datasets")
    converter = get_converter("latin", "cyrillic")
    data = datasets.Dataset.from_dict({"text": TEXTS})
    out = data.map(lambda batch: {"text": converter.convert_many(batch["text"])}, batched=True)
    assert out["text"] == [converter.convert(t) for t in TEXTS]
