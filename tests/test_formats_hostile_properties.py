"""Properties of PO, SRT, VTT and DOCX on arbitrary Unicode text (issue 11), not word lists.

For a valid document with any text in it: converting never crashes; the structure survives
(the same entries, cues and paragraphs; keys and timings byte for byte); Cyrillic -> Latin on
a document without Cyrillic letters changes nothing. For any text or bytes at all: the
result is a document or one :class:`FormatError`, never another exception.

Few examples each (the suite's hypothesis profile is deterministic): each example runs the
real converter, and a .docx example builds and rebuilds a package.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import format_for

ROOT = Path(__file__).resolve().parents[1]
TO_LATIN = yozuv.get_converter("latin", source="cyrillic")
TO_CYRILLIC = yozuv.get_converter("cyrillic", source="latin")
FEW = settings(max_examples=40, deadline=None)

# Any character but surrogates and line breaks (a cue or string line is one line).
_LINE_CHARS = st.characters(codec="utf-8", exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e")
LINE = st.text(alphabet=_LINE_CHARS, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
# The same without a Cyrillic letter: a Latin (or any other script) document.
_NOT_CYRILLIC = st.characters(
    codec="utf-8",
    exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e",
).filter(lambda c: not ("\u0400" <= c <= "\u052f" or "\u1c80" <= c <= "\u1c8f"))
NON_CYRILLIC_LINE = st.text(alphabet=_NOT_CYRILLIC, min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
CYRILLIC_WORDS = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ АШЎҚҒҲ", max_size=30)


def _convert(path: str, text: str, converter: yozuv.Converter, *, to: str) -> str:
    source = "latin" if to == "cyrillic" else "cyrillic"
    return format_for(path).convert_text(text, converter, target=to, source=source)


def _mixed(lines: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A line of arbitrary text, or one with Cyrillic words in it (so something converts)."""
    return st.one_of(lines, st.builds(lambda a, b: f"{b} {a}", lines, CYRILLIC_WORDS))


# --- SRT -------------------------------------------------------------------------------------


def _time(ms: int, comma: str) -> str:
    return (
        f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{comma}{ms % 1000:03d}"
    )


def _cue_line(line: str) -> str:
    # A cue line that reads as a number line or a timing would start a new cue: real SRT
    # cannot hold it either.
    return "~" + line if re.match(r"\s*\d+\s*$", line) or "-->" in line else line


@st.composite
def srt_documents(draw: st.DrawFn, lines: st.SearchStrategy[str] = LINE) -> tuple[str, int]:
    count = draw(st.integers(1, 6))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    blocks = []
    for number in range(1, count + 1):
        start = draw(st.integers(0, 10_000_000))
        text = [_cue_line(line) for line in draw(st.lists(lines, min_size=1, max_size=3))]
        timing = f"{_time(start, ',')} --> {_time(start + 1500, ',')}"
        blocks.append(newline.join([str(number), timing, *text]))
    return (newline * 2).join(blocks) + newline, count


_SRT_TIMING = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", re.M)


@FEW
@given(srt_documents(_mixed(LINE)))
def test_srt_cues_and_timings_survive_any_text(document: tuple[str, int]) -> None:
    text, count = document
    for converter, to in ((TO_LATIN, "latin"), (TO_CYRILLIC, "cyrillic")):
        out = _convert("a.srt", text, converter, to=to)
        assert _SRT_TIMING.findall(out.replace("\r", "")) == _SRT_TIMING.findall(
            text.replace("\r", "")
        )
        assert len(_SRT_TIMING.findall(out.replace("\r", ""))) == count
        assert out.count("\n") == text.count("\n")  # converted text never breaks a line


@FEW
@given(srt_documents(NON_CYRILLIC_LINE))
def test_srt_to_latin_leaves_a_document_without_cyrillic_alone(
    document: tuple[str, int],
) -> None:
    text, _ = document
    assert _convert("a.srt", text, TO_LATIN, to="latin") == text


# --- VTT -------------------------------------------------------------------------------------


