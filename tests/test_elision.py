"""An apostrophe between a small letter and a capital is a foreign elision, not a tutuq."""

from __future__ import annotations

import pytest

from yozuv.api import get_converter


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Kot-d’Ivuar", "Кот-д’Ивуар"),  # CLDR's uz_Latn / uz_Cyrl name of Côte d'Ivoire
        ("d'Artagnan", "д'Артагнан"),
        ("sanʼat", "санъат"),
        ("san’at", "санъат"),
        ("San’at", "Санъат"),
        ("SAN’AT", "САНЪАТ"),
        ("e'lon", "эълон"),
        ("ma'no", "маъно"),
        ("a'LO", "аЪЛО"),
    ],
)
def test_tutuq_or_elision(latin: str, cyrillic: str) -> None:
    assert get_converter("cyrillic", "latin").convert(latin) == cyrillic


def test_the_name_survives_a_round_trip() -> None:
    to_latin = get_converter("latin", "cyrillic")
    to_cyrillic = get_converter("cyrillic", "latin")
    assert to_cyrillic.convert(to_latin.convert("Кот-д’Ивуар")) == "Кот-д’Ивуар"


def test_batch_path_folds_as_the_word_path() -> None:
    words = [f"d'Artagnan{n} san'at{n}" for n in range(200)]
    converter = get_converter("cyrillic", "latin")
    batch = converter.convert(" ".join(words))
    assert batch.split(" ")[:2] == ["д'Артагнан0", "санъат0"]
    assert batch == " ".join(converter.explain(w).text for w in words)
