"""Batches: a format fed a plain function and fed a batch converter writes the same file.

The formats gather the human text of a whole document and convert it with one
``convert_many`` call. A plain ``str -> str`` function is wrapped and called once per text;
a :class:`~yozuv.formats.BatchConverter` (the library's ``Converter``) gets every text in
one call. The converted file must not depend on which one was passed, whatever the input,
and the batch converter must be asked once per document, never once per message.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import yozuv
from yozuv.api import Converter
from yozuv.errors import FormatError
from yozuv.formats import BatchConverter, format_for
from yozuv.formats._text import (
    Batch,
    MappedConverter,
    as_batch_converter,
    convert_segments,
    gather_segments,
)

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)
TO_LATIN = yozuv.get_converter("latin", source="cyrillic")
TO_CYRILLIC = yozuv.get_converter("cyrillic", source="latin")


def marked(text: str) -> str:
    """Shows where every piece sent to the converter starts and ends."""
    return "⟨" + text.upper() + "⟩"


def lengthening(text: str) -> str:
    """Changes lengths inside words (``ш`` -> ``sh``), as real conversion does."""
    return text.replace("ш", "sh").replace("Ш", "Sh").replace("s", "с").upper()


class Spy:
    """A batch converter around a function that counts how it is asked."""

    def __init__(self, function: Callable[[str], str]) -> None:
        self.function = function
        self.batches: list[int] = []  # the size of each convert_many call
        self.single = 0

    def convert(self, text: str) -> str:
        self.single += 1
        return self.function(text)

    def convert_many(self, texts: Sequence[str]) -> list[str]:
        self.batches.append(len(texts))
        return [self.function(text) for text in texts]


def outcome(path: str, text: str, convert: Any) -> str:
    """The converted text, or the error, so that both sides can be compared either way."""
    try:
        return format_for(path).convert_text(text, convert, target="latin", source="cyrillic")
    except FormatError as error:
        return f"FormatError: {error}"


def check(path: str, text: str) -> None:
    """Plain function, wrapped function, spy and (for real conversion) the Converter object
    all give the same document; the spy is asked at most once."""
    for function in (marked, lengthening):
        expected = outcome(path, text, function)
        assert outcome(path, text, MappedConverter(function)) == expected
        spy = Spy(function)
        assert outcome(path, text, spy) == expected
        if path.endswith(".txt"):
            assert spy.batches == [] and spy.single == 1
        else:
            assert len(spy.batches) <= 1 and spy.single == 0
    for converter in (TO_LATIN, TO_CYRILLIC):
        assert outcome(path, text, converter) == outcome(path, text, converter.convert)


def tokens(*pieces: str, max_size: int = 50) -> st.SearchStrategy[str]:
    """Texts made of the given pieces: dense in syntax, unlike random characters."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# Words glued to each other and to syntax, so pieces of one word land in different texts.
# fmt: off
WORDS = (
    "а", "Ш", "ш", "x", "Sh", "s", "h", "салом", "Шаҳар", "ЎЗБЕК", "o'", "g‘", "ц", "е", " ",
    "\u00a0", "0",
)
MESSAGE = tokens(
    *WORDS, "%s", "%(n)d", "{0}", "{name}", "{{x}}", "{n, plural, one {# ш} other {# а}}", "&",
    "_", "&&", "<b>", "</b>", "&amp;", "$t(k)", ":name", "{", "}", "%", "\t", max_size=12,
)
MARKDOWN = tokens(
    *WORDS, "\n", "\n\n", "# ", "- ", "> ", "```\n", "    ", "`", "\\", "\\*", "<", "<b>", "</b>",
    "<div>\n", "</div>\n", "<p title='ш'>", "<https://x.uz/a>", "&amp;", "{#id}", "[^1]", "[^1]: ",
    "[", "]", "](", ")", '"', "][x]", '[x]: http://u "т"\n', "| а | б |\n", "|---|---|\n",
    "---\n", "title: 'ш''а'\n", 'title: "ш\\"а"\n', "lang: uz-Cyrl\n", "+++\n", "title = 'ш'\n",
    "description: шаҳар # c\n", "alt: ш: а\n",
)
HTML = tokens(
    *WORDS, "\n", "<p>", "</p>", "<code>", "</code>", "<span translate='no'>", "</span>", "<br>",
    "<img alt='ш'>", "<input type=submit value='ш'>", "<meta name=description content='а'>",
    '<p title="ш&nbsp;а">', "&amp;", "<!-- а -->", "<", ">", "<div LANG=uz-Cyrl>",
)
SUBTITLE = tokens(*WORDS, "\n", "<i>", "</i>", "{\\an8}", "&amp;", "<v Ш>", max_size=12)
# fmt: on


@SETTINGS
@given(MARKDOWN)
def test_markdown(text: str) -> None:
    check("a.md", text)
    check("a.md", "---\n" + text)


@SETTINGS
@given(HTML)
def test_html(text: str) -> None:
    check("a.html", text)


def _po_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'


@SETTINGS
@given(st.lists(st.tuples(st.booleans(), st.lists(MESSAGE, min_size=1, max_size=4)), max_size=5))
def test_po(entries: list[tuple[bool, list[str]]]) -> None:
    out = ['msgid ""\nmsgstr ""\n"Language: uz@cyrillic\\n"\n\n']
    for number, (plural, lines) in enumerate(entries):
        keyword = "msgstr[0]" if plural else "msgstr"
        out.append(f'msgid "k{number}"\n')
        if plural:
            out.append(f'msgid_plural "k{number}s"\n')
        # Lines glued without a space: the wrapped-word path that converts prefixes.
        out.append(keyword + " " + "\n".join(map(_po_string, lines)) + "\n\n")
    check("a.po", "".join(out))


