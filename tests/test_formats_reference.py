"""The format scanners against the character-by-character loops they replaced.

The scanners of the format modules jump with regexes and ``str`` methods instead of
walking one character at a time, and must still give exactly what the loops gave. Each
loop is kept here, copied as it was, as the reference; hypothesis feeds both sides
documents built from the syntax that matters (escapes, brackets, quotes, placeholders,
unterminated constructs, non-ASCII and astral characters, empty input) and the results
must be identical. ``derandomize=True`` keeps every run on the same examples.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from yozuv.errors import FormatError
from yozuv.formats import _messages, _text, delimited, html, markdown, po, subtitles
from yozuv.formats import json as json_format

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True)


def tokens(*pieces: str, max_size: int = 40) -> st.SearchStrategy[str]:
    """Texts made of the given pieces: dense in syntax, unlike random characters."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def marked(text: str) -> str:
    """A converter that shows where every piece sent to it starts and ends."""
    return "⟨" + text.upper() + "⟩"


WORDS = ("а", "Ш", "x", "Ab", "ğ", "İ", "ß", "σς", "𝒜", "\u00a0", "\u2003", "0", "1")


# --- _messages._scan --------------------------------------------------------------------------

Span = tuple[int, int, bool]


def reference_scan(text: str, start: int, end: int, *, in_plural: bool) -> list[Span]:
    spans: list[Span] = []
    words_from = start
    index = start
    while index < end:
        char = text[index]
        syntax: list[Span] | None = None
        if char == "{":
            syntax = reference_icu_argument(text, index, end)
        if syntax is None and char in "%{$:@<&":
            match = _messages._PLACEHOLDER.match(text, index, end)
            if match is not None:
                syntax = [(index, match.end(), False)]
        if syntax is None and in_plural and char == "#":
            syntax = [(index, index + 1, False)]
        if syntax is None:
            index += 1
            continue
        if words_from < index:
            spans.append((words_from, index, True))
        spans.extend(syntax)
        index = syntax[-1][1]
        words_from = index
    if words_from < end:
        spans.append((words_from, end, True))
    return spans


def reference_icu_argument(text: str, start: int, end: int) -> list[Span] | None:
    name = _messages._ICU_NAME.match(text, start + 1, end)
    if name is None or name.end() >= end:
        return None
    position = name.end()
    if text[position] == "}":
        return [(start, position + 1, False)]
    if text[position] != ",":
        return None
    kind = _messages._ICU_TYPE.match(text, position + 1, end)
    if kind is None or kind.end() >= end:
        return None
    position = kind.end()
    if text[position] == "}":
        return [(start, position + 1, False)]
    if text[position] != ",":
        return None
    if kind.group(1).lower() not in _messages._ICU_COMPLEX:
        close = reference_matching_brace(text, start, end)
        return None if close is None else [(start, close + 1, False)]
    return reference_icu_cases(text, start, position + 1, end, kind.group(1).lower() != "select")


def reference_icu_cases(
    text: str, start: int, position: int, end: int, plural: bool
) -> list[Span] | None:
    spans: list[Span] = []
    syntax_from = start
    if plural:
        offset = _messages._ICU_OFFSET.match(text, position, end)
        if offset is not None:
            position = offset.end()
    cases = 0
    while True:
        selector = _messages._ICU_SELECTOR.match(text, position, end)
        if selector is None or selector.end() >= end:
            break
        if text[selector.end()] != "{":
            return None
        close = reference_matching_brace(text, selector.end(), end)
        if close is None:
            return None
        body_start = selector.end() + 1
        spans.append((syntax_from, body_start, False))
        spans.extend(reference_scan(text, body_start, close, in_plural=plural))
        syntax_from = close
        position = close + 1
        cases += 1
    while position < end and text[position].isspace():
        position += 1
    if cases == 0 or position >= end or text[position] != "}":
        return None
    spans.append((syntax_from, position + 1, False))
    return [span for span in spans if span[0] < span[1]]


def reference_matching_brace(text: str, start: int, end: int) -> int | None:
    depth = 0
    for index in range(start, end):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return None


# fmt: off
MESSAGES = tokens(
    *WORDS, "{", "}", "{", "}", ",", ", ", " ", "\t", "\n", "plural", "select",
    "selectordinal", "number", "date", " offset:1 ", "=0", "one", "other", "#", "%s",
    "%(name)s", "%1$d", "%", "%%", "%-5.2f", "%lld", "%@", "%1", "%{x}", "$", "${x}",
    "$t(a.b)", "$name", ":name", "a:b", "@:a.b", "@.lower:x", "<b>", "</b>", "<br/>", "<1>",
    "</1>", "<", ">", "&amp;", "&#38;", "&", "_", "{{", "}}", "{0}", "{name}",
    "{n, plural, one {# x} other {# y}}", "{g, select, male {a} other {b}}",
    "{n, number, ::currency}",
)
# fmt: on


