"""Words, apostrophes and protected spans.

Why a module of its own: what counts as a word decides every positional rule ("word start",
"word end"), and what is protected decides whether a URL or a foreign name survives. Both
depend on the source script: in Latin input the apostrophe variants (' ‘ ’ ` ʻ ʼ) inside a
word belong to the word and are folded by position (SPEC §3.1); in Cyrillic input a word is
a run of letters. Every pattern comes from the scheme's ``[protect]`` table.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Container, Iterator, Mapping, Sequence
from itertools import accumulate, compress, repeat
from typing import Protocol

from yozuv import wordsplit
from yozuv.records import Record
from yozuv.regex_facts import required_characters
from yozuv.scheme import Scheme, expand_classes
from yozuv.wordsplit import Apostrophes, char_set, with_capitals


def apostrophes_of(scheme: Scheme) -> Apostrophes:
    """The scheme's apostrophe facts (``[alternates]``), as the word pattern takes them."""
    alt = scheme.alternates
    return Apostrophes(alt.apostrophes, alt.turned_after, alt.turned_at_end)


def word_pattern(scheme: Scheme) -> str:
    """Regex for one word of the scheme's source script (see wordsplit.word_pattern).

    Latin: letters, with apostrophe variants kept inside when a letter follows, and at the
    end after a ``turned_at_end`` letter (bogʻ), or after another ``turned_after`` letter
    when a hyphen and a letter follow (obroʻ-eʼtibor).
    """
    return wordsplit.word_pattern(apostrophes_of(scheme))


def alternation(patterns: Sequence[str], scheme: Scheme) -> str:
    """One regex matching any of ``patterns``, with the scheme's ``@class`` names expanded."""
    return "|".join(f"(?:{expand_classes(p, scheme.classes)})" for p in patterns)


class Tokenizer:
    """Splits a whitespace-free chunk into separators, protected spans and words."""

    def __init__(self, scheme: Scheme) -> None:
        word = word_pattern(scheme)
        self.has_protected = bool(scheme.protect.patterns)
        self.word_regex = re.compile(f"(?P<w>{word})")
        self._protected = alternation(scheme.protect.patterns, scheme)
        self._needs: tuple[Callable[[str], object] | None, bool] | None = None
        if self.has_protected:
            self.regex = re.compile(f"(?P<p>{self._protected})|(?P<w>{word})")
        else:
            self.regex = self.word_regex
        alt = scheme.alternates
        self.turned = alt.turned
        self.tutuq = alt.tutuq
        self._apostrophe: re.Pattern[str] | None = None
        self._turned_at: re.Pattern[str] | None = None
        if alt.apostrophes:
            # By position, the apostrophe first (the regex engine then skips every other
            # position at once): after a turned_after letter (o/g) the turned comma; the
            # tutuq between letters, that is after some character and not at the end of the
            # word (of its line).
            a = char_set(alt.apostrophes)
            self._apostrophe = re.compile(a)
            not_turned = ""
            if alt.turned_after:
                turned_letters = char_set(with_capitals(alt.turned_after))
                self._turned_at = re.compile(f"{a}(?<={turned_letters}{a})")
                not_turned = f"(?<!{turned_letters}{a})"
            # Between a small letter and a capitalised name it is no tutuq but an elision
            # of a foreign name (Kot-d’Ivuar, d'Artagnan): kept as written. A tutuq joins
            # letters of one case (sanʼat, SANʼAT; a'LO too).
            lower = "".join(sorted(k for k in scheme.letters if len(k) == 1 and k.islower()))
            elision = ""
            if lower:
                small, capital = char_set(lower), char_set(lower.upper())
                elision = f"(?!(?<={small}{a}){capital}{small})"
            self._tutuq_at = re.compile(f"{a}{not_turned}(?<=.{a})(?!$){elision}", re.MULTILINE)

    @property
    def needs_protect(self) -> Callable[[str], object] | None:
        """A test for the chunks that may hold a protected span (None: every chunk may)."""
        return (self._needs or self._read_needs())[0]

    @property
    def letters_only_skip(self) -> bool:
        """True if a chunk of letters only can hold no protected span (so it is one word)."""
        return (self._needs or self._read_needs())[1]

    def _read_needs(self) -> tuple[Callable[[str], object] | None, bool]:
        """What every protected match needs (regex_facts.py), read on first use."""
        if not self.has_protected:
            self._needs = (None, True)
            return self._needs
        needed = required_characters(self._protected)
        if needed is None:
            self._needs = (None, False)
        else:
            test = re.compile("[" + "".join(re.escape(c) for c in sorted(needed)) + "]").search
            self._needs = (test, not any(c.isalpha() for c in needed))
        return self._needs

    def split(self, chunk: str) -> Iterator[tuple[bool, str]]:
        """Yield ``(is_word, text)`` pieces that concatenate back to ``chunk``."""
        pos = 0
        for m in self.regex.finditer(chunk):
            if m.start() > pos:
                yield False, chunk[pos : m.start()]
            yield m.lastgroup == "w", m.group()
            pos = m.end()
        if pos < len(chunk):
            yield False, chunk[pos:]

    def fold_apostrophes(self, text: str) -> str:
        """Fold apostrophe variants by position: ʻ after o/g (``turned_after``), ʼ between
        other letters.

        ``text`` is one word, or many words one per line (the engine's batch path): the same
        two regex passes serve both, so the two paths cannot fold differently. A token holds
        an o-final apostrophe only before a hyphen (see word_pattern).
        """
        if self._apostrophe is None or self._apostrophe.search(text) is None:
            return text
        if self._turned_at is not None:
            text = self._turned_at.sub(self.turned, text)
        return self._tutuq_at.sub(self.tutuq, text)


