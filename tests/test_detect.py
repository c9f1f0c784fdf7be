"""Script detection on real text: the seed news item, SPEC §9.7 pairs and damaged variants."""

from __future__ import annotations

import json
import re

import pytest
from shared_data import SEED_CYRILLIC, SEED_LATIN, latin2026_pairs

from yozuv.detect import MAX_MIXED_WORDS, SAMPLE_CHARS, Detection, detect, guess_script

CYRILLIC, LATIN = SEED_CYRILLIC, SEED_LATIN

# SPEC §9.7: (1995 Latin, 2026 Latin) pairs whose two sides differ.
SPEC_PAIRS = [(old, new) for old, new in latin2026_pairs() if old != new]

_TO_2026 = {
    "oʻ": "ö",
    "Oʻ": "Ö",
    "gʻ": "ğ",
    "Gʻ": "Ğ",
    "sh": "ş",
    "Sh": "Ş",
    "SH": "Ş",
    "ch": "ç",
    "Ch": "Ç",
    "CH": "Ç",
}


def to_2026(text: str, keep: tuple[str, ...] = ()) -> str:
    """A test-side 1995 -> 2026 rewrite (SPEC §6 N01-N04) that leaves the words in ``keep``."""

    def word(match: re.Match[str]) -> str:
        if match.group() in keep:
            return match.group()
        return re.sub("|".join(_TO_2026), lambda m: _TO_2026[m.group()], match.group())

    return re.sub(r"[\wʻʼ]+", word, text)


def test_seed_cyrillic_is_cyrillic_and_clean() -> None:
    found = detect(CYRILLIC)
    assert found.script == "cyrillic"
    assert found.suggested_to == "latin"
    # The item quotes Latin names and web addresses (Open Contracting, data.gov.uz).
    assert 0.9 < found.shares["cyrillic"] < 1.0
    assert found.shares["latin"] > 0.0
    assert found.mixed_words == []
    assert not found.mixed_latin
    assert found.warnings == []


def test_seed_latin_is_1995_latin() -> None:
    found = detect(LATIN)
    assert found.script == "latin"
    assert found.suggested_to == "cyrillic"
    assert found.shares["latin"] > 0.99
    assert found.shares["latin2026"] == 0.0
    assert not found.mixed_latin
    assert found.warnings == []


def test_seed_in_2026_latin_with_a_foreign_name_is_not_mixed() -> None:
    text = to_2026(LATIN, keep=("Partnership",))
    assert "Partnership" in text and "Özbekiston" in text
    found = detect(text)
    assert found.script == "latin2026"
    assert found.suggested_to == "cyrillic"
    assert found.shares["latin2026"] > 0.95
    assert not found.mixed_latin


def test_text_mixing_1995_and_2026_latin_is_reported() -> None:
    lines = LATIN.splitlines()
    text = "\n".join(lines[:3] + [to_2026(line) for line in lines[3:]])
    found = detect(text)
    assert found.mixed_latin
    assert 0.2 < found.shares["latin"] < 0.8
    assert 0.2 < found.shares["latin2026"] < 0.8
    assert any(w.startswith("mixed Latin") for w in found.warnings)


def test_one_old_word_in_2026_text_is_mixed() -> None:
    found = detect(to_2026(LATIN) + " Oʻzbekiston")
    assert found.script == "latin2026"
    assert found.mixed_latin


@pytest.mark.parametrize(("old", "new"), SPEC_PAIRS)
def test_spec_pairs_are_told_apart(old: str, new: str) -> None:
    assert guess_script(old) == "latin"
    assert guess_script(new) == "latin2026"
    assert detect(old).script == "latin"
    assert detect(new).script == "latin2026"


@pytest.mark.parametrize("sign", ["ʻ", "'", "‘", "’", "`", "´", "ʹ", "′", "＇"])
def test_any_apostrophe_variant_marks_1995_latin(sign: str) -> None:
    text = f"O{sign}zbekiston bog{sign} to{sign}g{sign}ri"
    found = detect(text)
    assert found.script == "latin"
    assert found.shares["latin"] == 1.0


