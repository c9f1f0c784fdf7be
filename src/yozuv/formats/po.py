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
forms switch their script subtag. The header's ``charset`` is how gettext reads the file:
yozuv reads a catalogue that is not UTF-8 in it too, and the output's header names the
encoding the output is written in (``charset=CP1251`` becomes ``charset=UTF-8``). Nothing
else in the header is touched. A syntax error raises :class:`FormatError` naming the line.
"""

from __future__ import annotations

import codecs
import operator
import re
from collections import deque
from dataclasses import dataclass, field
from itertools import compress
from typing import cast

from yozuv.errors import FormatError
from yozuv.formats._base import TextFormat
from yozuv.formats._messages import MessageCollector, gather_message
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

    def declared_encoding(self, data: bytes) -> str | None:
        """The ``charset`` the header entry declares (what gettext reads the catalogue in),
        or None: no header entry first, or no charset in it."""
        match = _HEADER_MSGSTR_BYTES.match(data)
        if match is None:
            return None
        # The header's bytes as Latin-1: one character a byte, so the ASCII of the
        # keywords and of the charset's name reads right whatever the encoding.
        strings = match.group("strings").decode("latin-1")
        header = "".join(_decode(body, 0) for body in _QUOTED_BODY.findall(strings))
        # As gettext finds it: the first "charset=", up to a space, tab or line end.
        found = _CHARSET_VALUE.search(header)
        return None if found is None else found.group("value")

    def redeclare_encoding(self, text: str, encoding: str) -> str:
        """The header's ``charset`` value made to name ``encoding`` when it names another
        codec (or one Python does not know, such as a template's ``CHARSET``); nothing else
        of the file changes. ASCII text is left alone: it reads the same in any charset a
        catalogue may declare."""
        if text.isascii():
            return text
        match = _HEADER_MSGSTR.match(text)
        if match is None:
            return text
        found = _CHARSET_IN_STRING.search(text, match.start("strings"), match.end("strings"))
        if found is None:
            return text
        wanted = _codec_of(encoding)
        if wanted is None or _codec_of(found.group("value")) == wanted:
            return text
        return f"{text[: found.start('value')]}{_charset_name(wanted)}{text[found.end('value') :]}"


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
_BODY = r"""[^"\\\r\n]*+(?:\\(?:[0-7ntrabfv\\"'?]|x[0-9A-Fa-f])[^"\\\r\n]*+)*+"""
_MORE = rf'(?:[ \t]*+"{_BODY}"[ \t]*+{_NL})*+'  # the string lines after a keyword line
_SKIP = r"(?:[^\S\r\n]*+(?:#[^\r\n]*+)?+(?:\r\n|\r|\n))*+"  # blank and comment lines
# One entry, for re.split: each character of it in exactly one group, so that the pieces
# joined give the file back. 1: the blank and comment lines before it, its msgctxt and
# msgid fields; then either 2: the msgid_plural field and 3: the msgstr[n] fields, or
# 4: the msgstr keyword up to the opening quote, 5: the string's body, 6: the closing
# quote, spaces and line ending, 7: the field's further string lines. Groups of the other
# branch are None. Where no entry starts, 8 takes the rest of the file: the split then
# never searches on (which would try an entry at every later position, in quadratic
# time), and the pieces are those of the loop of matches this replaced. Every quantifier is
# possessive: what one step reads (a string's characters, a line's spaces, a field's
# string lines, the comment lines) could never be given back to make a later step match,
# since that step starts with a character the first one does not read; so the matches are
# the same, and the regex engine keeps no backtracking points (29.7 -> 21.5 ms over the
# 3.2 MB PO bench).
_ENTRY_SPLIT = re.compile(
    rf'({_SKIP}(?:[ \t]*+msgctxt[ \t]*+"{_BODY}"[ \t]*+{_NL}{_MORE})?+'
    rf'[ \t]*+msgid[ \t]*+"{_BODY}"[ \t]*+{_NL}{_MORE})'
    rf'(?:([ \t]*+msgid_plural[ \t]*+"{_BODY}"[ \t]*+{_NL}{_MORE})'
    rf'((?:[ \t]*+msgstr\[\d++\][ \t]*+"{_BODY}"[ \t]*+{_NL}{_MORE})++)'
    rf'|([ \t]*+msgstr[ \t]*+")({_BODY})("[ \t]*+{_NL})({_MORE}))'
    r"|((?s:.+))"
)
_STRIDE = 9  # pieces per match: what lies before it (always empty), then its 8 groups
# Group 1 of the header: no msgctxt, and a msgid of empty strings only.
_HEADER_HEAD = re.compile(rf'{_SKIP}[ \t]*msgid[ \t]*""[ \t]*{_NL}(?:[ \t]*""[ \t]*{_NL})*')
_WELL_FORMED_END = re.compile(rf"{_SKIP}[^\S\r\n]*(?:#[^\r\n]*)?")  # fullmatched
# The keyword of each msgstr[n] field of an entry's plural forms (a line starts after a CR
# or LF: none is in a string's body).
_PLURAL_KEYWORD = re.compile(r"(?:^|(?<=[\r\n]))[ \t]*+(msgstr\[\d++\])")
# One string line of a msgstr field, for re.split: what comes before the opening quote (the
# keyword on the field's first line), the body, and the rest up to the next line.
_MSGSTR_LINE_SPLIT = re.compile(
    rf'([ \t]*+(?:msgstr(?:\[\d++\])?[ \t]*+)?")({_BODY})("[ \t]*+{_NL})'
)
# One string line of a msgstr field; ``keyword`` is set on the field's first line.
_MSGSTR_LINE = re.compile(
    rf'(?P<prefix>[ \t]*(?:(?P<keyword>msgstr(?:\[\d+\])?)[ \t]*)?)"(?P<body>{_BODY})"'
    rf"(?P<suffix>[ \t]*)(?P<ending>{_NL})"
)

# The header entry at the start of a catalogue (blank and comment lines before it, no
# msgctxt, a msgid of empty strings) up to its msgstr's string lines (``strings``); on the
# text, and on the bytes of a file whose encoding is not known yet.
_HEADER_MSGSTR_PATTERN = (
    rf'{_SKIP}[ \t]*+msgid[ \t]*+""[ \t]*+{_NL}(?:[ \t]*+""[ \t]*+{_NL})*+'
    rf'[ \t]*+msgstr[ \t]*+(?P<strings>(?:[ \t]*+"{_BODY}"[ \t]*+{_NL})++)'
)
_HEADER_MSGSTR = re.compile(_HEADER_MSGSTR_PATTERN)
_HEADER_MSGSTR_BYTES = re.compile(_HEADER_MSGSTR_PATTERN.encode("ascii"))
_QUOTED_BODY = re.compile(rf'"({_BODY})"')
_CHARSET_VALUE = re.compile(r"charset=(?P<value>[^ \t\n]+)")
# The same in a string line as written: the value also ends at its escapes and quote.
_CHARSET_IN_STRING = re.compile(r'charset=(?P<value>[^ \t\\"]+)')

# A msgstr line: start and end of its text (the ending excluded), prefix, body, suffix and
# decoded text.
_Line = tuple[int, int, str, str, str, str]


def _convert_well_formed(text: str, convert: AnyConverter, target: str) -> str | None:
    """:meth:`PoFormat.convert_text` for a well-formed catalogue (see above), or None.

    The file is cut by one ``re.split`` into its entries' groups (see ``_ENTRY_SPLIT``):
    Python visits each entry once. An entry whose msgstr is one line (most) is read from
    its pieces, with no match object; other msgstr fields (several lines, plural forms) are
    cut into their lines by one more split each (see :class:`_Lines`); the header's are
    retagged on the spot. Every string line with text is then written back the same way,
    whichever list holds its body (``pieces`` or its entry's lines): the changed ones are
    found, encoded and put back by ``map`` over the lines of the whole file.
    """
    pieces = _well_formed_msgstr_fields(text)
    if pieces is None:
        return None
    messages = MessageCollector(accelerators=True)  # every msgstr text, in order
    lines = _Lines(messages)
    # An entry whose msgstr is one line (most of the file) is gathered here, even when it
    # is empty, as it always was; _Lines.add_fields gathers the others.
    texts, numbers = messages.messages, lines.numbers
    places, bodies, decoded = lines.places, lines.bodies, lines.texts
    for index in range(1, _entries_end(pieces), _STRIDE):
        head = pieces[index] or ""
        body = pieces[index + 4]
        if '""' in head and _HEADER_HEAD.fullmatch(head) is not None:
            _retag_header_fields(pieces, index, target)
        elif body is not None and not pieces[index + 6]:
            text = body if "\\" not in body else _decode(body, 0)
            places.append(index + 4)
            bodies.append(body)
            decoded.append(text)
            numbers.append(len(texts))
            texts.append(text)
        else:
            lines.add_fields(pieces, index)
    batch = Batch()
    messages.gather(batch)
    batch.run(convert)
    lines.write(pieces, messages.outputs(batch), batch)
    return "".join(filter(None, pieces))


def _entries_end(pieces: list[str | None]) -> int:
    """Where the entries' pieces end: before the match of the rest of the file, when the
    last match is that (its group 8, the last but one piece, is set)."""
    if len(pieces) > 1 and pieces[-2] is not None:
        return len(pieces) - _STRIDE
    return len(pieces) - 1


class _Lines:
    """The msgstr string lines of a catalogue with text, gathered as messages in the order
    of the file, and written back once the batch has run.

    Each line is kept as where its body is (an index in ``pieces`` for an entry whose
    msgstr is one line, filled in by _convert_well_formed; a list, its entry's lines, and
    an index for the others, in the ``line_`` lists), the body as written, its text and
    its message's number, in parallel lists, so that writing back is done by ``map`` over
    all of them. The fields of an entry that are not one line are cut into lines by one
    ``re.split`` (``_MSGSTR_LINE_SPLIT``) and gathered as the line functions did: a field
    of one line, or of lines that meet at whitespace, is a message per non-empty line
    (most); a field whose lines are glued inside a word goes through
    :func:`gather_segments`, its lines kept apart with their parts (``glued``).
    """

    __slots__ = (
        "bodies",
        "entries",
        "glued",
        "line_bodies",
        "line_numbers",
        "line_owners",
        "line_places",
        "line_texts",
        "messages",
        "numbers",
        "places",
        "texts",
    )

    def __init__(self, messages: MessageCollector) -> None:
        self.messages = messages
        self.places: list[int] = []
        self.bodies: list[str] = []
        self.texts: list[str] = []
        self.numbers: list[int] = []
        self.line_owners: list[list[str]] = []
        self.line_places: list[int] = []
        self.line_bodies: list[str] = []
        self.line_texts: list[str] = []
        self.line_numbers: list[int] = []
        self.glued: list[tuple[list[str], int, str, Part]] = []  # owner, place, text, part
        # The entries cut into lines: the pieces they came from, and their lines.
        self.entries: list[tuple[int, int, list[str]]] = []

    def add_fields(self, pieces: list[str | None], index: int) -> None:
        """Gather the msgstr fields of the entry whose first group is ``pieces[index]``."""
        plural = pieces[index + 2]
        if plural is not None:
            first, last, text = index + 2, index + 3, plural
        else:  # its msgstr keyword, body, end of line, further lines: all set
            first, last = index + 3, index + 7
            text = "".join(cast("list[str]", pieces[first:last]))
        # "", prefix, body, rest; "", prefix, body, rest; ...; "" (nothing between lines).
        lines: list[str] = _MSGSTR_LINE_SPLIT.split(text)
        self.entries.append((first, last, lines))
        field: list[int] = []  # where the bodies of the field being read are in ``lines``
        for number in range(2, len(lines), 4):
            if field and "m" in lines[number - 1]:  # a keyword: a new field starts
                self._add_field(lines, field)
                field = []
            field.append(number)
        self._add_field(lines, field)

    def _add_field(self, lines: list[str], field: list[int]) -> None:
        texts = [
            body if "\\" not in body else _decode(body, 0) for body in map(lines.__getitem__, field)
        ]
        if len(field) > 1 and _glued(texts):
            parts = gather_segments(texts, self.messages.part)
            for number, text, part in zip(field, texts, parts, strict=True):
                if text:
                    self.glued.append((lines, number, text, part))
            return
        messages = self.messages.messages
        for number, text in zip(field, texts, strict=True):
            if text:
                self.line_owners.append(lines)
                self.line_places.append(number)
                self.line_bodies.append(lines[number])
                self.line_texts.append(text)
                self.line_numbers.append(len(messages))
                messages.append(text)

    def write(self, pieces: list[str | None], outputs: list[str], batch: Batch) -> None:
        """Put the changed lines back (``outputs``: the messages' outputs, by number), and
        each entry cut into lines back into the first of the pieces it came from."""
        # pieces[place] = body for each changed line, the loop run by map in C.
        changed, encoded = _changed_lines(outputs, self.numbers, self.texts, self.bodies)
        deque(map(pieces.__setitem__, map(self.places.__getitem__, changed), encoded), 0)
        # owner[place] = body for the others.
        changed, encoded = _changed_lines(
            outputs, self.line_numbers, self.line_texts, self.line_bodies
        )
        owners = map(self.line_owners.__getitem__, changed)
        places = map(self.line_places.__getitem__, changed)
        deque(map(list.__setitem__, owners, places, encoded), 0)
        for owner, place, old, part in self.glued:
            new = batch.text(part)
            if new != old:
                owner[place] = _encode(new, owner[place])
        for first, last, lines in self.entries:
            pieces[first:last] = ["".join(lines)] + [""] * (last - first - 1)


def _changed_lines(
    outputs: list[str], numbers: list[int], texts: list[str], bodies: list[str]
) -> tuple[list[int], list[str]]:
    """Which of the lines (their messages' ``numbers``, ``texts`` and ``bodies`` in step)
    changed, and their new bodies."""
    news = list(map(outputs.__getitem__, numbers))
    changed = list(compress(range(len(news)), map(operator.ne, news, texts)))
    written = _encode_each(
        list(map(news.__getitem__, changed)), list(map(bodies.__getitem__, changed))
    )
    return changed, written


def _glued(texts: list[str]) -> bool:
    """Whether two non-empty ``texts`` in a row meet inside a word (neither side of the cut
    is whitespace): only then does :func:`gather_segments` gather them as one."""
    previous = ""
    for text in texts:
        if not text:
            continue
        if previous and not previous[-1].isspace() and not text[0].isspace():
            return True
        previous = text
    return False


def _retag_header_fields(pieces: list[str | None], index: int, target: str) -> None:
    """The header's msgstr fields (the entry whose first group is ``pieces[index]``) with
    their ``Language:`` lines made to follow the target (see _retag_header)."""
    if pieces[index + 2] is not None:  # plural forms
        first, last = index + 2, index + 3
    else:
        first, last = index + 3, index + 7
    text = "".join(filter(None, pieces[first:last]))
    if pieces[index + 2] is not None:
        fields = _plural_fields(text, 0, len(text))
        assert fields is not None  # _well_formed_msgstr_fields has made sure
    else:
        fields = [_msgstr_lines(text, 0, len(text))]
    changes = [change for lines in fields for change in _retag_header_lines(text, lines, target)]
    if not changes:
        return
    out: list[str] = []
    last_end = 0
    for start, end, replacement in changes:
        out.append(text[last_end:start])
        out.append(replacement)
        last_end = end
    out.append(text[last_end:])
    pieces[first:last] = ["".join(out)] + [""] * (last - first - 1)


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
    for plural in filter(None, pieces[3::_STRIDE]):
        keywords = _PLURAL_KEYWORD.findall(plural)
        if len(set(keywords)) < len(keywords):
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
    if body.count("\\") == body.count("\\n"):  # every escape is a line feed (most)
        return body.replace("\\n", "\n")

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


def _encode_each(texts: list[str], bodies: list[str]) -> list[str]:
    """``[_encode(text, body) for text, body in zip(texts, bodies)]``, done in bulk.

    The texts are joined and given the usual escapes by one ``str.replace`` per character
    to escape (most texts have none), then cut again; only a body with an odd escape (one
    ``_ODD_ESCAPE`` may find; one search of them all says whether there is any) is written
    again by ``_encode``, which reuses its spellings. ``str.translate`` would give the
    same, but with a dict it pays a failed lookup for every character it leaves alone (2.7
    us for a 60-character Cyrillic line with one ``\\n``).
    """
    joined = _JOIN.join(texts)
    if joined.count(_JOIN) != len(texts) - 1:  # a text holds the joint: one by one
        return [_encode(text, body) for text, body in zip(texts, bodies, strict=True)]
    # The backslash first: the escapes written after it are not escaped again, and none
    # of them holds a character a later replacement looks for (only ``\\"`` holds ``"``,
    # which is replaced once).
    for char in sorted(set(_NEEDS_ESCAPE.findall(joined)), key=lambda char: char != "\\"):
        joined = joined.replace(char, _ESCAPE_TABLE[ord(char)])
    out = joined.split(_JOIN)
    if _ODD_ESCAPE.search(_JOIN.join(bodies)) is not None:
        for index in compress(range(len(bodies)), map(_ODD_ESCAPE.search, bodies)):
            out[index] = _encode(texts[index], bodies[index])
    return out


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
# A backslash that may start an escape other than the usual spelling of its character (or
# the second backslash of ``\\\\``): a body without one has no odd escape to reuse.
_ODD_ESCAPE = re.compile(r'\\[^\\"ntrabfv]')
# Between the texts _encode_each escapes together: a character none of its replacements
# holds, checked to be in none of the texts.
_JOIN = "\ue000"


def _codec_of(charset: str) -> str | None:
    """The Python codec a charset names, BOM or not (``UTF-8`` and ``utf-8-sig`` are one
    charset to gettext), or None when Python does not know it."""
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8-sig" else name


def _charset_name(codec: str) -> str:
    """A Python codec name as gettext spells the charset (``cp1251`` -> ``CP1251``,
    ``iso8859-5`` -> ``ISO-8859-5``): its portable names are upper case."""
    if codec.startswith("iso8859-"):
        return "ISO-8859-" + codec.removeprefix("iso8859-")
    return codec.upper()