def phrase_regex(scheme: Scheme, extra: Sequence[str]) -> re.Pattern[str] | None:
    """Spans that may contain spaces but never a line break: code in backticks, user patterns."""
    # The user's own patterns (--protect) are plain regexes: @ in them is a literal @.
    parts = [alternation(scheme.protect.phrases, scheme)] if scheme.protect.phrases else []
    parts += [f"(?:{p})" for p in extra]
    return re.compile("|".join(parts)) if parts else None


def foreign_regex(scheme: Scheme) -> re.Pattern[str] | None:
    """One regex that tells whether a word looks foreign (X03b), case-insensitively."""
    if not scheme.protect.foreign:
        return None
    return re.compile(alternation(scheme.protect.foreign, scheme), re.IGNORECASE)


class ForeignPhrases:
    """Capitalised name runs that contain a foreign word ("Open Contracting Partnership").

    A capitalised word with a foreign marker (X03b) pulls in its capitalised ASCII neighbours
    on the same line, so the whole name stays as written. A neighbour does not join when it
    looks Uzbek (the scheme's ``protect.native`` pattern: q, x, a case suffix …), when it
    starts a sentence, or when punctuation or a lowercase word stands between.

    Finding the markers is one regex scan over the text (the only text-wide scan in Latin
    input), so it is kept to the cheapest form that works: a capital, then a marker later in
    the same word. A word whose only marker is its first letter is still protected on its
    own, by the word-level check, but pulls in no neighbours.
    """

    def __init__(self, markers: str, native: str, apostrophes: str) -> None:
        apos = "[" + re.escape(apostrophes) + "]" if apostrophes else "(?!)"
        self.edge = frozenset("'ʻʼ‘’`-") | frozenset(apostrophes)
        # Only a capital that starts a word can start a name: the look-behind keeps the scan
        # linear on a long run of letters (each capital inside it would rescan the run). It
        # follows the capital, so the regex engine skips every position without one at once
        # (measured on 10 MB of Latin text: 0.41 s with the look-behind first, 0.11 s so).
        edge = "".join(re.escape(ch) for ch in sorted(self.edge))
        self.scan = re.compile(rf"[A-Z](?<![^\W\d_][A-Z]|[{edge}][A-Z])[A-Za-z]*?(?i:{markers})")
        self.word_end = re.compile(rf"(?:[^\W\d_]|{apos}(?=[^\W\d_]))*")
        self.capitalised = re.compile(r"[A-Z][A-Za-z]*")
        self.native = re.compile(native) if native else None
        self._needed: tuple[Callable[[str], object] | None] | None = None  # read on first use

    def may_start_in(self, chunks: list[str]) -> list[str]:
        """The chunks where the scan may match: those holding one of the characters every
        match needs (filtered in C), or all of them when no character is always needed."""
        test_needed = self._needed_test()
        return chunks if test_needed is None else list(filter(test_needed, chunks))

    def _needed_test(self) -> Callable[[str], object] | None:
        if self._needed is None:
            needed = required_characters(self.scan.pattern)
            self._needed = (
                re.compile("[" + "".join(re.escape(c) for c in sorted(needed)) + "]").search
                if needed
                else None,
            )
        return self._needed[0]

    def _joins(self, word: str) -> bool:
        return bool(self.capitalised.fullmatch(word)) and not (
            self.native is not None and self.native.search(word)
        )

    def _sentence_start(self, text: str, start: int) -> bool:
        i = start - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        return i < 0 or text[i] in "\n\r.!?…"

    def spans(
        self,
        text: str,
        known: Callable[[str], bool] | None = None,
        lines: Sequence[tuple[int, int]] | None = None,
    ) -> list[tuple[int, int]]:
        """Spans of foreign names; ``known(word)`` true means the word is Uzbek after all
        (a lexicon entry such as native *sath*), so it starts no name. ``lines`` limits the
        scan to these ``(start, end)`` ranges of whole lines (names never cross a line)."""
        found: list[tuple[int, int]] = []
        ranges = lines if lines is not None else [(0, len(text))]
        matches = (m for start, end in ranges for m in self.scan.finditer(text, start, end))
        for m in matches:
            start = m.start()
            if found and start < found[-1][1]:
                # Inside the name just found: its own name would lie within that one (it
                # grows over the same neighbours), and growing it again would make a line
                # of names quadratic.
                continue
            if start and (text[start - 1].isalpha() or text[start - 1] in self.edge):
                continue
            end = _match_end(self.word_end, text, m.end())
            if end < len(text) and (text[end].isalnum() or text[end] in self.edge):
                continue
            if known is not None and known(text[start:end]):
                continue
            end = self._grow_right(text, end)
            start = self._grow_left(text, start)
            found.append((start, end))
        return found

    def _grow_right(self, text: str, end: int) -> int:
        while end < len(text) and text[end] == " ":
            j = end
            while j < len(text) and text[j] == " ":
                j += 1
            k = _match_end(self.capitalised, text, j)
            if k == j or (k < len(text) and (text[k].isalnum() or text[k] in self.edge)):
                break
            if not self._joins(text[j:k]):
                break
            end = k
        return end

    def _grow_left(self, text: str, start: int) -> int:
        while start > 0 and text[start - 1] == " ":
            j = start - 1
            while j > 0 and text[j - 1] == " ":
                j -= 1
            k = j
            while k > 0 and text[k - 1].isascii() and text[k - 1].isalpha():
                k -= 1
            if k == j or (k > 0 and (text[k - 1].isalnum() or text[k - 1] in self.edge)):
                break
            if not self._joins(text[k:j]) or self._sentence_start(text, k):
                break
            start = k
        return start