def test_tutuq_alone_marks_neither_latin() -> None:
    found = detect("sanʼat maʼruza")
    assert found.script == "latin"  # the default Latin when nothing tells them apart
    assert found.confidence < 0.75


def test_decomposed_and_romanian_letters_count_as_2026() -> None:
    decomposed = "s\u0327ahar c\u0327oy o\u0308zbek"
    assert guess_script(decomposed) == "latin2026"
    romanian = detect("șahar Șahar")
    assert romanian.script == "latin2026"
    assert any("Romanian" in w for w in romanian.warnings)


def test_empty_and_letterless_text_is_unknown() -> None:
    for text in ("", "   \n", "2020 — 2030, 160 %"):
        assert guess_script(text) == "unknown"
        found = detect(text)
        assert found.script == "unknown"
        assert found.shares == {"cyrillic": 0.0, "latin": 0.0, "latin2026": 0.0, "other": 0.0}
        assert found.suggested_to == "latin"


def test_other_script_dominant_is_unknown() -> None:
    found = detect("Καλημέρα κόσμε, ελληνικά γράμματα")
    assert found.script == "unknown"
    assert found.shares["other"] == 1.0


def test_homoglyph_words_are_listed() -> None:
    # Latin a and o typed into Cyrillic words (a common scraping/OCR defect).
    text = CYRILLIC.replace("шаҳрида", "шаҳpида").replace("Тадбирда", "Тaдбирдa")
    found = detect(text)
    assert found.script == "cyrillic"
    assert found.mixed_words == ["шаҳpида", "Тaдбирдa"]
    assert found.mixed_word_count == CYRILLIC.count("шаҳрида") + CYRILLIC.count("Тадбирда")
    assert any("mix Cyrillic and Latin" in w for w in found.warnings)


def test_mixed_words_are_capped_but_all_counted() -> None:
    words = [f"сaлом{'x' * i}" for i in range(MAX_MIXED_WORDS + 5)]
    found = detect(" ".join(words))
    assert len(found.mixed_words) == MAX_MIXED_WORDS
    assert found.mixed_word_count == MAX_MIXED_WORDS + 5


def test_legacy_font_letters_warn() -> None:
    # ќ for ҳ and њ for ў, as in the old cp1251 font reproductions (STANDARDS §5.7).
    text = CYRILLIC.replace("ҳ", "ќ").replace("ў", "њ")
    found = detect(text)
    assert found.script == "cyrillic"
    assert any(w.startswith("legacy font letters") for w in found.warnings)


def test_mojibake_cyrillic_warns_and_shows_the_repair() -> None:
    garbled = CYRILLIC.encode("utf-8").decode("cp1251", errors="replace")
    found = detect(garbled)
    messages = [w for w in found.warnings if w.startswith("mojibake")]
    assert messages
    assert "repair the file first" in messages[0] or "re-read" in messages[0]


def test_mojibake_latin_warns() -> None:
    garbled_1252 = "Oʻzbekiston Özbekiston".encode().decode("cp1252", errors="replace")
    assert any("cp1252" in w for w in detect(garbled_1252).warnings)
    garbled_1251 = "oʻzbek sanʼat".encode().decode("cp1251")
    assert any("К»" in w for w in detect(garbled_1251).warnings)


def test_real_quotes_after_capitals_are_not_mojibake() -> None:
    found = detect("«ИНСТИТУТ» ва «БАНК» ҳақида")
    assert not any(w.startswith("mojibake") for w in found.warnings)


def test_cyrillic_without_uzbek_letters_warns_only_when_long() -> None:
    flattened = CYRILLIC.translate(str.maketrans("ўқғҳЎҚҒҲ", "укгхУКГХ"))
    assert any(w.startswith("no ў қ ғ ҳ") for w in detect(flattened).warnings)
    short = "Учрашув якунида иштирокчилар саволларга жавоб олишди."
    assert not any(w.startswith("no ў қ ғ ҳ") for w in detect(short).warnings)