@SETTINGS
@given(MESSAGES, st.booleans(), st.data())
def test_scan_matches_the_character_loop(text: str, in_plural: bool, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for begin, stop in ((0, len(text)), (start, end)):
        assert _messages._scan(text, begin, stop, in_plural=in_plural) == reference_scan(
            text, begin, stop, in_plural=in_plural
        )


@SETTINGS
@given(MESSAGES, st.data())
def test_matching_brace_matches_the_character_loop(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _messages._matching_brace(text, start, end) == reference_matching_brace(text, start, end)


def reference_gather_message(text: str, batch: _text.Batch, accelerators: bool) -> _text.Part:
    """gather_message as it stood before its re.split: every message with a character that
    may open syntax cut by the scan (here the character loop above)."""
    if _messages._SYNTAX_START.search(text) is None and (
        not accelerators or _messages._ACCELERATOR.search(text) is None
    ):
        return batch.add(text) if text else ""
    out: list[_text.Part] = []
    for start, end, words in reference_scan(text, 0, len(text), in_plural=False):
        piece = text[start:end]
        if not words:
            out.append(piece)
        elif accelerators:
            out.append(_messages._gather_with_accelerators(piece, batch))
        else:
            out.append(batch.add(piece))
    return _text.joined(out)


def _gathered(gather: Callable[[_text.Batch], list[_text.Part]]) -> tuple[list[str], list[str]]:
    """The texts a gathering function sends to the converter, and its output per part."""
    batch = _text.Batch()
    parts = gather(batch)
    texts = list(batch.texts)
    batch.run(marked)
    return texts, batch.texts_of(parts)


# Messages of the kinds the split must leave to the scan: ICU styles and cases, stray and
# nested braces, next to the simple arguments and placeholders it takes itself.
# fmt: off
BRACED_MESSAGES = tokens(
    *WORDS, "{", "}", "{ ", " }", ",", " ", "{a}", "{ a }", "{a,number}", "{a , date }",
    "{a, plural}", "{a, number, ::x}", "{a, b, {c}}", "{n, plural, one {# x} other {y}}",
    "{g, select, m {a} other {b}}", "{{x}}", "{ {x}}", "%{x}", "${x}", "&_", "_a", "&a",
    "&amp;", "%s", ":a", "<b>", "{a}{b}", "{0}", "{0,}", "{,}", "{a b}", "{a\tb}",
    "{n, plural, ", "{n,PLURAL,", "{n, selectordinal, ", "{g, select, ", "{g, Select,",
    " offset:1 ", "offset:", "offset:12", "=0 {", "one {", " other {", "= {", "=", "#",
    "<b ", ">", "a}", "} ", "}}", "{n, plural, offset:1 =1 {# a} other {b %s}}",
    "{g, select, offset:1 {#} other {<i>}}",
    max_size=12,
)
# fmt: on


@SETTINGS
@given(st.one_of(MESSAGES, BRACED_MESSAGES), st.booleans())
@example("{n, plural, offset:12 {x}}", False)  # the offset is read whole, never given back
@example("{g, select, offset:1 a {x}}", False)  # a select has no offset
@example("{g, select, a {x} offset:1 b {y}}", False)
@example("{n, plural, = {x} other {y}}", False)  # a selector "=" alone
@example("{n, plural, one {# %s &a} other {b}} {g, select, x {#} other {<b>}}", True)
@example("{n, plural, one {<b x}} other {b>}}", False)  # a case ends a tag's search
def test_gather_message_matches_the_scan(text: str, accelerators: bool) -> None:
    assert _gathered(
        lambda batch: [_messages.gather_message(text, batch, accelerators=accelerators)]
    ) == _gathered(lambda batch: [reference_gather_message(text, batch, accelerators)])


@SETTINGS
@given(st.lists(st.one_of(MESSAGES, BRACED_MESSAGES), max_size=8), st.booleans())
def test_gather_messages_is_gather_message_on_each(texts: list[str], accelerators: bool) -> None:
    assert _gathered(
        lambda batch: _messages.gather_messages(texts, batch, accelerators=accelerators)
    ) == _gathered(
        lambda batch: [reference_gather_message(text, batch, accelerators) for text in texts]
    )


# Messages that join badly: separators of their own, placeholders left open at an end
# (a tag, a brace, a reference) that a split of the joined messages could close in the next.
JOINING_MESSAGES = tokens(
    *WORDS,
    "\x00",
    "<b ",
    "<a href='",
    ">",
    "{",
    "}",
    "{a",
    "a}",
    "{{",
    "}}",
    "%{",
    "${",
    "$t(",
    ")",
    ":",
    "&",
    "_",
    "&a",
    "_a",
    "#",
    "{n, plural, one {# x} other {y}}",
    "{g, select, a {b} other {c}}",
    "{n, plural, one",
    " {x}}",
    " ",
    "\n",
    max_size=10,
)
# Messages the joined split takes (no stray brace, no separator): words, placeholders, ICU
# cases and mnemonic markers in every place (leading, inside a word, doubled, alone).
FLAT_MESSAGES = tokens(
    *WORDS,
    " ",
    "%s",
    "{0}",
    "{name}",
    "<b>",
    "</b>",
    "&amp;",
    "&a",
    "_a",
    "&",
    "_",
    "a&b",
    "Ш&аҳар",
    "&&",
    "__",
    "#",
    ":name",
    "$t(a.b)",
    "{{x}}",
    "{n, plural, one {# x} other {y}}",
    "{g, select, a {b} other {&c}}",
    max_size=8,
)
MESSAGE_CONVERTERS: dict[str, Callable[[str], str]] = {
    "marked": marked,
    "writes the separator": lambda text: text.replace("а", "\x00"),
}


@SETTINGS
@given(
    st.one_of(
        st.lists(FLAT_MESSAGES, max_size=8),
        st.lists(st.one_of(MESSAGES, BRACED_MESSAGES, JOINING_MESSAGES), max_size=8),
    ),
    st.booleans(),
    st.sampled_from(sorted(MESSAGE_CONVERTERS)),
)
@example(["<b ", "x>"], False, "marked")  # a tag that would close in the next message
@example(["{a", "b}"], False, "marked")
@example(["a а", "{n, plural, one {а #} other {а}}", "&а"], False, "writes the separator")
@example(["&Файл", "x _а", "Ш&аҳар _", "&&a"], True, "marked")
def test_message_list_is_gather_message_on_each(
    texts: list[str], accelerators: bool, converter: str
) -> None:
    function = MESSAGE_CONVERTERS[converter]

    def run(gather: Callable[[_text.Batch], Callable[[_text.Batch], list[str]]]) -> object:
        batch = _text.Batch()
        outputs = gather(batch)
        sent = list(batch.texts)
        batch.run(function)
        return sent, outputs(batch)

    def together(batch: _text.Batch) -> Callable[[_text.Batch], list[str]]:
        return _messages.MessageList(texts, batch, accelerators=accelerators).texts

    def one_by_one(batch: _text.Batch) -> Callable[[_text.Batch], list[str]]:
        parts = [reference_gather_message(text, batch, accelerators) for text in texts]
        return lambda done: done.texts_of(parts)

    assert run(together) == run(one_by_one)


@SETTINGS
@given(st.lists(FLAT_MESSAGES, min_size=1, max_size=8))
def test_flat_messages_take_the_joined_split(texts: list[str]) -> None:
    """The messages the property test above draws mostly take the path it is there for."""
    assert _messages._split_messages(texts) is not None


def test_message_list_splits_the_example_locale_at_once() -> None:
    """The example's messages (placeholders, tags, an ICU plural) take the joined split."""
    path = Path(__file__).parents[1] / "examples" / "locale.cyrl.json"
    texts: list[str] = []

    def values(node: object) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            list(map(values, node.values()))
        elif isinstance(node, list):
            list(map(values, node))

    values(json.loads(path.read_text(encoding="utf-8")))
    assert any("plural" in text for text in texts)
    assert _messages._split_messages(texts) is not None


# --- _text._common_prefix_casefold ------------------------------------------------------------


def reference_common_prefix_casefold(left: str, right: str) -> int:
    length = 0
    for a, b in zip(left, right, strict=False):
        if a != b and a.lower() != b.lower():
            break
        length += 1
    return length


CASED = tokens(*WORDS, "Sh", "sh", "SH", "ʻ", "'", " ", "ǅ", "ǆ", "Σ", "ı", "I", "i̇", max_size=30)


def _recase(text: str, flips: list[bool]) -> str:
    """``text`` with the case of some characters swapped (``flips`` may be shorter)."""
    flags = flips + [False] * len(text)
    return "".join(
        char.swapcase() if flag else char
        for char, flag in zip(text, flags[: len(text)], strict=True)
    )


@SETTINGS
@given(CASED, CASED, CASED, st.lists(st.booleans(), max_size=60))
def test_common_prefix_matches_the_character_loop(
    shared: str, left_tail: str, right_tail: str, flips: list[bool]
) -> None:
    left = shared + left_tail
    right = _recase(shared, flips) + right_tail
    for a, b in ((left, right), (right, left), (left, left), ("", right), (left, "")):
        assert _text._common_prefix_casefold(a, b) == reference_common_prefix_casefold(a, b)


# --- json: literals, decoding, encoding ---------------------------------------------------------

# fmt: off
_DECODE_SHORT = {
    '"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
}
# fmt: on
# fmt: off
_SHORT_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
}
# fmt: on


def reference_decode(raw: str) -> json_format._Literal:
    chars: list[str] = []
    escapes: dict[str, str] = {}
    raw_non_ascii = escaped_non_ascii = False
    upper_hex: bool | None = None
    index = 1
    end = len(raw) - 1
    while index < end:
        char = raw[index]
        if char != "\\":
            raw_non_ascii = raw_non_ascii or ord(char) > 127
            chars.append(char)
            index += 1
            continue
        kind = raw[index + 1]
        if kind != "u":
            decoded = _DECODE_SHORT[kind]
            escapes.setdefault(decoded, raw[index : index + 2])
            chars.append(decoded)
            index += 2
            continue
        digits = raw[index + 2 : index + 6]
        code = int(digits, 16)
        width = 6
        if 0xD800 <= code < 0xDC00 and raw.startswith("\\u", index + 6):
            low = int(raw[index + 8 : index + 12], 16)
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                width = 12
        decoded = chr(code)
        escapes.setdefault(decoded, raw[index : index + width])
        if code > 127:
            escaped_non_ascii = True
        letters = [d for d in digits if d.isalpha()]
        if letters and upper_hex is None:
            upper_hex = letters[0].isupper()
        chars.append(decoded)
        index += width
    return json_format._Literal(
        "".join(chars), escapes, raw_non_ascii, escaped_non_ascii, upper_hex
    )


def reference_encode(text: str, literal: json_format._Literal, file_escapes_non_ascii: bool) -> str:
    if literal.raw_non_ascii:
        escape_non_ascii = False
    elif literal.escaped_non_ascii:
        escape_non_ascii = True
    else:
        escape_non_ascii = file_escapes_non_ascii
    hex_format = "\\u{:04x}" if literal.upper_hex is False else "\\u{:04X}"
    if literal.upper_hex is None:
        hex_format = "\\u{:04x}"
    out = ['"']
    for char in text:
        code = ord(char)
        if char in literal.escapes:
            out.append(literal.escapes[char])
        elif char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif code < 0x20 or (escape_non_ascii and code > 127):
            if code > 0xFFFF:
                code -= 0x10000
                out.append(hex_format.format(0xD800 + (code >> 10)))
                out.append(hex_format.format(0xDC00 + (code & 0x3FF)))
            else:
                out.append(hex_format.format(code))
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_REFERENCE_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def reference_string_literals(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    stack: list[list[object]] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == '"':
            match = _REFERENCE_LITERAL.match(text, index)
            assert match is not None
            end = match.end()
            top = stack[-1] if stack else None
            in_metadata = bool(top and top[3])
            if top is not None and top[0] and top[1]:
                key = reference_decode(match.group(0)).text
                top[2] = key
                top[1] = False
                found.append((index, end, "skip"))
            else:
                key = str(top[2]) if top is not None and top[0] else ""
                if key == "@@locale" and len(stack) == 1:
                    role = "locale"
                elif in_metadata or key.startswith("@"):
                    role = "skip"
                else:
                    role = "value"
                found.append((index, end, role))
            index = end
            continue
        if char in "{[":
            top = stack[-1] if stack else None
            metadata = bool(top and (top[3] or (top[0] and str(top[2]).startswith("@"))))
            stack.append([char == "{", char == "{", "", metadata])
        elif char in "}]":
            stack.pop()
        elif char == "," and stack and stack[-1][0]:
            stack[-1][1] = True
        index += 1
    return found


def reference_file_prefers_u_escapes(text: str) -> bool:
    if any(ord(char) > 127 for char in text.lstrip("\ufeff")):
        return False
    return json_format._U_ESCAPE_NON_ASCII.search(text) is not None


def _u_escape(code: int, upper: bool) -> str:
    digits = f"{code:04X}" if upper else f"{code:04x}"
    return "\\u" + digits


LITERAL_PIECE = st.one_of(
    st.sampled_from([*WORDS, " ", "a", "é", "/", "'", "{x}"]),
    st.sampled_from(['\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]),
    st.builds(
        _u_escape,
        st.sampled_from(
            [
                0x22,
                0x5C,
                0x2F,
                0x0A,
                0x1F,
                0x41,
                0x7F,
                0x80,
                0xE9,
                0x430,
                0x44F,
                0xD83D,
                0xDE00,
                0xDC00,
                0xFFFF,
            ]
        ),
        st.booleans(),
    ),
    st.builds(
        lambda hi, lo, up: _u_escape(hi, up) + _u_escape(lo, up),
        st.integers(0xD800, 0xDBFF),
        st.integers(0xDC00, 0xDFFF),
        st.booleans(),
    ),
    st.builds(
        lambda hi, lo: _u_escape(hi, True) + _u_escape(lo, False),
        st.integers(0xD800, 0xDBFF),
        st.integers(0xDC00, 0xDFFF),
    ),
)
LITERALS = st.lists(LITERAL_PIECE, max_size=20).map(lambda parts: '"' + "".join(parts) + '"')
# fmt: off
ENCODABLE = tokens(
    *WORDS, '"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "é",
    "\ud800", "\udfff", "😀", "a", " ", "'", "<", "\u2028", max_size=25,
)
# fmt: on


@SETTINGS
@given(LITERALS)
def test_json_decode_matches_the_character_loop(raw: str) -> None:
    assert json_format._decode(raw) == reference_decode(raw)


@SETTINGS
@given(LITERALS, ENCODABLE, st.booleans())
def test_json_encode_matches_the_character_loop(raw: str, text: str, file_flag: bool) -> None:
    literal = reference_decode(raw)
    assert json_format._encode(text, literal, file_flag) == reference_encode(
        text, literal, file_flag
    )


JSON_KEYS = st.sampled_from(["a", "@a", "@@locale", "title", "@@x", "é", 'q"', "\\", "@"])
JSON_STRINGS = st.text(alphabet=st.sampled_from([*'аb"\\/\n\té😀@{}[],: ', "\ud800"]), max_size=8)
JSON_DOCUMENTS = st.recursive(
    st.none() | st.booleans() | st.integers() | JSON_STRINGS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(JSON_KEYS | JSON_STRINGS, children, max_size=4)
    ),
    max_leaves=15,
)


@SETTINGS
@given(JSON_DOCUMENTS, st.booleans(), st.sampled_from([None, 0, 2, "\t"]), st.booleans())
def test_json_scanner_matches_the_character_loop(
    value: Any, ascii_only: bool, indent: int | str | None, bom: bool
) -> None:
    text = ("\ufeff" if bom else "") + json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assert json_format._string_literals(text) == reference_string_literals(text)
    assert json_format._file_prefers_u_escapes(text) == reference_file_prefers_u_escapes(text)


@SETTINGS
@given(st.lists(st.tuples(LITERALS, ENCODABLE), max_size=6), st.booleans())
def test_json_literals_in_bulk_match_the_character_loop(
    pairs: list[tuple[str, str]], file_flag: bool
) -> None:
    raws = [raw for raw, _ in pairs]
    texts = [text for _, text in pairs]
    assert json_format._decode_all(raws) == [reference_decode(raw).text for raw in raws]
    assert json_format._encode_all(raws, texts, file_flag) == [
        reference_encode(text, reference_decode(raw), file_flag) for raw, text in pairs
    ]


def reference_convert_json(text: str, convert: Callable[[str], str]) -> str:
    """A JSON file without ``@`` keys converted literal by literal by the loops above."""
    file_flag = reference_file_prefers_u_escapes(text)
    out: list[str] = []
    last = 0
    for start, end, role in reference_string_literals(text):
        literal = reference_decode(text[start:end])
        new = _messages.convert_message(literal.text, convert)
        if role == "value" and new != literal.text:
            out += [text[last:start], reference_encode(new, literal, file_flag)]
            last = end
    return "".join(out) + text[last:]


JSON_MESSAGES = st.one_of(JSON_STRINGS, MESSAGES)


@SETTINGS
@given(
    st.recursive(
        JSON_MESSAGES | st.integers(),
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(JSON_MESSAGES, children, max_size=4)
        ),
        max_leaves=12,
    ),
    st.booleans(),
    st.sampled_from([None, 0, 2, "\t"]),
)
def test_json_file_matches_the_character_loop(
    value: Any, ascii_only: bool, indent: int | str | None
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assume(json_format._AT_KEY_START.search(text) is None)
    assert json_format.JsonFormat().convert_text(
        text, marked, target="latin", source="cyrillic"
    ) == reference_convert_json(text, marked)


@pytest.mark.parametrize(
    "text",
    [
        '{"\\u0040x": {"a": "b"}, "c": "d"}',
        '{"\\u0040\\u0040locale": "uz", "k": ["\\u0040v", {"@": 1}]}',
        '{"a": "\\"@b", "@@locale": "uz", "@k": {"d": ["x"]}, "e" : "f"}',
        '[ "a" , {"k" :"v"}, "@x" ]',
        '{"k"\r\n :\t"v", "a": ["b", "c:"], "d": {"e" :"f", "g": "\\":"}}',
        (Path(__file__).parents[1] / "examples" / "app.cyrl.arb").read_text(encoding="utf-8"),
        (Path(__file__).parents[1] / "examples" / "locale.cyrl.json").read_text(encoding="utf-8"),
    ],
)
def test_json_roles_of_escaped_at_keys_match(text: str) -> None:
    assert json_format._string_literals(text) == reference_string_literals(text)


# --- po: escapes ----------------------------------------------------------------------------------

# fmt: off
_PO_SIMPLE = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\",
    '"': '"', "'": "'", "?": "?",
}
# fmt: on
# fmt: off
_PO_ENCODE = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b",
    "\f": "\\f", "\v": "\\v",
}
# fmt: on


def reference_po_decode(body: str, number: int) -> str:
    def replace(match: re.Match[str]) -> str:
        escape = match.group(0)[1:]
        if escape[0] in "01234567":
            return chr(int(escape, 8))
        if escape[0] == "x":
            return chr(int(escape[1:], 16))
        if escape in _PO_SIMPLE:
            return _PO_SIMPLE[escape]
        raise FormatError(f"PO syntax error at line {number + 1}: invalid escape \\{escape}")

    return po._ESCAPE.sub(replace, body)


def reference_po_encode(text: str, original_body: str) -> str:
    reused: dict[str, str] = {}
    for match in po._ESCAPE.finditer(original_body):
        escape = match.group(0)
        decoded = reference_po_decode(escape, 0)
        if _PO_ENCODE.get(decoded) != escape:
            reused.setdefault(decoded, escape)
    out: list[str] = []
    for char in text:
        if char in reused:
            out.append(reused[char])
        elif char in _PO_ENCODE:
            out.append(_PO_ENCODE[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):03o}")
        else:
            out.append(char)
    return "".join(out)


# fmt: off
PO_BODIES = tokens(
    *WORDS, "\\n", "\\t", "\\r", "\\a", "\\b", "\\f", "\\v", "\\\\", '\\"', "\\'", "\\?",
    "\\0", "\\033", "\\101", "\\x41", "\\x7f", "\\x7", "\\177", "%s", "&", "'", " ",
)
# fmt: on


@SETTINGS
@given(
    PO_BODIES,
    tokens(*WORDS, "\n", "\t", "\x1b", "\x7f", "\x00", "A", "?", "'", '"', "\\", "\a", "\v", "\r"),
)
def test_po_encode_matches_the_character_loop(body: str, text: str) -> None:
    assert po._decode(body, 3) == reference_po_decode(body, 3)
    assert po._encode(text, body) == reference_po_encode(text, body)


@SETTINGS
@given(tokens(*WORDS, "\\n", "\\q", "\\8", "\\", "\\x4", "\\u0430"))
def test_po_decode_errors_match(body: str) -> None:
    outcomes: list[str] = []
    for decode in (po._decode, reference_po_decode):
        try:
            outcomes.append("ok " + decode(body, 6))
        except FormatError as error:
            outcomes.append(f"error {error}")
    assert outcomes[0] == outcomes[1]


# --- markdown: inline text --------------------------------------------------------------------


def reference_convert_inline(text: str, convert: Callable[[str], str]) -> str:
    out: list[str] = []
    words_from = 0
    index = 0
    length = len(text)

    def flush(until: int) -> None:
        if words_from < until:
            out.append(convert(text[words_from:until]))

    while index < length:
        kept = reference_kept_span(text, index)
        if kept is None:
            index += 1
            continue
        end, pieces = kept
        flush(index)
        out.extend(
            reference_convert_inline(p, convert) if convertible else p for p, convertible in pieces
        )
        index = end
        words_from = end
    flush(length)
    return "".join(out)


def reference_kept_span(text: str, index: int) -> tuple[int, list[tuple[str, bool]]] | None:
    char = text[index]
    if char == "\\" and index + 1 < len(text) and text[index + 1] in markdown._ASCII_PUNCTUATION:
        return index + 2, [(text[index : index + 2], False)]
    if char == "`":
        run = markdown._BACKTICKS.match(text, index)
        assert run is not None
        width = run.end() - run.start()
        for closing in markdown._BACKTICKS.finditer(text, run.end()):
            if closing.end() - closing.start() == width:
                return closing.end(), [(text[index : closing.end()], False)]
        return run.end(), [(run.group(0), False)]
    match: re.Match[str] | None = None
    if char == "<":
        match = markdown._ANGLE.match(text, index)
    elif char == "&":
        match = markdown._ENTITY.match(text, index)
    elif char == "{":
        match = markdown._BRACES.match(text, index)
    elif char == "[":
        match = markdown._FOOTNOTE.match(text, index)
    elif char == "]":
        return reference_link_tail(text, index)
    if match is not None:
        return match.end(), [(match.group(0), False)]
    return None


def reference_link_tail(text: str, index: int) -> tuple[int, list[tuple[str, bool]]] | None:
    after = index + 1
    if text.startswith("[", after):
        close = text.find("]", after + 1)
        if close == -1 or "[" in text[after + 1 : close]:
            return None
        label = text[after + 1 : close]
        label_pieces = [("][", False), (label, True), ("]", False)]
        return close + 1, [piece for piece in label_pieces if piece[0]]
    if not text.startswith("(", after):
        return None
    position = reference_skip_space(text, after + 1)
    destination_end = reference_destination_end(text, position)
    if destination_end is None:
        return None
    pieces: list[tuple[str, bool]] = [(text[index:destination_end], False)]
    position = reference_skip_space(text, destination_end)
    if position > destination_end and position < len(text) and text[position] in "\"'(":
        title_end = reference_title_end(text, position)
        if title_end is None:
            return None
        pieces.append((text[destination_end : position + 1], False))
        if title_end - 1 > position + 1:
            pieces.append((text[position + 1 : title_end - 1], True))
        pieces.append((text[title_end - 1 : title_end], False))
        destination_end = title_end
        position = reference_skip_space(text, title_end)
    if position >= len(text) or text[position] != ")":
        return None
    pieces.append((text[destination_end : position + 1], False))
    return position + 1, pieces


def reference_skip_space(text: str, index: int) -> int:
    newlines = 0
    while index < len(text) and text[index] in " \t\n":
        if text[index] == "\n":
            newlines += 1
            if newlines > 1:
                break
        index += 1
    return index


def reference_destination_end(text: str, index: int) -> int | None:
    if text.startswith("<", index):
        position = index + 1
        while position < len(text) and text[position] not in "<>\n":
            position += 2 if text[position] == "\\" else 1
        return position + 1 if text.startswith(">", position) else None
    depth = 0
    position = index
    while position < len(text):
        char = text[position]
        if char == "\\" and position + 1 < len(text):
            position += 2
            continue
        if char.isspace() or ord(char) < 0x20:
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        position += 1
    return position if depth == 0 else None


def reference_title_end(text: str, index: int) -> int | None:
    closer = ")" if text[index] == "(" else text[index]
    position = index + 1
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == closer:
            return position + 1
        position += 1
    return None


# fmt: off
INLINE = tokens(
    *WORDS, " ", "  ", "\t", "\n", "\n\n", "\x01", "`", "``", "```", "\\", "\\`", "\\*", "\\а",
    "<", ">", "<b>", "</b>", "<a href='x'>", "<https://x.uz/a>", "<a@b.uz>", "<!-- c -->",
    "&amp;", "&", ";", "{#id}", "{", "}", "{{< x >}}", "[^1]", "[", "]", "](", "](<", ")", "(",
    '"', "'", "][", "][x]", "https://x.uz/a?b=(c)", "(a)", "*", "_", "!", "\\(", "\\)",
    max_size=50,
)
# fmt: on


@SETTINGS
@given(INLINE)
def test_markdown_inline_matches_the_character_loop(text: str) -> None:
    assert markdown.convert_inline(text, marked) == reference_convert_inline(text, marked)


# --- delimited: cells ---------------------------------------------------------------------------


def reference_delimited_scan(text: str, delimiter: str, *, strict_quotes: bool) -> list[Any]:
    cells: list[Any] = []
    position = 0
    row = column = 0
    line = 1
    length = len(text)
    while position < length:
        start = position
        quoted = False
        if text[position] == '"':
            end = delimited._quoted_end(text, position)
            follows_well = end is not None and (
                end == length or text[end] == delimiter or text[end] in "\r\n"
            )
            if end is not None and follows_well:
                quoted = True
                position = end
            elif strict_quotes:
                problem = (
                    "a quoted cell never closes"
                    if end is None
                    else ("text after the closing quote of a cell")
                )
                raise FormatError(f"malformed CSV at line {line}: {problem}")
        if not quoted:
            stops = (delimiter, "\r", "\n")
            while position < length and text[position] not in stops:
                position += 1
        cells.append((start, position, quoted, row, column))
        line += text.count("\n", start, position)
        if position >= length:
            break
        if text[position] == delimiter:
            position += 1
            column += 1
            if position == length:
                cells.append((position, position, False, row, column))
            continue
        newline = delimited._NEWLINE.match(text, position)
        assert newline is not None
        position = newline.end()
        line += 1
        row += 1
        column = 0
    return cells


def reference_sniff(text: str) -> str:
    # Quoted cells are emptied first (issue 12: a tab inside quotes is no delimiter).
    sample = re.sub(r'"(?:[^"]|"")*"', '""', "\n".join(text.splitlines()[:20]))
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _outcome(function: Callable[[], object]) -> object:
    try:
        return function()
    except FormatError as error:
        return f"error {error}"


DELIMITED = tokens(*WORDS, ",", ";", "\t", "|", '"', '""', "\r\n", "\n", "\r", " ", "a b")


@SETTINGS
@given(DELIMITED, st.sampled_from([",", ";", "\t", "|"]), st.booleans())
def test_delimited_scan_matches_the_character_loop(text: str, delimiter: str, strict: bool) -> None:
    def new() -> object:
        return [
            (c.start, c.end, c.quoted, c.row, c.column)
            for c in delimited._scan(text, delimiter, strict_quotes=strict)
        ]

    def old() -> object:
        return reference_delimited_scan(text, delimiter, strict_quotes=strict)

    assert _outcome(new) == _outcome(old)


@pytest.mark.parametrize(
    "text",
    ['a\rb\r"x', 'a\r\n"x"y', '"a\nb"\r"c', 'x,"y\n', '"a"b', '"a\r\nb"\rc\n\r"d"e,f'],
)
def test_delimited_errors_name_the_same_line(text: str) -> None:
    def new() -> object:
        return delimited._scan(text, ",", strict_quotes=True)

    def old() -> object:
        return reference_delimited_scan(text, ",", strict_quotes=True)

    assert str(_outcome(new)).startswith("error")
    assert _outcome(new) == _outcome(old)


LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@SETTINGS
@given(
    st.lists(
        st.tuples(
            tokens(*WORDS, ",", ";", "\t", "|", '"', " ", max_size=8), st.sampled_from(LINE_BREAKS)
        ),
        max_size=60,
    ),
    st.integers(0, 200),
)
def test_sniff_sample_matches_splitlines(rows: list[tuple[str, str]], filler: int) -> None:
    text = "".join(cells + ending for cells, ending in rows) + "x" * filler
    assert delimited._first_lines(text, 20) == text.splitlines()[:20]
    assert delimited._sniff(text) == reference_sniff(text)


@pytest.mark.parametrize("cut", [65_535, 65_536, 65_537, 131_071, 131_072])
def test_first_lines_of_a_long_text_read_its_beginning_only(cut: int) -> None:
    # Line breaks around the places where the prefixes are cut, a CRLF across one of them.
    text = "a;b\n" * 5 + "c" * (cut - 21) + "\r\n" + "d\r\n" * 30 + "\u2028e" * 3
    for count in (0, 5, 6, 7, 20, 40):
        assert delimited._first_lines(text, count) == text.splitlines()[:count]
    assert delimited._first_lines("", 20) == []


# --- html: open elements ------------------------------------------------------------------------


class ReferenceLocator(html._Locator):
    """The locator with its original bookkeeping: a list of open elements, searched.

    Only the bookkeeping is the reference here; texts are gathered into a batch as the
    current locator gathers them (tests/test_formats_batch.py checks the batches).
    """

    def __init__(self, text: str, batch: _text.Batch, target: str) -> None:
        super().__init__(text, batch, target)
        self.reference_open: list[tuple[str, bool]] = []

    def reference_keeping(self) -> bool:
        return any(keep for _, keep in self.reference_open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        keeps = tag in html._SKIP_CONTENT or any(
            name == "translate" and (value or "").strip().lower() == "no" for name, value in attrs
        )
        self._rewrite_tag(tag, attrs, in_kept=self.reference_keeping() or keeps)
        if tag not in html._VOID:
            self.reference_open.append((tag, keeps))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        keeps = any(
            name == "translate" and (value or "").strip().lower() == "no" for name, value in attrs
        )
        self._rewrite_tag(tag, attrs, in_kept=self.reference_keeping() or keeps)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.reference_open) - 1, -1, -1):
            if self.reference_open[depth][0] == tag:
                del self.reference_open[depth:]
                return

    def _rewrite_tag(self, tag: str, attrs: list[tuple[str, str | None]], *, in_kept: bool) -> None:
        raw = self.get_starttag_text()
        if raw is None:
            return
        start = self._offset()
        if self._text[start : start + len(raw)] != raw:
            return
        values = {name: (value or "") for name, value in attrs}
        human = set() if in_kept else set(html._HUMAN_ATTRIBUTES)
        if not in_kept and tag == "meta":
            kind = (values.get("name") or values.get("property") or "").strip().lower()
            if kind in html._HUMAN_META:
                human.add("content")
        if not in_kept and tag == "input" and values.get("type", "").lower() in html._BUTTON_INPUTS:
            human.add("value")
        retag_content = (
            tag == "meta" and values.get("http-equiv", "").strip().lower() == "content-language"
        )
        new_raw = self._rewrite_attributes(raw, human, retag_content)
        if not isinstance(new_raw, str) or new_raw != raw:
            self._may_replace(start, start + len(raw), raw, new_raw)

    def handle_data(self, data: str) -> None:
        if self.reference_keeping() or not data.strip():
            return
        start = self._offset()
        end = start + len(data)
        if self._text[start:end] != data:
            return
        self._may_replace(start, end, data, self._batch.add(data))


