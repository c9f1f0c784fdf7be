"""The test pairs of SPEC §9 (copied to tests/data/spec_pairs.tsv), in their stated directions.

⇄ rows must pass both ways, → rows Cyrillic to Latin only, ← rows Latin to Cyrillic only.
Section 9.7 pairs are Latin 1995 ↔ Latin 2026.
"""

from __future__ import annotations

import pytest
from shared_data import ROOT, spec_rows

import yozuv

# SPEC §9 says row 184 needs the C72 izofa heuristic, which is off by default: that row runs
# with the example scheme that switches it on.
IZOFA = ROOT / "examples" / "scheme-izofa.toml"

ROWS = spec_rows()
C_L = [r for r in ROWS if r["section"] != "9.7"]
NEW = [r for r in ROWS if r["section"] == "9.7"]


def test_the_table_is_complete() -> None:
    assert len(C_L) == 184
    assert len(NEW) == 13


@pytest.mark.parametrize("row", [r for r in C_L if r["dir"] in "⇄→"], ids=lambda r: r["id"])
def test_cyrillic_to_latin(row: dict[str, str]) -> None:
    scheme = IZOFA if row["rule"].startswith("C72") else None
    got = yozuv.transliterate(row["cyrillic"], to="latin", source="cyrillic", scheme=scheme)
    assert got == row["latin"]


@pytest.mark.parametrize("row", [r for r in C_L if r["dir"] in "⇄←"], ids=lambda r: r["id"])
def test_latin_to_cyrillic(row: dict[str, str]) -> None:
    assert yozuv.transliterate(row["latin"], to="cyrillic", source="latin") == row["cyrillic"]


@pytest.mark.parametrize("row", NEW, ids=lambda r: r["id"])
def test_latin_to_latin2026_both_ways(row: dict[str, str]) -> None:
    old, new = row["cyrillic"], row["latin"]  # in 9.7 the columns hold Latin 1995 and Latin 2026
    assert yozuv.transliterate(old, to="latin2026", source="latin") == new
    assert yozuv.transliterate(new, to="latin", source="latin2026") == old
