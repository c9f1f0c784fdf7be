"""The README's Spark recipe (a pandas UDF) gives what the library gives (issue 13).

Runs when pyspark and Java are there (CI's slow step installs pyspark where Java is).
"""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING, Any

import pytest

import yozuv

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]

pd = pytest.importorskip("pandas")
pyspark_sql = pytest.importorskip("pyspark.sql")
functions = pytest.importorskip("pyspark.sql.functions")

# Spark reads a pandas UDF's type hints (Series -> Series) in the module's namespace.
if TYPE_CHECKING:
    Series = Any
else:
    Series = pd.Series


def test_a_pandas_udf_converts_a_column(monkeypatch: pytest.MonkeyPatch) -> None:
    # Spark's Python workers must be this interpreter, which has yozuv installed.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("yozuv-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        # Defined here, so Spark ships it by value (a test module is not importable there).
        def to_latin(texts: Series) -> Series:
            converter = yozuv.get_converter("latin", "cyrillic")
            return pd.Series(converter.convert_many(texts.tolist()), index=texts.index)

        udf = functions.pandas_udf("string")(to_latin)  # needs the session
        texts = ["Салом дунё", "Тошкент шаҳри", "цирк ва концерт"]
        frame = spark.createDataFrame([(i, t) for i, t in enumerate(texts)], ["id", "text"])
        rows = frame.withColumn("text", udf("text")).orderBy("id").collect()
    finally:
        spark.stop()
    converter = yozuv.get_converter("latin", "cyrillic")
    assert [row["text"] for row in rows] == [converter.convert(t) for t in texts]