def reference_convert_html(text: str, convert: Callable[[str], str]) -> str:
    batch = _text.Batch()
    locator = ReferenceLocator(text, batch, "latin")
    locator.feed(text)
    locator.close()
    batch.run(convert)
    bounds = locator.bounds
    changes = [
        (bounds[2 * i], bounds[2 * i + 1], batch.text(part))
        for i, (original, part) in enumerate(zip(locator.originals, locator.parts, strict=True))
        if batch.text(part) != original
    ]
    out: list[str] = []
    last = 0
    for start, end, replacement in sorted(changes):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


# fmt: off
HTML = tokens(
    *WORDS, " ", "\n", "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<code>", "</code>",
    "<pre>", "</pre>", "<script>", "</script>", "<style>", "</style>", "<span translate='no'>",
    "<span translate=no>", "</span>", "<br>", "<br/>", "<img alt='а'>", "<img alt=б/>",
    "<input type=submit value='ш'>", "<meta name=description content='а'>", '<p title="ш">',
    "</x>", "<x>", "&amp;", "&nbsp;", "<!-- а -->", "<", ">", "&", '<P TITLE="а">',
    "<div LANG=uz-Cyrl>", '<html xml:lang="uz">',
    '<meta http-equiv="Content-Language" content="uz">',
    '<input TYPE=Submit VALUE="а">', '<a aria-label="б" href=x>', '<p data-title="а">', "<p title>",
    "<p title = 'а' alt=б>", '<p title="а"', "<img alt='ш'/>", '<p class="x" id=y>',
    "<p ALT\u212a='а'>", "<p\ttitle='а'\nlang='uz'>", max_size=50,
)
# fmt: on


