"""Lexicon lookup (stems + suffix chains), its data files, and the lexicon builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from shared_data import load_script

from yozuv.errors import SchemeError, YozuvError
from yozuv.lexicon import Lexicon, LexiconEntry, read_lexicon_file, read_suffix_file
from yozuv.registry import builtin_schemes

ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = ROOT / "mappings" / "lexicon"
SUFFIXES = LEXICON_DIR / "suffixes.tsv"
HEADER = "latin\tcyrillic\tkind\trule\tdirection\tsource\tbefore_suffix\n"
UZBEK_CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ")
LATIN_LETTERS = set("abcdefghijklmnopqrstuvwxyz\u02bb\u02bc")


def _script(name: str) -> ModuleType:
    return load_script(ROOT / "scripts" / f"{name}.py")


@pytest.fixture(scope="module")
def l2c() -> Lexicon:
    paths = [LEXICON_DIR / "generated.tsv", LEXICON_DIR / "curated.tsv"]
    return Lexicon.load(paths, direction="l2c", suffixes_path=SUFFIXES)


@pytest.fixture(scope="module")
def c2l() -> Lexicon:
    return Lexicon.load([LEXICON_DIR / "c2l.tsv"], direction="c2l", suffixes_path=SUFFIXES)


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    return _script("build_lexicon")


def _write(tmp_path: Path, name: str, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


# -- lookup on the shipped data ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem_length", "output"),
    [
        ("oktabr", 6, "октябрь"),  # base form: 1956 norm with ь
        ("oktabrda", 6, "октябр"),  # before a suffix: the form real text writes
        ("oktabrdan", 6, "октябр"),
        ("oktabrdagi", 6, "октябр"),
        ("korrupsiyaga", 10, "коррупция"),
        ("korrupsiyaning", 10, "коррупция"),
        ("filmlar", 4, "фильм"),  # medial ь stays before a suffix
        ("modellashtirilgan", 5, "модел"),  # verbaliser + voice + verb ending
        ("moʻjizakor", 7, "мўъжиза"),
        ("foyesi", 4, "фойе"),  # -si after a vowel
        ("sirkka", 4, "цирк"),  # -ka only after k
    ],
)
def test_stem_with_suffix_chain(l2c: Lexicon, word: str, stem_length: int, output: str) -> None:
    match = l2c.lookup(word)
    assert match is not None
    assert (match.stem_length, match.output) == (stem_length, output)
    assert match.rule.startswith("L") and match.source


@pytest.mark.parametrize(
    "word",
    [
        "filmoteka",  # stem followed by something that is no suffix chain
        "seksiya",  # does not start with the stem sex at all
        "sexr",
        "mergan",  # mer + ga + n: a voice suffix cannot follow a case ending
        "gersin",  # gers + in: passive -in only follows a verbaliser
        "sirkqa",  # -qa only after q
        "foyei",  # -i only after a consonant
        "rolik",
        "kitob",
    ],
)
def test_no_match_inside_unrelated_words(l2c: Lexicon, word: str) -> None:
    assert l2c.lookup(word) is None


def test_whole_word_entries_match_only_the_whole_word(l2c: Lexicon) -> None:
    hit = l2c.lookup("ilyin")
    assert hit is not None and hit.output == "ильин" and hit.stem_length == 5
    assert l2c.lookup("ilyinlar") is None
    assert l2c.lookup("ser") is not None
    assert l2c.lookup("serlar") is None


@pytest.mark.parametrize(
    ("word", "stem_length", "output"),
    [
        ("fotosyomka", 10, "фотосъёмка"),
        ("aerofotosyomkalar", 14, "аэрофотосъёмка"),  # two prefixes, then a suffix
        ("mikrorayonlarda", 10, "микрорайон"),
        ("teleobyektiv", 12, "телеобъектив"),
    ],
)
def test_loan_prefix_before_a_stem(l2c: Lexicon, word: str, stem_length: int, output: str) -> None:
    match = l2c.lookup(word)
    assert match is not None
    assert (match.stem_length, match.output) == (stem_length, output)


@pytest.mark.parametrize("word", ["fotograf", "telefon", "aeroport", "elektromer", "kinoser"])
def test_prefix_alone_is_no_match(l2c: Lexicon, word: str) -> None:
    assert l2c.lookup(word) is None


def test_c2l_matches_base_and_before_suffix_forms(c2l: Lexicon) -> None:
    for word, length in [("октябрь", 7), ("октябрьда", 7), ("октябрда", 6), ("октябр", 6)]:
        hit = c2l.lookup(word)
        assert hit is not None, word
        assert (hit.stem_length, hit.output, hit.rule) == (length, "oktabr", "C70")
    hit = c2l.lookup("мещанлар")
    assert hit is not None and (hit.output, hit.rule) == ("meshshan", "C71")
    assert c2l.lookup("oktabr") is None  # the c2l table is keyed by Cyrillic


# -- lookup semantics on small fixtures ------------------------------------------------------


def test_longest_stem_wins_and_later_files_override(tmp_path: Path) -> None:
    first = _write(
        tmp_path,
        "a.tsv",
        ["sikl\tцикл\tstem\tL40\tl2c\tfixture\t", "siklon\tциклон\tstem\tL40\tl2c\tfixture\t"],
    )
    second = _write(tmp_path, "b.tsv", ["sikl\tсикл\tstem\tL40\tl2c\toverride\t"])
    lexicon = Lexicon.load([first, second], direction="l2c", suffixes_path=SUFFIXES)
    hit = lexicon.lookup("siklonlar")
    assert hit is not None and (hit.stem_length, hit.output) == (6, "циклон")
    hit = lexicon.lookup("sikllar")
    assert hit is not None and (hit.output, hit.source) == ("сикл", "override")


def test_direction_filter(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "d.tsv",
        ["abc\tабц\tword\tL40\tc2l\tfixture\t", "xyz\tхйз\tword\tL40\tboth\tfixture\t"],
    )
    lexicon = Lexicon.load([path], direction="l2c", suffixes_path=SUFFIXES)
    assert lexicon.lookup("abc") is None
    assert lexicon.lookup("xyz") is not None


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        (["a\tб\tword\tL40\tl2c\tsrc\t"], "latin\tcyrillic\n", "header lacks"),
        (["a\tб\tphrase\tL40\tl2c\tsrc\t"], HEADER, "kind"),
        (["a\tб\tword\tL40\tsideways\tsrc\t"], HEADER, "direction"),
        (["A\tб\tword\tL40\tl2c\tsrc\t"], HEADER, "lower case"),
        (["a\tб\tword\tL40\tl2c\t\t"], HEADER, "source"),
        (["a\tб\tword\tL40\tl2c\tsrc\tб"], HEADER, "before_suffix"),
    ],
)
def test_bad_rows_are_clear_errors(
    tmp_path: Path, rows: list[str], header: str, message: str
) -> None:
    path = _write(tmp_path, "bad.tsv", rows, header)
    with pytest.raises(SchemeError, match=message) as info:
        Lexicon.load([path], direction="l2c", suffixes_path=SUFFIXES)
    assert "bad.tsv" in str(info.value)
    assert isinstance(info.value, YozuvError)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SchemeError, match="cannot read"):
        Lexicon.load([tmp_path / "nope.tsv"], direction="l2c", suffixes_path=SUFFIXES)


# -- the shipped data files ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["names.tsv", "generated.tsv", "loans.tsv", "curated.tsv", "c2l.tsv"]
)
def test_shipped_rows_are_well_formed(name: str) -> None:
    entries = read_lexicon_file(LEXICON_DIR / name)
    assert entries
    keys = set()
    for e in entries:
        assert set(e.latin) <= LATIN_LETTERS, e.latin  # U+02BB / U+02BC, never ASCII '
        # Russian-only щ ы are read (C60, C71 мещан) but never written by the l2c side.
        allowed = UZBEK_CYRILLIC | ({"щ", "ы"} if e.direction == "c2l" else set())
        assert set(e.cyrillic) <= allowed, e.cyrillic
        assert not e.before_suffix or set(e.before_suffix) <= UZBEK_CYRILLIC
        key = (e.latin, e.direction)
        assert key not in keys, f"{name}: {e.latin} twice"
        keys.add(key)


def test_generated_file_is_sorted_and_names_its_source(builder: ModuleType) -> None:
    entries = read_lexicon_file(LEXICON_DIR / "generated.tsv")
    assert [e.latin for e in entries] == sorted(e.latin for e in entries)
    assert all(e.source == builder.SOURCE_NAME and e.direction == "l2c" for e in entries)
    curated = {e.latin for e in read_lexicon_file(LEXICON_DIR / "curated.tsv")}
    assert not curated & {e.latin for e in entries}


def test_suffix_inventory_pairs_scripts() -> None:
    suffixes = read_suffix_file(SUFFIXES)
    cyrillic_vowels = builtin_schemes()["cyrillic-latin"].classes["vowel"]
    assert {"lar", "ning", "dagi", "gacha", "lik", "chi", "mi", "da", "siz"} <= {
        s.latin for s in suffixes
    }
    for s in suffixes:
        if s.klass == "prefix":
            continue
        if s.after == "vowel":  # a vowel-only allomorph never starts with a vowel itself
            assert s.cyrillic[0] not in cyrillic_vowels, s


def test_word_list_source_is_documented() -> None:
    data = ROOT / "scripts" / "data" / "tesseract-uzb-cyrl"
    notice = (data / "NOTICE").read_text(encoding="utf-8")
    assert "Apache License" in notice and "tesseract-ocr-uzb-cyrl" in notice
    assert "Apache License" in (data / "LICENSE").read_text(encoding="utf-8")
    readme = (LEXICON_DIR / "README.md").read_text(encoding="utf-8")
    assert "Apache-2.0" in readme and "build_lexicon.py" in readme


# -- the builder -----------------------------------------------------------------------------


def test_clean_words_drops_noise(builder: ModuleType) -> None:
    lines = ["Объект", "ОБЪЕКТ", "А.Қ", "Аф-ғонистон", "община", "вымпел", "я", "ноябр)да", "шўъба"]
    assert builder.clean_words(lines) == ["объект", "шўъба"]


def test_split_keeps_inflected_forms_together(builder: ModuleType) -> None:
    words = builder.read_word_list(builder.DEFAULT_WORDS)
    build, held = builder.split_words(words)
    assert not set(build) & set(held)
    assert 0.15 < len(held) / len(words) < 0.25
    by_prefix: dict[str, set[bool]] = {}
    for word in words:
        by_prefix.setdefault(word[:6], set()).add(builder.is_held_out(word))
    assert all(len(parts) == 1 for parts in by_prefix.values())


@pytest.mark.parametrize(
    ("real", "produced", "klass"),
    [
        ("цирк", "сирк", "L40"),
        ("объект", "обьект", "L42"),
        ("мўъжиза", "мўжиза", "L46"),
        ("аксия", "акция", "list:с-for-ц"),
        ("адолациз", "адолатсиз", "list:ц-for-тс"),
        ("санъацҳунос", "санъатшунос", "list:ц-for-тс"),
        ("классицизм", "класситсизм", "rule:L20"),
        ("двигател", "двигатель", "list:no-ь"),
        ("сатҳ", "sath", "rule:X03b-passed-through"),
        ("кўл", "кўл", "ok"),
    ],
)
def test_classify(builder: ModuleType, real: str, produced: str, klass: str) -> None:
    assert builder.classify(real, produced) == klass


FIXTURE_WORDS = [
    "шўъба", "шўъбалар", "шўъбаси", "шўъбаларида", "шўъбасига",  # a real L46 stem
    "объект", "объектлар",  # curated already: must not be generated again
    "адолациз", "адолацизлик",  # list noise: ц for t+s
    "китоб", "китоблар", "мактаб",  # rules recover these
    "кўпҳад",  # a lone form
]  # fmt: skip


def test_build_is_deterministic_on_a_fixture(builder: ModuleType) -> None:
    functions = builder.engine_functions()
    words = builder.clean_words(FIXTURE_WORDS)
    held = [w for w in words if builder.is_held_out(w)]
    first, report = builder.build(words, *functions)
    second, _ = builder.build(list(reversed(words)), *functions)
    assert builder.render(first) == builder.render(second)
    assert report.words == len(words) and report.held_out == len(held)
    latin = {e.latin: e for e in first}
    assert "obyekt" not in latin  # the curated file has it
    if "шўъба" not in held:
        assert latin["shoʻba"].cyrillic == "шўъба" and latin["shoʻba"].rule == "L46"
    assert all(not e.latin.startswith("adolat") for e in first)


@pytest.mark.data
def test_committed_generated_file_is_up_to_date(builder: ModuleType) -> None:
    assert builder.main(["--check", "--quiet"]) == 0


# -- through the public API ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("oktabr", "октябрь"),
        ("oktabrda", "октябрда"),
        ("sirk", "цирк"),
        ("konsert", "концерт"),
        ("obyekt", "объект"),
        ("intervyu", "интервью"),
        ("mayonez", "майонез"),
        ("rayon", "район"),
        ("moʻjiza", "мўъжиза"),
        ("mer", "мэр"),
        ("model", "модель"),
        ("foye", "фойе"),
        ("Ilyin", "Ильин"),
        ("korrupsiyaga", "коррупцияга"),
        ("Sentabr", "Сентябрь"),
    ],
)
def test_lexicon_pairs_through_the_engine(latin: str, cyrillic: str) -> None:
    import yozuv

    assert yozuv.transliterate(latin, to="cyrillic", source="latin") == cyrillic


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("сентябрь", "sentabr"),
        ("октябрда", "oktabrda"),
        ("стажёр", "stajor"),
        ("мещан", "meshshan"),
    ],
)
def test_c2l_lexicon_through_the_engine(cyrillic: str, latin: str) -> None:
    import yozuv

    assert yozuv.transliterate(cyrillic, to="latin", source="cyrillic") == latin


# -- the Russian-loan file (scripts/build_loans.py) ------------------------------------------
#
# Until mappings/latin-cyrillic.toml lists lexicon/loans.tsv, these tests load it themselves in
# the order the scheme will use: generated, loans, curated (curated last, so it wins).

SHIPPED_ORDER = [
    LEXICON_DIR / "names.tsv",
    LEXICON_DIR / "generated.tsv",
    LEXICON_DIR / "loans.tsv",
    LEXICON_DIR / "curated.tsv",
]
WITHOUT_LOANS = [LEXICON_DIR / "generated.tsv", LEXICON_DIR / "curated.tsv"]
NATIVE_GUARD = ROOT / "scripts" / "data" / "native-guard.txt"

# Native words a careless loan list would touch (Russian сень, бель, ель, моль, толь, боль,
# даль, голь ... all have these Latin forms), and the loans of curated.tsv next to them.
NATIVE_TRAPS = [
    "sen", "bel", "ol", "ishlar", "kel", "el", "mol", "yol", "tol", "gul", "kul", "bol",
    "dal", "xol", "soʻl", "yel", "kon", "kor", "ost", "pul", "yar", "top", "ust", "sut",
    "bit", "past", "mast", "tish", "tush", "kalit", "chunki", "kesar", "sezar", "olgani",
    "olganida", "maryam", "surma", "amin", "metr", "stol", "test", "banka", "otel",
]  # fmt: skip
INFLECTIONS = ["", "lar", "ga", "da", "dan", "ni", "ning", "i", "si", "imiz", "di", "gan", "ib"]


@pytest.fixture(scope="module")
def loans_builder() -> ModuleType:
    return _script("build_loans")


def _engine_with(paths: list[Path]) -> Callable[[str], str]:
    from yozuv.engine import Engine
    from yozuv.registry import find_chain

    (scheme,) = find_chain("latin", "cyrillic")
    lexicon = Lexicon.load(paths, direction="l2c", suffixes_path=SUFFIXES)
    return Engine(scheme, lexicon=lexicon).convert


@pytest.fixture(scope="module")
def with_loans() -> Callable[[str], str]:
    return _engine_with(SHIPPED_ORDER)


@pytest.fixture(scope="module")
def without_loans() -> Callable[[str], str]:
    return _engine_with(WITHOUT_LOANS)


def _native_guard_words() -> list[str]:
    lines = NATIVE_GUARD.read_text(encoding="utf-8").splitlines()
    return [w for w in (line.split("#", 1)[0].strip() for line in lines) if w]


def _generated_stems(name: str, source: str, *, minimum: int) -> list[LexiconEntry]:
    """The rows of a generated l2c stem file, checked for what every such file holds: more
    than ``minimum`` rows, sorted by key, each naming ``source``."""
    entries = read_lexicon_file(LEXICON_DIR / name)
    assert len(entries) > minimum
    assert [e.latin for e in entries] == sorted(e.latin for e in entries)
    assert all(e.source == source for e in entries)
    assert all(e.kind == "stem" and e.direction == "l2c" for e in entries)
    return entries


def test_loans_file_is_sorted_names_its_sources_and_leaves_curated_alone(
    loans_builder: ModuleType,
) -> None:
    entries = _generated_stems("loans.tsv", loans_builder.SOURCE_NAME, minimum=200)
    assert all(e.rule in {f"L{n}" for n in range(40, 50)} for e in entries)
    others = read_lexicon_file(LEXICON_DIR / "curated.tsv") + read_lexicon_file(
        LEXICON_DIR / "generated.tsv"
    )
    assert not {e.latin for e in entries} & {e.latin for e in others}
    for e in entries:  # final ь drops before a suffix, a medial one stays
        assert e.before_suffix == (e.cyrillic[:-1] if e.cyrillic.endswith("ь") else "")


@pytest.mark.parametrize("stem", NATIVE_TRAPS + _native_guard_words())
def test_loans_never_change_a_native_word(
    stem: str, with_loans: Callable[[str], str], without_loans: Callable[[str], str]
) -> None:
    for suffix in INFLECTIONS:
        word = stem + suffix
        assert with_loans(word) == without_loans(word), word


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("sen", "сен"),  # not сень
        ("bel", "бел"),
        ("kelgan", "келган"),
        ("olganida", "олганида"),  # ol-gan-i-da, not the name Ольга + nida
        ("chunki", "чунки"),  # not чуньки
        ("sex", "цех"),  # the loan: curated, and the loan file does not undo it
        ("sexlar", "цехлар"),
        ("seksiya", "секция"),
        ("mer", "мэр"),
    ],
)
def test_native_words_and_curated_loans_with_the_loan_file(
    latin: str, cyrillic: str, with_loans: Callable[[str], str]
) -> None:
    assert with_loans(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("alfa", "альфа"),
        ("alfadan", "альфадан"),
        ("delta", "дельта"),
        ("impulslar", "импульслар"),  # medial ь stays before a suffix
        ("fakultetida", "факультетида"),
        ("diagonal", "диагональ"),
        ("diagonallar", "диагоналлар"),  # final ь drops before a suffix
        ("sitoplazmada", "цитоплазмада"),
        ("kobalt", "кобальт"),
        ("Shveytsariya", "Швейцария"),  # curated still wins
        ("panel", "панель"),  # curated: same decision as the loan file
        ("panellar", "панеллар"),
        ("vertikal", "вертикаль"),
        ("italyancha", "итальянча"),
    ],
)
def test_loans_through_the_engine(
    latin: str, cyrillic: str, with_loans: Callable[[str], str]
) -> None:
    assert with_loans(latin) == cyrillic


def test_seed_news_keeps_one_differing_token(with_loans: Callable[[str], str]) -> None:
    from shared_data import SEED_CYRILLIC, SEED_LATIN

    got = with_loans(SEED_LATIN).split()
    want = SEED_CYRILLIC.split()
    assert len(got) == len(want)
    assert [w for g, w in zip(got, want, strict=True) if g != w] == ["Шарм-эль-Шайх"]


@pytest.mark.data
def test_committed_loans_file_is_up_to_date(loans_builder: ModuleType) -> None:
    assert loans_builder.main(["--check"]) == 0


# -- the proper-name file (scripts/build_names.py) -------------------------------------------


@pytest.fixture(scope="module")
def names_builder() -> ModuleType:
    return _script("build_names")


def test_names_file_is_sorted_names_its_source_and_leaves_the_other_files_alone(
    names_builder: ModuleType,
) -> None:
    entries = _generated_stems("names.tsv", names_builder.SOURCE_NAME, minimum=100)
    assert all(len(e.latin) >= names_builder.MIN_LATIN for e in entries)
    others = [
        e
        for name in ("curated.tsv", "generated.tsv", "loans.tsv")
        for e in read_lexicon_file(LEXICON_DIR / name)
    ]
    assert not {e.latin for e in entries} & {e.latin for e in others}
    for e in entries:  # final ь drops before a suffix, a medial one stays
        assert e.before_suffix == (e.cyrillic[:-1] if e.cyrillic.endswith("ь") else "")


def test_names_touch_no_held_out_cldr_name(names_builder: ModuleType) -> None:
    """names_roundtrip.py measures CLDR's names as held out: no entry may cover one of their
    words, bare or with a suffix chain, in either script."""
    from yozuv.lexicon import SuffixGrammar, read_suffix_file

    held_out = names_builder.cldr_words()
    assert len(held_out) > 500
    names = [
        names_builder.Name(e.latin, e.cyrillic, e.rule)
        for e in read_lexicon_file(LEXICON_DIR / "names.tsv")
    ]
    is_chain = SuffixGrammar(read_suffix_file(SUFFIXES), "l2c").is_chain
    assert names_builder.overlap(names, held_out, is_chain) == []


def test_name_guards_on_fixtures(names_builder: ModuleType) -> None:
    names = frozenset({"польша", "польшей", "елец", "ельца", "ильич", "ильичом", "тайбэй"})
    assert names_builder.oblique_form("польшей", names)
    assert names_builder.oblique_form("ельца", names)
    assert names_builder.oblique_form("ильичом", names)
    assert not names_builder.oblique_form("тайбэй", names)
    assert not names_builder.oblique_form("елец", names)

    def chain(stem: str, rest: str) -> bool:
        return rest in {"da", "ning", "lar"}

    assert names_builder.other_reading("marya", ["maryam", "maryamning"], chain)
    assert not names_builder.other_reading("vilnyus", ["vilnyusda", "vilnyusm"], chain)


def test_no_name_is_an_english_word(names_builder: ModuleType) -> None:
    """brave (Браве, a Russian surname) is an English word first: in Latin text it is kept
    or converted as the language decision says, not spelt as the name."""
    english = names_builder.english_words()
    assert "brave" in english
    assert not {e.latin for e in read_lexicon_file(LEXICON_DIR / "names.tsv")} & english


@pytest.mark.data
def test_committed_names_file_is_up_to_date(names_builder: ModuleType) -> None:
    assert names_builder.main(["--check"]) == 0


# -- the loan builder's pieces, on fixtures ---------------------------------------------------


@pytest.mark.parametrize(
    ("real", "rules", "klass"),
    [
        ("панель", "панел", "L49"),
        ("фильтр", "филтр", "L41"),
        ("цитрат", "ситрат", "L40"),
        ("мьянма", "мянма", "L43"),
        ("делавэр", "делавер", "L47"),
        ("объект", "обьект", "L42"),
        ("конвейер", "конвеер", "L45"),
    ],
)
def test_loan_class(loans_builder: ModuleType, real: str, rules: str, klass: str) -> None:
    assert loans_builder.loan_class(real, rules) == klass


def _fixture_dictionary(tmp_path: Path) -> tuple[Path, Path]:
    dic = tmp_path / "ru.dic"
    dic.write_text(
        "9\nпанель/N\nсень/F\nбить/LV\nцель/F\nсель/F\nОльга/I\nметр/O\nмэтр/O\nЧПУ\n",
        encoding="utf-8",
    )
    aff = tmp_path / "ru.aff"
    aff.write_text(
        "SET UTF-8\nSFX N Y 1\nSFX N ь и ь\nSFX F Y 1\nSFX F ь и ь\nSFX O Y 1\nSFX O 0 а .\n"
        "SFX I Y 1\nSFX I а и а\nSFX L Y 1\nSFX L ть л ть\nSFX V Y 1\nSFX V ить ьют ить\n",
        encoding="utf-8",
    )
    return dic, aff


def test_dictionary_reading_and_russian_forms(loans_builder: ModuleType, tmp_path: Path) -> None:
    dic, aff = _fixture_dictionary(tmp_path)
    words = loans_builder.read_dictionary(dic)
    assert "чпу" not in {w.text for w in words}  # abbreviations are skipped
    by_text = {w.text: w for w in words}
    assert by_text["ольга"].proper and not by_text["панель"].proper
    assert by_text["панель"].noun_like and not by_text["бить"].noun_like
    forms = loans_builder.RussianForms(words, loans_builder.read_affixes(aff))
    assert "метра" in forms and "панели" in forms and "бил" in forms
    assert "панела" not in forms and "сен" not in forms


UZBEK_FIXTURE = [
    "панел", "панеллар", "панелда",  # a loan in use (the list writes it without ь)
    "сен", "сенга", "сени", "сенинг",  # native "you"
    "сел", "селлар",  # сель / цель: ambiguous even in Russian
    "метр", "метрда",  # метр / мэтр
    "олганида", "олган", "олди", "олиб", "Олга",  # native ol-, and the name
]  # fmt: skip


def test_build_keeps_the_loan_and_rejects_every_trap(
    loans_builder: ModuleType, tmp_path: Path
) -> None:
    dic, aff = _fixture_dictionary(tmp_path)
    words = loans_builder.read_dictionary(dic)
    forms = loans_builder.RussianForms(words, loans_builder.read_affixes(aff))
    to_latin, rules, is_chain = loans_builder.engine_functions()
    build_words = sorted({w.lower() for w in UZBEK_FIXTURE})
    use = loans_builder.uzbek_use(build_words, UZBEK_FIXTURE, to_latin)
    loans, report = loans_builder.build(
        words, forms, use, to_latin, rules, is_chain, frozenset(), frozenset()
    )
    assert [(x.latin, x.cyrillic, x.before_suffix) for x in loans] == [("panel", "панель", "панел")]
    assert report.rejected["short"] >= 2  # sen, sel
    assert report.rejected["rule-output-is-russian-too"] == 1  # metr
    assert report.rejected["native-verb-forms"] == 1  # olga = ol + ga(n)
    again, _ = loans_builder.build(
        list(reversed(words)), forms, use, to_latin, rules, is_chain, frozenset(), frozenset()
    )
    assert loans_builder.render(again) == loans_builder.render(loans)


def test_russian_dictionary_source_is_documented() -> None:
    data = ROOT / "scripts" / "data" / "hunspell-ru"
    notice = (data / "NOTICE").read_text(encoding="utf-8")
    assert "Alexander I. Lebedev" in notice and "hunspell-ru" in notice
    assert "MODIFIED" in notice  # the licence asks that modified versions be marked
    shipped = (LEXICON_DIR / "LICENSE.hunspell-ru").read_text(encoding="utf-8")
    assert "MODIFIED" in shipped and "Alexander I. Lebedev" in shipped
    assert "Redistribution and use" in (data / "LICENSE").read_text(encoding="utf-8")
    source = (data / "SOURCE.txt").read_text(encoding="utf-8")
    assert "package_version=1:7.5.0-1" in source
    readme = (LEXICON_DIR / "README.md").read_text(encoding="utf-8")
    assert "hunspell-ru" in readme and "BSD" in readme and "build_loans.py" in readme


def test_stored_russian_dictionary_matches_its_checksum() -> None:
    import hashlib
    import lzma

    data = ROOT / "scripts" / "data" / "hunspell-ru"
    fields = dict(
        line.split("=", 1)
        for line in (data / "SOURCE.txt").read_text(encoding="utf-8").split("\n")
        if "=" in line
    )
    dic = lzma.decompress((data / "ru_RU.dic.xz").read_bytes())
    assert hashlib.sha256(dic).hexdigest() == fields["sha256_ru_RU.dic"]
    aff = (data / "ru_RU.aff").read_bytes()
    assert hashlib.sha256(aff).hexdigest() == fields["sha256_ru_RU.aff"]