def test_turkish_i_warns() -> None:
    found = detect("OLİB BORİLADİ, qılındı")
    assert found.script == "latin"
    assert any("X01.turkish-i" in w for w in found.warnings)


def test_earlier_draft_letters_warn() -> None:
    found = detect("Ōzbekiston ḡalaba")
    assert found.script == "latin2026"  # the latin2026 table reads the 2021 draft letters
    assert any("earlier draft" in w for w in found.warnings)


def test_english_is_latin_with_low_confidence_and_a_warning() -> None:
    english = (
        "The meeting was held in Egypt under the United Nations Convention against "
        "Corruption. Experts from many countries discussed digital government, open data "
        "and public procurement reforms that make corruption harder to hide. " * 3
    )
    found = detect(english)
    assert found.script == "latin"
    assert found.confidence < detect(LATIN).confidence
    assert any("may not be Uzbek" in w for w in found.warnings)


def test_guess_script_reads_only_the_first_64_kb() -> None:
    latin_head = (LATIN + "\n") * (SAMPLE_CHARS // len(LATIN) + 1)
    text = latin_head + (CYRILLIC + "\n") * 100
    assert len(latin_head) >= SAMPLE_CHARS
    assert guess_script(text) == "latin"
    assert detect(text).script == "cyrillic"


@pytest.mark.parametrize("text", [CYRILLIC, LATIN, to_2026(LATIN), "Салом, дунё!", "ok"])
def test_guess_script_agrees_with_detect(text: str) -> None:
    assert guess_script(text) == detect(text).script


def test_shares_sum_to_one_and_json_round_trips() -> None:
    text = CYRILLIC + LATIN + to_2026(LATIN) + "Καλημέρα"
    found = detect(text)
    assert sum(found.shares.values()) == pytest.approx(1.0)
    assert all(found.shares[name] > 0 for name in ("cyrillic", "latin", "latin2026", "other"))
    data = json.loads(json.dumps(found.to_json(), ensure_ascii=False))
    assert data["script"] == found.script
    assert data["shares"].keys() == found.shares.keys()
    assert data["mixed_latin"] is found.mixed_latin
    assert data["warnings"] == found.warnings


def test_detection_is_frozen() -> None:
    found = detect(LATIN)
    assert isinstance(found, Detection)
    with pytest.raises(AttributeError):
        found.script = "cyrillic"  # type: ignore[misc]


def test_package_level_detect_is_callable_after_submodule_import() -> None:
    # Importing the submodule must not replace the public function yozuv.detect(text).
    import importlib

    import yozuv

    importlib.import_module("yozuv.detect")
    assert callable(yozuv.detect)
    assert yozuv.detect(LATIN).script == "latin"


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "cp1251", "koi8-r"])
def test_mojibake_is_judged_as_what_it_reads_repaired(codec: str) -> None:
    """Issue 12: ``Ð¡Ð°Ð»Ð¾Ð¼`` (Салом read as cp1252) was called Latin, suggested -t cyrillic."""
    from yozuv.detect import repair_mojibake

    original = "Салом дунё, яхши кун. Тошкент шаҳри."
    try:
        garbled = original.encode().decode(codec)
    except UnicodeDecodeError:
        pytest.skip(f"{codec} cannot show these bytes")
    found = detect(garbled)
    assert found.script == "cyrillic" and found.suggested_to == "latin"
    assert found.warnings[0].startswith("mojibake: the whole text is UTF-8 read as")
    assert "iconv -f UTF-8 -t" in found.warnings[0]
    repair = repair_mojibake(garbled)
    assert repair is not None and repair.text == original


def test_real_text_is_not_mojibake() -> None:
    from yozuv.detect import repair_mojibake

    for text in ("Салом дунё", "Oʻzbekiston Respublikasi", "Özbekiston", "ÉCOLE café"):
        assert repair_mojibake(text) is None, text