# fmt: off
TAGS = st.tuples(
    st.sampled_from(["<p", "<a", "<input", "<meta", "<P", "<x-y"]),
    tokens(
        " ", "\t", "\n", "/", "=", " = ", "==", '"', "'", "title", "TITLE", "Title", "lang",
        "xml:lang", "XML:LANG", "content", "value", "alt", "aria-label", "summary", "x", "а",
        "?lang=uz", "&amp;", ";", "İ", "\u212a", "ſ", "1", "titles", "data-", "\u2003",
        max_size=16,
    ),
    st.sampled_from([">", "/>", " >"]),
).map("".join)
# fmt: on


@SETTINGS
@given(TAGS)
@example('<a href="https://example.uz/park?id=12&amp;lang=uz">')
@example("<p x=\"1\"title='а'>")
@example("<p a==title=б>")
def test_html_tags_passed_over_cannot_change(raw: str) -> None:
    """A tag in which _REWRITABLE_NAME finds nothing is not rewritten: rewriting it with
    every attribute counted as human (and content retagged) would give it back as it is."""
    if html._REWRITABLE_NAME.search(raw.lower()) is not None:
        return
    locator = html._Locator(raw, _text.Batch(), "cyrillic")
    every = set(html._HUMAN_ATTRIBUTES) | {"content", "value"}
    assert locator._rewrite_attributes(raw, every, True) == raw


