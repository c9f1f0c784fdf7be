"""Helpers shared by the format modules: converting in batches, converting around protected
spans, converting text that is split into pieces (Word runs, PO string lines) and moving
language tags.

Why a module of its own: every structured format faces the same three problems. Some spans
inside human text must survive untouched (placeholders, tags, entities); some human text
arrives cut into pieces whose boundaries must survive (formatting runs, wrapped lines) even
though a letter pair may straddle a cut; and a document holds thousands of short messages,
each of which costs the converter a call. Solving them once keeps the formats small.

Batches: a format does not call the converter while it scans. It *gathers* every text it
wants converted into a :class:`Batch` (getting back a :data:`Part`, a handle), builds its
output from parts, then converts the whole batch with one ``convert_many`` call and joins
the parts. The converter may be a plain ``str -> str`` function (it is then called once per
text, in the order the texts were gathered, which is the order the formats always called it
in) or a :class:`BatchConverter` such as :class:`yozuv.api.Converter`, whose
``convert_many`` converts all the texts in one pass over its memo. Both give the same bytes:
the formats only ask for conversions of texts of the original document, never of converted
text, so the order in which the answers arrive cannot matter.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from typing import Protocol, TypeAlias, runtime_checkable

TextConverter = Callable[[str], str]


@runtime_checkable
class BatchConverter(Protocol):
    """A converter that can take many texts at once (:class:`yozuv.api.Converter` is one).

    ``convert_many(texts)`` must equal ``[convert(text) for text in texts]``; it exists
    because one call for a whole document's messages costs far less than one call each.
    """

    def convert(self, text: str) -> str: ...

    def convert_many(self, texts: Sequence[str]) -> list[str]: ...


AnyConverter: TypeAlias = TextConverter | BatchConverter


class MappedConverter:
    """A plain ``str -> str`` function seen as a :class:`BatchConverter`: ``convert_many``
    calls it on each text in order, so recorders and tests see the calls they always saw."""

    __slots__ = ("function",)

    def __init__(self, function: TextConverter) -> None:
        self.function = function

    def convert(self, text: str) -> str:
        return self.function(text)

    def convert_many(self, texts: Sequence[str]) -> list[str]:
        return list(map(self.function, texts))


def as_batch_converter(convert: AnyConverter) -> BatchConverter:
    """``convert`` itself when it converts in batches, else a :class:`MappedConverter`."""
    if isinstance(convert, BatchConverter):
        return convert
    return MappedConverter(convert)


class Later:
    """A part of the output that can be written only when the batch has been converted:
    a concatenation of parts, or a converted text that the format still has to post-process
    (cut at run boundaries, re-quoted, compared with the original).

    Small slotted classes rather than closures: a document may hold tens of thousands of
    them until the batch runs, and each closure would be several objects for the garbage
    collector to walk.
    """

    __slots__ = ()

    def resolve(self, batch: Batch) -> str:
        raise NotImplementedError


class Computed(Later):
    """A part computed by a function of the converted batch (the rare, format-specific
    cases: a YAML scalar that must stay as it was, an HTML page rebuilt)."""

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[Batch], str]) -> None:
        self._compute = compute

    def resolve(self, batch: Batch) -> str:
        return self._compute(batch)


class OutputList(Protocol):
    """Outputs made once, after the batch has run, for many parts (:class:`ItemOf`)."""

    def outputs(self, batch: Batch) -> list[str]: ...


class ItemOf(Later):
    """One item of a list of outputs that is made once for many parts (the pieces of a
    group of glued texts, the messages of a collector)."""

    __slots__ = ("_index", "_source")

    def __init__(self, source: OutputList, index: int) -> None:
        self._source = source
        self._index = index

    def resolve(self, batch: Batch) -> str:
        return self._source.outputs(batch)[self._index]


class _Joined(Later):
    """Parts in a row (a message around its placeholders, a tag around its attributes)."""

    __slots__ = ("_parts",)

    def __init__(self, parts: list[Part]) -> None:
        self._parts = parts

    def resolve(self, batch: Batch) -> str:
        return batch.join(self._parts)


# A piece of output: text copied as it is, the index of a gathered text (its conversion),
# or a Later.
Part: TypeAlias = str | int | Later


class Batch:
    """The texts of one document to convert, gathered while it is scanned.

    ``add`` hands out the index of a text; after ``run`` (one ``convert_many`` call for all
    of them) ``text`` and ``join`` turn parts into output.
    """

    __slots__ = ("_results", "texts")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._results: list[str] | None = None

    def add(self, text: str) -> int:
        """Ask for ``text`` to be converted; its part is the returned index."""
        self.texts.append(text)
        return len(self.texts) - 1

    def run(self, convert: AnyConverter) -> None:
        """Convert every gathered text with a single ``convert_many`` call.

        A batch converter is given each distinct text once (the first time it occurs, in
        order): a document repeats many of its texts (a CSV column of units or categories,
        a word in every subtitle), and each text costs the converter some work of its own
        even when its words are known. A plain function is still called on every text in
        order (tests and recorders see every call).
        """
        texts = self.texts
        if not texts:
            self._results = []
            return
        if not isinstance(convert, BatchConverter) or isinstance(convert, MappedConverter):
            self._results = as_batch_converter(convert).convert_many(texts)
            return
        distinct = list(dict.fromkeys(texts))
        if len(distinct) == len(texts):
            self._results = convert.convert_many(texts)
            return
        converted = dict(zip(distinct, convert.convert_many(distinct), strict=True))
        del distinct
        self._results = list(map(converted.__getitem__, texts))

    def text(self, part: Part) -> str:
        """The output of one part (only after :meth:`run`)."""
        if isinstance(part, str):
            return part
        results = self._results
        assert results is not None, "Batch.run must come before the parts are read"
        if isinstance(part, int):
            return results[part]
        return part.resolve(self)

    def texts_of(self, parts: Iterable[Part]) -> list[str]:
        """The output of each part (only after :meth:`run`), in one pass: a format with a
        part per message reads them all at once rather than by a method call each."""
        results = self._results
        assert results is not None, "Batch.run must come before the parts are read"
        return [
            part
            if isinstance(part, str)
            else results[part]
            if isinstance(part, int)
            else part.resolve(self)
            for part in parts
        ]

    def outputs(self, start: int, stop: int) -> list[str]:
        """The outputs of the texts gathered from ``start`` to ``stop`` (only after
        :meth:`run`): for a format that gathered a run of texts in one step."""
        results = self._results
        assert results is not None, "Batch.run must come before the parts are read"
        return results[start:stop]

    def take(self) -> tuple[list[str], list[str]]:
        """The texts and their outputs (only after :meth:`run`), handed over: the batch
        keeps neither, so a caller that reads them one by one can let each go as it does
        (a CSV cell of 50 MB)."""
        results = self._results
        assert results is not None, "Batch.run must come before the parts are read"
        texts = self.texts
        self.texts, self._results = [], []
        return texts, results

    def join(self, parts: Iterable[Part]) -> str:
        """The output of parts in a row (only after :meth:`run`)."""
        return "".join(self.texts_of(parts))


def joined(parts: list[Part]) -> Part:
    """One part standing for ``parts`` in a row; plain text stays plain text (no Later)."""
    if len(parts) == 1:
        return parts[0]
    if all(isinstance(part, str) for part in parts):
        return "".join(part for part in parts if isinstance(part, str))
    return _Joined(parts)


def convert_gathered(convert: AnyConverter, gather: Callable[[Batch], Part]) -> str:
    """Run ``gather`` on a new batch, convert the batch and return the output.

    The one-call entry points (``convert_around``, ``convert_message``, ``convert_html`` ...)
    are this around their gathering function.
    """
    batch = Batch()
    part = gather(batch)
    batch.run(convert)
    return batch.text(part)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, cut only at CR, LF and CRLF.

    ``str.splitlines`` also cuts at form feeds, U+2028 and other separators that Markdown,
    gettext and subtitle files treat as ordinary characters, which would shift every line
    number after them.
    """
    return _LINE.findall(text)


