"""JSON, including app locale files (i18next, ARB, Laravel, vue-i18n).

Only string *values* are converted; keys, numbers, punctuation, whitespace and key order are
copied byte for byte, because the file is rebuilt from the original text by a small scanner
rather than by ``json.dumps``. Values are converted with :func:`convert_message`, so
``{placeholders}``, ICU plural/select syntax, ``{{i18next}}`` and ``$t()`` references and
markup tags survive. Members whose key starts with ``@`` are ARB metadata (descriptions,
placeholder types) and are left alone, all the way down, except ``"@@locale"``, whose value is
a language tag and follows the target (``uz`` <-> ``uz_Cyrl``).

Escapes: a literal whose text does not change is copied as it was. A changed literal is
re-encoded keeping its style: every character the original wrote as an escape is written
with that same escape again (``\\/``, ``\\u0022``, ``\\u0430`` ...); ``"``, ``\\`` and control
characters get their short escapes; a new non-ASCII character is written as ``\\uXXXX`` when
the literal wrote its non-ASCII letters that way (or, for an ASCII-only literal, when the file
does and never writes them raw, as ``json.dumps`` does by default), and raw otherwise.
"""

from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

from messages_reference_impl._messages import MessageList, gather_message
from yozuv.errors import FormatError
from yozuv.formats._base import TextFormat
from yozuv.formats._text import AnyConverter, Batch, Part, retag_bcp47

_SHORT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}
_DECODE_SHORT = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_U_ESCAPE_NON_ASCII = re.compile(  # \u0080 and above
    r"\\u(?:[0-9A-Fa-f]{2}(?<!00)[0-9A-Fa-f]{2}|00[89A-Fa-f][0-9A-Fa-f])"
)
# Outside string literals only brackets and commas matter to the scanner; a literal is
# matched whole (unrolled, so the regex engine does not alternate once per character).
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],]', re.DOTALL)
# One escape as the decoder reads it: a surrogate pair first, so it counts as one.
_ESCAPE = re.compile(
    r"\\(?:u[dD][89abAB][0-9A-Fa-f]{2}\\u[dD][c-fC-F][0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)",
    re.DOTALL,
)
# A literal and, when it is a key, the colon after it (JSON whitespace only may come between).
_LITERAL_AND_COLON = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"([ \t\n\r]*:)?', re.DOTALL)
# The same as one group each, for re.split (the colon group is empty after a value).
_LITERAL_SPLIT = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")((?:[ \t\n\r]*:)?)', re.DOTALL)
# A literal that may start with "@" (raw, or written as the escape \u0040).
_AT_KEY_START = re.compile(r'"(?:@|\\u0040)', re.IGNORECASE)
_HEX_LETTER = re.compile(r"[A-Fa-f]")
_ALWAYS_ESCAPED = re.compile(r'["\\\x00-\x1f]')
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_HEX_UNIT = re.compile(r"[0-9A-Fa-f]{4}")
# An escape that is not one of the short escapes every literal writes the same way. It may
# also find the second backslash of an escaped backslash (``\\/``): that literal is then
# written on its own, in its own style, which gives the same.
_ODD_ESCAPE = re.compile(r'\\[^"\\bfnrt]')


def _control_table(upper: bool) -> dict[int, str]:
    """``str.translate`` table for the characters every literal escapes: ``"``, ``\\`` and
    the controls (short escapes where JSON has them, ``\\uXXXX`` otherwise)."""
    table = {code: _u_escapes(chr(code), upper) for code in range(0x20)}
    table.update({ord(char): escape for char, escape in _SHORT_ESCAPES.items()})
    return table


class _Literal(NamedTuple):
    """A decoded string literal: its text and how each escaped character was written.

    A named tuple: one is made per literal of the file, and a frozen dataclass costs
    several times more to build.
    """

    text: str
    escapes: dict[str, str]
    raw_non_ascii: bool
    escaped_non_ascii: bool
    upper_hex: bool | None