@st.composite
def vtt_documents(draw: st.DrawFn, lines: st.SearchStrategy[str] = LINE) -> tuple[str, int]:
    count = draw(st.integers(1, 6))
    blocks = ["WEBVTT"]
    for number in range(count):
        start = draw(st.integers(0, 10_000_000))
        text = [_vtt_line(line) for line in draw(st.lists(lines, min_size=1, max_size=3))]
        ident = [f"cue-{number}"] if draw(st.booleans()) else []
        timing = f"{_time(start, '.')} --> {_time(start + 1500, '.')} align:start"
        blocks.append("\n".join([*ident, timing, *text]))
    return "\n\n".join(blocks) + "\n", count


def _vtt_line(line: str) -> str:
    return line.replace("-->", "->")


_VTT_TIMING = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3} align:start$", re.M)


@FEW
@given(vtt_documents(_mixed(LINE)))
def test_vtt_cues_and_timings_survive_any_text(document: tuple[str, int]) -> None:
    text, count = document
    for converter, to in ((TO_LATIN, "latin"), (TO_CYRILLIC, "cyrillic")):
        out = _convert("a.vtt", text, converter, to=to)
        assert _VTT_TIMING.findall(out) == _VTT_TIMING.findall(text)
        assert len(_VTT_TIMING.findall(out)) == count
        assert out.count("\n") == text.count("\n")
        assert re.findall(r"^cue-\d+$", out, re.M) == re.findall(r"^cue-\d+$", text, re.M)


@FEW
@given(vtt_documents(NON_CYRILLIC_LINE))
def test_vtt_to_latin_leaves_a_document_without_cyrillic_alone(
    document: tuple[str, int],
) -> None:
    text, _ = document
    assert _convert("a.vtt", text, TO_LATIN, to="latin") == text


# --- PO --------------------------------------------------------------------------------------


def _po_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped + '"'


@st.composite
def po_documents(draw: st.DrawFn, lines: st.SearchStrategy[str] = LINE) -> tuple[str, list[str]]:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    entries = [header]
    keys: list[str] = []
    for number in range(draw(st.integers(1, 5))):
        key = f"key {number} " + draw(lines)
        context = draw(st.one_of(st.none(), lines))
        wrapped = draw(st.lists(lines, min_size=1, max_size=3))
        entry = [f"#: src/file.py:{number}"]
        if context is not None:
            entry.append("msgctxt " + _po_string(context))
        entry.append("msgid " + _po_string(key))
        if len(wrapped) == 1:
            entry.append("msgstr " + _po_string(wrapped[0]))
        else:
            entry.append('msgstr ""')
            entry.extend(_po_string(piece) for piece in wrapped)
        keys.extend(line for line in entry if not line.startswith(("msgstr", '"')))
        entries.append("\n".join(entry) + "\n")
    return "\n".join(entries), keys


def _po_keys(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith(("#:", "msgid", "msgctxt"))]


@FEW
@given(po_documents(_mixed(LINE)))
def test_po_entries_and_keys_survive_any_text(document: tuple[str, list[str]]) -> None:
    text, keys = document
    for converter, to in ((TO_LATIN, "latin"), (TO_CYRILLIC, "cyrillic")):
        out = _convert("a.po", text, converter, to=to)
        assert _po_keys(out) == _po_keys(text)
        assert [line for line in _po_keys(out) if not line.startswith('msgid ""')] == keys
        assert out.count("\nmsgstr") == text.count("\nmsgstr")
        assert out.count("\n") == text.count("\n")


@FEW
@given(po_documents(NON_CYRILLIC_LINE))
def test_po_to_latin_leaves_a_catalogue_without_cyrillic_alone(
    document: tuple[str, list[str]],
) -> None:
    text, _ = document
    assert _convert("a.po", text, TO_LATIN, to="latin") == text


# --- any text at all: a document or one FormatError ------------------------------------------

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
# Text made of the syntax the scanners decide on, so that near-valid documents are common.
_SYNTAX = [
    "WEBVTT",
    "\n",
    "\r\n",
    "\r",
    " ",
    "-->",
    "00:00:01,000",
    "00:01.000",
    "1",
    "NOTE",
    "msgid",
    "msgstr",
    "msgstr[0]",
    "msgctxt",
    "msgid_plural",
    '"',
    "\\",
    "\\n",
    "#~",
    "#,",
    "салом",
    "Ш",
    "<i>",
    "{\\an8}",
    "&amp;",
    "%s",
    "{name}",
    "\t",
    "\x00",
]
SYNTAXISH = st.lists(
    st.sampled_from(_SYNTAX),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(ANY_TEXT, SYNTAXISH), st.sampled_from(["a.po", "a.srt", "a.vtt"]))
