"""Letter facts live in ``mappings/``: the engine, tokeniser, lexicon and detector follow the
mapping files, so a user scheme that changes a fact changes the behaviour (issue 10 item 4)."""

from __future__ import annotations

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