@SETTINGS
@given(HTML)
def test_html_bookkeeping_matches_the_list_search(text: str) -> None:
    assert html.convert_html(text, marked, target="latin") == reference_convert_html(text, marked)


@pytest.mark.parametrize("depth", [1, 50])
def test_html_deep_nesting_matches(depth: int) -> None:
    text = ("<div><p>а " * depth + "<code>ш</code> б" + "</span>" * 3 + "</p></div>" * depth) * 3
    assert html.convert_html(text, marked, target="latin") == reference_convert_html(text, marked)


# --- delimited: every cell converted ------------------------------------------------------------


def reference_convert_every_cell(
    text: str, convert: _text.AnyConverter, delimiter: str, *, strict_quotes: bool
) -> str | None:
    """The every-cell path as it was: quoted cells found by one split, the stretches
    between cut by another, each stretch and quoted cell gathered by a method call."""
    quoted, quote_at_start = delimited._splitters(delimiter)
    separators = re.compile(f"(\r\n|\r|\n|{re.escape(delimiter)})")
    pieces: list[str] = []
    where: list[int] = []
    spans: list[tuple[int, int] | None] = []
    batch = _text.Batch()

    def unquoted(start: int, end: int) -> bool:
        if strict_quotes and quote_at_start.search(text, start, end) is not None:
            return False
        base = len(pieces)
        cut = separators.split(text[start:end])
        for index in range(0, len(cut), 2):
            if cut[index].strip():
                where.append(base + index)
                spans.append(None)
                batch.add(cut[index])
        pieces.extend(cut)
        return True

    last = 0
    for cell in quoted.finditer(text):
        if not unquoted(last, cell.start()):
            return None
        last = cell.end()
        value = text[cell.start() + 1 : last - 1].replace('""', '"')
        if value.strip():
            where.append(len(pieces))
            spans.append((cell.start(), last))
            batch.add(value)
            pieces.append("")
        else:
            pieces.append(text[cell.start() : last])
    if not unquoted(last, len(text)):
        return None
    batch.run(convert)
    values, news = batch.take()
    for number, (index, span) in enumerate(zip(where, spans, strict=True)):
        value, new = values[number], news[number]
        if span is None:
            if new != value:
                pieces[index] = delimited._encode(new, delimiter, quoted=False)
        elif new == value:
            pieces[index] = text[span[0] : span[1]]
        else:
            pieces[index] = '"' + new.replace('"', '""') + '"'
    return "".join(pieces)