def test_any_text_gives_a_document_or_one_format_error(text: str, path: str) -> None:
    for converter, to in ((TO_LATIN, "latin"), (TO_CYRILLIC, "cyrillic")):
        try:
            out = _convert(path, text, converter, to=to)
        except FormatError as error:
            assert str(error) and "\n" not in str(error)
        else:
            assert isinstance(out, str)


# --- DOCX ------------------------------------------------------------------------------------

docx = pytest.importorskip("docx", reason="python-docx (the yozuv[docx] extra) not installed")
DOCX = format_for("a.docx")
# Characters XML 1.0 can hold and Word keeps in w:t (no control characters).
_XML_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")).filter(
    lambda c: c not in "\ufffe\uffff"
)
PARAGRAPH = st.text(alphabet=_XML_CHARS, max_size=40)
NON_CYRILLIC_PARAGRAPH = st.text(
    alphabet=_XML_CHARS.filter(lambda c: not ("\u0400" <= c <= "\u052f")), max_size=40
)


def _docx(paragraphs: list[list[str]]) -> bytes:
    """A .docx with one paragraph per list, one run per string in it."""
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for run in runs:
            paragraph.add_run(run)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraph_texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _run_counts(data: bytes) -> list[int]:
    return [len(p.runs) for p in docx.Document(io.BytesIO(data)).paragraphs]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(_mixed(PARAGRAPH) | PARAGRAPH, max_size=4), min_size=1, max_size=5))
def test_docx_paragraphs_and_runs_survive_any_text(paragraphs: list[list[str]]) -> None:
    data = _docx(paragraphs)
    for converter, to in ((TO_LATIN, "latin"), (TO_CYRILLIC, "cyrillic")):
        source = "latin" if to == "cyrillic" else "cyrillic"
        out = DOCX.convert_bytes(data, converter, target=to, source=source)
        assert _run_counts(out) == _run_counts(data)
        assert len(_paragraph_texts(out)) == len(paragraphs)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(NON_CYRILLIC_PARAGRAPH, max_size=4), min_size=1, max_size=5))
def test_docx_to_latin_leaves_a_document_without_cyrillic_alone(
    paragraphs: list[list[str]],
) -> None:
    data = _docx(paragraphs)
    out = DOCX.convert_bytes(data, TO_LATIN, target="latin", source="cyrillic")
    assert _paragraph_texts(out) == _paragraph_texts(data)
    assert DOCX.extract_text(out) == DOCX.extract_text(data)


EXAMPLE_DOCX = (ROOT / "examples" / "letter.cyrl.docx").read_bytes()


def _damaged(data: bytes, cuts: list[tuple[int, int]]) -> bytes:
    """``data`` with some bytes overwritten (position, value), then maybe truncated."""
    damaged = bytearray(data)
    for position, value in cuts:
        damaged[position % len(damaged)] = value
    return bytes(damaged)


def _member_damaged(name: str, payload: bytes) -> bytes:
    """The example letter with one member's content replaced (a valid zip, bad insides)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(EXAMPLE_DOCX)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = payload if info.filename == name else source.read(info)
            target.writestr(info.filename, content)
    return buffer.getvalue()


MEMBERS = zipfile.ZipFile(io.BytesIO(EXAMPLE_DOCX)).namelist()


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.builds(
            _damaged,
            st.just(EXAMPLE_DOCX),
            st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=8),
        ),
        st.builds(
            lambda data, end: data[:end], st.just(EXAMPLE_DOCX), st.integers(0, len(EXAMPLE_DOCX))
        ),
        st.builds(
            _member_damaged,
            st.sampled_from(MEMBERS),
            st.one_of(st.binary(max_size=200), ANY_TEXT.map(str.encode)),
        ),
    )
)
def test_any_bytes_give_a_docx_or_one_format_error(data: bytes) -> None:
    try:
        out = DOCX.convert_bytes(data, TO_LATIN, target="latin", source="cyrillic")
        DOCX.extract_text(data)
    except FormatError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert out[:2] == b"PK"
