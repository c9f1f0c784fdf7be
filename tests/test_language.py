"""The foreign/Uzbek word decision (yozuv.language) on the cases issue 14 lists, and its data.

Why: Latin -> Cyrillic must keep brands, English words and codes and convert every Uzbek word,
also those that look foreign; these cases are the reported failures and the Uzbek words the
issue names as traps. Held-out figures live in scripts/language_heldout.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from shared_data import load_script

from yozuv.language import Language, default_language
from yozuv.tokens import ContextWord

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "mappings" / "lexicon"

KEPT = {
    "Google": "brand",
    "Yandex": "brand",
    "Mercedes-Benz": "brand",
    "hello": "english",
    "world": "english",
    "Open": "english",
    "Partnership": "english",
    "YouTube": "mixed-case",
    "iPhone": "mixed-case",
    "WhatsApp": "mixed-case",
    "McDonald's": "mixed-case",
    "SKU": "acronym",
    "HDMI": "acronym",
    "PDF": "acronym",
    "PDFga": "acronym",
    "USB": "acronym",
    "USB-C": "acronym",
    "MHL": "all-caps",
    "5G": "code",
    "SiO2": "code",
    "BRD-01": "code",
    "Wi-Fi": "letters",
    "Wi-Fi-ga": "letters",
    "Microsoft": "letters",
    # a suffix chain or an English possessive set off by an apostrophe, as typed
    "Google's": "brand",
    "Google'da": "brand",
    "Google’da": "brand",
    "Zoom'ga": "brand",
    "PDF'ni": "acronym",
    "USB`dan": "acronym",
}
CONVERTED = [
    # Uzbek abbreviations, in both Latin capital styles
    *("AQSh", "AQSH", "MChJ", "MCHJ", "BMT", "OʻzR", "O'zR", "YuNESKO", "SSSR", "ToshDU"),
    *("BMTning", "AQShda"),
    # Uzbek names and words that look foreign
    *("Fathiddin", "Fatʼhiddin", "Abulfath", "Fathiy", "Shohruh", "Chorvoq", "Toshkent"),
    # English words that are Uzbek words too, and their forms
    *("men", "menga", "sen", "bor", "kim", "olma", "tom", "film", "filmlar", "internet"),
    # a headline in capitals
    *("TOSHKENT", "YANGILIKLAR", "VA"),
    # the tutuq before what could read as a suffix chain or an English word
    *("vaʼda", "va'da", "sunʼiy", "sun'iy", "feʼlining", "fe'lining", "maʼno", "Isʼhoq"),
]


@pytest.fixture(scope="module")
def language() -> Language:
    return default_language()


@pytest.mark.parametrize(("token", "reason"), sorted(KEPT.items()))
def test_foreign_tokens_are_kept_with_their_reason(
    language: Language, token: str, reason: str
) -> None:
    assert language.classify(token) == reason


@pytest.mark.parametrize("token", CONVERTED)
def test_uzbek_tokens_convert(language: Language, token: str) -> None:
    assert language.classify(token) is None


def test_a_capitalised_word_joins_a_foreign_name_but_not_an_uzbek_one(
    language: Language,
) -> None:
    words = ["Doʻkonda", "iPhone", "15", "Pro", "Max", "sotuvga", "chiqdi"]
    decided = [language.classify_in_context(words, i) for i in range(len(words))]
    assert decided == [None, "mixed-case", None, "foreign-name", "english", None, None]
    words = ["Toshkent", "Windows", "shahri"]
    assert language.classify_in_context(words, 0) is None


def test_suffixes_on_uzbek_forms_are_not_english(language: Language) -> None:
    """An Uzbek form + a suffix chain stays Uzbek in every case style."""
    for stem in ("men", "kitob", "film"):
        for suffix in ("", "ga", "lar", "ning", "dan", "imiz"):
            word = stem + suffix
            for form in (word, word.capitalize()):
                assert language.classify(form) is None, form


def test_list_files_are_sorted_unique_lower_case() -> None:
    for name in ("english.txt", "uzbek.txt", "uzbek-marked.txt"):
        lines = (LEXICON / name).read_text(encoding="utf-8").splitlines()
        words = [w for w in lines if not w.startswith("#")]
        assert words == sorted(set(words)), name
        assert all(w == w.lower() and w.strip() == w and w for w in words), name


def test_the_english_list_holds_no_inflected_uzbek_word() -> None:
    english = set((LEXICON / "english.txt").read_text(encoding="utf-8").splitlines())
    assert not {"men", "bor", "kim", "tom", "film", "internet", "student"} & english


def test_no_acronym_is_an_uzbek_abbreviation_or_word(language: Language) -> None:
    """The acronyms kept where they stand never include an Uzbek abbreviation (BMT, NATO as
    the Cyrillic list writes НАТО) or an Uzbek word in capitals, nor two-letter capitals."""
    assert language.acronyms
    assert not language.acronyms & language.abbreviations
    assert not any(language.is_uzbek(a.lower()) for a in language.acronyms)
    assert all(len(a) >= 3 and a.isupper() and a.isascii() for a in language.acronyms)
    for uzbek in ("BMT", "AQSH", "NATO", "DVD", "TD", "YAIM"):
        assert not language.acronym(uzbek), uzbek


def test_brands_list_has_no_header_word(language: Language) -> None:
    assert "name" not in language.brands and "latin" not in language.acronyms


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("Fathiddin", "fath"),
        ("Abulfath", "fath"),
        ("Fathiy", "fath"),
        ("FATHULLA", "fath"),
        ("koʻphadlar", "koʻphad"),
        ("Sathiy", "sath"),
        ("fathom", None),  # an English word
        ("Python", None),
        ("Fathcity", None),  # the c lies outside the stem
        ("Thomas", None),
    ],
)
def test_a_foreign_mark_inside_an_uzbek_stem(language: Language, word: str, stem: str) -> None:
    marks = re.compile(r"c(?!h)|w|th|ph", re.IGNORECASE)
    assert language.native_stem(word, marks) == stem


def words_of(text: str) -> list[ContextWord]:
    """A line cut at spaces, commas, hyphens and full stops, as ForeignContext cuts it;
    ``*`` after a word marks it kept by the converter."""
    found: list[ContextWord] = []
    for m in re.finditer(r"(^|, |-|\. | )([^ ,.-]+)", text):
        sep, word = m.groups()
        link = {"": "", ", ": "comma", "-": "hyphen", " ": "space", ". ": ""}[sep]
        start = not found or sep == ". "
        found.append(ContextWord(word.rstrip("*"), word.endswith("*"), link, start))
    return found


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Bozorga iPhone* 15 Pro Max keldi",
            [None, None, None, "foreign-name", "english", None],
        ),
        ("Open Contracting* Partnership*", ["english", None, None]),
        ("Demo Windows* chiqdi", [None, None, None]),
        ("hello world* deb", ["english", None, None]),
        ("hello dedi", [None, None]),
        ("super Windows* tezkor", [None, None, None]),
        ("Microsoft* and Google*", [None, None, None]),
        ("USB* va PDF va BMT", [None, None, "acronym", None, None]),
        ("USB*-C*, MHL, BMT", [None, None, "all-caps", None]),
        ("USB-C*, BMT", ["acronym", None, None]),
        ("Wi*-Fi-ga", [None, "compound", "compound"]),
        ("Wi*-Fi-tarmoq", [None, "compound", None]),
        ("Web*-sahifa", [None, None]),
        ("Walkie*-Talkie", [None, "compound"]),
        ("iPad* Lumia. Lumia iPad*", [None, "foreign-name", None, None]),
        ("Nokia* Lumia", [None, None]),
    ],
)
def test_in_context(language: Language, line: str, expected: list[str | None]) -> None:
    decided = language.in_context(words_of(line))
    assert [d.reason if d is not None else None for d in decided] == expected


def test_data_is_current() -> None:
    """The committed lists are what scripts/build_language.py makes of its sources."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_language.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.data