CELL_CONVERTERS: dict[str, Callable[[str], str]] = {
    "marked": marked,
    "same": lambda text: text,  # nothing changes: quoted cells must come back as they were
    "some": lambda text: text.replace("а", "a"),  # some cells change, some do not
    "adds syntax": lambda text: text.replace("а", ',"\n').replace("x", "\t|;\r"),
}


@st.composite
def delimited_rows(draw: st.DrawFn) -> tuple[str, str]:
    """A delimiter and rows of cells, many of them quoted (with doubled quotes, delimiters
    and line breaks inside), some quotes malformed, line endings mixed."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    inside = tokens(*WORDS, ",", ";", "\t", "|", '""', "\n", "\r\n", "\r", " ", max_size=6)
    cell = st.one_of(
        tokens(*WORDS, " ", max_size=4),
        inside.map(lambda text: '"' + text + '"'),
        tokens(*WORDS, '"', '""', " ", max_size=4),  # quotes where they do not belong
    )
    rows = draw(st.lists(st.lists(cell, max_size=5).map(delimiter.join), max_size=6))
    endings = draw(
        st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(rows), max_size=len(rows))
    )
    final = draw(st.sampled_from(["", "\n", "\r\n"]))
    return "".join(map(str.__add__, rows, endings)) + final, delimiter


@SETTINGS
@given(
    st.one_of(delimited_rows(), st.tuples(DELIMITED, st.sampled_from([",", ";", "\t", "|"]))),
    st.booleans(),
    st.sampled_from(sorted(CELL_CONVERTERS)),
)
@example(('a,"b""c",,"",\r\n"x"y', ","), True, "marked")
@example(('a,"b""c",,"",\r\n"x"y', ","), False, "marked")
@example(('a,"b""c",,"",\r\n"x"y', ","), False, "adds syntax")
def test_every_cell_path_matches_the_stretch_loop(
    document: tuple[str, str], strict: bool, converter: str
) -> None:
    text, delimiter = document
    function = CELL_CONVERTERS[converter]

    def run(
        path: Callable[..., str | None],
    ) -> tuple[str | None, list[str], str | None]:
        calls: list[str] = []

        def record(piece: str) -> str:
            calls.append(piece)
            return function(piece)

        out = path(text, record, delimiter, strict_quotes=strict)
        batched = path(text, _text.MappedConverter(function), delimiter, strict_quotes=strict)
        assert batched == out
        return out, calls, batched

    assert run(delimited._convert_every_cell) == run(reference_convert_every_cell)


# --- subtitles: WebVTT blocks ---------------------------------------------------------------


def reference_gather_vtt_blocks(
    text: str, last: int, batch: _text.Batch, out: list[_text.Part], target: str
) -> None:
    """The WebVTT block loop as it was: each block found, then its first two lines matched
    for a timing line, then its payload split, an annotated tag a part of its own."""
    for block in subtitles._VTT_BLOCK.finditer(text, last):
        start, end = block.span()
        payload = reference_vtt_payload_start(text, start, end)
        if payload is not None:
            out.append(text[last:payload])
            reference_gather_vtt_payload(text[payload:end], batch, out, target)
            last = end
    out.append(text[last:])


def reference_vtt_payload_start(text: str, start: int, end: int) -> int | None:
    if re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|\n|\Z)").match(text, start) is not None:
        return None
    first = subtitles._LINE_END.match(text, start)
    assert first is not None
    if "-->" in first.group():
        return first.end()
    if first.end() < end:
        second = subtitles._LINE_END.match(text, first.end())
        assert second is not None
        if "-->" in second.group():
            return second.end()
    return None


def reference_gather_vtt_payload(
    payload: str, batch: _text.Batch, out: list[_text.Part], target: str
) -> None:
    start = len(out)
    _text.gather_split(payload, subtitles._VTT_MARKUP_SPLIT, batch, out)
    if "<v" not in payload and "<lang" not in payload:
        return
    for index in range(start + 1, len(out), 2):
        tag = out[index]
        assert isinstance(tag, str)
        annotated = subtitles._VTT_ANNOTATED.fullmatch(tag)
        if annotated is None or not annotated.group("annotation"):
            continue
        annotation = annotated.group("annotation")
        parts: list[_text.Part] = [annotated.group("head")]
        if annotated.group("tag") == "lang":
            around = subtitles._BCP47_AROUND.fullmatch(annotation)
            assert around is not None
            parts.append(around.group("before") + _text.retag_bcp47(around.group("tag"), target))
            parts.append(around.group("after"))
        else:
            _text.gather_split(annotation, subtitles._VTT_ENTITY_SPLIT, batch, parts)
        parts.append(">")
        out[index] = _text.joined(parts)


# Spaces, tabs and every kind of line break subtitles meet.
BLANKS_AND_BREAKS = (" ", "\t", "\n", "\n\n", "\r\n", "\r", " \n")
VTT_BODIES = tokens(
    *WORDS,
    "NOTE",
    "STYLE",
    "REGION",
    "intro",
    "-->",
    "00:01.000 --> 00:02.000",
    "00:00:01.000 --> 00:00:02.500 align:start",
    "<v Гид>",
    "<v.loud Ann &amp; Бо>",
    "<lang uz-Cyrl>",
    "<lang  en >",
    "</v>",
    "<i>",
    "<",
    ">",
    "&amp;",
    "&",
    "\f",
    *BLANKS_AND_BREAKS,
    max_size=60,
)


@SETTINGS
@given(VTT_BODIES, st.sampled_from(["latin", "cyrillic"]))
@example("NOTE\r\n00:01.000 --> 00:02.000\nа <v Гид>б</v>\n\nx\n-->\nШ", "latin")
@example("\nintro\n00:01.000 --> 00:02.000\n\n-->", "latin")
def test_vtt_blocks_match_the_block_loop(body: str, target: str) -> None:
    text = "WEBVTT\n\n" + body

    def run(gather: Callable[..., None]) -> tuple[str, list[str]]:
        calls: list[str] = []

        def record(piece: str) -> str:
            calls.append(piece)
            return marked(piece)

        batch = _text.Batch()
        out: list[_text.Part] = []
        gather(text, len("WEBVTT\n"), batch, out, target)
        batch.run(record)
        return batch.join(out), calls

    assert run(subtitles._gather_blocks) == run(reference_gather_vtt_blocks)


# --- subtitles: SubRip cues -----------------------------------------------------------------


def reference_srt_payloads(text: str) -> list[tuple[int, int]]:
    """The SubRip cue loop as it was: ``str.find`` to each ``-->``, its line matched as a
    timing line, the cue's text matched after it."""
    payloads: list[tuple[int, int]] = []
    resume = 0
    while True:
        arrow = text.find("-->", resume)
        if arrow < 0:
            return payloads
        newline = text.rfind("\n", resume, arrow)
        newline = max(newline, text.rfind("\r", max(newline, resume), arrow))
        line_start = newline + 1 if newline >= 0 else resume
        timing = subtitles._SRT_TIMING.match(text, line_start)
        if timing is None:
            line = subtitles._LINE_END.match(text, arrow)
            assert line is not None
            resume = line.end()
            continue
        payload = subtitles._SRT_PAYLOAD.match(text, timing.end())
        assert payload is not None
        payloads.append(payload.span())
        resume = payload.end()


