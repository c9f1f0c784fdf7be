"""gettext catalogues (``.po``/``.pot``): turn ``uz.po`` into ``uz@cyrillic.po`` and back.

Only ``msgstr`` and ``msgstr[n]`` are converted; ``msgid``, ``msgid_plural``, ``msgctxt``,
comments, flags, references and obsolete (``#~``) entries are copied byte for byte, because
they are the program's keys and the translator's notes. Inside a msgstr, placeholders
(``%s``, ``%(name)s``, ``%1$d``, ``{0}``, ``{name}``, ``{{x}}``), markup and accelerators
(``&`` or ``_`` before a letter) survive conversion (see :mod:`._messages`), so the catalogue
still passes ``msgfmt --check``.

A msgstr wrapped over several string lines is converted as one text and cut back at the
same places (a word split over two lines converts as a word), and a line whose text did not
change is copied as it was, escapes and all. The header's ``Language:`` follows the target:
``uz`` (and ``uz_UZ``) for Latin, ``uz@cyrillic`` for Cyrillic; ``uz_Latn``/``uz_Cyrl``
forms switch their script subtag. Nothing else in the header is touched. A syntax error
raises :class:`FormatError` naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yozuv.errors import FormatError
from yozuv.formats._base import TextFormat
from yozuv.formats._messages import gather_message
from yozuv.formats._text import (
    AnyConverter,
    Batch,
    Part,
    gather_segments,
    retag_posix,
    split_lines,
)

_KEYWORD_LINE = re.compile(
    r"^(?P<prefix>[ \t]*(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[(?P<n>\d+)\])?)"
    r"[ \t]*)(?P<string>\".*)$"
)
_CONTINUATION_LINE = re.compile(r"^(?P<prefix>[ \t]*)(?P<string>\".*)$")
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"(?P<suffix>[ \t]*)$')
# A well-formed keyword line in one match (_KEYWORD_LINE and _STRING together, the string
# unrolled so that the regex engine does not alternate once per character); a line it does
# not match goes through the two of them, which name the error.
_KEYWORD_STRING_LINE = re.compile(
    r"(?P<prefix>[ \t]*(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*)"
    r'"(?P<body>[^"\\]*(?:\\.[^"\\]*)*)"(?P<suffix>[ \t]*)$'
)
_CONTINUATION_STRING_LINE = re.compile(
    r'(?P<prefix>[ \t]*)"(?P<body>[^"\\]*(?:\\.[^"\\]*)*)"(?P<suffix>[ \t]*)$'
)
_ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)")
_SIMPLE = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "?": "?",
}
_ENCODE = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_LANGUAGE = re.compile(r'^(?P<head>[^"]*"Language:[ \t]*)(?P<value>[^\\"\s]+)')


@dataclass(slots=True)
class _StringLine:
    """One quoted string of a field: the line it is on and its decoded text."""

    number: int  # 0-based line index
    prefix: str
    body: str  # between the quotes, as written
    suffix: str
    text: str


@dataclass(slots=True)
class _Field:
    keyword: str
    lines: list[_StringLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(slots=True)
class _Entry:
    first_line: int
    fields: list[_Field] = field(default_factory=list)
    has_msgstr: bool = False  # kept by add(): asked on every line, so not searched for
    by_keyword: dict[str, _Field] = field(default_factory=dict)  # the first of each

    def add(self, fld: _Field) -> None:
        self.fields.append(fld)
        self.by_keyword.setdefault(fld.keyword, fld)
        self.has_msgstr = self.has_msgstr or fld.keyword.startswith("msgstr")

    def get(self, keyword: str) -> _Field | None:
        return self.by_keyword.get(keyword)

    @property
    def is_header(self) -> bool:
        msgid = self.get("msgid")
        return msgid is not None and msgid.text == "" and self.get("msgctxt") is None


class PoFormat(TextFormat):
    """msgstr converted, everything else kept; ``Language:`` follows the target."""

    name = "po"
    extensions = (".po", ".pot")

    def convert_text(self, text: str, convert: AnyConverter, *, target: str, source: str) -> str:
        fast = _convert_well_formed(text, convert, target)
        if fast is not None:
            return fast
        lines = split_lines(text)
        entries = _parse(lines)
        batch = Batch()

        def gather_piece(piece: str) -> Part:
            return gather_message(piece, batch, accelerators=True)

        string_lines: list[_StringLine] = []  # the msgstr lines and, in step, their parts
        parts: list[Part] = []
        for entry in entries:
            is_header = entry.is_header
            for fld in entry.fields:
                if not fld.keyword.startswith("msgstr"):
                    continue
                if is_header:
                    _retag_header(lines, fld, target)
                    continue
                string_lines.extend(fld.lines)
                if len(fld.lines) == 1:  # what gather_segments does with one segment
                    text = fld.lines[0].text
                    parts.append(gather_piece(text) if text else "")
                else:
                    parts.extend(gather_segments([line.text for line in fld.lines], gather_piece))
        batch.run(convert)
        for line, new in zip(string_lines, batch.texts_of(parts), strict=True):
            if new != line.text:
                ending = _line_ending(lines[line.number])
                lines[line.number] = (
                    f'{line.prefix}"{_encode(new, line.body)}"{line.suffix}{ending}'
                )
        return "".join(lines)


# --- the well-formed catalogue, read by regexes ----------------------------------------------
# Most catalogues are well formed in a narrow sense: entries of the fields msgctxt?, msgid,
# then msgstr or msgid_plural and msgstr[n]..., each a keyword line and string lines, with
# only blank and comment lines between the entries. Such a file is read an entry at a time
# by one regex match, and only its msgstr lines are visited by Python. Anything else
# (comments inside an entry, a field out of order, a bad escape, any error) goes to _parse,
# line by line, which gives the same answer for every file this path takes (its loop makes
# the same entries of them: they are cut where it cuts them, at blank and comment lines and
# at a msgctxt or msgid after a msgstr) and names the error for the others.

_NL = r"(?:\r\n|\r|\n|\Z)"
# A string body whose every escape _decode knows (it raises on the others).
_BODY = r"""[^"\\\r\n]*(?:\\(?:[0-7ntrabfv\\"'?]|x[0-9A-Fa-f])[^"\\\r\n]*)*"""
_MORE = rf'(?:[ \t]*"{_BODY}"[ \t]*{_NL})*'  # the string lines after a keyword line
_SKIP = r"(?:[^\S\r\n]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*"  # blank and comment lines
_WELL_FORMED_ENTRY = re.compile(
    rf"{_SKIP}"
    rf'(?P<msgctxt>[ \t]*msgctxt[ \t]*"{_BODY}"[ \t]*{_NL}{_MORE})?'
    rf'[ \t]*msgid[ \t]*"(?P<msgid>{_BODY})"[ \t]*{_NL}(?P<msgid_more>{_MORE})'
    rf'(?:[ \t]*msgid_plural[ \t]*"{_BODY}"[ \t]*{_NL}{_MORE}'
    rf'(?P<plural>(?:[ \t]*msgstr\[\d+\][ \t]*"{_BODY}"[ \t]*{_NL}{_MORE})+)'
    rf'|(?P<prefix>[ \t]*msgstr[ \t]*)"(?P<body>{_BODY})"(?P<suffix>[ \t]*)(?P<ending>{_NL})'
    rf"(?P<more>{_MORE}))"
)
_WELL_FORMED_END = re.compile(rf"{_SKIP}[^\S\r\n]*(?:#[^\r\n]*)?")  # fullmatched
_EMPTY_MORE = re.compile(rf'(?:[ \t]*""[ \t]*{_NL})*')  # fullmatched
# One string line of a msgstr field; ``keyword`` is set on the field's first line.
_MSGSTR_LINE = re.compile(
    rf'(?P<prefix>[ \t]*(?:(?P<keyword>msgstr(?:\[\d+\])?)[ \t]*)?)"(?P<body>{_BODY})"'
    rf"(?P<suffix>[ \t]*)(?P<ending>{_NL})"
)

# A msgstr line: start and end of its text (the ending excluded), prefix, body, suffix and
# decoded text.
_Line = tuple[int, int, str, str, str, str]


def _convert_well_formed(text: str, convert: AnyConverter, target: str) -> str | None:
    """:meth:`PoFormat.convert_text` for a well-formed catalogue (see above), or None."""
    fields = _well_formed_msgstr_fields(text)
    if fields is None:
        return None
    batch = Batch()

    def gather_piece(piece: str) -> Part:
        return gather_message(piece, batch, accelerators=True)

    changes: list[tuple[int, int, str]] = []
    string_lines: list[_Line] = []  # the msgstr lines and, in step, their parts
    parts: list[Part] = []
    for is_header, lines in fields:
        if is_header:
            changes.extend(_retag_header_lines(text, lines, target))
            continue
        string_lines.extend(lines)
        if len(lines) == 1:
            decoded = lines[0][5]
            parts.append(gather_piece(decoded) if decoded else "")
        else:
            parts.extend(gather_segments([line[5] for line in lines], gather_piece))
    batch.run(convert)
    for (start, end, prefix, body, suffix, decoded), new in zip(
        string_lines, batch.texts_of(parts), strict=True
    ):
        if new != decoded:
            changes.append((start, end, f'{prefix}"{_encode(new, body)}"{suffix}'))
    changes.sort()  # header lines were noted before the others; all spans are apart
    out: list[str] = []
    last = 0
    for start, end, replacement in changes:
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def _well_formed_msgstr_fields(text: str) -> list[tuple[bool, list[_Line]]] | None:
    """Each msgstr field of a well-formed catalogue, in order, with whether its entry is
    the header; None for any other file."""
    fields: list[tuple[bool, list[_Line]]] = []
    match_entry = _WELL_FORMED_ENTRY.match
    position = 0
    entry = match_entry(text, position)
    while entry is not None and entry.end() > position:
        position = entry.end()
        is_header = (
            entry.group("msgctxt") is None
            and not entry.group("msgid")
            and _EMPTY_MORE.fullmatch(entry.group("msgid_more")) is not None
        )
        if entry.group("more") == "":  # a msgstr on one line (most): read from the match
            body = entry.group("body")
            line = (
                entry.start("prefix"),
                entry.start("ending"),
                entry.group("prefix"),
                body,
                entry.group("suffix"),
                _decode(body, 0),  # the escapes are known good: nothing raises
            )
            fields.append((is_header, [line]))
        elif entry.group("more") is not None:
            fields.append((is_header, _msgstr_lines(text, entry.start("prefix"), position)))
        else:
            plural = _plural_fields(text, entry.start("plural"), position)
            if plural is None:
                return None
            fields.extend((is_header, lines) for lines in plural)
        entry = match_entry(text, position)
    if _WELL_FORMED_END.fullmatch(text, position) is None:
        return None
    return fields


def _msgstr_lines(text: str, start: int, end: int) -> list[_Line]:
    return [
        (
            line.start(),
            line.start("ending"),
            line.group("prefix"),
            line.group("body"),
            line.group("suffix"),
            _decode(line.group("body"), 0),
        )
        for line in _MSGSTR_LINE.finditer(text, start, end)
    ]


def _plural_fields(text: str, start: int, end: int) -> list[list[_Line]] | None:
    """The msgstr[n] fields of an entry; None when one is repeated (a syntax error)."""
    fields: list[list[_Line]] = []
    keywords: set[str] = set()
    for line in _MSGSTR_LINE.finditer(text, start, end):
        keyword = line.group("keyword")
        if keyword is not None:
            if keyword in keywords:
                return None
            keywords.add(keyword)
            fields.append([])
        body = line.group("body")
        fields[-1].append(
            (
                line.start(),
                line.start("ending"),
                line.group("prefix"),
                body,
                line.group("suffix"),
                _decode(body, 0),
            )
        )
    return fields


def _retag_header_lines(text: str, lines: list[_Line], target: str) -> list[tuple[int, int, str]]:
    """The header's ``Language:`` lines, made to follow the target (see _retag_header)."""
    changes = []
    for start, end, *_ in lines:
        original = text[start:end]
        match = _LANGUAGE.match(original)
        if match is not None:
            value = retag_posix(match.group("value"), target)
            changes.append((start, end, match.group("head") + value + original[match.end() :]))
    return changes


def _line_ending(line: str) -> str:
    stripped = line.rstrip("\r\n")
    return line[len(stripped) :]


def _retag_header(lines: list[str], fld: _Field, target: str) -> None:
    for line in fld.lines:
        original = lines[line.number]
        match = _LANGUAGE.match(original)
        if match is None:
            continue
        value = retag_posix(match.group("value"), target)
        lines[line.number] = match.group("head") + value + original[match.end() :]


def _parse(lines: list[str]) -> list[_Entry]:
    """Parse the catalogue's structure; raise FormatError at the first malformed line."""
    entries: list[_Entry] = []
    entry: _Entry | None = None
    current: _Field | None = None

    def finish() -> None:
        nonlocal entry, current
        if entry is not None and entry.fields:
            _check_entry(entry)
            entries.append(entry)
        entry = None
        current = None

    for number, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if not stripped:
            finish()
            continue
        if stripped.startswith("#"):
            if entry is not None and entry.has_msgstr:
                finish()
            current = None
            continue
        well_formed = _KEYWORD_STRING_LINE.match(line)
        keyword_match = well_formed or _KEYWORD_LINE.match(line)
        if keyword_match is not None:
            keyword = keyword_match.group("keyword")
            if entry is not None and keyword in ("msgctxt", "msgid") and entry.has_msgstr:
                finish()
            if entry is None:
                entry = _Entry(number)
            if entry.get(keyword) is not None:
                raise FormatError(f"PO syntax error at line {number + 1}: duplicate {keyword}")
            current = _Field(keyword)
            entry.add(current)
            if well_formed is not None:
                current.lines.append(_parsed_string_line(number, well_formed))
            else:
                current.lines.append(
                    _string_line(
                        number, keyword_match.group("prefix"), keyword_match.group("string")
                    )
                )
            continue
        well_formed = _CONTINUATION_STRING_LINE.match(line)
        if well_formed is not None and current is not None:
            current.lines.append(_parsed_string_line(number, well_formed))
            continue
        continuation = _CONTINUATION_LINE.match(line)
        if continuation is not None and current is not None:
            current.lines.append(
                _string_line(number, continuation.group("prefix"), continuation.group("string"))
            )
            continue
        what = "string without a keyword" if continuation else f"unexpected text {stripped[:30]!r}"
        raise FormatError(f"PO syntax error at line {number + 1}: {what}")
    finish()
    return entries


def _parsed_string_line(number: int, match: re.Match[str]) -> _StringLine:
    """The string line of a line that _KEYWORD_STRING_LINE or _CONTINUATION_STRING_LINE
    matched (what _string_line makes of it, without matching it again)."""
    body = match.group("body")
    return _StringLine(
        number, match.group("prefix"), body, match.group("suffix"), _decode(body, number)
    )


def _string_line(number: int, prefix: str, rest: str) -> _StringLine:
    match = _STRING.match(rest)
    if match is None:
        raise FormatError(
            f"PO syntax error at line {number + 1}: unterminated string or text after it"
        )
    body = match.group(1)
    return _StringLine(number, prefix, body, match.group("suffix"), _decode(body, number))


def _decode(body: str, number: int) -> str:
    """The text of a string line's body; an unknown escape raises FormatError."""
    if "\\" not in body:
        return body

    def replace(match: re.Match[str]) -> str:
        escape = match.group(0)[1:]
        if escape[0] in "01234567":
            return chr(int(escape, 8))
        if escape[0] == "x" and len(escape) > 1:  # a bare \x falls through: invalid
            return chr(int(escape[1:], 16))
        if escape in _SIMPLE:
            return _SIMPLE[escape]
        raise FormatError(f"PO syntax error at line {number + 1}: invalid escape \\{escape}")

    return _ESCAPE.sub(replace, body)


def _check_entry(entry: _Entry) -> None:
    keywords = entry.by_keyword  # every keyword of the entry (a duplicate is an error)
    where = f"PO syntax error in the entry at line {entry.first_line + 1}"
    if "msgid" not in keywords:
        raise FormatError(f"{where}: msgstr without msgid")
    if not entry.has_msgstr:
        raise FormatError(f"{where}: msgid without msgstr")
    plural = "msgid_plural" in keywords
    if plural and "msgstr" in keywords:
        raise FormatError(f"{where}: msgid_plural needs msgstr[0], msgstr[1] ...")
    if not plural and any(k.startswith("msgstr[") for k in keywords):
        raise FormatError(f"{where}: msgstr[n] without msgid_plural")


def _encode(text: str, original_body: str) -> str:
    """Escape ``text`` for a PO string, reusing any odd escape the original line used.

    One ``str.translate`` pass (C) over a table of the usual escapes, overridden by the
    original's odd ones; a text with nothing to escape is returned as it is.
    """
    reused = _odd_escapes(original_body)
    if reused:
        return text.translate(_ESCAPE_TABLE | reused)
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.translate(_ESCAPE_TABLE)


def _odd_escapes(body: str) -> dict[int, str]:
    """The escapes of ``body`` that are not the usual spelling of their character, as a
    translate table (the first spelling of each character wins)."""
    reused: dict[int, str] = {}
    if "\\" not in body:
        return reused
    for match in _ESCAPE.finditer(body):
        escape = match.group(0)
        decoded = _decode(escape, 0)
        if _ENCODE.get(decoded) != escape:
            reused.setdefault(ord(decoded), escape)
    return reused


def _escape_table() -> dict[int, str]:
    """The usual escapes: C-style short ones, octal for the other controls and DEL."""
    table = {code: f"\\{code:03o}" for code in [*range(0x20), 0x7F]}
    table.update({ord(char): escape for char, escape in _ENCODE.items()})
    return table


_ESCAPE_TABLE = _escape_table()
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
