"""Test data several test files use: the seed document and the SPEC §9 pairs; and the
one way tests import a script of scripts/ or bench/ (folders of scripts, not packages).

The seed is read from the repo's own copy in examples/ (identical to ../shared/seed/), so the
tests do not depend on what lies beside the checkout.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yozuv import Converter
    from yozuv.formats import Format

ROOT = Path(__file__).resolve().parents[1]
SEED_CYRILLIC = (ROOT / "examples" / "news.cyrl.txt").read_text(encoding="utf-8")
SEED_LATIN = (ROOT / "examples" / "news.latn.txt").read_text(encoding="utf-8")


def spec_rows() -> list[dict[str, str]]:
    """SPEC §9 test pairs (tests/data/spec_pairs.tsv): id, cyrillic, latin, dir, rule, section.

    In section 9.7 the two columns hold Latin 1995 and Latin 2026.
    """
    with (ROOT / "tests" / "data" / "spec_pairs.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def latin2026_pairs() -> list[tuple[str, str]]:
    """SPEC §9.7 as (Latin 1995, Latin 2026) pairs."""
    return [(r["cyrillic"], r["latin"]) for r in spec_rows() if r["section"] == "9.7"]


def assert_golden(produced: str, golden: Path) -> None:
    """Compare with a golden file byte for byte; YOZUV_UPDATE_GOLDEN=1 rewrites it first."""
    import os

    if os.environ.get("YOZUV_UPDATE_GOLDEN") == "1":
        golden.write_bytes(produced.encode("utf-8"))
    assert produced == golden.read_bytes().decode("utf-8")


def convert_format(
    fmt: Format, text: str, converter: Converter | None = None, target: str = "latin"
) -> str:
    """Run a text format with the real converter, or with str.upper as a visible stand-in
    that shows exactly which parts reach the converter."""
    function = converter.convert if converter else str.upper
    return fmt.convert_text(text, function, target=target, source="cyrillic")


def user_scheme(
    folder: Path, body: str, *, extends: str = "cyrillic-latin", name: str = "house"
) -> Path:
    """Write a small user scheme: ``[meta]`` with ``extends``, then ``body``."""
    path = folder / f"{name}.toml"
    path.write_text(f'[meta]\nid = "{name}"\nextends = "{extends}"\n\n{body}', encoding="utf-8")
    return path


def load_script(path: Path) -> ModuleType:
    """Import a script by its path (scripts/ and bench/ are not packages), registered in
    ``sys.modules`` under a private name, since NamedTuple and dataclasses look their module
    up there."""
    spec = importlib.util.spec_from_file_location(f"_yozuv_script_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