JSON_VALUES = st.recursive(
    st.none() | st.integers() | MESSAGE,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "@a", "@@locale", "ш"]), children, max_size=4)
    ),
    max_leaves=10,
)


@SETTINGS
@given(JSON_VALUES, st.booleans())
def test_json(value: Any, ascii_only: bool) -> None:
    check("a.json", json.dumps(value, ensure_ascii=ascii_only, indent=2))
    check("a.arb", json.dumps({"@@locale": "uz_Cyrl", "x": value}, ensure_ascii=ascii_only))


@SETTINGS
@given(st.lists(st.lists(MESSAGE, min_size=1, max_size=4), min_size=1, max_size=5))
def test_csv_and_tsv(rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    check("a.csv", buffer.getvalue())
    check("a.tsv", buffer.getvalue())


@SETTINGS
@given(st.lists(st.tuples(SUBTITLE, st.booleans()), max_size=5))
def test_subtitles(cues: list[tuple[str, bool]]) -> None:
    srt = "".join(
        f"{i}\n00:00:0{i},000 --> 00:00:0{i},500\n{text}\n\n" for i, (text, _) in enumerate(cues)
    )
    check("a.srt", srt)
    vtt = "WEBVTT\nLanguage: uz-Cyrl\n\n" + "".join(
        ("NOTE ш\n\n" if note else "") + f"c{i}\n00:0{i}.000 --> 00:0{i}.500\n{text}\n\n"
        for i, (text, note) in enumerate(cues)
    )
    check("a.vtt", vtt)


@SETTINGS
@given(MESSAGE)
def test_plain_text(text: str) -> None:
    check("a.txt", text)


def _members(package: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (ROOT / "examples").iterdir() if ".cyrl." in p.name),
)
def test_examples(name: str) -> None:
    path = ROOT / "examples" / name
    if path.suffix == ".docx":
        pytest.importorskip("docx", reason="python-docx (the yozuv[docx] extra) not installed")
        data = path.read_bytes()
        docx_format = format_for(name)
        by_function = docx_format.convert_bytes(
            data, TO_LATIN.convert, target="latin", source="cyrillic"
        )
        spy = Spy(TO_LATIN.convert)
        by_batch = docx_format.convert_bytes(data, spy, target="latin", source="cyrillic")
        # The package's members, not its bytes: python-docx stamps each member with the
        # time of saving, so two saves a second apart differ in their zip headers alone.
        assert _members(by_batch) == _members(by_function)
        assert len(spy.batches) == 1 and spy.single == 0
        return
    check(name, path.read_text(encoding="utf-8"))


def test_the_library_converter_is_a_batch_converter() -> None:
    assert isinstance(TO_LATIN, Converter)
    assert isinstance(TO_LATIN, BatchConverter)
    assert as_batch_converter(TO_LATIN) is TO_LATIN
    assert not isinstance(TO_LATIN.convert, BatchConverter)
    wrapped = as_batch_converter(str.upper)
    assert isinstance(wrapped, MappedConverter)
    assert wrapped.convert_many(["а", "б"]) == ["А", "Б"]


def test_a_plain_function_is_called_in_document_order() -> None:
    # Callers that record what a format converts (the CLI's script detection) rely on it.
    calls: list[str] = []

    def record(text: str) -> str:
        calls.append(text)
        return text

    document = 'msgid "a"\nmsgstr "бир %s"\n\nmsgid "b"\nmsgstr "Ш&"\n"аҳар"\n'
    format_for("a.po").convert_text(document, record, target="latin", source="cyrillic")
    # The glued lines are asked for whole ("Ш&аҳар", whose accelerator is taken out, so
    # "Шаҳар" and its prefix "Ш"), then for the first line alone ("Ш&": no marker).
    assert calls == ["бир ", "Шаҳар", "Ш", "Ш&"]


def test_glued_pieces_are_cut_like_one_call_at_a_time() -> None:
    assert convert_segments(["Ш", "аҳар"], TO_LATIN) == ["Sh", "ahar"]
    assert convert_segments(["S", "hahar"], TO_CYRILLIC) == convert_segments(
        ["S", "hahar"], TO_CYRILLIC.convert
    )
    batch = Batch()
    parts = gather_segments(["ШАҲ", "АР", " ", "ш"], batch.add)
    assert batch.texts == ["ШАҲАР", "ШАҲ", " ", "ш"]  # the whole, its prefix, then alone
    batch.run(TO_LATIN)
    assert [batch.text(part) for part in parts] == ["SHAH", "AR", " ", "sh"]


def test_reading_a_part_before_the_batch_runs_is_a_bug() -> None:
    batch = Batch()
    index = batch.add("а")
    with pytest.raises(AssertionError):
        batch.text(index)


def test_a_batch_converter_is_given_each_distinct_text_once() -> None:
    text = "Нон;кг;Нон\nСут;кг;Нон\n"
    asked: list[str] = []

    class Recorder(Spy):
        def convert_many(self, texts: Sequence[str]) -> list[str]:
            asked.extend(texts)
            return super().convert_many(texts)

    expected = outcome("a.csv", text, marked)
    assert outcome("a.csv", text, Recorder(marked)) == expected
    assert asked == ["Нон", "кг", "Сут"]
    batch = Batch()
    for piece in ("а", "б", "а"):
        batch.add(piece)
    batch.run(MappedConverter(marked))  # a plain function still sees every text
    assert batch.texts_of([0, 1, 2]) == ["⟨А⟩", "⟨Б⟩", "⟨А⟩"]