def test_uzbek_list_holds_no_word_the_round_trip_measure_holds_out() -> None:
    """uzbek.txt is built from the same part of the Cyrillic list as the lexicon: no Latin
    form of a word the round-trip measure holds out (split on the Cyrillic form) is in it,
    so the word knowledge cannot lean on the measure's answers."""
    builder = load_script(ROOT / "scripts" / "build_lexicon.py")
    import yozuv

    to_latin = yozuv.get_converter("latin", source="cyrillic").convert
    words = builder.read_word_list(builder.DEFAULT_WORDS)
    held = {to_latin(word) for word in words if builder.is_held_out(word)}
    build = {to_latin(word) for word in words if not builder.is_held_out(word)}
    lines = (LEXICON / "uzbek.txt").read_text(encoding="utf-8").splitlines()
    shipped = {line for line in lines if line and not line.startswith("#")}
    assert len(held) > 10_000 and len(shipped) > 40_000
    assert not (held - build) & shipped


def test_quick_conversion_does_not_load_the_lists() -> None:
    code = (
        "import sys, io; from yozuv.cli import entry; sys.stdin = io.TextIOWrapper("
        "io.BytesIO('Салом'.encode())); sys.argv = ['yozuv', '-t', 'latin']\n"
        "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
        "print('yozuv.language' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.strip().endswith("False"), done.stderr


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Dokonda iPhone 15 Pro Max sotilmoqda", ["Pro", "Max"]),
        ("Galaxy S24 Ultra keldi", ["Ultra"]),
        ("Pro darajadagi mutaxassis", []),  # a sentence start: not a model's name
    ],
)
def test_product_line_words_continue_a_model_name(
    language: Language, line: str, kept: list[str]
) -> None:
    """Pro and Max stay after a model's name even though the Uzbek list holds про and мах."""
    words = line.split()
    found = [w for at, w in enumerate(words) if language.classify_in_context(words, at)]
    assert [w for w in found if w in ("Pro", "Max", "Ultra")] == kept


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Biz Google'da ishlaymiz.", "Биз Google'da ишлаймиз."),
        ("Faylni PDF'ni yuklang.", "Файлни PDF'ni юкланг."),
        ("vaʼdasi va sunʼiy feʼlining maʼnosi.", "ваъдаси ва сунъий феълининг маъноси."),
    ],
)
def test_a_set_off_suffix_keeps_the_brand_and_the_tutuq_stays_a_tutuq(
    latin: str, cyrillic: str
) -> None:
    """Google'da became Гооглеъда: the apostrophe was read as a tutuq inside one word."""
    import yozuv

    assert yozuv.get_converter("cyrillic", source="latin").convert(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Wi-Fi'dan foydalaning.", "Wi-Fi'dan фойдаланинг."),
        ("Wi-Fi’ga ulaning.", "Wi-Fi’ga уланинг."),
        ("Wi-Fi-dan foydalaning.", "Wi-Fi-dan фойдаланинг."),
        ("Obroʻ-eʼtibor'ga ega.", None),  # an Uzbek compound is never kept
    ],
)
def test_a_set_off_suffix_on_the_last_part_of_a_kept_compound(
    latin: str, cyrillic: str | None
) -> None:
    """Wi-Fi'dan became Wi-Фиъдан: the last part was read as the word Fi'dan."""
    import yozuv

    out = yozuv.get_converter("cyrillic", source="latin").convert(latin)
    if cyrillic is None:
        assert not any(c.isascii() and c.isalpha() for c in out)
    else:
        assert out == cyrillic
