"""gettext PO: msgstr converted, the rest byte-identical, and msgfmt still accepts it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from shared_data import assert_golden, convert_format

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import format_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "catalogue.cyrl.po"
GOLDEN = ROOT / "tests" / "data" / "formats" / "catalogue.upper.po"
PO = format_for("uz.po")
PLACEHOLDER = re.compile(r"%\(\w+\)s|%[sd]|\{\w+\}|<[^>]+>|[&_](?=\w)")


def convert(text: str, converter: yozuv.Converter | None = None, target: str = "latin") -> str:
    return convert_format(PO, text, converter, target)


@pytest.fixture(scope="module")
def source() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def latin(source: str) -> str:
    return convert(source, yozuv.get_converter("latin", source="cyrillic"))


def _msgstr_lines(text: str) -> set[int]:
    """Numbers of the lines that belong to a msgstr (keyword line and continuations)."""
    numbers: set[int] = set()
    inside = False
    for number, line in enumerate(text.splitlines()):
        if line.startswith("msgstr"):
            inside = True
        elif not line.startswith('"'):
            inside = False
        if inside:
            numbers.add(number)
    return numbers


def test_only_msgstr_lines_change(source: str, latin: str) -> None:
    old, new = source.splitlines(), latin.splitlines()
    assert len(old) == len(new)
    changed = {n for n, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
    language_line = next(n for n, line in enumerate(old) if line.startswith('"Language:'))
    assert changed - {language_line} <= _msgstr_lines(source)
    assert len(changed) > 10


def test_placeholders_and_accelerators_are_kept(source: str, latin: str) -> None:
    for old, new in zip(source.splitlines(), latin.splitlines(), strict=True):
        assert PLACEHOLDER.findall(old) == PLACEHOLDER.findall(new)
    assert 'msgstr "_Fayl"' in latin and 'msgstr "&Saqlash"' in latin


def test_language_header_follows_the_target(source: str, latin: str) -> None:
    assert '"Language: uz@cyrillic\\n"' in source
    assert '"Language: uz\\n"' in latin
    back = convert(latin, yozuv.get_converter("cyrillic", source="latin"), target="cyrillic")
    assert back == source


def test_header_other_fields_and_obsolete_entries_untouched(latin: str) -> None:
    assert '"Last-Translator: Uzbek translators <uz@example.org>\\n"' in latin
    assert '#~ msgstr "Эски имконият"' in latin


def test_golden(source: str) -> None:
    produced = convert(source)
    assert_golden(produced, GOLDEN)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) not installed")
@pytest.mark.parametrize("direction", ["source", "latin", "back"])
def test_msgfmt_check_accepts_the_catalogue(
    source: str, latin: str, direction: str, tmp_path: Path
) -> None:
    text = {"source": source, "latin": latin}.get(direction)
    if text is None:
        to_cyrillic = yozuv.get_converter("cyrillic", source="latin")
        text = convert(latin, to_cyrillic, target="cyrillic")
    path = tmp_path / "uz.po"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--check", "--check-accelerators=_", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_word_wrapped_over_two_lines_converts_as_one_word() -> None:
    text = 'msgid "x"\nmsgstr ""\n"Ш"\n"аҳар"\n'
    out = convert(text, yozuv.get_converter("latin", source="cyrillic"))
    assert out == 'msgid "x"\nmsgstr ""\n"Sh"\n"ahar"\n'


def test_escapes_kept_and_unchanged_lines_copied() -> None:
    text = 'msgid "a"\nmsgstr "\\"Салом\\"\\t\\\\ \\x41"\n'
    assert convert(text) == 'msgid "a"\nmsgstr "\\"САЛОМ\\"\\t\\\\ \\x41"\n'
    untouched = 'msgid "a"\nmsgstr "123 \\x41 %s"\n'
    assert convert(untouched) == untouched


def test_crlf_line_endings_survive() -> None:
    text = 'msgid "a"\r\nmsgstr "а"\r\n'
    assert convert(text) == 'msgid "a"\r\nmsgstr "А"\r\n'


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "б\n', 2),
        ('msgid "a"\nmsgstr "б"\nfoo "x"\n', 3),
        ('msgid "a"\nmsgid "b"\nmsgstr ""\n', 2),
        ('"orphan"\n', 1),
        ('msgid "a"\nmsgstr "\\q"\n', 2),
        ('msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr "c\\x"\n', 5),  # \x without hex digits
        ('msgid "a"\nmsgstr "\\xg"\n', 2),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 1),
        ('msgstr "a"\n', 1),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n', 1),
    ],
)
def test_syntax_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(FormatError, match=rf"line {line}\b"):
        convert(text)
