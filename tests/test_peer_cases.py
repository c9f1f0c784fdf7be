"""Other transliterators' test cases: every row passes, or is a listed, explained difference.

The list (tests/data/peer-cases/known-differences.tsv) holds yozuv's own output for each
differing row, so a change either way is noticed: a listed row that starts to agree, or
gives another output, fails here until the list is rewritten (scripts/peer_cases.py --write).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from peer_cases import Case, load_cases, load_known

CASES = load_cases()
KNOWN = load_known()


def test_the_cases_are_there() -> None:
    assert len(CASES) == 1223


@pytest.mark.parametrize(
    "case", CASES, ids=lambda c: f"{c.file}:{c.direction}:{c.source_text[:30]}"
)
def test_peer_case(case: Case) -> None:
    got = case.run()
    listed = KNOWN.get((case.file, case.direction, case.source_text, case.expected))
    if listed is None:
        assert case.agrees(got), (
            f"{case.source_text!r} -> {got!r}, the peer expects {case.expected!r}"
        )
    else:
        assert not case.agrees(got), (
            "now agrees with the peer: remove it from known-differences.tsv"
        )
        assert got == listed["yozuv"].replace("\\n", "\n").replace("\\t", "\t")
        assert listed["reason"] and not listed["reason"].startswith("TODO")
