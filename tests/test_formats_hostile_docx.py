"""Hostile .docx files (issue 11): bombs, odd archives and DTDs are refused before parsing.

Every refusal is one :class:`FormatError` (the command line prints it as one line, exit 2),
raised from the zip central directory alone, so a bomb costs neither time nor memory.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from yozuv.errors import FormatError
from yozuv.formats import format_for
from yozuv.formats.word import DocxLimitError

pytest.importorskip("docx", reason="python-docx (the yozuv[docx] extra) not installed")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "letter.cyrl.docx"
DOCX = format_for("letter.docx")
MB = 1 << 20


def _convert(data: bytes) -> bytes:
    return DOCX.convert_bytes(data, str.upper, target="latin", source="cyrillic")


def _rebuilt(
    replace: dict[str, bytes] | None = None,
    *,
    extra: list[tuple[str, bytes]] | None = None,
    level: int = 9,
) -> bytes:
    """The example letter with some members replaced or added (deflated at ``level``)."""
    replace = replace or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(EXAMPLE) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in extra or []:
            target.writestr(name, data)
    return buffer.getvalue()


def _bomb_document(megabytes: int) -> bytes:
    """The letter's word/document.xml after ``megabytes`` MB of comments."""
    document = zipfile.ZipFile(EXAMPLE).read("word/document.xml")
    padding = (b"<!--" + b"a" * 1017 + b"-->") * (megabytes * 1024)
    head, tail = document.split(b"?>", 1)
    return head + b"?>" + padding + tail


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """About 60 KB holding 60 MB of XML."""
    return _rebuilt({"word/document.xml": _bomb_document(60)})


def test_example_still_converts() -> None:
    assert _convert(EXAMPLE.read_bytes()).startswith(b"PK")


def test_bomb_is_refused_fast_in_bounded_memory(bomb: bytes) -> None:
    assert len(bomb) < MB
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(DocxLimitError, match=r"word/document\.xml.*YOZUV_DOCX_MAX_RATIO"):
            _convert(bomb)
        with pytest.raises(DocxLimitError):
            DOCX.extract_text(bomb)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 4 * MB  # nothing was decompressed


def test_refusal_is_a_one_line_format_error(bomb: bytes) -> None:
    with pytest.raises(FormatError) as caught:
        _convert(bomb)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, FormatError)
    # What to do is the error's hint, not part of its reason (the CLI renders both).
    assert caught.value.hint == "set YOZUV_DOCX_MAX_RATIO to allow more"
    assert "YOZUV_DOCX_MAX_RATIO" not in caught.value.reason


def test_ratio_limit_can_be_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    small_bomb = _rebuilt({"word/document.xml": _bomb_document(3)})
    with pytest.raises(DocxLimitError, match="ratio"):
        _convert(small_bomb)
    monkeypatch.setenv("YOZUV_DOCX_MAX_RATIO", "100000")
    assert "ҲУРМАТЛИ" in DOCX.extract_text(_convert(small_bomb))


def test_size_limit_counts_every_xml_part(monkeypatch: pytest.MonkeyPatch) -> None:
    # Five parts of 3 MB stored uncompressed (ratio 1): 15 MB of XML, over a 10 MB limit.
    monkeypatch.setenv("YOZUV_DOCX_MAX_MB", "10")
    filler = b'<?xml version="1.0"?><x>' + b"a" * (3 * MB) + b"</x>"
    data = _rebuilt(extra=[(f"customXml/filler{n}.xml", filler) for n in range(5)], level=0)
    with pytest.raises(DocxLimitError, match=r"15\.\d MB of XML.*limit 10 MB.*YOZUV_DOCX_MAX_MB"):
        _convert(data)
    monkeypatch.setenv("YOZUV_DOCX_MAX_MB", "20")
    assert _convert(data).startswith(b"PK")


def test_bad_limit_value_is_a_format_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YOZUV_DOCX_MAX_MB", "lots")
    with pytest.raises(FormatError, match="YOZUV_DOCX_MAX_MB"):
        _convert(EXAMPLE.read_bytes())


def test_too_many_members_are_refused() -> None:
    data = _rebuilt(extra=[(f"customXml/n{n}.bin", b"") for n in range(10_001)])
    with pytest.raises(DocxLimitError, match=r"10,\d+ members"):
        _convert(data)


def test_duplicate_names_are_refused() -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = _rebuilt(extra=[("word/document.xml", b"<x/>")])
    with pytest.raises(DocxLimitError, match=r"word/document\.xml.*twice"):
        _convert(data)
    # Part names are case-insensitive in a package (OPC), so these are the same part too.
    data = _rebuilt(extra=[("WORD/Document.xml", b"<x/>")])
    with pytest.raises(DocxLimitError, match="twice"):
        _convert(data)


@pytest.mark.parametrize("name", ["../evil.xml", "/abs.xml", "word/../../x.xml"])
def test_names_outside_the_package_are_refused(name: str) -> None:
    with pytest.raises(DocxLimitError, match="member name"):
        _convert(_rebuilt(extra=[(name, b"<x/>")]))


def test_overlapping_members_are_refused() -> None:
    # Two central-directory entries for one stored body (the "better zip bomb" trick).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("a.xml", b"<x/>" * 1000)
    data = buffer.getvalue()
    central = data.index(b"PK\x01\x02")
    end = data.index(b"PK\x05\x06")
    entry = data[central:end]
    second = entry.replace(b"a.xml", b"b.xml")
    record = bytearray(data[end:])
    record[8:10] = (2).to_bytes(2, "little")  # entries on this disk
    record[10:12] = (2).to_bytes(2, "little")  # entries in all
    record[12:16] = (2 * len(entry)).to_bytes(4, "little")  # central directory size
    forged = data[:central] + entry + second + bytes(record)
    with pytest.raises(DocxLimitError, match="overlap"):
        _convert(forged)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&f;&secret;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_dtd_is_refused(encoding: str) -> None:
    # OPC (ECMA-376 part 2) forbids DTDs in a package; refusing them rules out entity
    # expansion and external entities whatever the XML parser would do.
    text = BILLION_LAUGHS.decode().replace('version="1.0"', f'version="1.0" encoding="{encoding}"')
    data = _rebuilt({"word/document.xml": text.encode(encoding)})
    started = time.perf_counter()
    with pytest.raises(DocxLimitError, match=r"word/document\.xml.*DTD"):
        _convert(data)
    with pytest.raises(DocxLimitError, match="DTD"):
        DOCX.extract_text(data)
    assert time.perf_counter() - started < 1.0


def test_a_member_below_another_is_refused() -> None:
    with pytest.raises(DocxLimitError, match=r"below the member 'word/document\.xml'"):
        _convert(_rebuilt(extra=[("word/document.xml/inner.xml", b"<x/>")]))


def test_folder_entries_are_accepted() -> None:
    assert _convert(_rebuilt(extra=[("word/", b""), ("customXml/", b"")])).startswith(b"PK")
