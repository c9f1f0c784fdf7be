"""The measuring scripts count what they say (issue 14 item 7): names and hidden letters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import foreign_tokens
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


DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("name", "kept_at_least", "keep_total", "converted_at_least", "convert_total"),
    [
        # (scripts/foreign_tokens.py, 2026-12-05) the first set, curated from issue 14 …
        ("foreign-tokens.tsv", 31, 31, 57, 57),
        # … a second written later and looked at (its misses led to list additions) …
        ("foreign-tokens-fresh.tsv", 42, 48, 128, 129),
        # … a third, written before any change it could have led to …
        ("foreign-tokens-untouched.tsv", 23, 28, 62, 62),
        # … a fourth, written before a rule that was tried on it and dropped …
        ("foreign-tokens-blind.tsv", 15, 22, 64, 65),
        # … and a fifth, written before the Simple Icons brand list was looked at
        ("foreign-tokens-brandlist.tsv", 30, 36, 113, 113),
    ],
)
def test_foreign_token_sets_do_not_regress(
    name: str, kept_at_least: int, keep_total: int, converted_at_least: int, convert_total: int
) -> None:
    """What Latin -> Cyrillic keeps and converts in held-out sentences may only get better;
    the misses the figures leave are the work still open on issue 14."""
    kept, keeps, converted, converts = foreign_tokens.measure(DATA / name)
    assert (keeps, converts) == (keep_total, convert_total)
    assert kept >= kept_at_least
    assert converted >= converted_at_least
