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

from yozuv.formats._text import (
    AnyConverter,
    Batch,
    Part,
    convert_gathered,
    gather_segments,
    joined,
)

_PLACEHOLDER = re.compile(
    r"""
      %%                                                   # literal percent
    | %\([^()\s]+\)[-+0\#]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]   # %(name)s
    | %(?:\d+\$)?[-+0\#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?
        [diouxXeEfFgGaAcspn@]                              # %s %1$d %-5.2f %lld %@
    | %\d+                                                 # Qt / Windows %1
    | %\{[^{}]*\}                                          # Ruby %{name}
    | \{\{[^{}]*\}\}                                       # i18next / Handlebars {{name}}
    | \$t\([^()]*\) | \$\{[^{}]*\} | \$[A-Za-z_]\w*        # $t(key) ${name} $name
    | (?<![\w:]):[A-Za-z_]\w*                              # Laravel :name
    | @:[\w.]+ | @\.\w+:[\w.]+                             # vue-i18n linked messages
    | </?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>                  # markup tags, attributes and all
    | </?\d+/?>                                            # react-i18next <1>...</1>
    | &(?:[A-Za-z][A-Za-z0-9]{1,31}|\#\d{1,7}|\#[xX][0-9A-Fa-f]{1,6});   # entities
    """,
    re.VERBOSE,
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
