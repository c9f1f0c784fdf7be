"""``yozuv -i`` killed with SIGKILL at random moments loses no file (issue 11).

``scripts/kill_in_place.py --kills 50`` is the full run; CI runs a few rounds (marked
``kills``, the slow CI step). A kill may leave a temporary file; the next run names it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import kill_in_place

pytestmark = [
    pytest.mark.kills,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]


def test_killed_in_place_runs_leave_every_file_old_or_new(tmp_path: Path) -> None:
    rng = random.Random(7)
    latin = kill_in_place.converted_line()
    for number in range(6):
        folder = tmp_path / str(number)
        folder.mkdir()
        damaged, converted, _left = kill_in_place.one_round(rng, folder, latin)
        assert damaged == 0
        assert 0 <= converted <= kill_in_place.FILES
