"""Engine properties: pass-through, idempotence, chunk safety, case, explanations, errors."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import user_scheme

import yozuv
from yozuv.errors import OptionError, SchemeError, UnknownSchemeError

SEED = Path(__file__).resolve().parents[1] / "examples" / "news.cyrl.txt"
C2L = yozuv.get_converter("latin", "cyrillic")
L2C = yozuv.get_converter("cyrillic", "latin")

CYRILLIC_WORDS = [
    "Ўзбекистон",
    "ЦЕХ",
    "цирк",
    "объект",
    "Шаҳар",
    "сентябрда",
    "маъно",
    "ер",
    "лицей",
]
LATIN_WORDS = ["Oʻzbekiston", "SEX", "ketsa", "sanʼat", "Shahar", "oktabrda", "poyezd", "o'g'il"]
SEPARATORS = [" ", "  ", "\n", "\r\n", ", ", "-", "\t", " «", "» ", "5-", ". "]


def test_latin_text_passes_cyrillic_to_latin_unchanged() -> None:
    latin = SEED.with_name("news.latn.txt").read_text(encoding="utf-8")
    assert C2L.convert(latin) == latin


def test_cyrillic_output_is_a_fixed_point() -> None:
    """Converting the output a second time changes nothing (the Latin has no Cyrillic left)."""
    once = C2L.convert(SEED.read_text(encoding="utf-8"))
    assert C2L.convert(once) == once
    assert not any("\u0400" <= ch <= "\u04ff" for ch in once.replace("Тошкент", ""))


def test_latin_parts_of_a_cyrillic_text_survive() -> None:
    text = "Open Contracting Partnership ва my.gov.uz, info@gov.uz, @yozuv ҳамда https://t.me/Канал"
    assert C2L.convert(text) == (
        "Open Contracting Partnership va my.gov.uz, info@gov.uz, @yozuv hamda https://t.me/Канал"
    )


def test_code_in_backticks_is_protected() -> None:
    assert L2C.convert("`const sh = 'ch'` shahar") == "`const sh = 'ch'` шаҳар"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Biz o`zbek tilida so`zlashamiz", "Биз ўзбек тилида сўзлашамиз"),
        ("ma`no va ta`lim, bog` va tog`", "маъно ва таълим, боғ ва тоғ"),
        ("so`z `ls -la` bor", "сўз `ls -la` бор"),
        ("`ls -la` buyrug`i", "`ls -la` буйруғи"),
    ],
)
def test_backticks_inside_words_are_apostrophes_not_code(text: str, expected: str) -> None:
    """A backtick typed for the apostrophe (o`zbek) opens or closes no code span: a span opens
    only after a non-letter and closes only where no letter follows (issue 14 item 5)."""
    assert L2C.convert(text) == expected
    if "`ls" not in text:  # the Latin 2026 table reads the same apostrophes the same way
        to_2026 = yozuv.get_converter("latin2026", "latin")
        assert to_2026.convert(text) == to_2026.convert(text.replace("`", "'"))


def test_user_protect_pattern() -> None:
    conv = yozuv.get_converter("cyrillic", "latin", protect=[r"Yozuv\w*"])
    assert conv.convert("Yozuvchi yozuvchi") == "Yozuvchi ёзувчи"


@pytest.mark.parametrize(
    ("converter", "words"), [(C2L, CYRILLIC_WORDS), (L2C, LATIN_WORDS)], ids=["c2l", "l2c"]
)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_chunked_conversion_equals_whole(
    converter: yozuv.Converter, words: list[str], data: st.DataObject
) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(words + SEPARATORS), max_size=30)))
    lines = text.splitlines(keepends=True)
    assert "".join(converter.convert(line) for line in lines) == converter.convert(text)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("cyrillic", "latin"),
        ("latin", "cyrillic"),
        ("latin", "latin2026"),
        ("latin2026", "cyrillic"),
        ("cyrillic", "latin2026"),
    ],
)
@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_converts_without_error_and_keeps_digits(
    source: str, target: str, text: str
) -> None:
    out = yozuv.get_converter(target, source).convert(text)
    assert [ch for ch in out if ch.isdigit()] == [ch for ch in text if ch.isdigit()]


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Ш", "Sh"),
        ("Ш.", "Sh."),
        ("ЧОЙ", "CHOY"),
        ("Чой", "Choy"),
        ("МЧЖ", "MCHJ"),
        ("ЎҒИЛ", "OʻGʻIL"),
    ],
)
def test_case_shapes(cyrillic: str, latin: str) -> None:
    assert C2L.convert(cyrillic) == latin


