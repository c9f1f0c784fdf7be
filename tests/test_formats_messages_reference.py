"""The PO and JSON formats against their copies in ``tests/messages_reference_impl/``.

The messages-speed work rewrites how the two formats cut a document, gather its messages
and write it back; none of that may change a byte. The modules as they stood before it are
kept as the oracle, and every document here is answered by both: the output and the texts
sent to the converter, in order (a plain function sees every call, a batch converter the
lists it is given), or the same error message. Documents: the examples and their Latin
outputs (both directions, with the real engine too), the benchmark's grown documents,
hostile snippets (escapes, surrogate pairs, plural forms, msgctxt, obsolete entries,
multi-line strings, CRLF, BOM, comments, flags, invalid escapes), and hypothesis drawing
PO-ish and JSON-ish documents from the syntax the scanners decide on (deterministic: the
profile of ``tests/conftest.py``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from messages_reference_impl import json as reference_json
from messages_reference_impl import po as reference_po
from shared_data import load_script
from test_formats_po_well_formed import catalogues

import yozuv
from yozuv.errors import FormatError
from yozuv.formats import json as json_format
from yozuv.formats import po

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SETTINGS = settings(max_examples=500, deadline=None)


def _bench_formats() -> ModuleType:
    """bench/bench_formats.py, which imports its neighbour corpus.py by plain name."""
    bench = str(ROOT / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return load_script(ROOT / "bench" / "bench_formats.py")


def marked(text: str) -> str:
    """Shows where every piece sent to the converter starts and ends."""
    return "⟨" + text.upper() + "⟩"


def hostile(text: str) -> str:
    """Writes what the encoders must escape: separators, quotes, backslashes, controls,
    non-ASCII and astral characters, line separators."""
    return (
        text.replace("а", "\x00")
        .replace("б", '"\\\n\t\x01\x7f')
        .replace("x", "ё😀\u2028")
        .replace("Ш", "Sh")
        .replace("e", "\\u0430")
    )


FUNCTIONS: dict[str, Callable[[str], str]] = {
    "marked": marked,
    "identity": lambda text: text,
    "hostile": hostile,
}


class Recorder:
    """A batch converter that notes every list it is given (the batch path, deduplicated)."""

    def __init__(self, function: Callable[[str], str]) -> None:
        self.function = function
        self.calls: list[list[str]] = []

    def convert(self, text: str) -> str:
        self.calls.append([text])
        return self.function(text)

    def convert_many(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [self.function(text) for text in texts]


FORMATS: dict[str, tuple[Any, Any]] = {
    "po": (po.PoFormat, reference_po.PoFormat),
    "json": (json_format.JsonFormat, reference_json.JsonFormat),
}
ENGINES = {
    "latin": yozuv.get_converter("latin", source="cyrillic"),
    "cyrillic": yozuv.get_converter("cyrillic", source="latin"),
}


def answer(kind: str, new: bool, text: str, target: str, converter: str) -> Any:
    """What one side gives: output and converter calls, or the error."""
    instance = FORMATS[kind][0 if new else 1]()
    source = "latin" if target == "cyrillic" else "cyrillic"
    try:
        if converter == "engine":
            return instance.convert_text(text, ENGINES[target], target=target, source=source)
        if converter.startswith("batch "):
            recorder = Recorder(FUNCTIONS[converter.removeprefix("batch ")])
            output = instance.convert_text(text, recorder, target=target, source=source)
            return [output, recorder.calls]
        calls: list[str] = []
        function = FUNCTIONS[converter]

        def record(piece: str) -> str:
            calls.append(piece)
            return function(piece)

        return [instance.convert_text(text, record, target=target, source=source), calls]
    except FormatError as error:
        return f"FormatError: {error}"


def assert_same(kind: str, text: str, target: str, converter: str) -> None:
    assert answer(kind, True, text, target, converter) == answer(
        kind, False, text, target, converter
    )


def assert_same_every_way(kind: str, text: str, converters: Sequence[str]) -> None:
    for target in ("latin", "cyrillic"):
        for converter in converters:
            assert_same(kind, text, target, converter)


QUICK = ("marked", "batch hostile")
ALL = ("marked", "identity", "hostile", "batch marked", "batch hostile", "engine")


# --- the examples, both ways ----------------------------------------------------------------


def _example_texts() -> list[tuple[str, str, str]]:
    """Each PO and JSON example, and its Latin output: (kind, name, text)."""
    found = []
    for path in sorted(EXAMPLES.iterdir()):
        kind = {".po": "po", ".json": "json", ".arb": "json"}.get(path.suffix)
        if kind is None:
            continue
        text = path.read_text(encoding="utf-8")
        latin = FORMATS[kind][1]().convert_text(
            text, ENGINES["latin"], target="latin", source="cyrillic"
        )
        found += [(kind, path.name, text), (kind, path.name + " in Latin", latin)]
        for variant, changed in (
            ("CRLF", text.replace("\n", "\r\n")),
            ("CR", text.replace("\n", "\r")),
            ("BOM", "\ufeff" + text),
            ("no last line ending", text.rstrip("\n")),
        ):
            found.append((kind, f"{path.name}, {variant}", changed))
    return found


@pytest.mark.parametrize(
    ("kind", "text"),
    [(kind, text) for kind, _name, text in _example_texts()],
    ids=[name for _kind, name, _text in _example_texts()],
)
def test_examples_give_what_they_gave(kind: str, text: str) -> None:
    assert_same_every_way(kind, text, ALL)


# --- the benchmark's documents ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["po", "json"])
@pytest.mark.parametrize("variant", ["vary", "zipf"])
def test_bench_documents_give_what_they_gave(kind: str, variant: str) -> None:
    bench = _bench_formats()
    sample = next(sample for sample in bench.SAMPLES if sample.name == kind)
    grow = bench.vary if variant == "vary" else bench.ZipfWords(bench.SEED)
    document = bench.build_document(sample, 0.15, grow)
    for converter in ("marked", "batch hostile", "engine"):
        assert_same(kind, document, "latin", converter)
    latin = FORMATS[kind][1]().convert_text(
        document, ENGINES["latin"], target="latin", source="cyrillic"
    )
    for converter in ("marked", "engine"):
        assert_same(kind, latin, "cyrillic", converter)


# --- hostile snippets -------------------------------------------------------------------------

PO_SNIPPETS = [
    "",
    "\n",
    "# only a comment",
    'msgid "a"\nmsgstr "б"',
    'msgid "a"\r\nmsgstr "б"\r\n',
    'msgid "a"\rmsgstr "б"\r',
    '\ufeffmsgid "a"\nmsgstr "б"\n',
    'msgid ""\nmsgstr ""\n"Language: uz@cyrillic\\n"\n"X: y\\n"\n\nmsgid "a"\nmsgstr "б"\n',
    'msgid ""\nmsgstr "Language: uz\\n"\n',
    'msgid ""\nmsgstr[0] "Language: uz\\n"\n',
    'msgctxt ""\nmsgid ""\nmsgstr "Language: uz\\n"\n',
    'msgctxt "menu"\nmsgid "_File"\nmsgstr "_Файл"\n',
    'msgid "a"\nmsgstr "&Сақлаш Ш&аҳар &&а __б _"\n',
    'msgid "a"\nmsgstr "%s %(name)s %1$d {0} {name} {{x}} <b>а</b> &amp; а"\n',
    'msgid "a"\nmsgstr "{n, plural, one {# файл} other {# файл}} {g, select, m {а} other {б}}"\n',
    'msgid "a"\nmsgstr "\\n\\t\\r\\a\\b\\f\\v\\\\\\"\\\'\\?\\101\\x41\\0\\7а"\n',
    'msgid "a"\nmsgstr "\\x4а\\1234"\n',
    'msgid "a"\nmsgstr "\\q"\n',
    'msgid "a"\nmsgstr "\\x"\n',
    'msgid "a"\nmsgstr "а\\"\n',
    'msgid "a"\nmsgstr "а" x\n',
    'msgid "a"\nmsgstr "а"  \t\n',
    'msgid "a"\nmsgstr "а\x01\x7fб"\n',
    'msgid "a"\nmsgstr ""\n"Ш"\n"а"\n"ҳар "\n" қайд"\n',
    'msgid "a"\nmsgstr ""\n"Ш"\r\n"а"\r"б"',
    'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "а"\nmsgstr[1] ""\n"Ш"\n"а"\nmsgstr[2] "б"\n',
    'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "а"\nmsgstr[0] "б"\n',
    'msgid "a"\nmsgid_plural "b"\nmsgstr "а"\n',
    'msgid "a"\nmsgstr[0] "а"\n',
    'msgid "a"\n',
    'msgstr "а"\n',
    'msgid "a"\nmsgid "b"\nmsgstr "а"\n',
    'msgid "a"\n# inside\nmsgstr "б"\n',
    'msgid "a"\nmsgstr "б"\nmsgid "c"\nmsgstr "д"\n',
    '#, fuzzy\n#| msgid "old"\nmsgid "a"\nmsgstr "б"\n\n#~ msgid "x"\n#~ msgstr "эски"\n',
    '#~ msgid "x"\n#~ msgstr "эски"\n',
    '  msgid  "a"\n\tmsgstr\t"б"\n   "в"\n',
    'msgid "a"\nmsgstr "б"\n\x0c\nmsgid "c"\nmsgstr "д"\n',
    'msgid "a"\nmsgstr "б"\n\u00a0\nmsgid "c"\nmsgstr "д"\n',
    'msgid "a"\nmsgstr "б"\ngarbage\n',
    'msgid "a"\nmsgstr "б\n',
    '"orphan"\n',
    'msgid "a"\nmsgstr "б" "в"\n',
    'msgidx "a"\nmsgstr "б"\n',
    'msgid "a"\nmsgstr[00] "б"\n',
    'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "а\\x"\n',
    'msgid "a"\nmsgstr "\x00а"\n',
    'msgid "a"\nmsgstr "а\u2028б\x85в"\n',
    'msgid "a"\nmsgstr "😀 \ud83d"\n',
]

JSON_SNIPPETS = [
    "",
    "{",
    "[1, 2",
    '{"a": "б",}',
    "null",
    '"а"',
    '["а", "б", 1, true, null, {"k": "в"}]',
    '\ufeff{"a": "б"}',
    '{"a": "б"}\r\n',
    '{"a"\r\n :\t"б", "c": ["д", "e:"], "f": {"g" :"h", "i": "\\":"}}',
    '{"a": "\\u0430\\u0431", "b": "б"}',
    '{"a": "\\u0430\\u0431"}',
    '{"a": "\\u0430\\U0431"}',
    '{"a": "\\uD83D\\uDE00 а", "b": "\\ud83d\\ude00 б"}',
    '{"a": "\\ud83d а", "b": "\\ude00 б"}',
    '{"a": "\\/ а \\/", "b": "\\u002f б"}',
    '{"a": "\\\\/ а"}',
    '{"a": "\\u0022а\\u005c\\u000a\\u001f\\u007f"}',
    '{"a": "\\b\\f\\n\\r\\t а"}',
    '{"a": "a", "b": "б"}',
    '{"@@locale": "uz", "a": "б"}',
    '{"@@locale": "uz_Cyrl", "@a": {"description": "б"}, "a": "б"}',
    '{"\\u0040\\u0040locale": "uz", "k": ["\\u0040v", {"@": 1}]}',
    '{"\\u0040x": {"a": "б"}, "c": "д"}',
    '{"@x": ["б", {"c": "д"}], "e": "ф"}',
    '{"a": {"@@locale": "uz"}, "@@locale": "UZ-latn-uz"}',
    '{"a": "{count, plural, =0 {Қайд йўқ} one {# та қайд} other {# та}}"}',
    '{"a": "{{name}} $t(a.b) :name @:a.b <1>б</1> %s"}',
    '{"a": "{", "b": "}", "c": "<b ", "d": "x>"}',
    '{"a": "а\\u0000б", "b": "в"}',
    '{"a": "&Файл _Сақлаш"}',
    '{"a": "é а", "b": "\\u00e9 б", "c": "x"}',
    '{"a": "' + "а" * 5000 + '"}',
    '{"a": 1' + "}" * 3,
    "[" * 50 + "]" * 50,
]


@pytest.mark.parametrize("text", PO_SNIPPETS)
def test_po_snippets_give_what_they_gave(text: str) -> None:
    assert_same_every_way("po", text, ALL)


@pytest.mark.parametrize("text", JSON_SNIPPETS)
def test_json_snippets_give_what_they_gave(text: str) -> None:
    assert_same_every_way("json", text, ALL)


# --- drawn documents --------------------------------------------------------------------------

# fmt: off
MESSAGE_PIECES = [
    "а", "Ш", "б", "x", "e", "ҳар", " ", "  ", "\t", "%s", "%(n)s", "%1$d", "{0}", "{n}",
    "{{x}}", "<b>", "</b>", "&amp;", "&Ф", "_С", "Ш&а", "&&", "__", "&", "_", "{", "}", "#",
    "{n, plural, one {# а} other {б}}", "{g, select, m {&а} other {б}}", ":name", "$t(a)",
    "😀", "é",
]
PO_ESCAPES = [
    "\\n", "\\t", "\\r", "\\a", '\\"', "\\\\", "\\'", "\\?", "\\101", "\\0", "\\x41", "\\x4",
]
# fmt: on
PO_BODY = st.lists(st.sampled_from(MESSAGE_PIECES * 3 + PO_ESCAPES * 2), max_size=6).map("".join)
# fmt: off
PO_ODD_LINES = [
    "", " ", "#", "#, fuzzy", '#~ msgstr "а"', "#| msgid", "garbage", '"x"', "\x0c",
    '"\\q а"', '"\\x"', '"\\u0430"', 'msgstr "б"', 'msgid "б"',
]
# fmt: on


@st.composite
def po_files(draw: st.DrawFn) -> str:
    """Catalogues whose messages are dense in message syntax and escapes: headers, msgctxt,
    plural forms, multi-line strings, comments, obsolete entries, odd lines now and then."""
    lines: list[str] = []
    if draw(st.booleans()):
        tag = draw(st.sampled_from(["uz", "uz@cyrillic", "uz_Latn", "ru", "uz_UZ"]))
        lines += ['msgid ""', 'msgstr ""', f'"Language: {tag}\\n"', '"X: y\\n"']
    for _ in range(draw(st.integers(0, 5))):
        lines += draw(st.lists(st.sampled_from(["", "#: a.c:1", "#, fuzzy", "#~ x"]), max_size=2))
        if draw(st.booleans()):
            lines.append(f'msgctxt "{draw(PO_BODY)}"')
        lines.append(f'msgid "{draw(PO_BODY)}"')
        if draw(st.booleans()):
            lines.append(f'msgid_plural "{draw(PO_BODY)}"')
            keywords = [f"msgstr[{n}]" for n in range(draw(st.integers(1, 3)))]
        else:
            keywords = ["msgstr"]
        for keyword in keywords:
            lines.append(f'{keyword} "{draw(PO_BODY)}"')
            lines += [f'"{body}"' for body in draw(st.lists(PO_BODY, max_size=3))]
        if draw(st.integers(0, 7)) == 3:
            where = draw(st.integers(0, len(lines)))
            lines.insert(where, draw(st.sampled_from(PO_ODD_LINES)))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(lines) + draw(st.sampled_from([ending, ""]))
    return ("\ufeff" if draw(st.integers(0, 9)) == 4 else "") + text


@SETTINGS
@given(po_files(), st.sampled_from(["latin", "cyrillic"]), st.sampled_from(QUICK))
@example('msgid "a"\nmsgstr ""\n"Ш"\n"а"\n', "latin", "marked")
def test_drawn_catalogues_give_what_they_gave(text: str, target: str, converter: str) -> None:
    assert_same("po", text, target, converter)


@SETTINGS
@given(catalogues(), st.sampled_from(["latin", "cyrillic"]))
def test_drawn_well_formed_catalogues_give_what_they_gave(text: str, target: str) -> None:
    assert_same("po", text, target, "marked")


def _u_escape(code: int, upper: bool) -> str:
    return "\\u" + (f"{code:04X}" if upper else f"{code:04x}")


JSON_LITERAL_PIECE = st.one_of(
    st.sampled_from(MESSAGE_PIECES),
    st.sampled_from(['\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "@", ":", ","]),
    st.builds(
        _u_escape,
        st.sampled_from([0x22, 0x5C, 0x2F, 0x0A, 0x1F, 0x40, 0x41, 0x7F, 0xE9, 0x430, 0x0]),
        st.booleans(),
    ),
    st.builds(
        lambda high, low, upper: _u_escape(high, upper) + _u_escape(low, upper),
        st.sampled_from([0xD83D, 0xD800]),
        st.sampled_from([0xDE00, 0xDFFF]),
        st.booleans(),
    ),
    st.builds(_u_escape, st.sampled_from([0xD83D, 0xDE00]), st.booleans()),  # lone halves
)
JSON_LITERAL = st.lists(JSON_LITERAL_PIECE, max_size=8).map(
    lambda parts: '"' + "".join(parts) + '"'
)
JSON_KEY = st.one_of(
    JSON_LITERAL,
    st.sampled_from(['"@@locale"', '"@a"', '"\\u0040b"', '"a"', '"@"', '"\\u0040\\u0040locale"']),
)
JSON_SPACE = st.sampled_from(["", "", " ", "\n  ", "\r\n", "\t"])
JSON_SCALAR = st.one_of(
    JSON_LITERAL,
    st.sampled_from(['"uz"', '"uz_Cyrl"', '"uz-Latn"', '"ru"', "1", "true", "null", "-2.5e3"]),
)


def _json_value(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    members = st.lists(st.tuples(JSON_KEY, JSON_SPACE, children, JSON_SPACE), max_size=4).map(
        lambda items: (
            "{"
            + ",".join(f"{space}{key}{gap}:{space}{value}" for key, space, value, gap in items)
            + "}"
        )
    )
    items = st.lists(st.tuples(JSON_SPACE, children), max_size=4).map(
        lambda items: "[" + ",".join(space + value for space, value in items) + "]"
    )
    return members | items


JSON_TEXTS = st.recursive(JSON_SCALAR, _json_value, max_leaves=14)


@st.composite
def json_files(draw: st.DrawFn) -> str:
    """JSON texts written by hand, escapes and all (not by json.dumps), with metadata keys
    now and then; sometimes broken by a cut or a stray character."""
    text = draw(JSON_SPACE) + draw(JSON_TEXTS) + draw(JSON_SPACE)
    if draw(st.integers(0, 9)) == 4:
        where = draw(st.integers(0, len(text)))
        text = text[:where] + draw(st.sampled_from(["", ",", "\\", '"', "}"])) + text[where + 1 :]
    return ("\ufeff" if draw(st.integers(0, 9)) == 4 else "") + text


@SETTINGS
@given(json_files(), st.sampled_from(["latin", "cyrillic"]), st.sampled_from(QUICK))
def test_drawn_json_gives_what_it_gave(text: str, target: str, converter: str) -> None:
    assert_same("json", text, target, converter)


@SETTINGS
@given(
    st.recursive(
        st.none()
        | st.integers()
        | st.lists(st.sampled_from([*MESSAGE_PIECES, "\x00", "\n"]), max_size=6).map("".join),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.sampled_from(["a", "b", "@c", "@@locale"]), children, max_size=4)
        ),
        max_leaves=12,
    ),
    st.booleans(),
    st.sampled_from([None, 2]),
    st.sampled_from(QUICK),
)
def test_dumped_json_gives_what_it_gave(
    value: Any, ascii_only: bool, indent: int | None, converter: str
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assert_same("json", text, "latin", converter)


def test_the_drawn_documents_are_mostly_valid() -> None:
    """The comparisons mean most when most drawn documents convert rather than fail."""
    answers: dict[str, list[bool]] = {"po": [], "json": []}

    @settings(max_examples=200, deadline=None)
    @given(po_files(), json_files())
    def note(catalogue: str, document: str) -> None:
        for kind, text in (("po", catalogue), ("json", document)):
            answers[kind].append(not isinstance(answer(kind, True, text, "latin", "marked"), str))

    note()
    for kind, valid in answers.items():
        assert sum(valid) / len(valid) > 0.6, (kind, sum(valid), len(valid))