def convert_around(text: str, protected: re.Pattern[str], convert: AnyConverter) -> str:
    """Convert the parts of ``text`` between matches of ``protected``; copy the matches.

    Empty gaps are not sent to the converter, so a text made only of protected spans costs
    nothing and cannot change.
    """

    def gather(batch: Batch) -> Part:
        out: list[Part] = []
        gather_around(text, protected, batch, out)
        return joined(out)

    return convert_gathered(convert, gather)


def gather_around(text: str, protected: re.Pattern[str], batch: Batch, out: list[Part]) -> None:
    """:func:`convert_around` for a batch: append the parts of ``text`` to ``out``.

    Most texts hold nothing protected (a subtitle line, an attribute value): one search
    says so, and the text is gathered whole without walking an iterator.
    """
    if protected.search(text) is None:
        if text:
            out.append(batch.add(text))
        return
    last = 0
    for match in protected.finditer(text):
        if match.start() == match.end():
            continue
        if match.start() > last:
            out.append(batch.add(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    if last < len(text):
        out.append(batch.add(text[last:]))


def gather_split(text: str, splitter: re.Pattern[str], batch: Batch, out: list[Part]) -> None:
    """:func:`gather_around` done by ``splitter.split``: the same parts, cut in C.

    ``splitter`` is the protected pattern as one capturing group (``(...)``, no other
    group) that never matches the empty string, so the split alternates text and protected
    spans exactly as ``finditer`` finds them. For formats with many short texts (subtitle
    cues), where a loop over match objects cost more than the cutting.
    """
    pieces: list[Part] = splitter.split(text)
    texts = batch.texts
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        if piece:  # never empty between two spans or at an end: nothing to convert
            pieces[index] = len(texts)
            texts.append(piece)  # type: ignore[arg-type]
    out.extend(pieces)


def put_outputs(words: list[str], outputs: list[str], start: int = 0, stop: int = -1) -> None:
    """Replace the non-empty ``words[start:stop]`` (``stop`` -1: to the end), in order, by
    ``outputs``, the outputs of those words gathered in one step.

    The loop is run by ``map`` in C: a format that cut all its texts at once has tens of
    thousands of words to put back.
    """
    stop = len(words) if stop < 0 else stop
    places = compress(range(start, stop), words[start:stop])
    deque(map(words.__setitem__, places, outputs), 0)


def split_at_separators(pieces: list[str], separator: str, count: int) -> list[str]:
    """The ``count`` texts of ``pieces`` (converted words at even places, kept pieces at odd
    ones, ``separator`` alone at the odd places between two texts), joined and cut at the
    separators again.

    One join and one ``str.split``; only when a converted word holds the separator itself
    (a converter may write anything) are the texts cut at the separator pieces instead.
    """
    out = "".join(pieces).split(separator)
    if len(out) == count:
        return out
    out = []
    start = 0
    for index in range(1, len(pieces), 2):
        if pieces[index] == separator:
            out.append("".join(pieces[start:index]))
            start = index + 1
    out.append("".join(pieces[start:]))
    return out


def convert_segments(segments: Sequence[str], convert: AnyConverter) -> list[str]:
    """Convert text that is cut into ``segments`` and cut the output at matching places.

    The joined output always equals ``convert`` applied to the pieces that belong together,
    so no letter is lost or doubled; only the cut positions are estimated. Pieces whose
    boundary touches whitespace are converted on their own (the engine never lets a word
    cross whitespace). Pieces glued inside a word (``Ш`` in one run, ``а`` in the next) are
    converted together, and each cut is put where the output of the text before the cut
    stops agreeing (case-insensitively) with the output of the whole, so ``Ш|а`` becomes
    ``Sh|a`` and a Latin ``S|h`` becomes ``|Ш``.
    """
    batch = Batch()
    parts = gather_segments(segments, batch.add)
    batch.run(convert)
    return [batch.text(part) for part in parts]


def gather_segments(segments: Sequence[str], convert: Callable[[str], Part]) -> list[Part]:
    """:func:`convert_segments` for a batch: one part per segment.

    ``convert`` gathers one text and returns its part: ``batch.add``, or a function that
    gathers the words of a message around its placeholders. A group of glued pieces asks
    for the whole and for each prefix (in that order, as the converter was always called);
    its cuts are computed once, when the first of its parts is read.
    """
    result: list[Part] = ["" for _ in segments]
    group: list[int] = []

    def flush() -> None:
        if group:
            pieces = _gather_group([segments[i] for i in group], convert)
            for index, piece in zip(group, pieces, strict=True):
                result[index] = piece
            group.clear()

    previous = ""
    for index, segment in enumerate(segments):
        if not segment:
            continue
        if group and (previous[-1].isspace() or segment[0].isspace()):
            flush()
        group.append(index)
        previous = segment
    flush()
    return result


def _gather_group(parts: list[str], convert: Callable[[str], Part]) -> list[Part]:
    text = "".join(parts)
    whole = convert(text)
    if len(parts) == 1:
        return [whole]
    prefixes: list[Part] = []
    boundary = 0
    for part in parts[:-1]:
        boundary += len(part)
        prefixes.append(convert(text[:boundary]))
    cuts = _GroupCuts(whole, prefixes)
    return [ItemOf(cuts, index) for index in range(len(parts))]


class _GroupCuts:
    """The output of one group of glued pieces, cut back into pieces once it is known.

    Each cut is where the converted prefix stops agreeing with the converted whole, and
    never before the previous cut.
    """

    __slots__ = ("_pieces", "_prefixes", "_whole")

    def __init__(self, whole: Part, prefixes: list[Part]) -> None:
        self._whole = whole
        self._prefixes = prefixes
        self._pieces: list[str] | None = None

    def outputs(self, batch: Batch) -> list[str]:
        """The converted pieces (cut on the first call, remembered for the others)."""
        if self._pieces is None:
            out = batch.text(self._whole)
            cuts: list[int] = []
            floor = 0
            for prefix in self._prefixes:
                cut = max(floor, _common_prefix_casefold(batch.text(prefix), out))
                cuts.append(cut)
                floor = cut
            starts = [0, *cuts]
            ends = [*cuts, len(out)]
            self._pieces = [out[start:end] for start, end in zip(starts, ends, strict=True)]
        return self._pieces


def _common_prefix_casefold(left: str, right: str) -> int:
    """Length of the common prefix of ``left`` and ``right``, letters compared ignoring case.

    Stretches that are exactly equal are measured by comparing slices (C speed); only where
    the two differ is one character compared by hand, case-insensitively.
    """
    limit = min(len(left), len(right))
    length = _equal_prefix(left, right, 0, limit)
    while length < limit and left[length].lower() == right[length].lower():
        length = _equal_prefix(left, right, length + 1, limit)
    return length


def _equal_prefix(left: str, right: str, start: int, limit: int) -> int:
    """The end of the exactly equal stretch of ``left`` and ``right`` from ``start``.

    Bisection on slice comparisons: O(log n) steps in Python, however long the stretch.
    """
    if start >= limit or left[start] != right[start]:
        return start
    if left[start:limit] == right[start:limit]:
        return limit
    equal, unequal = start + 1, limit  # left[start:equal] is equal, [equal:unequal] is not
    while unequal - equal > 1:
        middle = (equal + unequal) // 2
        if left[equal:middle] == right[equal:middle]:
            equal = middle
        else:
            unequal = middle
    return equal


# --- language tags -------------------------------------------------------------------------

_BCP47_UZ = re.compile(r"(?i)^(uz)(?:([-_])(cyrl|latn))?(?=$|[-_])(.*)$", re.DOTALL)


def _script_for(target: str) -> str:
    return "Cyrl" if target == "cyrillic" else "Latn"


def _like_case(model: str, word: str) -> str:
    if model.islower():
        return word.lower()
    if model.isupper():
        return word.upper()
    return word


def retag_bcp47(tag: str, target: str, *, separator: str = "-") -> str:
    """Make a BCP 47 style tag (``uz-Cyrl``, ``uz_Latn_UZ``, ``uz``) name the target script.

    A tag that is not Uzbek is returned unchanged. ``uz`` alone means Latin (the official
    script and CLDR's default), so it stays ``uz`` for a Latin target and becomes ``uz-Cyrl``
    (``uz_Cyrl`` when ``separator`` is ``_``) for Cyrillic. Both Latin alphabets are script
    ``Latn``: BCP 47 has no subtag that tells 1995 from 2026. The spelling of the original
    (separator, letter case, region) is kept.
    """
    match = _BCP47_UZ.match(tag)
    if match is None:
        return tag
    language, sep, script, rest = match.group(1), match.group(2), match.group(3), match.group(4)
    wanted = _script_for(target)
    if script is not None:
        return f"{language}{sep}{_like_case(script, wanted)}{rest}"
    if target != "cyrillic":
        return tag
    sep = rest[0] if rest else separator
    return f"{language}{sep}{wanted}{rest}"


_POSIX_UZ = re.compile(r"(?i)^(uz)([-_][A-Za-z]{4})?([-_][A-Za-z0-9]{2,3})?(@[A-Za-z0-9]+)?$")


def retag_posix(value: str, target: str) -> str:
    """Make a gettext locale name (``uz``, ``uz_UZ``, ``uz@cyrillic``, ``uz_Latn``) follow
    the target, the way gettext names the two catalogues: ``uz`` (Latin) and ``uz@cyrillic``.

    A script subtag already present is switched (``uz_Latn`` <-> ``uz_Cyrl``) rather than
    replaced by a modifier; other languages are returned unchanged.
    """
    match = _POSIX_UZ.match(value)
    if match is None:
        return value
    language, script, region, modifier = (g or "" for g in match.groups())
    cyrillic = target == "cyrillic"
    if script:
        wanted = _script_for(target)
        return f"{language}{script[0]}{_like_case(script[1:], wanted)}{region}{modifier}"
    if cyrillic:
        if modifier.lower() in ("", "@latin"):
            modifier = "@cyrillic"
        return f"{language}{region}{modifier}"
    if modifier.lower() == "@cyrillic":
        modifier = ""
    return f"{language}{region}{modifier}"
