"""The PO format's regex path for well-formed catalogues against its line-by-line parser.

``PoFormat.convert_text`` reads a well-formed catalogue an entry at a time with one regex
match (``po._convert_well_formed``) and sends every other file to ``po._parse``, which
reads it line by line, as it always did, and names the errors. Both must give the same
answer for any file the regex path takes: the same output and the same texts sent to the
converter, in order. Hypothesis draws catalogues from the syntax the two decide on
(keywords in and out of order, duplicates, escapes good and bad, comments inside
entries, blank lines of any whitespace, the three line endings, a missing last line
ending); the settings of ``tests/conftest.py`` keep the examples the same on every run.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from cpu_time import least_cpu_seconds
from hypothesis import given, settings
from hypothesis import strategies as st

from yozuv.errors import FormatError
from yozuv.formats import po
from yozuv.formats._text import AnyConverter

SETTINGS = settings(max_examples=600, deadline=None)

_BODIES = [
    "",
    "Салом",
    "Ш",
    "а",
    " ",
    "%s",
    "%(name)s",
    "{count}",
    "&Файл",
    "_Сақлаш",
    "<b>",
    "\\n",
    "\\t",
    '\\"',
    "\\\\",
    "\\101",
    "\\x41",
    "\\x4",
    "\\'",
    "\\?",
    "\\a",
    "Language: uz@cyrillic\\n",
    "Language: uz_UZ\\n",
]
_ODD_BODIES = [
    "\\x",  # invalid: a bare \x
    "\\q",  # invalid escape
    '"',  # a quote inside: the string ends early
]
_KEYWORDS = [
    "msgctxt",
    "msgid",
    "msgid_plural",
    "msgstr",
    "msgstr[0]",
    "msgstr[1]",
    "msgstr[00]",
    "msgidx",
]
_ENDINGS = ["\n", "\r\n", "\r"]
# The odd pieces are drawn rarely, so that most drawn files are well formed.
_BODY = st.lists(st.sampled_from(_BODIES * 8 + _ODD_BODIES), max_size=3).map("".join)
_SPACE = st.sampled_from(["", "", "", " ", "\t"])
_SUFFIX = st.sampled_from(["", "", "", "", "", "", " ", "\t ", " x", "\x0c"])


@st.composite
def _string_line(draw: st.DrawFn, keyword: str | None = None) -> str:
    head = "" if keyword is None else keyword + draw(st.sampled_from([" ", "  ", "\t", ""]))
    return f'{draw(_SPACE)}{head}"{draw(_BODY)}"{draw(_SUFFIX)}'


_OTHER_LINE = st.sampled_from(
    [
        *["", "  ", "\x0c", "\u00a0", "#", "#: src/a.c:1", "#, c-format", '#~ msgid "x"', "  # x"],
        *["garbage", '"unterminated', "msgstr", "Салом"],
    ]
)


@st.composite
def _field(draw: st.DrawFn, keyword: str) -> list[str]:
    more = draw(st.lists(_string_line(), max_size=2))
    return [draw(_string_line(keyword)), *more]


@st.composite
def _entry(draw: st.DrawFn) -> list[str]:
    """An entry, mostly well formed; sometimes a field is out of place or a line is not."""
    lines: list[str] = draw(
        st.lists(_OTHER_LINE.filter(lambda s: s.strip()[:1] == "#"), max_size=2)
    )
    if draw(st.booleans()):
        lines += draw(_field("msgctxt"))
    lines += draw(_field("msgid"))
    if draw(st.booleans()):
        lines += draw(_field("msgid_plural"))
        for number in draw(
            st.lists(st.sampled_from(["0", "1", "2", "00"]), min_size=1, max_size=3)
        ):
            lines += draw(_field(f"msgstr[{number}]"))
    else:
        lines += draw(_field("msgstr"))
    if draw(st.integers(0, 9)) == 0:  # an odd line, an odd field, or one taken out
        where = draw(st.integers(0, len(lines)))
        odd = draw(st.one_of(_OTHER_LINE, _string_line(draw(st.sampled_from(_KEYWORDS)))))
        if draw(st.booleans()):
            lines.insert(where, odd)
        elif lines:
            del lines[min(where, len(lines) - 1)]
    return lines


@st.composite
def catalogues(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):  # a header
        lines += ['msgid ""', 'msgstr ""', f'"{draw(st.sampled_from(_BODIES))}"']
        lines.append(
            '"Language: ' + draw(st.sampled_from(["uz", "uz@cyrillic", "uz_Latn"])) + '\\n"'
        )
    for entry in draw(st.lists(_entry(), max_size=4)):
        lines += draw(st.lists(st.sampled_from(["", " ", "# c"]), max_size=2))
        lines += entry
    endings = draw(st.lists(st.sampled_from(_ENDINGS), min_size=len(lines), max_size=len(lines)))
    text = "".join(line + ending for line, ending in zip(lines, endings, strict=True))
    if text and draw(st.booleans()):
        text = text.rstrip("\r\n")  # no ending after the last line
    return text


def _answer(text: str, *, line_by_line: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    calls: list[str] = []

    def record(piece: str) -> str:
        calls.append(piece)
        return "⟨" + piece.upper() + "⟩"

    with monkeypatch.context() as patch:
        if line_by_line:
            patch.setattr(po, "_convert_well_formed", lambda *args: None)
        try:
            converter: AnyConverter = record
            output = po.PoFormat().convert_text(text, converter, target="cyrillic", source="latin")
        except FormatError as error:
            return f"FormatError: {error}"
    return [output, calls]


@SETTINGS
@given(catalogues())
def test_the_regex_path_answers_as_the_line_by_line_parser(text: str) -> None:
    monkeypatch = pytest.MonkeyPatch()
    try:
        fast = _answer(text, line_by_line=False, monkeypatch=monkeypatch)
        slow = _answer(text, line_by_line=True, monkeypatch=monkeypatch)
    finally:
        monkeypatch.undo()
    assert fast == slow


def test_the_drawn_catalogues_take_both_paths() -> None:
    """The comparison above means something only if many drawn files take the regex path
    and many do not."""
    taken = []

    @settings(max_examples=300, deadline=None)
    @given(catalogues())
    def note(text: str) -> None:
        taken.append(po._well_formed_msgstr_fields(text) is not None)

    note()
    assert 0.2 < sum(taken) / len(taken) < 0.9, sum(taken)


@pytest.mark.parametrize(
    "text",
    [
        'msgid "a"\nmsgstr "б"\n',
        'msgid "a"\r\nmsgstr ""\r\n"б"\r\n"в"',
        'msgid ""\nmsgstr ""\n"Language: uz\\n"\n\nmsgid "a"\nmsgstr "&Файл"\n',
        '#: x\nmsgctxt "m"\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "в"\nmsgstr[1] "г"\n',
    ],
)
def test_well_formed_catalogues_take_the_regex_path(text: str) -> None:
    assert po._well_formed_msgstr_fields(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        'msgid "a"\n# inside\nmsgstr "б"\n',  # a comment inside the entry
        'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "в"\nmsgstr[0] "г"\n',  # repeated
        'msgid "a"\nmsgstr "\\q"\n',  # an escape _decode refuses
        'msgstr "б"\nmsgid "a"\n',  # out of order
    ],
)
def test_other_catalogues_go_line_by_line(text: str) -> None:
    assert po._well_formed_msgstr_fields(text) is None


SCALE_N = 3000
MAX_RATIO = 8  # 4n against n: 4 when linear, 16 when quadratic

HOSTILE = {
    "entries": 'msgid "a"\nmsgstr "б %s"\n\n',
    "comments-then-garbage": "# c\n",
    "long-string-lines": '"б\\n"\n',
    "escapes": "\\101",
    "unterminated": 'msgid "а\\"',
}


def _cpu_time(text: str) -> float:
    def work() -> None:
        with contextlib.suppress(FormatError):
            po.PoFormat().convert_text(text, str.upper, target="latin", source="cyrillic")

    return least_cpu_seconds(work, floor=1e-3)


def _hostile(kind: str, count: int) -> str:
    piece = HOSTILE[kind]
    if kind == "comments-then-garbage":
        return piece * count + "garbage\n"
    if kind == "long-string-lines":
        return 'msgid "a"\nmsgstr ""\n' + piece * count
    if kind == "escapes":
        return f'msgid "a"\nmsgstr "{piece * count}"\n'
    if kind == "unterminated":
        return 'msgid "a"\nmsgstr "' + piece * count + "\n"
    return piece * count


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_catalogues_convert_in_linear_time(kind: str) -> None:
    small = _cpu_time(_hostile(kind, SCALE_N))
    large = _cpu_time(_hostile(kind, 4 * SCALE_N))
    assert large / small < MAX_RATIO, (small, large)
