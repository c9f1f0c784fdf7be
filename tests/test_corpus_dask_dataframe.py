"""Converting text columns of a Dask dataframe (issue 13: the same on a bag or a dataframe)."""

from __future__ import annotations

import pytest

import yozuv
from yozuv.corpus import convert_dataframe

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")


def test_a_dataframe_column_converts_as_the_library_does() -> None:
    texts = ["Салом дунё", "Тошкент шаҳри", "цирк ва концерт", "", "2024 йил"]
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts, "note": ["x"] * len(texts)})
    lazy = dd.from_pandas(frame, npartitions=2)
    result = convert_dataframe(lazy, ["text"], "latin", "cyrillic").compute(scheduler="sync")
    converter = yozuv.get_converter("latin", "cyrillic")
    assert list(result["text"]) == [converter.convert(t) for t in texts]
    assert list(result["id"]) == list(frame["id"]) and list(result["note"]) == ["x"] * len(texts)
    assert list(lazy["text"].compute()) == texts  # the input frame is not changed