def test_latin_case_is_restored_to_cyrillic() -> None:
    assert L2C.convert("A'LO A'lo YOʻL Yoʻl") == "АЪЛО Аъло ЙЎЛ Йўл"


def test_explain_reports_rules_and_positions() -> None:
    result = C2L.explain("цирк лицей")
    assert result.text == "sirk litsey"
    by_rule = {d.rule: d for d in result.decisions}
    assert by_rule["C20"].start == 0 and by_rule["C20"].output == "s"
    assert by_rule["C24"].start == 7 and by_rule["C24"].source == "ц"


def test_explain_flags_defaults_as_ambiguous() -> None:
    guesses = L2C.ambiguous("pyesa koʻrsatkich prezident dispersiya")
    assert {d.source: d.rule for d in guesses} == {
        "ye": "L14.ye-sign",  # pyesa: ье by default, ъе possible
        "dispersiya": "L4x.possible-loan",  # -rsiya: с or ц, no lexicon entry
    }


def test_unknown_script_is_a_clear_error() -> None:
    with pytest.raises(UnknownSchemeError, match="klingon"):
        yozuv.transliterate("салом", to="klingon")


def test_bad_options_are_option_errors_not_unknown_schemes() -> None:
    with pytest.raises(OptionError, match="protect pattern") as bad_regex:
        yozuv.get_converter("latin", "cyrillic", protect=["(unclosed"])
    assert not isinstance(bad_regex.value, UnknownSchemeError)
    with pytest.raises(OptionError, match="apostrophe style 'curly'") as bad_style:
        yozuv.get_converter("cyrillic", "latin", apostrophe="curly")
    assert not isinstance(bad_style.value, UnknownSchemeError)


def test_scheme_typo_names_file_and_key(tmp_path: Path) -> None:
    bad = user_scheme(tmp_path, '[[rules]]\nid = "H1"\nmatch = "ц"\noutput = "c"\nprevv = "^"\n')
    with pytest.raises(
        SchemeError, match=r"house\.toml: rules\[0\]\.prevv: unknown key \(did you mean 'prev'\?\)"
    ):
        yozuv.load_scheme(bad)


def test_user_scheme_overrides_only_what_it_names(tmp_path: Path) -> None:
    house = user_scheme(tmp_path, '[case]\nabbreviation_digraphs = "title"\n')
    text = "МЧЖ ва АҚШ, ШАҲАР ЧОЙ"
    assert (
        yozuv.transliterate(text, to="latin", source="cyrillic", scheme=house)
        == "MChJ va AQSh, SHAHAR CHOY"
    )
    seed = SEED.read_text(encoding="utf-8")
    assert yozuv.transliterate(seed, to="latin", source="cyrillic", scheme=house) == C2L.convert(
        seed
    )


def test_apostrophe_styles() -> None:
    assert yozuv.transliterate("ўғил маъно", to="latin", apostrophe="ascii") == "o'g'il ma'no"
    assert yozuv.transliterate("ўғил маъно", to="latin", apostrophe="typographic") == "o‘g‘il ma’no"
    with pytest.raises(OptionError):
        yozuv.transliterate("ўғил", to="latin", apostrophe="fancy")


def test_auto_detects_the_source() -> None:
    assert yozuv.transliterate("Ўзбекистон", to="latin") == "Oʻzbekiston"
    assert yozuv.transliterate("Oʻzbekiston", to="cyrillic") == "Ўзбекистон"
    assert yozuv.transliterate("Oʻzbekiston", to="latin") == "Oʻzbekiston"


def test_caches_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from yozuv import engine

    monkeypatch.setattr(engine, "CACHE_LIMIT", 50)
    conv = engine.Engine(C2L.engines[0].scheme)
    text = " ".join(f"сўз{i}" for i in range(500))
    assert conv.convert(text) == C2L.convert(text)
    # two generations of at most CACHE_LIMIT entries each
    assert len(conv._chunks) <= 100 and len(conv._words) <= 100