def _match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """End of a match of a pattern that can match the empty string (so it always matches)."""
    m = pattern.match(text, pos)
    return m.end() if m else pos


def foreign_phrases(scheme: Scheme) -> ForeignPhrases | None:
    """The phrase finder for a scheme with ``foreign_phrases = true``, else None."""
    if not scheme.protect.foreign_phrases or not scheme.protect.foreign:
        return None
    native = expand_classes(scheme.protect.native, scheme.classes)
    return ForeignPhrases(
        alternation(scheme.protect.foreign, scheme), native, scheme.alternates.apostrophes
    )


# How a word of a line is tied to the word before it (ContextWord.link): by spaces, by a
# comma and spaces, by a hyphen inside a word (Wi-Fi), or not at all ("").
SPACE = "space"
JOINABLE_MEMO = 65_536
LINE_MEMO = 16_384  # lines whose context decisions are remembered
EDGE_PUNCTUATION = '.,;!?()[]«»"“”'  # around a word, none of them glue it into an address
GLUE = "/@_#&=%\\"  # a word touching one of these is part of an address, path or handle
COMMA = "comma"
HYPHEN = "hyphen"


class ContextWord(Record):
    """A word of one line as the context decision (``yozuv.language``) sees it."""

    text: str
    kept: bool  # the converter keeps it as written on its own (a brand, a code, Windows)
    link: str  # its tie to the word before: SPACE, COMMA, HYPHEN or "" (none)
    sentence_start: bool  # no word before it on the line, or a sentence ended since
    native: bool = False  # it looks Uzbek by the scheme's ``protect.native`` pattern


