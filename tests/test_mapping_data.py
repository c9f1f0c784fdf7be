"""Letter facts live in ``mappings/``: the engine, tokeniser, lexicon and detector follow the
mapping files, so a user scheme that changes a fact changes the behaviour (issue 10 item 4)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import yozuv
from yozuv.errors import SchemeError
from yozuv.registry import builtin_schemes, load_scheme

ROOT = Path(__file__).resolve().parents[1]


def write_scheme(tmp_path: Path, body: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# -- apostrophes: which letters take the turned comma ------------------------------------------


def test_every_builtin_table_with_apostrophes_names_its_turned_letters() -> None:
    for scheme in builtin_schemes().values():
        alt = scheme.alternates
        if alt.apostrophes:
            assert (alt.turned_after, alt.turned_at_end) == ("og", "g"), scheme.id
        else:
            assert (alt.turned_after, alt.turned_at_end) == ("", ""), scheme.id


def test_a_user_scheme_inherits_the_turned_letters(tmp_path: Path) -> None:
    path = write_scheme(tmp_path, '[meta]\nid = "mine"\nextends = "latin-cyrillic"\n')
    alt = load_scheme(path).alternates
    assert (alt.turned_after, alt.turned_at_end) == ("og", "g")


def test_a_user_scheme_with_other_turned_letters_folds_by_them(tmp_path: Path) -> None:
    # Only o takes the turned comma, and it may end a word; after g an apostrophe between
    # letters is the tutuq (ъ), and at the end of a word it is a quotation mark.
    path = write_scheme(
        tmp_path,
        '[meta]\nid = "mine"\nextends = "latin-cyrillic"\n\n'
        '[alternates]\nturned_after = "o"\nturned_at_end = "o"\n',
    )
    convert = yozuv.get_converter("cyrillic", "latin", scheme=path).convert
    assert convert("o'g'il") == "ўгъил"
    assert convert("bog'") == "бог'"
    assert convert("so'") == "сў"
    assert convert("SO'Z") == "СЎЗ"
    # The built-in table: gʻ is a letter, also at the end; oʻ at the end is a quotation mark.
    builtin = yozuv.get_converter("cyrillic", "latin").convert
    assert builtin("o'g'il bog' so'") == "ўғил боғ со'"


def test_without_turned_letters_every_inner_apostrophe_is_the_tutuq(tmp_path: Path) -> None:
    path = write_scheme(
        tmp_path,
        '[meta]\nid = "mine"\nextends = "latin-cyrillic"\n\n'
        '[alternates]\nturned_after = ""\nturned_at_end = ""\n',
    )
    convert = yozuv.get_converter("cyrillic", "latin", scheme=path).convert
    assert convert("o'g'il bog'") == "оъгъил бог'"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('turned_after = "oG"', "alternates.turned_after: 'G': only lower-case letters"),
        ('turned_after = "o\'"', 'alternates.turned_after: "\'": only lower-case letters'),
        ('turned_after = "oo"', "alternates.turned_after: a letter is listed twice"),
        ('turned_after = "o"\nturned_at_end = "g"', "alternates.turned_at_end: 'g' must also"),
        ("turned_after = 3", "alternates.turned_after: must be a string"),
    ],
)
def test_bad_turned_letters_are_errors(tmp_path: Path, body: str, message: str) -> None:
    path = write_scheme(
        tmp_path, f'[meta]\nid = "mine"\nextends = "latin-cyrillic"\n\n[alternates]\n{body}\n'
    )
    with pytest.raises(SchemeError, match="mine.toml: " + message.replace("(", r"\(")):
        load_scheme(path)


# -- rule ids of the words copied or repaired ---------------------------------------------------


def test_builtin_tables_name_the_pass_through_rules() -> None:
    for scheme in builtin_schemes().values():
        if scheme.protect.foreign:
            assert scheme.protect.foreign_rule == "X03b", scheme.id
        if scheme.protect.roman_numerals:
            assert scheme.protect.roman_numerals_rule == "X03a", scheme.id
        if scheme.alternates.confusables:
            assert scheme.alternates.confusables_rule == "X01.mixed-script", scheme.id


def test_explain_names_the_rules_the_mapping_file_gives(tmp_path: Path) -> None:
    path = write_scheme(
        tmp_path,
        '[meta]\nid = "mine"\nextends = "latin-cyrillic"\n\n'
        '[protect]\nforeign_rule = "F1"\nroman_numerals_rule = "R1"\n\n'
        '[alternates]\nconfusables_rule = "M1"\n',
    )
    converter = yozuv.get_converter("cyrillic", "latin", scheme=path)
    decisions = converter.explain("Shakespeare XXI asrda tоshkent").decisions  # о: Cyrillic
    found = {(d.rule, d.source) for d in decisions}
    assert ("F1", "Shakespeare") in found
    assert ("R1", "XXI") in found
    assert ("M1", "tоshkent") in found
    builtin = yozuv.get_converter("cyrillic", "latin").explain("Shakespeare XXI tоshkent")
    rules = {d.rule for d in builtin.decisions}
    assert {"X03b", "X03a", "X01.mixed-script"} <= rules


@pytest.mark.parametrize(
    "body",
    ['[protect]\nforeign_rule = ""', "[alternates]\nconfusables_rule = 1"],
)
def test_a_rule_id_is_a_non_empty_string(tmp_path: Path, body: str) -> None:
    path = write_scheme(tmp_path, f'[meta]\nid = "mine"\nextends = "latin-cyrillic"\n\n{body}\n')
    with pytest.raises(SchemeError, match=r"mine\.toml: (protect\.foreign_rule|alternates\.conf)"):
        load_scheme(path)


def test_the_two_pass_through_rules_differ(tmp_path: Path) -> None:
    path = write_scheme(
        tmp_path,
        '[meta]\nid = "mine"\nextends = "latin-cyrillic"\n\n'
        '[protect]\nroman_numerals_rule = "X03b"\n',
    )
    with pytest.raises(SchemeError, match=r"protect\.roman_numerals_rule: must differ"):
        load_scheme(path)


# -- the lexicon's vowels, signs and suffix conditions ------------------------------------------

SUFFIXES = ROOT / "mappings" / "lexicon" / "suffixes.tsv"
SUFFIX_HEADER = "latin\tcyrillic\tclass\tafter\tnote\n"


def test_the_suffix_grammar_takes_its_vowels_from_the_scheme() -> None:
    from yozuv.lexicon import SuffixGrammar, read_suffix_file

    suffixes = read_suffix_file(SUFFIXES)
    latin = builtin_schemes()["latin-cyrillic"]
    grammar = SuffixGrammar(suffixes, "l2c", vowels=latin.classes["vowel"])
    assert grammar.is_chain("si", "ta")  # possessive -si after a vowel
    assert grammar.is_chain("si", "oʻ")  # oʻ is a vowel: the class says so
    assert not grammar.is_chain("si", "at")
    # A scheme whose vowel class lacks oʻ reads oʻ as a consonant (the final ʻ).
    fewer = SuffixGrammar(suffixes, "l2c", vowels=("a", "e", "i", "o", "u"))
    assert not fewer.is_chain("si", "oʻ")
    assert fewer.is_chain("i", "oʻ")
    # Signs are skipped before a Cyrillic suffix: ь is not the letter the suffix follows.
    cyrillic = builtin_schemes()["cyrillic-latin"]
    c2l = SuffixGrammar(suffixes, "c2l", vowels=cyrillic.classes["vowel"], signs="ъь")
    assert c2l.is_chain("си", "оь")
    no_signs = SuffixGrammar(suffixes, "c2l", vowels=cyrillic.classes["vowel"], signs="")
    assert not no_signs.is_chain("си", "оь")


def test_a_suffix_condition_is_any_letter_of_the_scheme(tmp_path: Path) -> None:
    from yozuv.lexicon import SuffixGrammar, read_suffix_file

    path = tmp_path / "suffixes.tsv"
    path.write_text(SUFFIX_HEADER + "xa\tха\tnoun\tx\tdative after x (made up)\n", "utf-8")
    letters = frozenset("abcdefghijklmnopqrstuvwxyz")
    (suffix,) = read_suffix_file(path, letters=letters)
    assert suffix.after == "x"
    grammar = SuffixGrammar([suffix], "l2c", vowels=("a",))
    assert grammar.is_chain("xa", "tax") and not grammar.is_chain("xa", "tay")
    path.write_text(SUFFIX_HEADER + "xa\tха\tnoun\tж\tnot a letter of the scheme\n", "utf-8")
    with pytest.raises(SchemeError, match=r"suffixes\.tsv: line 2: after 'ж'"):
        read_suffix_file(path, letters=letters)
    path.write_text(SUFFIX_HEADER + "xa\tха\tnoun\txy\ttwo letters\n", "utf-8")
    with pytest.raises(SchemeError, match=r"suffixes\.tsv: line 2: after 'xy'"):
        read_suffix_file(path, letters=letters)


def test_load_lexicon_passes_the_scheme_letters(tmp_path: Path) -> None:
    # A user scheme whose vowel class is empty: no vowel-only allomorph can follow a stem.
    lexicon = tmp_path / "words.tsv"
    lexicon.write_text(
        "latin\tcyrillic\tkind\trule\tdirection\tsource\tbefore_suffix\n"
        "kino\tкино\tstem\tL00\tl2c\ttest\t\n",
        encoding="utf-8",
    )
    plain = write_scheme(
        tmp_path,
        '[meta]\nid = "plain"\nextends = "latin-cyrillic"\n\n[lexicon]\nfiles = ["words.tsv"]\n',
        "plain.toml",
    )
    odd = write_scheme(
        tmp_path,
        '[meta]\nid = "odd"\nextends = "latin-cyrillic"\n\n[classes]\nvowel = ["x"]\n\n'
        '[lexicon]\nfiles = ["words.tsv"]\n',
        "odd.toml",
    )
    from yozuv.lexicon import load_lexicon

    plain_lexicon = load_lexicon(load_scheme(plain))
    odd_lexicon = load_lexicon(load_scheme(odd))
    assert plain_lexicon is not None and odd_lexicon is not None
    assert plain_lexicon.lookup("kinosi") is not None
    assert odd_lexicon.lookup("kinosi") is None


def test_a_lexicon_needs_a_vowel_class(tmp_path: Path) -> None:
    from yozuv.lexicon import load_lexicon

    scheme = builtin_schemes()["latin-cyrillic"]
    classes = {k: v for k, v in scheme.classes.items() if k != "vowel"}
    with pytest.raises(SchemeError, match=r"classes\.vowel: the lexicon's suffix grammar"):
        load_lexicon(scheme._replace(classes=classes))


# -- the detector and the one word pattern --------------------------------------------------------


def test_the_shared_word_pattern_is_built_from_every_tables_apostrophes() -> None:
    from yozuv.wordsplit import builtin_apostrophes, text_word_regex, word_pattern

    facts = builtin_apostrophes()
    for scheme in builtin_schemes().values():
        alt = scheme.alternates
        assert set(alt.apostrophes) <= set(facts.variants)
        assert set(alt.turned_after) <= set(facts.turned_after)
        assert set(alt.turned_at_end) <= set(facts.turned_at_end)
    assert text_word_regex().pattern == word_pattern(facts)


def test_detect_and_preview_cut_words_alike() -> None:
    from yozuv.cli.preview import _words
    from yozuv.wordsplit import text_word_regex

    text = "bog' tog´ o'g'il, obro'-e'tibor 'salom' Ўзбекистон sanʹat 2026-yil"
    spans = _words(text)
    assert spans == [m.span() for m in text_word_regex().finditer(text)]
    assert [text[a:b] for a, b in spans] == [
        "bog'", "tog´", "o'g'il", "obro'", "e'tibor", "salom", "Ўзбекистон", "sanʹat", "yil",
    ]  # fmt: skip


def test_the_detector_reads_its_markers_from_the_mapping_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from yozuv.scheme import Rule

    detect_module = importlib.import_module("yozuv.detect")  # yozuv.detect is the function

    schemes = builtin_schemes()
    old_to_new, new_to_old = schemes["latin-latin2026"], schemes["latin2026-latin"]
    builtin = detect_module.latin_marks(old_to_new, new_to_old)
    assert builtin.mark_1995.findall("Oʻgʻil o'g`il SHahar choy sʼh") == [
        "Oʻ", "gʻ", "o'", "g`", "SH", "ch",
    ]  # fmt: skip
    assert "".join(builtin.mark_2026.findall("öÖğĞşŞçÇșȘōŌŏŎḡḠǧǦ ţ s")) == "öÖğĞşŞçÇșȘōŌŏŎḡḠǧǦ"
    # A made-up amendment: zh becomes ž. The detector follows the tables.
    amended = old_to_new._replace(rules=(*old_to_new.rules, Rule("N99", "zh", "ž", note="x")))
    reverse = new_to_old._replace(letters={**new_to_old.letters, "ž": "zh"})
    marks = detect_module.latin_marks(amended, reverse)
    monkeypatch.setattr(detect_module, "_latin_marks", lambda: marks)
    assert yozuv.detect("žurnal va žurnalist").script == "latin2026"
    assert yozuv.detect("zhurnal va zhurnalist").script == "latin"
    monkeypatch.setattr(detect_module, "_latin_marks", lambda: builtin)
    assert yozuv.detect("žurnal va žurnalist").script == "latin"