def test_frequent_words_survive_a_memo_turnover() -> None:
    from yozuv.memo import Memo

    computed: list[str] = []

    def compute(keys: Collection[str]) -> dict[str, str]:
        computed.extend(keys)
        return {k: k.upper() for k in keys}

    memo = Memo(compute, limit=10)
    for i in range(100):  # "frequent" comes back with every batch of rare words
        assert memo.values(["frequent", f"rare{i}", f"rare{i}b"]) == [
            "FREQUENT",
            f"RARE{i}",
            f"RARE{i}B",
        ]
    assert computed.count("frequent") == 1
    assert len(memo) <= 20


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Toshkent Windows shahri", "Тошкент Windows шаҳри"),
        ("Toshkentda Windows", "Тошкентда Windows"),
        ("va Open Contracting Partnership tashkiloti", "ва Open Contracting Partnership ташкилоти"),
        ("Zürich va Toshkent", "Zürich ва Тошкент"),
        ("McDonald's", "McDonald's"),
        ("<b>Toshkent</b> — poytaxt", "<b>Тошкент</b> — пойтахт"),
        (
            '<a href="https://x.uz" title="x">shahar</a>',
            '<a href="https://x.uz" title="x">шаҳар</a>',
        ),
        ("shahar&nbsp;va&#160;qishloq", "шаҳар&nbsp;ва&#160;қишлоқ"),
    ],
)
def test_foreign_words_names_and_markup_survive(latin: str, cyrillic: str) -> None:
    assert L2C.convert(latin) == cyrillic


@pytest.mark.parametrize(
    "address",
    [
        "file:///some/file/path/filename.pdf",
        "mailto:e+_mail.me@sub.domain.com",
        "ssh://git@github.com/u/r.git",
        "tel:+998712000000",
        "www.gov.uz/uz/news",
    ],
)
def test_addresses_of_any_scheme_are_copied(address: str) -> None:
    text = f"(manzil: {address}), shahar"
    assert L2C.convert(text) == f"(манзил: {address}), шаҳар"


def test_a_user_rule_with_a_known_id_overrides_only_its_keys(tmp_path: Path) -> None:
    scheme = user_scheme(tmp_path, '[[rules]]\nid = "C20"\noutput = "c"\n', name="c-style")
    got = yozuv.transliterate("цирк лицей цех", to="latin", source="cyrillic", scheme=scheme)
    assert got == "cirk litsey cex"  # C20 (word start) changed; C24 (after a vowel) kept


def test_optional_rule_is_off_until_a_scheme_enables_it() -> None:
    izofa = Path(__file__).resolve().parents[1] / "examples" / "scheme-izofa.toml"
    assert C2L.convert("нуқтаи назар") == "nuqtai nazar"
    on = yozuv.get_converter("latin", "cyrillic", scheme=izofa)
    assert on.convert("нуқтаи назар") == "nuqtayi nazar"
    assert [d.rule for d in on.ambiguous("нуқтаи назар")] == ["C72.izofa"]


def test_a_lexicon_entry_outranks_the_foreign_word_guard() -> None:
    """Native words with t+h or p+h (sath 'surface') are not foreign when the lexicon knows them."""
    assert L2C.convert("Photoshop") == "Photoshop"
    assert L2C.convert("Sathi koʻphadli") == "Сатҳи кўпҳадли"


def test_guesses_of_cyrillic_to_latin_are_reported() -> None:
    rules = [d.rule for d in C2L.ambiguous("Тошкeнт бюрократ сентябрь тамаъ")]
    assert rules == ["X01.mixed-script", "C70.iotated-after-consonant", "C33.final-ayn"]


def test_preview_marks_lexicon_and_ambiguous_words_with_the_real_engine() -> None:
    from yozuv.cli.preview import build_preview
    from yozuv.documents import Recorded

    text = "Sentabrda konsert va pyesa, dispersiya."
    explained = L2C.explain(text)
    piece = Recorded(text, explained.text, explained.decisions)
    preview = build_preview(text, explained.text, [piece])
    (line,) = preview.lines
    assert line.output == L2C.convert(text)
    assert [line.output[m.start : m.end] for m in line.output_marks] == [
        "Сентябрда",
        "концерт",
        "пьеса",
        "дисперсия",
    ]
    marked = {line.source[m.start : m.end]: m.kind for m in line.source_marks}
    assert marked == {
        "Sentabrda": "lexicon",
        "konsert": "lexicon",
        "pyesa": "ambiguous",
        "dispersiya": "ambiguous",
    }


def test_a_user_protect_pattern_may_contain_an_at_sign() -> None:
    conv = yozuv.get_converter("latin", "cyrillic", protect=[r"\w+@gmail\.com"])
    assert conv.convert("салом ali@gmail.com") == "salom ali@gmail.com"
