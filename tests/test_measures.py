"""The measuring scripts count what they say (issue 14 item 7): names and hidden letters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import names_roundtrip
import roundtrip


def test_hidden_letters_are_the_ones_latin_does_not_show() -> None:
    hidden = ["цирк", "октябрь", "объект", "ёз", "юлдуз", "янги", "поэзия"]
    shown = ["салом", "эски", "ўзбек", "қишлоқ", "ғалаба"]
    assert all(map(roundtrip.hides_letters, hidden))
    assert not any(map(roundtrip.hides_letters, shown))


def test_soft_sign_differences_count_for_either_norm() -> None:
    words = ["апрель", "цирк", "салом"]
    latin = {"апрель": "aprel", "цирк": "sirk", "салом": "salom"}
    back = {"aprel": "апрел", "sirk": "сирк", "salom": "салом"}
    m = roundtrip.measure("t", words, latin.__getitem__, back.__getitem__)
    assert (m.recovered, m.soft_sign_only) == (1, 1)
    assert (m.hidden_total, m.hidden_right) == (2, 1)


def test_names_measure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.tsv"
    names.write_text(
        "kind\tcode\tcyrillic\tlatin\n"
        "territory\tAD\tАндорра\tAndorra\n"
        "territory\tUZ\tЎзбекистон\tOʻzbekiston\n"
        "territory\tBE\tБельгия\tBelgiya\n"
        "territory\tBA\tБосния ва Герцеговина\tBosniya va Gertsegovina\n",
        encoding="utf-8",
    )
    assert names_roundtrip.main(["--names", str(names), "--failures", "5"]) == 0
    out = capsys.readouterr().out
    assert "round trip     3/4 right" in out  # Герцеговина -> Gersegovina -> Герсеговина
    assert "Gersegovina" in out
    assert "left in Latin  0/4" in out


def test_lexicon_sizes_read_only_lexicon_files(tmp_path: Path) -> None:
    """Other TSV files share the folder (brands, abbreviations): they are no lexicon and are
    skipped, not read as one (which crashed at the end of every run)."""
    (tmp_path / "brands.tsv").write_text("name\tsource\nGoogle\tcurated\n", encoding="utf-8")
    (tmp_path / "suffixes.tsv").write_text("latin\tcyrillic\tclass\tafter\tnote\n", "utf-8")
    (tmp_path / "a.tsv").write_text(
        "latin\tcyrillic\tkind\trule\tdirection\tsource\tbefore_suffix\n"
        "sirk\tцирк\tstem\tL40\tl2c\tcurated\t\n",
        encoding="utf-8",
    )
    assert roundtrip.lexicon_sizes(tmp_path) == {"a.tsv": {"L40": 1}}