SRT_TEXTS = tokens(
    *WORDS,
    "1",
    "12",
    " 3 ",
    "00:00:01,000 --> 00:00:02,500",
    "00:01.5 --> 00:02.000 x",
    " 1:02:03,4-->5:06,7",
    "-->",
    "00:00:01,000 -->",
    "--> 00:00:02,000",
    "<i>",
    "{\\an8}",
    *BLANKS_AND_BREAKS,
    max_size=60,
)


@SETTINGS
@given(SRT_TEXTS)
@example("1\n00:00:01,000 --> 00:00:02,000\nа\n2\n00:00:03,000 --> 00:00:04,000\nб")
@example("x --> y\n00:01,0 --> 00:02,0\r\nа\r\n\r\n-->")
def test_srt_cues_match_the_arrow_loop(text: str) -> None:
    pieces = subtitles._SRT_CUE_SPLIT.split(text)  # before, timing, text, between ...
    spans: list[tuple[int, int]] = []
    at = 0
    for index, piece in enumerate(pieces):
        if index % 3 == 2:
            spans.append((at, at + len(piece)))
        at += len(piece)
    assert spans == reference_srt_payloads(text)


def reference_convert_srt(text: str, convert: Callable[[str], str]) -> str:
    """The SubRip conversion as it was: each cue's text split at its tags alone."""
    batch = _text.Batch()
    out: list[_text.Part] = []
    last = 0
    for start, end in reference_srt_payloads(text):
        if start < end:
            out.append(text[last:start])
            _text.gather_split(text[start:end], subtitles._SRT_TAGS_SPLIT, batch, out)
            last = end
    out.append(text[last:])
    batch.run(convert)
    return batch.join(out)