class JsonFormat(TextFormat):
    """String values converted; keys and everything between literals copied byte for byte."""

    name = "json"
    extensions = (".json", ".arb")

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        body = text[1:] if text.startswith("\ufeff") else text
        try:
            json.loads(body)
        except json.JSONDecodeError as error:
            raise FormatError(
                f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            ) from None
        except RecursionError:
            raise FormatError("JSON nested too deeply to convert safely") from None
        file_escapes_non_ascii = _file_prefers_u_escapes(text)
        if _AT_KEY_START.search(text) is None:
            return _convert_without_metadata(text, convert, file_escapes_non_ascii)
        batch = Batch()
        # Parallel lists of what already exists (the scanner's tuples, decoded strings):
        # no object is made per literal that would stay alive until the batch runs, which
        # would cost the garbage collector full passes. A changed literal is decoded again
        # for its escapes when it is written.
        places: list[tuple[int, int, str]] = []
        texts: list[str] = []
        parts: list[Part] = []
        for place in _string_literals(text):
            start, end, role = place
            if role == "skip":
                continue
            old_text = _decode(text[start:end]).text
            places.append(place)
            texts.append(old_text)
            if role == "locale":
                parts.append(retag_bcp47(old_text, target, separator="_"))
            else:
                parts.append(gather_message(old_text, batch))
        batch.run(convert)
        out: list[str] = []
        last = 0
        new_texts = batch.texts_of(parts)
        for (start, end, _), old_text, new_text in zip(places, texts, new_texts, strict=True):
            if new_text == old_text:
                continue
            out.append(text[last:start])
            out.append(_encode(new_text, _decode(text[start:end]), file_escapes_non_ascii))
            last = end
        out.append(text[last:])
        return "".join(out)


def _convert_without_metadata(
    text: str, convert: AnyConverter, file_escapes_non_ascii: bool
) -> str:
    """:meth:`JsonFormat.convert_text` for a file without ``@`` keys (most files).

    Then a literal is a key exactly when a colon follows it, so one ``re.split`` (C) cuts
    the whole file into what lies between literals, the literals and their colons; the
    output is the same list with the changed values replaced. The values are picked by
    ``itertools.compress``, decoded by one ``json.loads`` and encoded by one ``json.dumps``
    (see :func:`_encode_all`), all in C: Python is left with the messages' syntax.
    """
    pieces = _LITERAL_SPLIT.split(text)  # between, literal, colon or "", between, ...
    is_value = list(map(operator.not_, pieces[2::3]))
    where = list(compress(range(1, len(pieces), 3), is_value))  # each value's index
    raws = list(compress(pieces[1::3], is_value))
    texts = _decode_all(raws)
    batch = Batch()
    messages = MessageList(texts, batch)
    batch.run(convert)
    new_texts = messages.texts(batch)
    changed = list(compress(range(len(texts)), map(operator.ne, texts, new_texts)))
    literals = _encode_all(
        [raws[index] for index in changed],
        [new_texts[index] for index in changed],
        file_escapes_non_ascii,
    )
    for index, literal in zip(changed, literals, strict=True):
        pieces[where[index]] = literal
    return "".join(pieces)


def _decode_all(raws: list[str]) -> list[str]:
    """The texts of literals of a valid JSON text, in one ``json.loads`` call (C) on an
    array of them rather than a call (and its Python wrappers) per literal."""
    texts: list[str] = json.loads("[" + ",".join(raws) + "]")
    return texts


