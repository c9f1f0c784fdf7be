"""Latin -> Cyrillic keeps foreign words by their context (issue 14, item 2).

Why: a newsroom expects the English words, product names and acronyms of a Latin text to
come through a conversion as written, and every Uzbek word around them converted. Word by
word, an English list also keeps Uzbek loans it has not seen (Argon, Dominant), so an
English word is kept only next to a word that is foreign beyond doubt (a brand, a mixed-case
name, a code, a word with letters Uzbek Latin never uses); an acronym only when it is a
listed international one or stands next to such a word; an Uzbek abbreviation never.
These sentences are written for the tests; the held-out measure is
``scripts/foreign_tokens.py`` on ``tests/data/foreign-tokens.tsv``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import yozuv
from yozuv.api import Converter


@pytest.fixture(scope="module")
def l2c() -> Converter:
    return yozuv.get_converter("cyrillic", source="latin")


def convert(conv: Converter, text: str) -> str:
    return conv.convert(text)


# -- English words next to a kept foreign word ------------------------------------------------

NEXT_TO_FOREIGN = [
    # lower case, next to a word with w
    ("Kanal good news deb nomlanadi.", "Канал good news деб номланади."),
    ("Ekranda welcome back yozuvi chiqadi.", "Экранда welcome back ёзуви чиқади."),
    # capitalised, across a number, after a mixed-case name
    ("Bozorga iPad 10 Air keltirildi.", "Бозорга iPad 10 Air келтирилди."),
    # a capitalised unknown word after a mixed-case name joins it (a model's name)
    ("Doʻkonda iPad Pro sotilmoqda.", "Дўконда iPad Pro сотилмоқда."),
    # between two kept words an English word stays even if Uzbek lists have it bare
]

ALONE_OR_UZBEK = [
    # an English word alone in an Uzbek sentence converts
    ("U menga hello dedi.", "У менга ҳелло деди."),
    # a lower-case English word the Uzbek lists know (super, demo) converts next to a name
    ("Windows super tezkor ishlaydi.", "Windows супер тезкор ишлайди."),
    # a sentence-start word the Uzbek lists know does not join the name after it
    ("Demo Windows versiyasi chiqdi.", "Демо Windows версияси чиқди."),
    ("Bugun Microsoft yangi ofis ochdi.", "Бугун Microsoft янги офис очди."),
    # an Uzbek word with a suffix stays Uzbek next to a name
    ("Toshkentda Zoom orqali dars.", "Тошкентда Zoom орқали дарс."),
    # a lower-case English word goes with words in small letters, not with a name
    ("Yangi brilliant Windows chiqdi.", "Янги бриллиант Windows чиқди."),
    # English words the Uzbek lists have too stay Uzbek between kept words (ammo: but)
    ("OpenAI ammo Microsoft", "OpenAI аммо Microsoft"),
    # a name continues to the right of a brand, not to its left
    ("Bugun Kubok OpenAI uchun", "Бугун Кубок OpenAI учун"),
    # after a plain brand a capitalised word is as often Uzbek
    ("Payme Savdo xizmati", "Payme Савдо хизмати"),
    # capitals beside a name are more likely an Uzbek abbreviation the list lacks
    ("Instagram FVV xabari", "Instagram ФВВ хабари"),
    ("YOYIQ ChatGPT", "ЁЙИҚ ChatGPT"),
    # a Roman numeral is kept, but holds no neighbour; IIV is an abbreviation, no numeral
    ("XXI Olimpiada", "XXI Олимпиада"),
    ("IIV xabari", "ИИВ хабари"),
]


@pytest.mark.parametrize(("text", "expected"), NEXT_TO_FOREIGN)
def test_an_english_word_next_to_a_kept_foreign_word_is_kept(
    l2c: Converter, text: str, expected: str
) -> None:
    assert convert(l2c, text) == expected


@pytest.mark.parametrize(("text", "expected"), ALONE_OR_UZBEK)
def test_an_english_word_alone_or_an_uzbek_word_converts(
    l2c: Converter, text: str, expected: str
) -> None:
    assert convert(l2c, text) == expected


def test_a_sentence_start_english_word_joins_the_foreign_name_after_it(l2c: Converter) -> None:
    text = "Open Society Foundations vakili keldi.\nXabar: Open Society Foundations."
    # Society has c: the name is kept; Open, at the start of a line and of a sentence too.
    assert convert(l2c, text) == (
        "Open Society Foundations вакили келди.\nХабар: Open Society Foundations."
    )


# -- hyphenated words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Walkie-Talkie aloqasi", "Walkie-Talkie алоқаси"),
        # a suffix after the hyphen stays with the kept word, as Googlega stays whole
        ("Wi-Fi-dan uzildik", "Wi-Fi-dan узилдик"),
        ("Wi-Fi-lar soni", "Wi-Fi-lar сони"),
        # an Uzbek word after the hyphen converts
        ("Wi-Fi-tarmoq ishlaydi", "Wi-Fi-тармоқ ишлайди"),
        ("Web-sahifa ochildi", "Web-саҳифа очилди"),
        # no foreign part: an Uzbek compound
        ("ilmiy-texnik kengash", "илмий-техник кенгаш"),
    ],
)
def test_a_foreign_part_keeps_the_foreign_parts_of_a_hyphenated_word(
    l2c: Converter, text: str, expected: str
) -> None:
    assert convert(l2c, text) == expected


# -- capitals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # listed international acronyms stay wherever they stand
        ("Telefonda GPS yoqilgan.", "Телефонда GPS ёқилган."),
        ("Hisobot JPEG shaklida.", "Ҳисобот JPEG шаклида."),
        ("Sahifa HTML tilida.", "Саҳифа HTML тилида."),
        # with a suffix, as the brands keep theirs
        ("Faylni PDFga aylantiring.", "Файлни PDFga айлантиринг."),
        # an unlisted acronym next to a kept one stays too
        ("Shnur USB-C, MHL ulagichli.", "Шнур USB-C, MHL улагичли."),
    ],
)
def test_international_acronyms_stay(l2c: Converter, text: str, expected: str) -> None:
    assert convert(l2c, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BMT va AQSH vakillari", "БМТ ва АҚШ вакиллари"),
        ("BMTning qarori", "БМТнинг қарори"),
        ("MChJ va AQSh", "МЧЖ ва АҚШ"),
        ("YaIM oʻsdi", "ЯИМ ўсди"),
        ("TD rahbari", "ТД раҳбари"),
        # an Uzbek abbreviation next to a kept word is still Uzbek
        ("BMT Google bilan", "БМТ Google билан"),
        # a headline in capitals, also with an acronym in it
        ("TOSHKENT SHAHRIDA YANGI PARK", "ТОШКЕНТ ШАҲРИДА ЯНГИ ПАРК"),
        ("USB NARX OSHDI", "USB НАРХ ОШДИ"),
        # an unknown short run of capitals alone is read as Uzbek
        ("QON topshirish kuni", "ҚОН топшириш куни"),
    ],
)
def test_uzbek_abbreviations_and_capitals_convert(l2c: Converter, text: str, expected: str) -> None:
    assert convert(l2c, text) == expected


# -- Uzbek words that look foreign ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fathulla va Abulfath keldi.", "Фатҳулла ва Абулфатҳ келди."),
        ("Fathiddinov kitobi", "Фатҳиддинов китоби"),
        ("Sathiy bilim", "Сатҳий билим"),
        # English and foreign names with th stay
        ("Python va Smith", "Python ва Smith"),
        ("fathom oʻlchovi", "fathom ўлчови"),
    ],
)
def test_a_th_inside_an_uzbek_stem_is_uzbek(l2c: Converter, text: str, expected: str) -> None:
    assert convert(l2c, text) == expected


# -- explain shows the decision ------------------------------------------------------------------


def test_explain_gives_the_reason_of_a_word_kept_by_its_neighbours(l2c: Converter) -> None:
    decisions = l2c.explain("Kanal good news deb").decisions
    good = [d for d in decisions if d.source == "good"]
    assert len(good) == 1
    assert good[0].rule == "X03b" and good[0].output == "good" and good[0].ambiguous
    assert "english" in good[0].note and "news" in good[0].note


def test_explain_gives_the_reason_of_an_acronym(l2c: Converter) -> None:
    (pdf,) = [d for d in l2c.explain("hujjat PDF shaklida").decisions if d.source == "PDF"]
    assert pdf.rule == "X03b" and pdf.output == "PDF" and "acronym" in pdf.note


def test_explain_tells_why_a_th_word_converts(l2c: Converter) -> None:
    decisions = l2c.explain("Abulfath").decisions
    assert "".join(d.output for d in decisions if d.rule != "X03b") == "абулфатҳ"
    (native,) = [d for d in decisions if d.rule == "X03b"]
    assert "fath" in native.note and native.output == "Абулфатҳ"


# -- the engine's promises hold with the context decisions ---------------------------------------

POOL = [
    "hello",
    "world",
    "good",
    "news",
    "iPad",
    "10",
    "Air",
    "Pro",
    "Open",
    "Society",
    "Google",
    "PDF",
    "GPS",
    "MHL",
    "BMT",
    "Wi-Fi-ga",
    "Walkie-Talkie",
    "Fathulla",
    "super",
    "va",
    "Toshkent",
    "kitob",
    "Demo",
    "shahar",
]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", " - ", ";", "/", ":"]
texts = st.lists(st.tuples(st.sampled_from(POOL), st.sampled_from(SEPARATORS)), max_size=12).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)


@given(text=texts)
def test_context_decisions_keep_the_engine_promises(text: str) -> None:
    conv = yozuv.get_converter("cyrillic", source="latin")
    converted = conv.convert(text)
    assert conv.explain(text).text == converted
    lines = text.splitlines(keepends=True)
    assert "".join(conv.convert(line) for line in lines) == converted
    assert conv.convert_many([text, text[:5]]) == [converted, conv.convert(text[:5])]
    assert conv.convert(converted) == converted
