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
from collections.abc import Callable
from dataclasses import dataclass, field

from messages_reference_impl._messages import MessageCollector, gather_message
from yozuv.errors import FormatError
from yozuv.formats._base import TextFormat
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
# One entry, for re.split: each character of it in exactly one group, so that the pieces
# joined give the file back. 1: the blank and comment lines before it, its msgctxt and
# msgid fields; then either 2: the msgid_plural field and 3: the msgstr[n] fields, or
# 4: the msgstr keyword up to the opening quote, 5: the string's body, 6: the closing
# quote, spaces and line ending, 7: the field's further string lines. Groups of the other
# branch are None. Where no entry starts, 8 takes the rest of the file: the split then
# never searches on (which would try an entry at every later position, in quadratic
# time), and the pieces are those of the loop of matches this replaced.
_ENTRY_SPLIT = re.compile(
    rf'({_SKIP}(?:[ \t]*msgctxt[ \t]*"{_BODY}"[ \t]*{_NL}{_MORE})?'
    rf'[ \t]*msgid[ \t]*"{_BODY}"[ \t]*{_NL}{_MORE})'
    rf'(?:([ \t]*msgid_plural[ \t]*"{_BODY}"[ \t]*{_NL}{_MORE})'
    rf'((?:[ \t]*msgstr\[\d+\][ \t]*"{_BODY}"[ \t]*{_NL}{_MORE})+)'
    rf'|([ \t]*msgstr[ \t]*")({_BODY})("[ \t]*{_NL})({_MORE}))'
    r"|((?s:.+))"
)
_STRIDE = 9  # pieces per match: what lies before it (always empty), then its 8 groups
# Group 1 of the header: no msgctxt, and a msgid of empty strings only.
_HEADER_HEAD = re.compile(rf'{_SKIP}[ \t]*msgid[ \t]*""[ \t]*{_NL}(?:[ \t]*""[ \t]*{_NL})*')
_WELL_FORMED_END = re.compile(rf"{_SKIP}[^\S\r\n]*(?:#[^\r\n]*)?")  # fullmatched
# One string line of a msgstr field; ``keyword`` is set on the field's first line.
_MSGSTR_LINE = re.compile(
    rf'(?P<prefix>[ \t]*(?:(?P<keyword>msgstr(?:\[\d+\])?)[ \t]*)?)"(?P<body>{_BODY})"'
    rf"(?P<suffix>[ \t]*)(?P<ending>{_NL})"
)

# A msgstr line: start and end of its text (the ending excluded), prefix, body, suffix and
# decoded text.
_Line = tuple[int, int, str, str, str, str]


def _convert_well_formed(text: str, convert: AnyConverter, target: str) -> str | None:
    """:meth:`PoFormat.convert_text` for a well-formed catalogue (see above), or None.

    The file is cut by one ``re.split`` into its entries' groups (see ``_ENTRY_SPLIT``):
    Python visits each entry once, and an entry whose msgstr is one line (most) is read
    from its pieces, with no match object, and written back by replacing its body. Other
    msgstr fields (several lines, plural forms, the header) are read as a small text of
    their own by the line functions below.
    """
    pieces = _well_formed_msgstr_fields(text)
    if pieces is None:
        return None
    messages = MessageCollector(accelerators=True)  # every msgstr text, in order
    where: list[int] = []  # the index in ``pieces`` of each one-line body, in step:
    bodies: list[str] = []  # the body as written
    decoded: list[str] = []  # its text
    numbers: list[int] = []  # and its number among the messages
    blocks: list[_Block] = []
    for index in range(1, _entries_end(pieces), _STRIDE):
        head = pieces[index] or ""
        body = pieces[index + 4]
        header = '""' in head and _HEADER_HEAD.fullmatch(head) is not None
        if body is not None and not pieces[index + 6] and not header:
            old = body if "\\" not in body else _decode(body, 0)
            where.append(index + 4)
            bodies.append(body)
            decoded.append(old)
            numbers.append(messages.add(old))
        else:
            blocks.append(_gather_block(pieces, index, header, target, messages.part))
    batch = Batch()
    messages.gather(batch)
    batch.run(convert)
    news = list(map(messages.outputs(batch).__getitem__, numbers))
    for index, body, old, new in zip(where, bodies, decoded, news, strict=True):
        if new != old:
            pieces[index] = _encode(new, body)
    for block in blocks:
        block.write(pieces, batch)
    return "".join(filter(None, pieces))