def _encode_all(raws: list[str], texts: list[str], file_escapes_non_ascii: bool) -> list[str]:
    """:func:`_encode` of each of ``texts`` in the style of the literal in ``raws``.

    Outside a file that prefers ``\\u`` escapes, a literal with no escape other than the
    short ones (``\\"``, ``\\n`` ...; most have none) writes new text exactly as
    ``json.dumps`` without ``ensure_ascii`` does: the short escapes, ``\\u00xx`` in lower
    case for the other controls, everything else raw. So all of them are written by one
    ``json.dumps`` of the list (see :func:`_dumps_each`); the literals with other escapes
    (one search of them all says whether there are any) are written one by one in their
    own style.
    """
    if file_escapes_non_ascii:
        return [_encode(text, _decode(raw), True) for raw, text in zip(raws, texts, strict=True)]
    literals = _dumps_each(texts)
    if _ODD_ESCAPE.search("".join(raws)) is None:  # across two literals: only quotes meet
        return literals
    for index in [i for i, raw in enumerate(raws) if _ODD_ESCAPE.search(raw) is not None]:
        literals[index] = _encode(texts[index], _decode(raws[index]), False)
    return literals


def _dumps_each(texts: list[str]) -> list[str]:
    """``[json.dumps(text, ensure_ascii=False) for text in texts]`` in one call.

    The items of the list are written one per line: a written string never holds a raw
    line feed (it becomes ``\\n``), so the lines are the items, quotes and all.
    """
    if not texts:
        return []
    return json.dumps(texts, ensure_ascii=False, separators=("\n", ":"))[1:-1].split("\n")


@dataclass
class _Container:
    """An open object or array, as the literal scanner tracks it."""

    is_object: bool
    expecting_key: bool  # objects: the next literal is a key
    key: str  # objects: the key of the current member
    in_metadata: bool  # under an ``@`` (ARB metadata) key, at any depth


def _string_literals(text: str) -> list[tuple[int, int, str]]:
    """Each string literal of a valid JSON text with its role: value, locale or skip (keys
    and metadata)."""
    if _AT_KEY_START.search(text) is None:
        return _literals_without_metadata(text)
    return _literals_with_metadata(text)


def _literals_without_metadata(text: str) -> list[tuple[int, int, str]]:
    """Roles when no literal starts with ``@``: then there is neither metadata nor
    ``@@locale``, and in valid JSON a literal is a key exactly when a colon follows it."""
    found: list[tuple[int, int, str]] = []
    for literal in _LITERAL_AND_COLON.finditer(text):
        if literal.group(1) is None:
            found.append((literal.start(), literal.end(), "value"))
        else:
            found.append((literal.start(), literal.start(1), "skip"))
    return found


def _literals_with_metadata(text: str) -> list[tuple[int, int, str]]:
    """Roles in a file with ``@`` keys (ARB metadata, ``@@locale``).

    The scanner keeps a stack of open containers; for objects it remembers whether the next
    string is a key and whether the current member sits under an ``@`` metadata key. The
    token regex jumps from one literal, bracket or comma to the next: numbers, literals
    such as ``true``, colons and whitespace are never looked at.
    """
    found: list[tuple[int, int, str]] = []
    stack: list[_Container] = []
    for token in _TOKEN.finditer(text):
        start = token.start()
        char = text[start]
        if char == '"':
            found.append((start, token.end(), _role(stack, token.group())))
        elif char in "{[":
            stack.append(_open(stack, is_object=char == "{"))
        elif char in "}]":
            stack.pop()
        elif stack and stack[-1].is_object:  # a comma between members: a key comes next
            stack[-1].expecting_key = True
    return found


def _open(stack: list[_Container], *, is_object: bool) -> _Container:
    """The container a bracket opens; it is metadata inside metadata or under an ``@`` key."""
    top = stack[-1] if stack else None
    metadata = top is not None and (top.in_metadata or (top.is_object and top.key.startswith("@")))
    return _Container(is_object, is_object, "", metadata)


