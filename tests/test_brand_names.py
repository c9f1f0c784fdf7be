"""Brand names from the Simple Icons list (``mappings/lexicon/brands-simple-icons.tsv``):
kept by Latin -> Cyrillic as written, a name of several words only when its words stand
together, a name that is an English word too only with a capital."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import load_script

import yozuv

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def to_cyrillic() -> yozuv.Converter:
    return yozuv.get_converter("cyrillic", "latin")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Biz Turkish Airlines reysida uchdik.", "Turkish Airlines"),
        ("Turkish Airlinesda ishlaydi.", "Turkish Airlinesda"),
        ("Biz Turkish Airlines'da uchdik.", "Turkish Airlines'da"),
        ("TURKISH AIRLINES REYSI", "TURKISH AIRLINES"),
        ("Yangi Burger King restorani ochildi.", "Burger King"),
        ("Sahifa Google Chrome brauzerida ochildi.", "Google Chrome"),
        ("Dastur Eagle muharririda chizildi.", "Eagle"),
        ("Zavod Rolls-Royce dvigatellarini taʼmirlaydi.", "Rolls-Royce"),
    ],
)
def test_a_listed_brand_is_kept(to_cyrillic: yozuv.Converter, text: str, kept: str) -> None:
    assert kept in to_cyrillic.convert(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The words of a listed name apart, or in small letters, are ordinary words.
        ("Burger yedik.", "Бургер едик."),
        ("turkish airlines reysi", "туркиш аирлинес рейси"),
        # Eagle is an English word too: only the capitalised name is the brand.
        ("eagle", "эагле"),
    ],
)
def test_parts_of_a_name_or_a_small_letter_word_convert(
    to_cyrillic: yozuv.Converter, text: str, expected: str
) -> None:
    assert to_cyrillic.convert(text) == expected


def test_explain_reports_the_phrase_as_a_brand(to_cyrillic: yozuv.Converter) -> None:
    explained = to_cyrillic.explain("Biz Turkish Airlines reysida uchdik.")
    assert explained.text == to_cyrillic.convert("Biz Turkish Airlines reysida uchdik.")
    notes = " ".join(str(decision) for decision in explained.decisions)
    assert "brand" in notes


def test_the_list_is_what_the_builder_makes_of_its_source() -> None:
    builder = load_script(ROOT / "scripts" / "build_brands.py")
    assert builder.main(["--check"]) == 0, "run: python scripts/build_brands.py"


def test_the_batch_path_agrees_with_the_word_path_on_every_listed_name(
    to_cyrillic: yozuv.Converter,
) -> None:
    """The batch pass sends a word to the exact path only when it may hold a listed brand
    (as the whole word, its stem or a part): every listed name, in several shapes, comes
    out of both paths the same."""
    listed = ROOT / "mappings" / "lexicon" / "brands-simple-icons.tsv"
    rows = [line.split("\t")[0] for line in listed.read_text(encoding="utf-8").splitlines()]
    names = {word for row in rows[5:] for word in row.split(" ")}
    words = sorted(
        {
            shaped
            for name in names
            for form in (name, name.lower(), name.upper())
            for shaped in (form, form + "da", form + "'s", form + "-ga", "x" + form, "Wi-" + form)
        }
    )
    engine = to_cyrillic.engines[0]
    batch = engine.fast.convert_many(words)
    differ = [w for w in words if batch[w] != engine.words.convert(w)[0]]
    assert differ == []
