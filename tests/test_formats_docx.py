"""Word .docx: text converted run by run; runs, styles, fields and links unchanged."""

from __future__ import annotations

import builtins
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import format_for

docx = pytest.importorskip("docx", reason="python-docx (the yozuv[docx] extra) not installed")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "letter.cyrl.docx"
DOCX = format_for("letter.docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def source() -> bytes:
    return EXAMPLE.read_bytes()


@pytest.fixture(scope="module")
def latin(source: bytes) -> bytes:
    to_latin = yozuv.get_converter("latin", source="cyrillic")
    return DOCX.convert_bytes(source, to_latin.convert, target="latin", source="cyrillic")


def _runs(data: bytes) -> list[tuple[object, ...]]:
    """Every paragraph's style and its runs' formatting (not their text)."""
    document = docx.Document(io.BytesIO(data))
    shape: list[tuple[object, ...]] = []

    def paragraphs(container: Any) -> None:
        for paragraph in container.paragraphs:
            shape.append(
                (
                    paragraph.style.name,
                    tuple(
                        (run.bold, run.italic, run.underline, run.font.size, run.style.name)
                        for run in paragraph.runs
                    ),
                )
            )
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    paragraphs(cell)

    paragraphs(document)
    for section in document.sections:
        paragraphs(section.header)
        paragraphs(section.footer)
    return shape


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def test_runs_and_paragraph_styles_are_unchanged(source: bytes, latin: bytes) -> None:
    assert _runs(latin) == _runs(source)


def test_split_letter_pair_is_converted_across_runs(latin: bytes) -> None:
    document = docx.Document(io.BytesIO(latin))
    runs = [run.text for run in document.paragraphs[1].runs]
    assert runs[:2] == ["Sh", "ahrimizda yangi «"]
    assert [run.text for run in document.paragraphs[2].runs][1:] == [
        "Ch",
        "oy va shirinliklar bilan mehmon qilamiz.",
    ]


def test_all_text_places_are_converted(latin: bytes) -> None:
    text = DOCX.extract_text(latin)
    for expected in (
        "Hurmatli fuqarolar!",
        "Tantanali ochilish",
        "Bolalar konserti",
        "Toshkent shahar hokimligi\tDevonxona",
        "Sahifa 1",
        "Hokimiyat qarori, 2025 yil 12 mart.",
        "rasmiy sayt",
    ):
        assert expected in text
    assert not any("\u0400" <= char <= "\u04ff" for char in text)
    properties = docx.Document(io.BytesIO(latin)).core_properties
    assert (properties.title, properties.subject) == ("Rasmiy xat", "Bogʻ ochilishi haqida")
    assert properties.author == "Devonxona"


def test_round_trip(source: bytes, latin: bytes) -> None:
    to_cyrillic = yozuv.get_converter("cyrillic", source="latin")
    back = DOCX.convert_bytes(latin, to_cyrillic.convert, target="cyrillic", source="latin")
    assert DOCX.extract_text(back) == DOCX.extract_text(source)
    assert _runs(back) == _runs(source)


def test_styles_links_and_field_codes_are_untouched(source: bytes, latin: bytes) -> None:
    assert _part(latin, "word/styles.xml") == _part(source, "word/styles.xml")
    rels = "word/_rels/document.xml.rels"
    assert _part(latin, rels) == _part(source, rels)
    footer = next(
        n
        for n in zipfile.ZipFile(io.BytesIO(latin)).namelist()
        if "footer" in n and n.endswith(".xml")
    )
    assert b"> PAGE </w:instrText>" in _part(latin, footer)


def test_extract_text_reads_the_letter(source: bytes) -> None:
    text = DOCX.extract_text(source)
    assert text.splitlines()[0] == "Ҳурматли фуқаролар!"
    assert "Шаҳримизда янги «Дўстлик» боғи" in text


def test_corrupt_file_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=r"not a valid \.docx"):
        DOCX.convert_bytes(
            b"PK\x03\x04 this is no zip", str.upper, target="latin", source="cyrillic"
        )
    with pytest.raises(FormatError, match=r"not a valid \.docx"):
        DOCX.extract_text(b"plain text")


def test_zip_that_is_not_word_is_a_format_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "салом")
    with pytest.raises(FormatError, match=r"not a valid \.docx"):
        DOCX.convert_bytes(buffer.getvalue(), str.upper, target="latin", source="cyrillic")


def test_missing_python_docx_gives_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_docx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "docx" or name.startswith("docx."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    with pytest.raises(FormatError, match=r"pip install 'yozuv\[docx\]'"):
        DOCX.extract_text(b"")


def test_text_methods_refuse_binary_use() -> None:
    with pytest.raises(NotImplementedError):
        DOCX.convert_text("x", str.upper, target="latin", source="cyrillic")


def test_a_document_with_nothing_to_convert_comes_back_byte_for_byte(
    latin: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why: ``--check`` and in-place runs compare bytes; a re-saved package differs in its
    zip headers even when no text changed, so an already converted file read as changed."""
    import time

    later = time.time() + 3600 * 24 * 40
    monkeypatch.setattr(time, "time", lambda: later)
    to_latin = yozuv.get_converter("latin", source="cyrillic")
    again = DOCX.convert_bytes(latin, to_latin.convert, target="latin", source="cyrillic")
    assert again == latin


def test_the_same_conversion_gives_the_same_bytes_at_any_time(
    source: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx stamps each member with the time of saving; the output must not depend
    on the clock (two runs a minute apart gave different files)."""
    import time

    to_latin = yozuv.get_converter("latin", source="cyrillic")
    first = DOCX.convert_bytes(source, to_latin.convert, target="latin", source="cyrillic")
    later = time.time() + 3600 * 24 * 40
    monkeypatch.setattr(time, "time", lambda: later)
    second = DOCX.convert_bytes(source, to_latin.convert, target="latin", source="cyrillic")
    assert first != source
    assert second == first


def test_members_keep_the_source_timestamps(source: bytes, latin: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(source)) as original:
        stamps = {info.filename: info.date_time for info in original.infolist()}
    with zipfile.ZipFile(io.BytesIO(latin)) as converted:
        for info in converted.infolist():
            assert info.date_time == stamps.get(info.filename, (1980, 1, 1, 0, 0, 0))
