"""The foreign/Uzbek word decision (yozuv.language) on the cases issue 14 lists, and its data.

Why: Latin -> Cyrillic must keep brands, English words and codes and convert every Uzbek word,
also those that look foreign; these cases are the reported failures and the Uzbek words the
issue names as traps. Held-out figures live in scripts/language_heldout.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from yozuv.language import Language, default_language

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
    "SKU": "all-caps",
    "HDMI": "all-caps",
    "PDF": "all-caps",
    "USB": "all-caps",
    "USB-C": "all-caps",
    "5G": "code",
    "SiO2": "code",
    "BRD-01": "code",
    "Wi-Fi": "letters",
    "Wi-Fi-ga": "letters",
    "Microsoft": "letters",
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
    for name in ("english.txt", "uzbek.txt"):
        lines = (LEXICON / name).read_text(encoding="utf-8").splitlines()
        words = [w for w in lines if not w.startswith("#")]
        assert words == sorted(set(words)), name
        assert all(w == w.lower() and w.strip() == w and w for w in words), name


def test_the_english_list_holds_no_inflected_uzbek_word() -> None:
    english = set((LEXICON / "english.txt").read_text(encoding="utf-8").splitlines())
    assert not {"men", "bor", "kim", "tom", "film", "internet", "student"} & english


def test_data_is_current() -> None:
    """The committed lists are what scripts/build_language.py makes of its sources."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_language.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_quick_conversion_does_not_load_the_lists() -> None:
    code = (
        "import sys, io; from yozuv.cli import entry; sys.stdin = io.TextIOWrapper("
        "io.BytesIO('Салом'.encode())); sys.argv = ['yozuv', '-t', 'latin']\n"
        "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
        "print('yozuv.language' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.strip().endswith("False"), done.stderr
