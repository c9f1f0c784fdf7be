"""Large documents in bounded memory (issue 11): a CSV cell of many megabytes is cut without
the regex engine keeping a backtracking record per character (it took over 100 bytes each)."""

from __future__ import annotations

import tracemalloc

from yozuv.formats.delimited import _splitters

MB = 1 << 20


def test_a_huge_quoted_cell_is_cut_in_bounded_memory() -> None:
    cell = "Шаҳарда янги боғ, очилди. " * (4 * MB // 26)
    text = f'id,matn\n1,"{cell}"\n2,""""\n'
    quoted, _ = _splitters(",")
    tracemalloc.start()
    try:
        pieces = quoted.split(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pieces == ["id,matn\n1,", f'"{cell}"', "\n2,", '""""', "\n"]
    assert peak < 3 * len(text) * 2 + MB  # the pieces themselves, not a record per character