def _entries_end(pieces: list[str | None]) -> int:
    """Where the entries' pieces end: before the match of the rest of the file, when the
    last match is that (its group 8, the last but one piece, is set)."""
    if len(pieces) > 1 and pieces[-2] is not None:
        return len(pieces) - _STRIDE
    return len(pieces) - 1


class _Block:
    """The msgstr fields of one entry that are not a single line (several string lines,
    plural forms) or that belong to the header, read as a text of their own.

    ``changes`` are the header's retagged lines; ``lines`` and ``parts`` the string lines
    gathered for conversion, in step. ``write`` puts the converted text in the first of the
    pieces the fields came from and empties the others.
    """

    __slots__ = ("changes", "first", "last", "lines", "parts", "text")

    def __init__(self, text: str, first: int, last: int) -> None:
        self.text = text
        self.first = first
        self.last = last
        self.changes: list[tuple[int, int, str]] = []
        self.lines: list[_Line] = []
        self.parts: list[Part] = []

    def write(self, pieces: list[str | None], batch: Batch) -> None:
        changes = list(self.changes)
        for (start, end, prefix, body, suffix, decoded), new in zip(
            self.lines, batch.texts_of(self.parts), strict=True
        ):
            if new != decoded:
                changes.append((start, end, f'{prefix}"{_encode(new, body)}"{suffix}'))
        if not changes:
            return
        out: list[str] = []
        last = 0
        for start, end, replacement in changes:
            out.append(self.text[last:start])
            out.append(replacement)
            last = end
        out.append(self.text[last:])
        pieces[self.first : self.last] = ["".join(out)] + [""] * (self.last - self.first - 1)


def _gather_block(
    pieces: list[str | None],
    index: int,
    header: bool,
    target: str,
    gather: Callable[[str], Part],
) -> _Block:
    """The :class:`_Block` of the entry whose first group is ``pieces[index]``: its
    msgstr lines retagged (the header) or their messages handed to ``gather``."""
    if pieces[index + 2] is not None:  # plural forms
        first, last = index + 2, index + 3
    else:
        first, last = index + 3, index + 7
    block = _Block("".join(filter(None, pieces[first:last])), first, last)
    if pieces[index + 2] is not None:
        fields = _plural_fields(block.text, 0, len(block.text))
        assert fields is not None  # _well_formed_msgstr_fields has made sure
    else:
        fields = [_msgstr_lines(block.text, 0, len(block.text))]
    for lines in fields:
        if header:
            block.changes.extend(_retag_header_lines(block.text, lines, target))
            continue
        block.lines.extend(lines)
        if len(lines) == 1:
            text = lines[0][5]
            block.parts.append(gather(text))
        else:
            block.parts.extend(gather_segments([line[5] for line in lines], gather))
    return block


def _well_formed_msgstr_fields(text: str) -> list[str | None] | None:
    """The pieces of a well-formed catalogue cut by ``_ENTRY_SPLIT``: its entries, each
    ``_STRIDE`` pieces from an empty one, maybe a match of the rest (see
    :func:`_entries_end`), then an empty piece; None for any other file.

    The rest of the file after the last entry (group 8 of the last match, when there is
    one) must be blank and comment lines, and no plural entry may repeat a msgstr[n].
    """
    pieces: list[str | None] = _ENTRY_SPLIT.split(text)
    rest = pieces[-2] if len(pieces) > 1 else None
    if rest is not None and _WELL_FORMED_END.fullmatch(rest) is None:
        return None
    for plural in pieces[3::_STRIDE]:
        if plural is not None and _plural_fields(plural, 0, len(plural)) is None:
            return None
    return pieces


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
