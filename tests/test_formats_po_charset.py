"""gettext PO: the header's ``charset`` says how the catalogue is read and names how it is written.

Old Uzbek Cyrillic catalogues are often CP1251 or KOI8-R, and every gettext tool reads a
catalogue in the charset its header declares. yozuv reads such a file the same way when its
bytes are not UTF-8 (an ``--encoding`` the user gives still wins), and whatever encoding the
output ends up in, the header names it, or ``msgfmt``/``msgconv`` would garble the letters.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import assert_one_error, run

from yozuv.formats import format_for

PO = format_for("uz.po")

# Letters CP1251 and KOI8-R both hold (neither has Қ Ғ Ҳ, KOI8-R has no Ў nor «…»); ъ
# gives Latin a ʼ (U+02BC), which neither holds.
CATALOGUE = """\
# Uzbek (Cyrillic) translation.
msgid ""
msgstr ""
"Project-Id-Version: notes 1.0\\n"
"Language: uz@cyrillic\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset={charset}\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#: src/menu.c:10
msgid "Help"
msgstr "Ёрдам"

msgid "About"
msgstr "Маълумот"

msgid "Settings of %s..."
msgstr "%s созламалари..."

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d та файл"
msgstr[1] "%d та файл"
"""

NEEDS_MSGFMT = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgconv") is None,
    reason="msgfmt/msgconv (GNU gettext) not installed",
)


def catalogue(charset: str) -> str:
    return CATALOGUE.format(charset=charset)


def latin_catalogue(charset: str) -> str:
    """:data:`CATALOGUE` in Latin, as yozuv converts it."""
    text = catalogue(charset).replace("uz@cyrillic", "uz").replace("Ёрдам", "Yordam")
    text = text.replace("Маълумот", "Maʼlumot").replace("созламалари", "sozlamalari")
    return text.replace("та файл", "ta fayl")


def msgfmt_check(path: Path) -> None:
    """``msgfmt --check`` accepts the file (it reads it in the charset its header names)."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def as_gettext_reads_it(path: Path) -> str:
    """The catalogue as gettext understands it: ``msgconv`` decodes it with the charset of
    its header and writes it in UTF-8; a header that lies gives mojibake here."""
    result = subprocess.run(["msgconv", "-t", "UTF-8", str(path)], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("utf-8")


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(("codec", "charset"), [("cp1251", "CP1251"), ("koi8-r", "KOI8-R")])
def test_code_page_catalogue_converts_like_its_utf8_twin(
    folder: Path, codec: str, charset: str
) -> None:
    (folder / "old.po").write_bytes(catalogue(charset).encode(codec))
    (folder / "new.po").write_bytes(catalogue("UTF-8").encode("utf-8"))
    old = run("-t", "latin", "old.po")
    new = run("-t", "latin", "new.po")
    assert old.exit_code == 0, old.stderr
    assert old.stdout_bytes == new.stdout_bytes  # UTF-8, and the header says so
    assert old.stdout == latin_catalogue("UTF-8")


def test_cp1251_catalogue_round_trip(folder: Path) -> None:
    """CP1251 Cyrillic -> Latin -> Cyrillic: the catalogue's text again, now in UTF-8."""
    (folder / "old.po").write_bytes(catalogue("CP1251").encode("cp1251"))
    assert run("-t", "latin", "-o", "uz.po", "old.po").exit_code == 0
    back = run("-t", "cyrillic", "uz.po")
    assert back.exit_code == 0, back.stderr
    assert back.stdout == catalogue("UTF-8")


def test_an_encoding_the_user_names_wins_over_the_header(folder: Path) -> None:
    """A header that lies (KOI8-R bytes saying CP1251) is overruled by ``--encoding``."""
    (folder / "lies.po").write_bytes(catalogue("CP1251").encode("koi8-r"))
    (folder / "new.po").write_bytes(catalogue("UTF-8").encode("utf-8"))
    named = run("-t", "latin", "--encoding", "koi8-r", "lies.po")
    assert named.exit_code == 0, named.stderr
    assert named.stdout_bytes == run("-t", "latin", "new.po").stdout_bytes


def test_utf8_catalogue_is_read_as_utf8_whatever_its_header_says(folder: Path) -> None:
    """Valid UTF-8 stays UTF-8 (a header copied from an old template is the likelier
    mistake); the output's header then names what it is."""
    (folder / "stale.po").write_bytes(catalogue("CP1251").encode("utf-8"))
    (folder / "new.po").write_bytes(catalogue("UTF-8").encode("utf-8"))
    result = run("-t", "latin", "stale.po")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == run("-t", "latin", "new.po").stdout_bytes


@pytest.mark.parametrize(
    "charset", ["BOGUS-9", "base64", "rot13", "zlib", "unicode_escape", "undefined", "idna"]
)
def test_an_unknown_charset_is_one_clear_line(folder: Path, charset: str) -> None:
    """A name Python knows but that is no character set (a byte transform, escapes) is
    as unknown as a misspelling (base64 was a LookupError traceback)."""
    (folder / "x.po").write_bytes(catalogue(charset).encode("cp1251"))
    assert_one_error(run("-t", "latin", "x.po"), "x.po", charset, "--encoding")
    assert_one_error(run("detect", "--encoding", "utf-8", "x.po"), "x.po", charset)


def test_a_header_saying_utf8_over_other_bytes_is_the_usual_error(folder: Path) -> None:
    (folder / "x.po").write_bytes(catalogue("UTF-8").encode("cp1251"))
    assert_one_error(
        run("-t", "latin", "x.po"), "x.po", "cannot decode byte 0x", "as utf-8", "--encoding"
    )


def test_the_charset_is_read_from_the_header_entry_only() -> None:
    header = catalogue("KOI8-R").encode("koi8-r")
    assert PO.declared_encoding(header) == "KOI8-R"
    later = b'msgid "a"\nmsgstr "Content-Type: text/plain; charset=CP1251\\n"\n'
    assert PO.declared_encoding(later) is None
    assert PO.declared_encoding(b'msgid ""\nmsgstr "Language: uz\\n"\n\n' + later) is None
    assert PO.declared_encoding(b"") is None


# --------------------------------------------------------------------------- writing

ASCII_CATALOGUE = """\
msgid ""
msgstr ""
"Language: uz\\n"
"Content-Type: text/plain; charset=CP1251\\n"

#. "charset=CP1251" is the program's text here, not the catalogue's header
msgid "Content-Type: text/plain; charset=CP1251"
msgstr "degan sarlavha"
"""
# What -t cyrillic makes of it: the header's charset and Language, and the msgstr.
ASCII_IN_CYRILLIC = (
    ASCII_CATALOGUE.replace("charset=CP1251\\n", "charset=UTF-8\\n")
    .replace("Language: uz\\n", "Language: uz@cyrillic\\n")
    .replace("degan sarlavha", "деган сарлавҳа")
)


def test_ascii_catalogue_saying_cp1251_says_utf8_once_it_holds_cyrillic(folder: Path) -> None:
    (folder / "x.po").write_bytes(ASCII_CATALOGUE.encode("ascii"))
    result = run("-t", "cyrillic", "x.po")
    assert result.exit_code == 0, result.stderr
    # The other entry's "charset=CP1251" is its comment and msgid, kept as they were.
    assert result.stdout_bytes == ASCII_IN_CYRILLIC.encode("utf-8")


def test_the_header_is_left_alone_when_it_still_tells_the_truth() -> None:
    text = catalogue("CP1251")
    assert PO.redeclare_encoding(ASCII_CATALOGUE, "utf-8") == ASCII_CATALOGUE  # ASCII
    assert PO.redeclare_encoding(text, "cp1251") == text
    windows = catalogue("windows-1251")
    assert PO.redeclare_encoding(windows, "cp1251") == windows  # the same codec
    assert PO.redeclare_encoding(catalogue("UTF-8"), "utf-8") == catalogue("UTF-8")
    assert PO.redeclare_encoding(catalogue("UTF-8"), "koi8_r") == catalogue("KOI8-R")
    assert PO.redeclare_encoding(text, "utf-8-sig") == catalogue("UTF-8")
    headless = 'msgid "a"\nmsgstr "Ёрдам"\n'
    assert PO.redeclare_encoding(headless, "utf-8") == headless


# Latin that CP1251 holds (no ʻ or ʼ), and the Cyrillic it converts to (which it holds too).
LATIN_IN_CP1251 = """\
msgid ""
msgstr ""
"Language: uz\\n"
"Content-Type: text/plain; charset=CP1251\\n"

msgid "Help"
msgstr "«Yordam»"
"""
CYRILLIC_IN_CP1251 = LATIN_IN_CP1251.replace("uz\\n", "uz@cyrillic\\n").replace("Yordam", "Ёрдам")


def test_in_place_keeps_the_code_page_and_its_header(folder: Path) -> None:
    """``-i`` keeps a file's encoding (the rule for every text file) when the text fits."""
    path = folder / "x.po"
    path.write_bytes(LATIN_IN_CP1251.encode("cp1251"))
    result = run("-i", "-t", "cyrillic", "x.po")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == CYRILLIC_IN_CP1251.encode("cp1251")


def test_in_place_on_ascii_writes_utf8_and_says_so(folder: Path) -> None:
    """ASCII is read as UTF-8, so -i writes UTF-8 (Uzbek Cyrillic needs ҳ, which CP1251
    lacks anyway), and the header says so."""
    path = folder / "x.po"
    path.write_bytes(ASCII_CATALOGUE.encode("ascii"))
    assert run("-i", "-t", "cyrillic", "x.po").exit_code == 0
    assert path.read_bytes() == ASCII_IN_CYRILLIC.encode("utf-8")


def test_in_place_to_latin_in_cp1251_fails_cleanly_or_goes_utf8_when_asked(folder: Path) -> None:
    """Latin needs ʻ (U+02BB), which CP1251 lacks: -i refuses and touches nothing, and
    ``--output-encoding utf-8`` writes UTF-8 with a header that says so."""
    path = folder / "x.po"
    original = catalogue("CP1251").replace("Ёрдам", "Ўчириш").encode("cp1251")
    path.write_bytes(original)
    assert_one_error(run("-i", "-t", "latin", "x.po"), "cp1251", "U+02BB")
    assert path.read_bytes() == original
    result = run("-i", "-t", "latin", "--output-encoding", "utf-8", "x.po")
    assert result.exit_code == 0, result.stderr
    text = path.read_bytes().decode("utf-8")
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert 'msgstr "Oʻchirish"' in text


# --------------------------------------------------------------------------- gettext's view


@NEEDS_MSGFMT
@pytest.mark.parametrize(
    ("name", "data", "args", "expected"),
    [
        ("cp1251", catalogue("CP1251").encode("cp1251"), ("-t", "latin"), "sozlamalari"),
        ("ascii", ASCII_CATALOGUE.encode("ascii"), ("-t", "cyrillic"), "деган сарлавҳа"),
        ("in-place", LATIN_IN_CP1251.encode("cp1251"), ("-i", "-t", "cyrillic"), "«Ёрдам»"),
    ],
)
def test_gettext_reads_the_output_as_yozuv_wrote_it(
    folder: Path, name: str, data: bytes, args: tuple[str, ...], expected: str
) -> None:
    (folder / "x.po").write_bytes(data)
    written = folder / ("x.po" if "-i" in args else "out.po")
    destination = () if "-i" in args else ("-o", "out.po")
    result = run(*args, *destination, "x.po")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(written)
    assert expected in as_gettext_reads_it(written), name


def test_detect_reads_a_code_page_catalogue_as_convert_does(folder: Path) -> None:
    """``detect --encoding utf-8`` (the default of convert) reads the header's charset as
    convert does; it stopped at the first byte. (Its own default, auto, guesses cp1251.)"""
    (folder / "old.po").write_bytes(catalogue("CP1251").encode("cp1251"))
    result = run("detect", "--encoding", "utf-8", "old.po")
    assert result.exit_code == 0, result.output
    assert "old.po: cyrillic" in result.stdout
    assert "cp1251" in result.stdout


def test_a_template_nothing_converts_is_left_as_it_was(folder: Path) -> None:
    """An already-Latin template saying charset=CHARSET (gettext's placeholder): --check
    finds nothing to change and -i leaves it (the header was rewritten; found in review)."""
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\n'
        'msgid "Salom"\nmsgstr "Oʻzbekiston"\n'
    )
    (folder / "t.pot").write_text(text, encoding="utf-8")
    check = run("-t", "latin", "--check", "t.pot")
    assert check.exit_code == 0, check.output
    assert run("-t", "latin", "-i", "t.pot").exit_code == 0
    assert (folder / "t.pot").read_text(encoding="utf-8") == text