SRT_CONVERTERS: dict[str, Callable[[str], str]] = {
    "marked": marked,
    "writes the separator": lambda text: text.replace("а", "\x00\n"),
}


# Cue texts with NULs (the joined texts' separator is a NUL and a line break) and tags
# left open at a cue's end.
SRT_NUL_TEXTS = tokens(
    "а",
    "x",
    "\x00",
    "\x00\n",
    "<i",
    ">",
    "<b>",
    "{\\an8}",
    "\n",
    "\n\n",
    "\n00:00:05,000 --> 00:00:06,000\n",
    max_size=20,
)


@SETTINGS
@given(st.one_of(SRT_TEXTS, SRT_NUL_TEXTS), st.sampled_from(sorted(SRT_CONVERTERS)))
@example("<i а\n\n00:00:03,000 --> 00:00:04,000\nб>", "marked")
@example("а\x00\nб\n\n00:00:03,000 --> 00:00:04,000\nв", "marked")
def test_srt_cue_texts_converted_together_match_one_by_one(body: str, converter: str) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n" + body
    function = SRT_CONVERTERS[converter]

    def run(path: Callable[[str, Callable[[str], str]], str]) -> tuple[str, list[str]]:
        calls: list[str] = []

        def record(piece: str) -> str:
            calls.append(piece)
            return function(piece)

        return path(text, record), calls

    def together(text: str, convert: Callable[[str], str]) -> str:
        return subtitles.SrtFormat._convert(text, convert, whole=True)

    assert run(together) == run(reference_convert_srt)