def _role(stack: list[_Container], raw: str) -> str:
    """The role of the literal ``raw`` met with ``stack`` open (a key is remembered)."""
    top = stack[-1] if stack else None
    if top is not None and top.is_object and top.expecting_key:
        top.key = _decode(raw).text if "\\" in raw else raw[1:-1]
        top.expecting_key = False
        return "skip"
    key = top.key if top is not None and top.is_object else ""
    if key == "@@locale" and len(stack) == 1:
        return "locale"
    if (top is not None and top.in_metadata) or key.startswith("@"):
        return "skip"
    return "value"


def _decode(raw: str) -> _Literal:
    """Decode a literal of a valid JSON text and note how its escapes were written.

    The text is decoded by the json module (C). Each distinct escape is then read once, in
    order of first appearance, for the style: the first spelling of each character, whether
    escapes wrote non-ASCII characters, and the case of the first hex letter.
    """
    inner = raw[1:-1]
    if "\\" not in inner:
        return _Literal(inner, {}, not inner.isascii(), False, None)
    escapes: dict[str, str] = {}
    escaped_non_ascii = False
    upper_hex: bool | None = None
    for escape in dict.fromkeys(_ESCAPE.findall(inner)):
        decoded = _unescape(escape)
        escapes.setdefault(decoded, escape)
        escaped_non_ascii = escaped_non_ascii or ord(decoded) > 127
        letter = _HEX_LETTER.search(escape, 2, 6) if escape[1] == "u" else None
        if letter is not None and upper_hex is None:
            upper_hex = letter.group().isupper()
    text: str = json.loads(raw)
    # Escapes are ASCII, so the literal holds raw non-ASCII exactly when it is not ASCII.
    return _Literal(text, escapes, not inner.isascii(), escaped_non_ascii, upper_hex)


def _unescape(escape: str) -> str:
    """The character one escape (as matched by ``_ESCAPE``) stands for."""
    if escape[1] != "u":
        return _DECODE_SHORT[escape[1]]
    code = int(escape[2:6], 16)
    if len(escape) == 12:  # a surrogate pair
        code = 0x10000 + ((code - 0xD800) << 10) + (int(escape[8:12], 16) - 0xDC00)
    return chr(code)


def _file_prefers_u_escapes(text: str) -> bool:
    """True when the file writes non-ASCII text as \\u escapes and never raw."""
    if not text.lstrip("\ufeff").isascii():
        return False
    return _U_ESCAPE_NON_ASCII.search(text) is not None


def _encode(text: str, literal: _Literal, file_escapes_non_ascii: bool) -> str:
    """Write ``text`` as a literal in the style of ``literal`` (see the module docstring).

    ``str.translate`` applies the literal's own escapes, the short escapes and the control
    escapes in one C pass; a second, regex pass escapes the remaining non-ASCII runs when
    the style asks for it (every replacement of the first pass is ASCII).
    """
    upper = literal.upper_hex is True
    out = text
    if literal.escapes:
        table = _CONTROL_TABLES[upper] | {ord(c): escape for c, escape in literal.escapes.items()}
        out = text.translate(table)
    elif _ALWAYS_ESCAPED.search(text) is not None:  # most texts have no quote, no control
        out = text.translate(_CONTROL_TABLES[upper])
    if _escapes_non_ascii(literal, file_escapes_non_ascii):
        out = _NON_ASCII.sub(lambda run: _u_escapes(run.group(), upper), out)
    return '"' + out + '"'


def _escapes_non_ascii(literal: _Literal, file_escapes_non_ascii: bool) -> bool:
    """Whether new non-ASCII characters are written as \\u escapes in this literal."""
    if literal.raw_non_ascii:
        return False
    return literal.escaped_non_ascii or file_escapes_non_ascii


def _u_escapes(chars: str, upper: bool) -> str:
    """``chars`` as \\uXXXX escapes, UTF-16 code units (astral characters as pairs)."""
    units = chars.encode("utf-16-be", "surrogatepass").hex()
    return _HEX_UNIT.sub(r"\\u\g<0>", units.upper() if upper else units)


_CONTROL_TABLES = {False: _control_table(False), True: _control_table(True)}