class Decide(Protocol):
    """The context decision: for each word, None or (reason, index of the neighbour)."""

    def __call__(self, words: Sequence[ContextWord], /) -> Sequence[tuple[str, int] | None]: ...


class ForeignContext:
    """Words kept for their neighbours on a line: the English word next to a brand (hello
    world), the rest of a product name (iPhone 15 Pro Max), the first word of a foreign name
    at a sentence start (Open Contracting Partnership), the parts of Wi-Fi-ga, an acronym.

    Why a span finder over lines, not a word rule: what a word is depends on its neighbours,
    while the engine converts each distinct chunk once, memoised. The engine hands over only
    the lines that hold a seed chunk (:meth:`seeds`: something kept in Latin, or a listed
    acronym), so text without foreign words costs one scan of the new chunks; the decision
    itself (``decide``) belongs to ``yozuv.language``. Spans are whole words (a hyphenated
    word's kept parts together), never across a line, each with a note for explain.
    """

    def __init__(
        self,
        apostrophes: str,
        native: str,
        decide: Decide,
        kept_ranges: Callable[[str], Sequence[tuple[int, int]]],
        kept_letters: re.Pattern[str],
        acronyms: Collection[str],
        joinable: Callable[[str], bool],
        phrase_starts: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        """``kept_ranges(chunk)``: where the engine's conversion of a space-free chunk keeps
        it as written (its words kept whole, its protected codes); ``kept_letters``: letters
        a conversion never writes (Latin in Cyrillic output), so an output holding one has
        kept something; ``acronyms``: the capitals that are kept where they stand;
        ``joinable(word)``: may the word join a kept neighbour at all (a quick test);
        ``phrase_starts``: the first words of the brands of several words, as written and in
        capitals, with the second words that may follow (Khan: Academy): a chunk of a first
        word is a seed although nothing in it is kept, and decides something when the
        piece after it starts with such a second word."""
        apos = re.escape(apostrophes) if apostrophes else ""
        # A part of a word: letters and digits, apostrophes inside (McDonald's, Oʻzbek) and
        # after a final g (bogʻ); hyphens tie parts (Wi-Fi-ga) as the engine's words.
        inner = f"(?:[{apos}]{{1,2}}(?=[^\\W_]))" if apos else "(?!)"
        self.part = re.compile(rf"[^\W_](?:[^\W_]|{inner})*")
        self.native = re.compile(native) if native else None
        self.decide = decide
        self.kept_ranges = kept_ranges
        self.kept_letters = kept_letters
        self._kept_runs = re.compile(f"(?:{kept_letters.pattern})+")
        self.acronyms = frozenset(acronyms)
        self.joinable = joinable
        self.phrase_starts = dict(phrase_starts or {})
        self.phrase_heads = frozenset(self.phrase_starts)
        self._joinable: dict[str, bool] = {}
        self._own: dict[str, bool] = {}
        self._lines: dict[str, list[tuple[int, int, str]]] = {}
        self._windows: dict[
            tuple[str | None, str],
            tuple[list[ContextWord], Sequence[tuple[str, int] | None]],
        ] = {}
        # Runs of capitals as long as the shortest acronym (all listed ones are capitals).
        shortest = min(map(len, self.acronyms), default=2)
        self.capitals = re.compile(f"[A-Z]{{{max(2, shortest)},}}")

    # -- which chunks may hold a decision ----------------------------------------------------

    def seeds(self, chunks: Sequence[str], outputs: Sequence[str]) -> set[str]:
        """The chunks (of ``chunks``, converted to ``outputs``) on whose line a decision may
        be taken: an output that kept letters, or a run of capitals that is a listed acronym.
        Picked out in C (``compress``); Python only looks at chunks with capitals.

        The set may hold more than the seeds (an address such as kun.uz keeps its letters
        but holds no word; a Roman numeral): it stays cheap to make, and such a chunk has no
        neighbour that may join it (``needs_work``), so its line is not looked at.
        """
        found = set(compress(chunks, map(self.kept_letters.search, outputs)))
        capitals = compress(chunks, map(self.capitals.search, chunks))
        found.update(c for c in capitals if c not in found and self._has_acronym(c))
        if self.phrase_heads:
            heads = map(str.lstrip, chunks, repeat(EDGE_PUNCTUATION))
            found.update(compress(chunks, map(self.phrase_heads.__contains__, heads)))
        return found

    # -- the decisions on lines --------------------------------------------------------------

    def spans(
        self,
        text: str,
        lines: Sequence[tuple[int, int]] | None = None,
        seeds: Container[str] | None = None,
    ) -> list[tuple[int, int, str]]:
        """``(start, end, note)`` of the words kept for their context, on the given lines
        (``(start, end)`` ranges of whole lines; default: every line of ``text``).

        ``seeds``: the engine's seed chunks (a superset of those that hold a kept word or an
        acronym); a piece of a line between two spaces that is not in it holds none. The
        first and last piece of a line may be part of a chunk that holds a line break, so
        they are looked at. None: every piece is looked at.
        """
        found: list[tuple[int, int, str]] = []
        memo = self._lines
        for start, end in lines if lines is not None else _line_ranges(text):
            # A line's decisions depend on its text alone: a second pass, or a line that
            # recurs (a heading, a signature), is looked up.
            line = text[start:end]
            known = memo.get(line)
            if known is None:
                if len(memo) > LINE_MEMO:
                    memo.clear()  # a pure function: forgetting costs only recomputation
                spans = self._line_spans(text, start, end, seeds)
                known = memo[line] = [(a - start, b - start, note) for a, b, note in spans]
            found += [(start + a, start + b, note) for a, b, note in known]
        return found

    def spans_at(
        self,
        text: str,
        chunks: list[str],
        found: list[tuple[int, int]],
        seeds: Container[str],
    ) -> list[tuple[int, int, str]]:
        """:meth:`spans` for a text already cut into its chunks (``text.split(" ")``), whose
        seed chunks are at ``found`` (``(index, position)``, in order): only the lines of the
        seeds that may decide something (:meth:`needs_work`, asked of the chunks beside
        them) are looked at."""
        work = [(at, chunks[i]) for i, at in found if self.needs_work(chunks, i)]
        if not work:
            return []
        lines: list[tuple[int, int]] = []
        size = len(text)
        for at, chunk in work:
            # The lines the chunk lies on (a chunk may hold line breaks), merged; each search
            # starts where the last one stopped, so a text of one long line stays linear.
            chunk_end = at + len(chunk)
            if lines and chunk_end <= lines[-1][1]:
                continue
            end = text.find("\n", chunk_end)
            end = size if end < 0 else end
            if lines and at <= lines[-1][1]:
                lines[-1] = (lines[-1][0], end)
            else:
                lines.append((text.rfind("\n", lines[-1][1] if lines else 0, at) + 1, end))
        return self.spans(text, lines, seeds)

    def _line_spans(
        self, text: str, start: int, end: int, seeds: Container[str] | None
    ) -> list[tuple[int, int, str]]:
        """Only the seeds that may decide something are looked at closely: one with a
        hyphen or an acronym, or next to a piece that may join (an English word, capitals, a
        capitalised word). Around each, a window of pieces is decided, grown while a decided
        word reaches its edge, so it decides what the whole line would."""
        pieces = text[start:end].split(" ")
        last = len(pieces) - 1
        if seeds is None:
            at = [i for i, piece in enumerate(pieces) if self._is_seed(piece)]
        else:
            at = list(compress(range(len(pieces)), map(seeds.__contains__, pieces)))
            for edge in {0, last}:
                if edge not in at and self._is_seed(pieces[edge]):
                    at.append(edge)
        work = [i for i in at if self.needs_work(pieces, i)]
        if not work:
            return []
        offsets = list(accumulate((len(p) + 1 for p in pieces), initial=start))
        windows = _merged([self._reach(pieces, i) for i in work], len(pieces))
        return self._decide_windows(text, (start, end), pieces, offsets, windows)

    def _is_seed(self, piece: str) -> bool:
        """Does this space-free piece hold a word the engine keeps, or a listed acronym, that
        is no part of an address (as ``_words`` reads the piece's words)?"""
        if self._phrase_head(piece):
            return True
        ranges = self.kept_ranges(piece)
        if not ranges and not self._has_acronym(piece):
            return False
        bounds = (0, len(piece))
        for m in self.part.finditer(piece):
            a, b = m.span()
            if self._glued(piece, a, b, bounds):
                continue
            if any(x < b and a < y for x, y in ranges) or self._has_acronym(m.group()):
                return True
        return False

    def _phrase_head(self, piece: str) -> bool:
        return piece.lstrip(EDGE_PUNCTUATION) in self.phrase_heads

    def _starts_phrase(self, pieces: list[str], index: int) -> bool:
        """Is ``pieces[index]`` the first word of a listed name whose second word follows?"""
        seconds = self.phrase_starts.get(pieces[index].lstrip(EDGE_PUNCTUATION))
        if not seconds or index + 1 >= len(pieces):
            return False
        after = pieces[index + 1]
        return any(after.startswith(second) for second in seconds)

    def _has_acronym(self, piece: str) -> bool:
        return any(m.group() in self.acronyms for m in self.capitals.finditer(piece))

    def needs_work(self, pieces: list[str], index: int) -> bool:
        """May the seed ``pieces[index]`` decide something: a hyphenated word or an acronym
        of its own, or a piece beside it that may join (``_beside``)?"""
        piece = pieces[index]
        own = self._own.get(piece)
        if own is None:
            own = self._own[piece] = "-" in piece or self._has_acronym(piece)
            if len(self._own) > JOINABLE_MEMO:
                self._own.clear()  # a pure function: forgetting costs only recomputation
        if own or (self.phrase_heads and self._starts_phrase(pieces, index)):
            return True
        joinable = self._joinable.get
        for at in (index - 1, index + 1):
            if 0 <= at < len(pieces):
                near = pieces[at]
                known = joinable(near)
                if known or (known is None and self._joinable_piece(near)):
                    return True
                if near and not near.isdigit():
                    continue
            # An empty piece (two spaces) or a number: look past it.
            if any(self._joinable_piece(p) for p in _near(pieces, index)):
                return True
        return False

    def _joinable_piece(self, piece: str) -> bool:
        known = self._joinable.get(piece)
        if known is None:
            if len(self._joinable) >= JOINABLE_MEMO:
                self._joinable.clear()  # a pure function: forgetting costs only recomputation
            core = piece.strip(EDGE_PUNCTUATION)
            if core.isascii() and core.isalpha():  # one plain word: no address, no hyphen
                known = self._joinable[piece] = self.joinable(core)
                return known
            bounds = (0, len(piece))
            known = any(
                self.joinable(m.group())
                for m in self.part.finditer(piece)
                if not self._glued(piece, *m.span(), bounds)
            )
            self._joinable[piece] = known
        return known

    def _decide_windows(
        self,
        text: str,
        line: tuple[int, int],
        pieces: list[str],
        offsets: list[int],
        windows: list[tuple[int, int]],
    ) -> list[tuple[int, int, str]]:
        while True:
            found: list[tuple[int, int, str]] = []
            grown: list[tuple[int, int]] = []
            for first, last in windows:
                spans, (low, high) = self._decide_window(text, line, pieces, offsets, first, last)
                found += spans
                # Grown at least by its own size where needed, so that a long run of joined
                # words (an English sentence) takes a few rounds, not one per word.
                size = last - first
                grown.append(
                    (
                        min(low, first - size) if low < first else first,
                        max(high, last + size) if high > last else last,
                    )
                )
            if grown == windows:
                return found
            windows = _merged(grown, len(pieces))

    def _decide_window(
        self,
        text: str,
        line: tuple[int, int],
        pieces: list[str],
        offsets: list[int],
        first: int,
        last: int,
    ) -> tuple[list[tuple[int, int, str]], tuple[int, int]]:
        """The spans decided in pieces ``first`` to ``last`` (exclusive), and the pieces the
        decided words reach (their neighbours may lie outside: then the window grows)."""
        a, b = offsets[first], offsets[last] - 1
        parts = [m.span() for m in self.part.finditer(text, a, b)]
        if not parts:
            return [], (first, last)
        words, decided = self._decided(text, parts, line, (a, b))
        low, high = first, last
        for (start, _end), joined in zip(parts, decided, strict=True):
            if joined is not None:
                reach = self._reach(pieces, bisect_right(offsets, start) - 1)
                low, high = min(low, reach[0]), max(high, reach[1])
        return self._spans_of(text, parts, words, decided), (low, high)

    def _decided(
        self,
        text: str,
        parts: list[tuple[int, int]],
        line: tuple[int, int],
        window: tuple[int, int],
    ) -> tuple[list[ContextWord], Sequence[tuple[str, int] | None]]:
        """The words of a window and their decisions, memoised: they depend only on the
        window's text (whole pieces, between spaces or line edges) and on the text back to
        the word before it (a name recurs with the same neighbours, and every line is
        decided again in a second pass)."""
        a, b = window
        before = _previous_word_end(text, a, line[0])
        key = (text[before:a] if before >= 0 else None, text[a:b])
        known = self._windows.get(key)
        if known is None:
            words = self._words(text, parts, line)
            known = self._windows[key] = (words, self.decide(words))
            if len(self._windows) > JOINABLE_MEMO:
                self._windows.clear()  # a pure function: forgetting costs only recomputation
        return known

    def _reach(self, pieces: list[str], index: int) -> tuple[int, int]:
        """The window of pieces around ``index`` that holds every piece beside it that may
        join it (``_beside``; a piece that cannot join ends the reach on that side)."""
        low = high = index
        for step in (-1, 1):
            for at in _beside(pieces, index, step):
                if self._joinable_piece(pieces[at]):
                    low, high = min(low, at), max(high, at)
        return low, high + 1

    def _glued(self, text: str, a: int, b: int, line: tuple[int, int]) -> bool:
        """A piece of an address, a path or a handle (kun.uz, a/b, @x, x_y): no word."""
        start, end = line
        before = text[a - 1] if a > start else " "
        after = text[b] if b < end else " "
        if before in GLUE or after in GLUE:
            return True
        if before in ".:" and a - 2 >= start and text[a - 2].isalnum():
            return True
        return after in ".:" and b + 1 < end and text[b + 1].isalnum()

    def _words(
        self, text: str, parts: list[tuple[int, int]], line: tuple[int, int]
    ) -> list[ContextWord]:
        kept = self._kept_between(text, parts[0][0], parts[-1][1], line)
        starts = [a for a, _b in kept]
        words: list[ContextWord] = []
        previous_end = _previous_word_end(text, parts[0][0], line[0])
        for a, b in parts:
            gap = text[previous_end:a] if previous_end >= 0 else ""
            link = _link(gap) if previous_end >= 0 else ""
            # A line break inside the range (a lone \r) starts a sentence, as a new line does.
            start = previous_end < 0 or any(c in ".!?…\r\n" for c in gap)
            piece = "" if self._glued(text, a, b, line) else text[a:b]
            at = bisect_right(starts, b - 1) - 1  # the last kept range starting in the part
            is_kept = bool(piece) and at >= 0 and kept[at][1] > a
            native = bool(self.native is not None and self.native.search(piece))
            words.append(ContextWord(piece, is_kept, link, start, native))
            previous_end = b
        return words

    def _kept_between(
        self, text: str, a: int, b: int, line: tuple[int, int]
    ) -> list[tuple[int, int]]:
        """The kept ranges of the line's space-free pieces that overlap ``[a, b)``."""
        start, end = line
        left = text.rfind(" ", start, a) + 1 or start
        left = max(left, start)
        found: list[tuple[int, int]] = []
        pos = left
        while pos < b:
            stop = text.find(" ", pos, end)
            stop = end if stop < 0 else stop
            if stop > pos:
                found += [(pos + x, pos + y) for x, y in self.kept_ranges(text[pos:stop])]
            pos = stop + 1
        return found

    @staticmethod
    def _spans_of(
        text: str,
        parts: list[tuple[int, int]],
        words: list[ContextWord],
        decided: Sequence[tuple[str, int] | None],
    ) -> list[tuple[int, int, str]]:
        """One span per decided word; the kept and decided parts of a hyphenated word that
        touch a decided one, as one span (Wi-Fi-ga)."""
        found: list[tuple[int, int, str]] = []
        index = 0
        while index < len(words):
            last = index
            while last + 1 < len(words) and words[last + 1].link == HYPHEN:
                last += 1
            found += _run_spans(text, parts, words, decided, index, last)
            index = last + 1
        return found


def _previous_word_end(text: str, at: int, line_start: int) -> int:
    """Where the word before position ``at`` on its line ends, or -1 if there is none."""
    i = at - 1
    while i >= line_start and not text[i].isalnum():
        i -= 1
    return i + 1 if i >= line_start else -1


def _near(pieces: list[str], index: int) -> Iterator[str]:
    """The non-empty pieces beside ``pieces[index]``, and past a number beside it."""
    for step in (-1, 1):
        for at in _beside(pieces, index, step):
            yield pieces[at]


def _beside(pieces: list[str], index: int, step: int) -> Iterator[int]:
    """The indices of the non-empty piece on one side of ``index``, and of the one past it
    when it is a number (iPhone 15 Pro)."""
    at = index + step
    taken = 0
    while 0 <= at < len(pieces) and taken < 2:
        if pieces[at]:
            yield at
            taken += 1
            if not pieces[at].isdigit():
                return
        at += step


def _merged(windows: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Windows of pieces clipped to ``[0, size)``, those that touch or overlap merged."""
    out: list[tuple[int, int]] = []
    for first, last in sorted((max(0, a), min(size, b)) for a, b in windows):
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(last, out[-1][1]))
        else:
            out.append((first, last))
    return out


def _run_spans(
    text: str,
    parts: list[tuple[int, int]],
    words: list[ContextWord],
    decided: Sequence[tuple[str, int] | None],
    first: int,
    last: int,
) -> list[tuple[int, int, str]]:
    """The spans of one word or hyphenated word (parts ``first`` to ``last``)."""
    found: list[tuple[int, int, str]] = []
    index = first
    while index <= last:
        if decided[index] is None and not words[index].kept:
            index += 1
            continue
        end = index
        while end + 1 <= last and (decided[end + 1] is not None or words[end + 1].kept):
            end += 1
        notes = [_note(words, i, decided[i]) for i in range(index, end + 1)]
        if any(notes):
            found.append(
                (parts[index][0], parts[end][1], "; ".join(dict.fromkeys(filter(None, notes))))
            )
        index = end + 1
    return found


def _note(words: list[ContextWord], index: int, joined: tuple[str, int] | None) -> str:
    """What explain says of a decided word: its reason and the word it joined ("" if none)."""
    if joined is None:
        return ""
    reason, by = joined
    return reason if by == index else f"{reason} next to {words[by].text}"


def _link(gap: str) -> str:
    """The tie a gap between two words makes (see ContextWord.link)."""
    if gap == "-":
        return HYPHEN
    stripped = gap.strip(" \t")
    if not stripped and gap:
        return SPACE
    if stripped == ",":
        return COMMA
    return ""


def _line_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` cut at \\n, as the engine cuts them; a
    lone \\r inside one ends a sentence there (see ForeignContext._words)."""
    return [m.span() for m in re.finditer(r"[^\n]+", text)]


def kept_letters_regex(scheme: Scheme) -> re.Pattern[str] | None:
    """The letters a scheme reads but never writes, as one character set: an output holding
    one kept part of its input as written (Latin in Cyrillic output). None when it can write
    every letter it reads."""
    read = {ch for key in scheme.letters for ch in key if ch.isalpha()}
    read |= {ch.upper() for ch in read if len(ch.upper()) == 1}
    written = {ch for output in scheme.letters.values() for ch in output}
    written |= {ch for rule in scheme.rules for ch in rule.output}
    written |= {c for ch in written for c in (ch.upper(), ch.lower()) if len(c) == 1}
    kept = sorted(read - written)
    return re.compile("[" + "".join(map(re.escape, kept)) + "]") if kept else None


def roman_numeral_regex() -> re.Pattern[str]:
    """A valid Roman numeral of two or more letters (XXI, XIV): Latin even in Cyrillic text.

    The whole word: IIV (the Uzbek abbreviation of Ichki ishlar vazirligi) starts like one
    but is none, and converts."""
    return re.compile(
        r"(?=[IVXLCDM]{2,}$)M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$"
    )
