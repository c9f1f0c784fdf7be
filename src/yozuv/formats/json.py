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
import re
from dataclasses import dataclass

from yozuv.errors import FormatError
from yozuv.formats._base import TextFormat
from yozuv.formats._messages import convert_message
from yozuv.formats._text import TextConverter, retag_bcp47

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
_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


@dataclass(frozen=True)
class _Literal:
    """A decoded string literal: its text and how each escaped character was written."""

    text: str
    escapes: dict[str, str]
    raw_non_ascii: bool
    escaped_non_ascii: bool
    upper_hex: bool | None


class JsonFormat(TextFormat):
    """String values converted; keys and everything between literals copied byte for byte."""

    name = "json"
    extensions = (".json", ".arb")

    def convert_text(self, text: str, convert: TextConverter, *, target: str, source: str) -> str:
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
        out: list[str] = []
        last = 0
        for start, end, role in _string_literals(text):
            if role == "skip":
                continue
            raw = text[start:end]
            literal = _decode(raw)
            if role == "locale":
                new_text = retag_bcp47(literal.text, target, separator="_")
            else:
                new_text = convert_message(literal.text, convert)
            if new_text == literal.text:
                continue
            out.append(text[last:start])
            out.append(_encode(new_text, literal, file_escapes_non_ascii))
            last = end
        out.append(text[last:])
        return "".join(out)


def _string_literals(text: str) -> list[tuple[int, int, str]]:
    """Each string literal of a valid JSON text with its role: key, value, locale or skip.

    The scanner keeps a stack of open containers; for objects it remembers whether the next
    string is a key and whether the current member sits under an ``@`` metadata key.
    """
    found: list[tuple[int, int, str]] = []
    # stack entries: [is_object, expecting_key, current_key, inside_metadata]
    stack: list[list[object]] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == '"':
            match = _STRING_LITERAL.match(text, index)
            assert match is not None  # the text passed json.loads
            end = match.end()
            top = stack[-1] if stack else None
            in_metadata = bool(top and top[3])
            if top is not None and top[0] and top[1]:
                key = _decode(match.group(0)).text
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


def _decode(raw: str) -> _Literal:
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
    return _Literal("".join(chars), escapes, raw_non_ascii, escaped_non_ascii, upper_hex)


def _file_prefers_u_escapes(text: str) -> bool:
    """True when the file writes non-ASCII text as \\u escapes and never raw."""
    if any(ord(char) > 127 for char in text.lstrip("\ufeff")):
        return False
    return _U_ESCAPE_NON_ASCII.search(text) is not None


def _encode(text: str, literal: _Literal, file_escapes_non_ascii: bool) -> str:
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
