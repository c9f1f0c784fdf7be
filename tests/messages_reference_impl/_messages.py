"""Translatable messages (PO msgstr, JSON locale values): convert the words, keep the code.

A message mixes human words with syntax a program reads back: printf and Python
placeholders (``%s``, ``%1$d``, ``%(name)s``), brace placeholders (``{0}``, ``{name}``,
``{{name}}``), ICU MessageFormat (``{count, plural, one {# файл} other {# файл}}``), markup
tags, entities and keyboard accelerators (``&Файл``, ``_Сақлаш``). Converting any of that
breaks the program (``msgfmt --check`` refuses the catalogue), so this module finds it, copies
it byte for byte and sends only the words to the converter. Inside ICU ``plural``/``select``
only the sub-messages are words; argument names, types, selectors and ``offset:`` are syntax.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress

from yozuv.formats._text import (
    AnyConverter,
    Batch,
    ItemOf,
    Part,
    convert_gathered,
    gather_segments,
    joined,
    put_outputs,
    split_at_separators,
)

_PLACEHOLDER_SOURCE = r"""
      %%                                                   # literal percent
    | %\([^()\s]+\)[-+0\#]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]   # %(name)s
    | %(?:\d+\$)?[-+0\#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?
        [diouxXeEfFgGaAcspn@]                              # %s %1$d %-5.2f %lld %@
    | %\d+                                                 # Qt / Windows %1
    | %\{[^{}]*\}                                          # Ruby %{name}
    | \{\{[^{}]*\}\}                                       # i18next / Handlebars {{name}}
    | \$t\([^()]*\) | \$\{[^{}]*\} | \$[A-Za-z_]\w*        # $t(key) ${name} $name
    | :(?<![\w:]:)[A-Za-z_]\w*                             # Laravel :name
    | @:[\w.]+ | @\.\w+:[\w.]+                             # vue-i18n linked messages
    | </?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>                  # markup tags, attributes and all
    | </?\d+/?>                                            # react-i18next <1>...</1>
    | &(?:[A-Za-z][A-Za-z0-9]{1,31}|\#\d{1,7}|\#[xX][0-9A-Fa-f]{1,6});   # entities
    """
_PLACEHOLDER = re.compile(_PLACEHOLDER_SOURCE, re.VERBOSE)
# Every alternative above starts with a literal character (the look-behind of ``:name``
# comes after its colon, where it looks at the same character before it): so a search
# jumps from one of those characters to the next in C instead of trying the whole
# alternation at every position of the message.

# The syntax _scan finds outside ICU cases, for re.split, in the order _syntax_at tries
# it: an ICU argument (written as _icu_argument reads one), then the placeholders. The
# ICU patterns read as that parser does, never giving back what a step has read
# (possessive and atomic), so where they match it finds the same argument.
# An ICU argument without cases, ``{name}`` or ``{name, type}``.
_ICU_SIMPLE_SOURCE = r"\{\s*+[^\s{},]++\s*+(?:,\s*+[A-Za-z]++\s*+)?+\}"
# An ICU argument with cases whose messages hold no brace: group 2 is set for a plural
# (which may have an offset), group 3 for a select.
_ICU_FLAT_CASES_SOURCE = (
    r"\{\s*+[^\s{},]++\s*+,\s*+(?ai:(plural|selectordinal)|(select))\s*+,"
    r"(?(2)(?>\s*offset:\s*\d+)?+)"
    r"(?:(?>\s*=?[^\s{}]+\s*)\{[^{}]*+\})++\s*+\}"
)
# Without ICU cases (most messages): words and syntax alternate.
_TOP_LEVEL_SPLIT = re.compile(f"({_ICU_SIMPLE_SOURCE}|{_PLACEHOLDER_SOURCE})", re.VERBOSE)
# With them: words, syntax, group 2, group 3, words ...
_TOP_LEVEL_CASES_SPLIT = re.compile(
    f"({_ICU_SIMPLE_SOURCE}|{_ICU_FLAT_CASES_SOURCE}|{_PLACEHOLDER_SOURCE})", re.VERBOSE
)
# The messages of an argument _ICU_FLAT_CASES_SOURCE matched, between syntax.
_FLAT_CASE_SPLIT = re.compile(r"(?<=\{)([^{}]*)(?=\})")
# Syntax in a plural case's message without braces: ``#``, or a placeholder.
_IN_PLURAL_SPLIT = re.compile(rf"(\#|{_PLACEHOLDER_SOURCE})", re.VERBOSE)

# Between two messages gathered together (see MessageList): a character that no message
# may hold (checked), and that none of the syntax above can read on its own.
_MESSAGE_SEPARATOR = "\x00"
# _TOP_LEVEL_CASES_SPLIT on messages joined by the separator, which is split off first:
# words, syntax or separator, group 2, group 3, words ...
_MESSAGE_LIST_SPLIT = re.compile(
    f"(\\x00|{_ICU_SIMPLE_SOURCE}|{_ICU_FLAT_CASES_SOURCE}|{_PLACEHOLDER_SOURCE})", re.VERBOSE
)

# A mnemonic marker: & or _ directly before a letter (``&&`` and ``__`` are literal).
_ACCELERATOR = re.compile(r"(?<![&_])[&_](?=[^\W\d_])")

_ICU_COMPLEX = frozenset({"plural", "selectordinal", "select"})
_ICU_NAME = re.compile(r"\s*([^\s{},]+)\s*")
_ICU_TYPE = re.compile(r"\s*([A-Za-z]+)\s*")
_ICU_OFFSET = re.compile(r"\s*offset:\s*\d+")
_ICU_SELECTOR = re.compile(r"\s*(=?[^\s{}]+)\s*")
_SPACES = re.compile(r"\s*")  # \s is exactly str.isspace for str patterns
_BRACE = re.compile(r"[{}]")
# The characters syntax can start with; ``#`` counts only inside a plural case.
_SYNTAX_START = re.compile(r"[{%$:@<&]")
_SYNTAX_START_IN_PLURAL = re.compile(r"[{%$:@<&#]")

Span = tuple[int, int, bool]  # start, end, is_words


def convert_message(text: str, convert: AnyConverter, *, accelerators: bool = False) -> str:
    """Convert the words of one message; copy placeholders, ICU syntax and tags unchanged.

    With ``accelerators`` (gettext catalogues) a mnemonic marker is taken out of its word
    before conversion and put back at the same place in the converted word, so ``Ш&аҳар``
    converts as one word and keeps its marker.
    """
    return convert_gathered(
        convert, lambda batch: gather_message(text, batch, accelerators=accelerators)
    )


def gather_message(text: str, batch: Batch, *, accelerators: bool = False) -> Part:
    """:func:`convert_message` for a batch: the words are gathered, the part returned.

    A message that is all words (most of them) is one text of the batch, its part a bare
    index: nothing is built around it. One search says so, before any scanning.
    """
    if _SYNTAX_START.search(text) is None and (
        not accelerators or _ACCELERATOR.search(text) is None
    ):
        return batch.add(text) if text else ""
    return _gather_syntax(text, batch, accelerators)


def gather_messages(texts: list[str], batch: Batch, *, accelerators: bool = False) -> list[Part]:
    """:func:`gather_message` on each of ``texts``, in order: one part each.

    A format with a message per string (JSON values, PO msgstr lines) hands them over all
    at once, so that the common message, all words, costs one search and one append in a
    list comprehension rather than a function call of its own.
    """
    search = _SYNTAX_START.search
    if accelerators:
        marker = _ACCELERATOR.search
        return [
            _gather_syntax(text, batch, True)
            if search(text) is not None or marker(text) is not None
            else batch.add(text)
            if text
            else ""
            for text in texts
        ]
    return [
        _gather_syntax(text, batch, False)
        if search(text) is not None
        else batch.add(text)
        if text
        else ""
        for text in texts
    ]


class MessageList:
    """The messages of a document gathered at once; :meth:`texts` gives their outputs.

    Most messages of a locale file or a catalogue are short, and handling each one by
    itself (a search, a split, a part that joins its pieces back) cost more than converting
    it. So the messages are joined by a separator that none of them holds and split once,
    by one regex, into words and syntax; the words are gathered in runs, in the order the
    message-by-message path gathers them, and the outputs are joined once and split at the
    separators again. A word with a mnemonic marker (``accelerators``) is gathered around
    it, between the runs, unless the marker is its only one and leads it (``&Файл``): then
    the rest of the word joins the run. Where the split cannot be shown to give the same
    parts (a message holds the separator or a brace the split leaves in its words, a
    placeholder would reach across two messages), the messages are gathered one by one.
    """

    __slots__ = ("_count", "_flat", "_led", "_marked", "_parts", "_runs")

    def __init__(self, texts: list[str], batch: Batch, *, accelerators: bool = False) -> None:
        self._count = len(texts)
        self._flat = _split_messages(texts)
        self._parts: list[Part] = []
        self._runs: list[tuple[int, int, int, int]] = []  # words from, to; batch from, to
        self._marked: list[tuple[int, Part]] = []  # a word with a marker, and its part
        self._led: list[tuple[int, str]] = []  # a word led by its only marker, the marker
        if self._flat is None:
            self._parts = gather_messages(texts, batch, accelerators=accelerators)
            return
        words = self._flat[0::2]
        marked = _words_with_markers(words) if accelerators else {}
        for number in [number for number, offsets in marked.items() if offsets == [0]]:
            # "&Файл": the marker is kept and the rest is gathered as a word of its own,
            # what _gather_with_accelerators gathers for it (its empty first piece is not).
            del marked[number]
            self._led.append((number, words[number][0]))
            words[number] = words[number][1:]
        start = 0
        for number in [*marked, len(words)]:
            first = len(batch.texts)
            batch.texts.extend(filter(None, words[start:number]))
            self._runs.append((start, number, first, len(batch.texts)))
            if number < len(words):
                self._marked.append((number, _gather_with_accelerators(words[number], batch)))
            start = number + 1

    def texts(self, batch: Batch) -> list[str]:
        """The output of every message, in order (only after the batch has run)."""
        flat = self._flat
        if flat is None:
            return batch.texts_of(self._parts)
        words = flat[0::2]
        for start, stop, first, last in self._runs:
            put_outputs(words, batch.outputs(first, last), start, stop)
        for number, part in self._marked:
            words[number] = batch.text(part)
        for number, marker in self._led:
            words[number] = marker + words[number]
        flat[0::2] = words
        return split_at_separators(flat, _MESSAGE_SEPARATOR, self._count)


class MessageCollector:
    """Messages asked for one by one while a document is scanned, gathered together as a
    :class:`MessageList` once it has been.

    For a format whose messages come between other parts it builds (a catalogue's
    one-line messages between its plural and multi-line fields): :meth:`add` gives a
    message's number, :meth:`part` a part that stands for its output. Nothing is gathered
    into the batch until :meth:`gather`, so the batch gets the messages' texts in the
    order they were asked for, as when each was gathered at once.
    """

    __slots__ = ("_accelerators", "_list", "_outputs", "messages")

    def __init__(self, *, accelerators: bool = False) -> None:
        self._accelerators = accelerators
        self.messages: list[str] = []
        self._list: MessageList | None = None
        self._outputs: list[str] | None = None

    def add(self, text: str) -> int:
        """Ask for ``text`` to be converted as a message; its number is returned."""
        self.messages.append(text)
        return len(self.messages) - 1

    def part(self, text: str) -> Part:
        """Ask for ``text`` to be converted as a message; a part for its output."""
        return ItemOf(self, self.add(text)) if text else ""

    def gather(self, batch: Batch) -> None:
        """Gather every message asked for into ``batch`` (once, before it runs)."""
        self._list = MessageList(self.messages, batch, accelerators=self._accelerators)

    def outputs(self, batch: Batch) -> list[str]:
        """The output of every message, by number (only after the batch has run)."""
        if self._outputs is None:
            assert self._list is not None, "MessageCollector.gather must come before the run"
            self._outputs = self._list.texts(batch)
        return self._outputs


def _words_with_markers(words: list[str]) -> dict[int, list[int]]:
    """The words that hold a mnemonic marker, in order: their numbers and, for each, the
    offsets of its markers in it.

    The marker regex runs once over the words joined by the separator, which its
    look-behind and look-ahead read as they read the start and the end of a word alone.
    """
    joined = _MESSAGE_SEPARATOR.join(words)
    marked: dict[int, list[int]] = {}
    if "&" not in joined and "_" not in joined:
        return marked
    starts = list(accumulate([len(word) + 1 for word in words], initial=0))
    for marker in _ACCELERATOR.finditer(joined):
        number = bisect_right(starts, marker.start()) - 1
        marked.setdefault(number, []).append(marker.start() - starts[number])
    return marked


def _split_messages(texts: list[str]) -> list[str] | None:
    """Words and syntax of all ``texts`` in turn (words at even places, possibly empty),
    the separator between two messages; None when the messages must be gathered one by one.

    The split meets in each message what _gather_syntax and _gather_cases meet in it alone:
    the separator is a character no placeholder starts with, and no pattern reads it as
    the end of the text would be read (no lookahead accepts it, a lookbehind sees neither a
    letter nor a marker in it); a match that would run on into the next message would hold
    the separator, and then fewer separators are split off than there are gaps.
    """
    if not texts:
        return None
    gaps = len(texts) - 1
    joined = _MESSAGE_SEPARATOR.join(texts)
    if joined.count(_MESSAGE_SEPARATOR) != gaps:
        return None
    pieces = _MESSAGE_LIST_SPLIT.split(joined)  # words, syntax, group 2, group 3, words ...
    syntax = pieces[1::4]
    if syntax.count(_MESSAGE_SEPARATOR) != gaps or "{" in "".join(pieces[::4]):
        return None
    flat: list[str] = pieces[::4] + syntax  # as long as the result; filled just below
    flat[0::2] = pieces[::4]
    flat[1::2] = syntax
    plurals, selects = pieces[2::4], pieces[3::4]
    if plurals.count(None) != len(syntax) or selects.count(None) != len(syntax):
        flat = _expand_cases(flat, plurals, selects)
    return flat


def _expand_cases(
    flat: list[str], plurals: list[str | None], selects: list[str | None]
) -> list[str]:
    """``flat`` with each ICU argument with cases replaced by its syntax and words in turn,
    as _gather_cases cuts it: the messages of a plural's cases split around ``#`` and
    placeholders, those of a select's around placeholders."""
    with_cases = sorted(
        {*compress(range(len(plurals)), plurals), *compress(range(len(selects)), selects)}
    )
    out: list[str] = []
    last = 0
    for number in with_cases:
        out += flat[last : 2 * number + 1]  # up to the words before the argument
        splitter = _IN_PLURAL_SPLIT if plurals[number] is not None else _TOP_LEVEL_SPLIT
        cases = _FLAT_CASE_SPLIT.split(flat[2 * number + 1])  # syntax, message, syntax ...
        out.append(cases[0])
        for case in range(1, len(cases), 2):
            out += splitter.split(cases[case])  # words, syntax, ..., words
            out.append(cases[case + 1])
        last = 2 * number + 2
    out += flat[last:]
    return out


def _gather_syntax(text: str, batch: Batch, accelerators: bool) -> Part:
    """The parts of a message in which syntax may start.

    One ``re.split`` (C) cuts it into words and the syntax _scan would find, as long as
    no word is left holding a ``{``: only an ICU argument with cases or a style (or a
    stray brace) does that. Until that brace the split and the scan meet the same syntax
    at the same places (the split's pattern is the scan's ICU argument without cases,
    then its placeholders), so the test is enough. A message with cases is split again
    with a pattern that also reads an argument with cases (when their messages hold no
    brace); anything else is scanned as before.
    """
    pieces = _TOP_LEVEL_SPLIT.split(text)  # words, syntax, words ... (words may be "")
    if "{" in text and "{" in "".join(pieces[::2]):
        return _gather_cases(text, batch, accelerators)
    if len(pieces) == 1:  # nothing was syntax after all (``https://``)
        return _gather_words(text, batch) if accelerators else batch.add(text)
    words = False
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        if piece:
            pieces[index] = _gather_words(piece, batch) if accelerators else batch.add(piece)
            words = True
    return joined(pieces) if words else "".join(pieces)


def _gather_cases(text: str, batch: Batch, accelerators: bool) -> Part:
    """The parts of a message with an ICU argument with cases (or a stray brace)."""
    pieces = _TOP_LEVEL_CASES_SPLIT.split(text)  # words, syntax, plural, select, words ...
    if "{" in "".join(pieces[::4]):
        return _gather_scanned(text, batch, accelerators)
    out: list[Part] = []
    for index in range(0, len(pieces), 4):
        if pieces[index]:
            out.append(_gather_words(pieces[index], batch, accelerators))
        if index + 1 == len(pieces):
            break
        if pieces[index + 2] is None and pieces[index + 3] is None:
            out.append(pieces[index + 1])
            continue
        splitter = _TOP_LEVEL_SPLIT if pieces[index + 2] is None else _IN_PLURAL_SPLIT
        cases = _FLAT_CASE_SPLIT.split(pieces[index + 1])  # syntax, message, syntax ...
        for case in range(0, len(cases), 2):
            out.append(cases[case])
            if case + 1 < len(cases) and cases[case + 1]:
                message = splitter.split(cases[case + 1])
                for part in range(0, len(message), 2):
                    if message[part]:
                        message[part] = _gather_words(message[part], batch, accelerators)
                out.extend(message)
    return joined(out)


def _gather_words(text: str, batch: Batch, accelerators: bool = True) -> Part:
    """A run of words: gathered whole, or around its mnemonic markers (``accelerators``)."""
    return _gather_with_accelerators(text, batch) if accelerators else batch.add(text)


def _gather_scanned(text: str, batch: Batch, accelerators: bool) -> Part:
    """The parts of a message cut by :func:`_scan` (ICU arguments with cases)."""
    out: list[Part] = []
    for start, end, words in _scan(text, 0, len(text), in_plural=False):
        piece = text[start:end]
        if not words:
            out.append(piece)
        elif accelerators:
            out.append(_gather_with_accelerators(piece, batch))
        else:
            out.append(batch.add(piece))
    return joined(out)


def _gather_with_accelerators(text: str, batch: Batch) -> Part:
    if "&" not in text and "_" not in text:  # no marker can be there: no regex to run
        return batch.add(text)
    markers = list(_ACCELERATOR.finditer(text))
    if not markers:
        return batch.add(text)
    pieces: list[str] = []
    last = 0
    for marker in markers:
        pieces.append(text[last : marker.start()])
        last = marker.end()
    pieces.append(text[last:])
    converted = gather_segments(pieces, batch.add)
    out = [converted[0]]
    for marker, piece in zip(markers, converted[1:], strict=True):
        out.append(marker.group(0))
        out.append(piece)
    return joined(out)


def _scan(text: str, start: int, end: int, *, in_plural: bool) -> list[Span]:
    """Split ``text[start:end]`` into word spans and syntax spans, in order.

    Only a character that can open syntax is looked at: the regex jumps over the words
    between two of them, so a long message costs one C-level search, not a step per letter.
    """
    starts = _SYNTAX_START_IN_PLURAL if in_plural else _SYNTAX_START
    spans: list[Span] = []
    words_from = start
    found = starts.search(text, start, end)
    while found is not None:
        index = found.start()
        syntax = _syntax_at(text, index, end)
        if syntax is None:
            found = starts.search(text, index + 1, end)
            continue
        if words_from < index:
            spans.append((words_from, index, True))
        spans.extend(syntax)
        words_from = syntax[-1][1]
        found = starts.search(text, words_from, end)
    if words_from < end:
        spans.append((words_from, end, True))
    return spans


def _syntax_at(text: str, index: int, end: int) -> list[Span] | None:
    """The syntax spans that start at ``index`` (an ICU argument, a placeholder or a plural
    ``#``), or None when the character there opens nothing after all."""
    char = text[index]
    if char == "#":  # only found inside a plural case
        return [(index, index + 1, False)]
    if char == "{":
        argument = _icu_argument(text, index, end)
        if argument is not None:
            return argument
    match = _PLACEHOLDER.match(text, index, end)
    return None if match is None else [(index, match.end(), False)]


def _icu_argument(text: str, start: int, end: int) -> list[Span] | None:
    """Parse an ICU argument at ``text[start] == '{'``; None when it is not one."""
    name = _ICU_NAME.match(text, start + 1, end)
    if name is None or name.end() >= end:
        return None
    position = name.end()
    if text[position] == "}":
        return [(start, position + 1, False)]
    if text[position] != ",":
        return None
    kind = _ICU_TYPE.match(text, position + 1, end)
    if kind is None or kind.end() >= end:
        return None
    position = kind.end()
    if text[position] == "}":
        return [(start, position + 1, False)]
    if text[position] != ",":
        return None
    if kind.group(1).lower() not in _ICU_COMPLEX:
        close = _matching_brace(text, start, end)
        return None if close is None else [(start, close + 1, False)]
    return _icu_cases(text, start, position + 1, end, kind.group(1).lower() != "select")


def _icu_cases(text: str, start: int, position: int, end: int, plural: bool) -> list[Span] | None:
    spans: list[Span] = []
    syntax_from = start
    if plural:
        offset = _ICU_OFFSET.match(text, position, end)
        if offset is not None:
            position = offset.end()
    cases = 0
    while True:
        selector = _ICU_SELECTOR.match(text, position, end)
        if selector is None or selector.end() >= end:
            break
        if text[selector.end()] != "{":
            return None
        close = _matching_brace(text, selector.end(), end)
        if close is None:
            return None
        body_start = selector.end() + 1
        spans.append((syntax_from, body_start, False))
        spans.extend(_scan(text, body_start, close, in_plural=plural))
        syntax_from = close
        position = close + 1
        cases += 1
    position = _skip_spaces(text, position, end)
    if cases == 0 or position >= end or text[position] != "}":
        return None
    spans.append((syntax_from, position + 1, False))
    return [span for span in spans if span[0] < span[1]]


def _skip_spaces(text: str, position: int, end: int) -> int:
    """The first position from ``position`` (up to ``end``) that is not whitespace."""
    spaces = _SPACES.match(text, position, end)
    assert spaces is not None  # \s* always matches, if only the empty string
    return spaces.end()


def _matching_brace(text: str, start: int, end: int) -> int | None:
    """The ``}`` that closes the brace at ``start`` (nested pairs skipped), or None.

    The regex visits the braces only, never the text between them.
    """
    depth = 0
    for brace in _BRACE.finditer(text, start, end):
        if brace.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return brace.start()
    return None
