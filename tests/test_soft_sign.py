"""The soft-sign norm of Latin -> Cyrillic (issue 14 item 6): 1956 (default) or modern.

The 1956 norm writes every ь the rules and the lexicon give (апрель, панель, Бельгия);
the modern practice of CLDR's month names and glibc's uz_UZ@cyrillic locale drops a ь at
the end of a word and before a consonant (апрел, панел, Белгия) and keeps one before a
vowel (пьеса, бульон, компьютер), whose loss would change the reading.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from yozuv.api import get_converter
from yozuv.cli import cli
from yozuv.cli.options import SOFT_SIGN_CHOICES
from yozuv.errors import OptionError
from yozuv.registry import builtin_schemes

PAIRS = [
    # latin, 1956, modern
    ("aprel", "апрель", "апрел"),
    ("panel", "панель", "панел"),
    ("Belgiya", "Бельгия", "Белгия"),
    ("dvigatel", "двигатель", "двигател"),
    ("film", "фильм", "филм"),
    ("FEVRAL", "ФЕВРАЛЬ", "ФЕВРАЛ"),
    ("pyesa", "пьеса", "пьеса"),
    ("bulyon", "бульон", "бульон"),
    ("kompyuter", "компьютер", "компьютер"),
    ("oktabrda", "октябрда", "октябрда"),
    ("salom", "салом", "салом"),
]


@pytest.mark.parametrize(("latin", "old", "modern"), PAIRS)
def test_both_norms(latin: str, old: str, modern: str) -> None:
    assert get_converter("cyrillic", "latin").convert(latin) == old
    assert get_converter("cyrillic", "latin", soft_sign="1956").convert(latin) == old
    assert get_converter("cyrillic", "latin", soft_sign="modern").convert(latin) == modern


def test_batch_and_exact_paths_agree() -> None:
    """Many new words take the compiled batch path; one word alone the exact one."""
    words = [latin for latin, _old, _modern in PAIRS] * 40
    words += [f"{latin}{n}" for n in range(100) for latin in ("aprel", "panel")]
    converter = get_converter("cyrillic", "latin", soft_sign="modern")
    batch = converter.convert(" ".join(words)).split(" ")
    alone = [get_converter("cyrillic", "latin", soft_sign="modern").explain(w).text for w in words]
    assert batch == alone
    assert batch[0] == "апрел"


def test_explain_text_is_convert_text() -> None:
    converter = get_converter("cyrillic", "latin", soft_sign="modern")
    text = "Aprel oyida panel va film, Belgiya."
    assert (
        converter.explain(text).text
        == converter.convert(text)
        == ("Апрел ойида панел ва филм, Белгия.")
    )


def test_cyrillic_text_copied_through_keeps_its_soft_sign() -> None:
    """Only what the conversion writes is touched: a Cyrillic word in Latin text is copied."""
    converter = get_converter("cyrillic", "latin", soft_sign="modern")
    assert converter.convert("aprel (апрель)") == "апрел (апрель)"


def test_latin2026_chain_takes_the_norm() -> None:
    assert get_converter("cyrillic", "latin2026", soft_sign="modern").convert("panel") == "панел"


def test_unknown_norm_is_an_option_error() -> None:
    with pytest.raises(OptionError, match="soft-sign"):
        get_converter("cyrillic", "latin", soft_sign="1995")


def test_scheme_declares_the_choices() -> None:
    spelling = builtin_schemes()["latin-cyrillic"].spellings["soft_sign"]
    assert spelling.default == "1956"
    assert tuple(spelling.choices) == SOFT_SIGN_CHOICES


def test_cli_option() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["-t", "cyrillic", "--soft-sign", "modern"], input="aprel\n")
    assert result.exit_code == 0, result.output
    assert result.output == "апрел\n"
    result = runner.invoke(cli, ["-t", "cyrillic", "--soft-sign", "1995"], input="aprel\n")
    assert result.exit_code == 2
    assert "1995" in result.output


def test_user_scheme_sets_the_default(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "modern.toml"  # type: ignore[operator]
    path.write_text(
        '[meta]\nid = "latin-cyrillic-modern"\nextends = "latin-cyrillic"\n\n'
        '[output.soft_sign]\ndefault = "modern"\n',
        encoding="utf-8",
    )
    converter = get_converter("cyrillic", "latin", scheme=str(path))
    assert converter.convert("aprel") == "апрел"
    explicit = get_converter("cyrillic", "latin", scheme=str(path), soft_sign="1956")
    assert explicit.convert("aprel") == "апрель"
