"""The manual page says what ``--help`` says: it is generated, and must be regenerated."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_manpage


def test_the_committed_manual_page_is_current() -> None:
    assert make_manpage.main(["--check"]) == 0, "run: python scripts/make_manpage.py"


def test_the_page_holds_every_command_and_option() -> None:
    page = make_manpage.manpage()
    for needle in (".SS convert", ".SS preview", ".SS detect", "--no-pager", "--force", "-i.bak"):
        assert needle in page, needle
