"""The transliteration engine: a compiled scheme that converts text.

Why it is shaped like this:

- Text is Zipfian: a few thousand words make most of it, and a long tail of rare words is
  seen once or twice. The hot loop splits the text at single spaces and looks every chunk up
  in a memo (``memo.py``: two generations, so the frequent chunks survive); a repeated chunk
  costs one dict lookup.
- The chunks a call has not seen are converted together, not one by one: tokenised in one
  regex split, their new words converted as one batch by the compiled form of the scheme
  (``compiled.py``: a regex pass with every context rule as an alternative, one
  ``str.translate``, case restored per word). Words that need more (the lexicon, a foreign
  word, look-alike letters, odd capitals) take the exact path (``words.py``), which is also
  what ``explain`` records; a property test holds the two paths to the same output.
- Phrase-level protection (code in backticks, user patterns, foreign names that span words)
  is found first; only the chunks a protected span touches are converted around it.
- The engine knows no word: letters, rules, classes, protected patterns and the lexicon all
  come from the mapping files.
- Words never cross a line and chunks never cross a space, so a text converted line by line
  (streaming) gives the same result as the whole text at once, and every step is linear in
  the length of the text, of its lines and of its words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import accumulate, compress, islice
from operator import not_
from typing import Protocol

from yozuv.collector import collector_paused
from yozuv.compiled import FastWords
from yozuv.memo import Memo
from yozuv.records import Record
from yozuv.scheme import Hint, Scheme, expand_classes
from yozuv.tokens import ForeignContext, foreign_phrases, kept_letters_regex, phrase_regex
from yozuv.words import LanguageLike, LexiconLike, LexiconMatchLike, Piece, WordConverter

__all__ = [
    "CACHE_LIMIT",
    "Decision",
    "Engine",
    "Explained",
    "LexiconLike",
    "LexiconMatchLike",
    "PassageFinder",
]

# Entries per generation of each memo (chunks, words): memory stays bounded on endless
# streams (two generations, a few tens of MB at this size) while the frequent words of any
# text stay memoised (see memo.py).
CACHE_LIMIT = 250_000
# Texts longer than this are converted in segments (memory: one object per chunk otherwise);
# shorter ones whole, which is faster (one memo pass, no copies: 5.5M characters warm took
# 20 % longer in 1M-character segments).
SEGMENT_CHARS = 1 << 23
# A conversion of this many characters or more runs with the cycle collector paused: it
# makes objects (memo entries, token lists) far faster than it frees them, none in a
# reference cycle, and every full collection on the way walks them all again (measured on
# the bench corpus: a tenth of a first pass Cyrillic -> Latin, a fifth of a warm pass
# Latin -> Cyrillic). Below it the pause costs more than it saves.
PAUSE_COLLECTOR_CHARS = 1 << 16
SMALL_BATCH = 64  # fewer new words than this, before the batch path exists: one by one


class PassageFinder(Protocol):
    """Finds passages of another language (Russian in Cyrillic text) to copy unchanged.

    ``spans`` must never cross a line break, so that a text converted line by line gives
    what the whole text gives; each span comes with a short reason for explain.
    """

    def spans(self, text: str) -> list[tuple[int, int, str]]: ...

    def seeds(self, chunks: Sequence[str]) -> set[str]:
        """The chunks (no spaces) that a passage may hold: a line with none has none."""
        ...


class Decision(Record):
    """One piece of a conversion: the rule (or lexicon entry) that made ``output`` of ``source``."""

    rule: str
    start: int
    end: int
    source: str
    output: str
    alternatives: tuple[str, ...] = ()
    ambiguous: bool = False
    note: str = ""


class Explained(Record):
    """A converted text together with the decisions taken for it.

    (Named tuples, not dataclasses: ``dataclasses`` alone costs some 7 ms of every start-up.)
    """

    text: str
    decisions: list[Decision]


class Engine:
    """One scheme, compiled: converts text from the scheme's source script to its target."""

    # Passages of another language (Russian) copied by convert (not explain) in this process
    # so far, by every engine: a document reports how many of them it had (the difference).
    passages_kept = 0

    def __init__(
        self,
        scheme: Scheme,
        *,
        lexicon: LexiconLike | None = None,
        apostrophe: str = "unicode",
        protect: Sequence[str] = (),
        spelling: Mapping[str, str] | None = None,
        passages: PassageFinder | None = None,
        language: LanguageLike | None = None,
    ) -> None:
        self.scheme = scheme
        self.lexicon = lexicon
        self.apostrophe = apostrophe
        self.protect = tuple(protect)
        self.spelling = dict(spelling or {})
        self.passages = passages
        self._passages_seen = 0  # in the text _protected_spans looked at last
        self.language = language
        self.words = WordConverter(scheme, lexicon, apostrophe, self.spelling, language)
        self.tokenizer = self.words.tokenizer
        self.phrases = phrase_regex(scheme, protect)
        # Built-in phrase patterns start with a literal (` or <): skip their scan without one.
        self.phrase_hints = (
            frozenset(p[0] for p in scheme.protect.phrases)
            if not protect and all(p[:1] and p[0] in "`<" for p in scheme.protect.phrases)
            else None
        )
        self.foreign_phrases = foreign_phrases(scheme)
        self.context = self._context_finder(scheme, language)
        self._kept_ranges: dict[str, tuple[tuple[int, int], ...]] = {}
        self._hints: list[tuple[Hint, re.Pattern[str]]] | None = None  # compiled for explain
        self._fast: FastWords | None = None  # compiled on the first new word: start-up stays cheap
        self._chunks = Memo(self._convert_chunks, CACHE_LIMIT)
        self._seed_chunks: set[str] = set()  # where a foreign name may start
        self._context_seeds: set[str] = set()  # where a word may be kept for its neighbours
        self._passage_seeds: set[str] = set()  # where a passage (Russian) may show itself
        self._known: dict[str, bool] = {}
        self._words = Memo(self._convert_words, CACHE_LIMIT)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as the recipe, not the memos and compiled patterns (rebuilt on arrival)."""
        return (
            _rebuild_engine,
            (
                self.scheme,
                self.lexicon,
                self.apostrophe,
                self.protect,
                self.spelling,
                self.passages,
                self.language,
            ),
        )

    def _context_finder(
        self, scheme: Scheme, language: LanguageLike | None
    ) -> ForeignContext | None:
        """The finder of words kept for their neighbours (``tokens.ForeignContext``), for a
        scheme that keeps foreign names and has word knowledge, and whose output shows what
        it kept (letters it never writes: Latin -> Cyrillic)."""
        letters = kept_letters_regex(scheme)
        if language is None or self.foreign_phrases is None or letters is None:
            return None
        return ForeignContext(
            scheme.alternates.apostrophes,
            expand_classes(scheme.protect.native, scheme.classes),
            language.in_context,
            self._kept_in_chunk,
            letters,
            language.acronyms,
            language.joinable,
            language.phrase_starts(),
        )

    def _kept_in_chunk(self, chunk: str) -> tuple[tuple[int, int], ...]:
        """Where the conversion of a space-free chunk keeps it as written: its protected
        spans and the words it keeps whole (Windows, Google, 5G), Roman numerals aside.
        Memoised."""
        known = self._kept_ranges.get(chunk)
        if known is not None:
            return known
        assert self.context is not None
        letters = self.context.kept_letters
        roman = self.words.roman
        ranges: list[tuple[int, int]] = []
        pos = 0
        for is_word, piece in self.tokenizer.split(chunk):
            output = self._words.values([piece])[0] if is_word else piece
            # A Roman numeral (XXI asr) is kept, but says nothing of its neighbours.
            numeral = is_word and roman is not None and roman.match(piece) is not None
            if letters.search(output) and not numeral:
                ranges.append((pos, pos + len(piece)))
            pos += len(piece)
        if len(self._kept_ranges) >= CACHE_LIMIT:
            self._kept_ranges.clear()  # a pure function: forgetting costs only recomputation
        self._kept_ranges[chunk] = found = tuple(ranges)
        return found

    @property
    def hints(self) -> list[tuple[Hint, re.Pattern[str]]]:
        """The scheme's hints (possible loans ...), compiled on the first explanation."""
        if self._hints is None:
            self._hints = [
                (h, re.compile(expand_classes(h.pattern, self.scheme.classes)))
                for h in self.scheme.hints
            ]
        return self._hints

    @property
    def fast(self) -> FastWords:
        if self._fast is None:
            self._fast = FastWords(self.words)
        return self._fast

    # -- text level -------------------------------------------------------------------------

    def convert(self, text: str) -> str:
        """Convert a text; protected spans are copied through byte for byte (see
        :meth:`_convert_any`), a large one with the cycle collector paused."""
        if len(text) < PAUSE_COLLECTOR_CHARS:
            return self._convert_any(text)
        with collector_paused():
            return self._convert_any(text)

    def _convert_any(self, text: str) -> str:
        """Convert a text of any length.

        A text longer than :data:`SEGMENT_CHARS` is converted in segments, so the lists of
        chunks stay small: cut after line breaks (nothing crosses a line, and a line start is
        one in both), and a single longer line (one huge CSV cell) at spaces outside every
        protected span, with the spans found in the whole line (a name's reach, a sentence
        start) handed to each segment. The result is the same.
        """
        if len(text) <= SEGMENT_CHARS:
            return self._convert_text(text)
        out: list[str] = []
        for piece in _line_groups(text):
            if len(piece) <= SEGMENT_CHARS:
                out.append(self._convert_text(piece))
                continue
            self._passages_seen = 0
            spans = self._protected_spans(piece)
            Engine.passages_kept += self._passages_seen
            out.append(
                " ".join(
                    self._convert_text(piece[start:end], _shifted(spans, start, end))
                    for start, end in _segments(piece, spans)
                )
            )
        return "".join(out)

    def _convert_text(self, text: str, spans: list[tuple[int, int]] | None = None) -> str:
        chunks = text.split(" ")
        converted = self._chunks.values(chunks)  # also finds the chunks where a name may start
        if spans is None:
            self._passages_seen = 0
            spans = self._protected_spans(text, chunks)
            Engine.passages_kept += self._passages_seen
        if not spans:
            return " ".join(converted)
        # Only the chunks that a protected span touches are done again, around the spans,
        # all of them through the memo at once.
        ranges = _chunk_ranges(spans, text)
        pieces: list[list[str]] = []  # per region: the text before, between, after its spans
        for _first, _last, group, (pos, region_end) in ranges:
            for span_start, span_end in group:
                pieces.append(text[pos:span_start].split(" "))
                pos = span_end
            pieces.append(text[pos:region_end].split(" "))
        redone = iter(self._chunks.values([c for piece in pieces for c in piece]))
        joined = iter([" ".join(islice(redone, len(piece))) for piece in pieces])
        out: list[str] = []
        done = 0  # chunks before this index are in ``out``
        for first, last, group, _region in ranges:
            out.extend(converted[done:first])
            region = [next(joined)]
            for span_start, span_end in group:
                region.append(text[span_start:span_end])
                region.append(next(joined))
            out.append("".join(region))
            done = last + 1
        out.extend(converted[done:])
        return " ".join(out)

    def convert_many(self, texts: Sequence[str]) -> list[str]:
        """``[self.convert(t) for t in texts]``, with the memo consulted once for all of them.

        For formats that hand over many short messages (PO entries, JSON values, cells):
        the per-call work (memo lookups, batching of new words) is paid once. The texts'
        chunks are those of their join by spaces, split again: no list per text is kept.
        """
        if not texts:
            return []
        size = sum(map(len, texts))
        if size < PAUSE_COLLECTOR_CHARS:
            return self._convert_many(texts, size)
        with collector_paused():
            return self._convert_many(texts, size)

    def _convert_many(self, texts: Sequence[str], size: int) -> list[str]:
        """:meth:`convert_many` of texts of ``size`` characters in all."""
        if size > SEGMENT_CHARS:
            return self._convert_many_large(texts)
        joined = " ".join(texts)
        flat = joined.split(" ")
        converted = self._chunks.values(flat)
        sizes = [text.count(" ") + 1 for text in texts]
        candidates = self._span_candidates(texts, joined, flat, sizes)
        out: list[str] = []
        index = 0
        for number, (text, size) in enumerate(zip(texts, sizes, strict=True)):
            if (candidates is None or number in candidates) and self._protected_spans(
                text, flat[index : index + size]
            ):
                out.append(self.convert(text))
            else:
                out.append(" ".join(converted[index : index + size]))
            index += size
        return out

    def _span_candidates(
        self, texts: Sequence[str], joined: str, flat: list[str], sizes: list[int]
    ) -> set[int] | None:
        """The texts (by number) that may hold a protected span, found for all of them at
        once: those with a character every phrase pattern needs, and those with a chunk
        where a foreign name may start. None: every text may (user patterns)."""
        if self.phrases is not None and self.phrase_hints is None:
            return None
        found: set[int] = set()
        hints = (self.phrase_hints or ()) if self.phrases is not None else ()
        if hints:
            starts = list(accumulate((len(t) + 1 for t in texts), initial=0))  # in ``joined``
            for hint in hints:
                at = joined.find(hint)
                while at >= 0:
                    found.add(bisect_right(starts, at) - 1)
                    at = joined.find(hint, at + 1)
        seed_sets: list[set[str]] = []
        if self.foreign_phrases is not None:
            seed_sets += [self._seed_chunks, self._context_seeds]
        if self.passages is not None:
            seed_sets.append(self._passage_seeds)  # a text with a passage holds one of these
        if seed_sets:
            firsts: list[int] | None = None  # each text's first chunk in ``flat``
            for seeds in seed_sets:
                if seeds.isdisjoint(flat):
                    continue
                firsts = firsts or list(accumulate(sizes, initial=0))
                for chunk_index in compress(range(len(flat)), map(seeds.__contains__, flat)):
                    found.add(bisect_right(firsts, chunk_index) - 1)
        return found

    def _convert_many_large(self, texts: Sequence[str]) -> list[str]:
        """:meth:`convert_many` for texts that together pass :data:`SEGMENT_CHARS`: batches
        of about that size, and a huge text alone (in segments), so no list of chunks grows
        with the document."""
        out: list[str] = []
        batch: list[str] = []
        size = 0
        for text in texts:
            if len(text) > SEGMENT_CHARS:
                out += self.convert_many(batch)
                batch, size = [], 0
                out.append(self.convert(text))
                continue
            if size + len(text) > SEGMENT_CHARS and batch:
                out += self.convert_many(batch)
                batch, size = [], 0
            batch.append(text)
            size += len(text)
        out += self.convert_many(batch)
        return out

    def _protected_spans(self, text: str, chunks: list[str] | None = None) -> list[tuple[int, int]]:
        """Phrase-level spans (code in backticks, user patterns, foreign names), merged.

        With ``chunks`` (the text's chunks, all converted already) the foreign-name scan runs
        only on the lines that hold a chunk where a name can start; without, on the whole text.
        """
        spans: list[tuple[int, int]] = []
        if self.phrases is not None and (
            self.phrase_hints is None or any(h in text for h in self.phrase_hints)
        ):
            spans += [m.span() for m in self.phrases.finditer(text) if m.end() > m.start()]
        if self.foreign_phrases is not None:
            known = self._in_lexicon_word if self.lexicon is not None else None
            if chunks is None:
                spans += self.foreign_phrases.spans(text, known)
                if self.context is not None:
                    spans += [(start, end) for start, end, _note in self.context.spans(text)]
            else:
                spans += self._spans_at_seeds(text, chunks, known)
        if self.passages is not None:
            found = self._passage_spans(text, chunks)
            self._passages_seen = len(found)
            spans += [(start, end) for start, end, _reason in found]
        if not spans:
            return spans
        spans.sort()
        merged = [spans[0]]
        for start, end in spans[1:]:
            if start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _passage_spans(self, text: str, chunks: list[str] | None) -> list[tuple[int, int, str]]:
        """The passages of ``text``; with its chunks (all converted, so their seeds are
        known), read only on the lines holding a seed chunk. Passages never cross a line
        (``PassageFinder``), so those are all of them."""
        assert self.passages is not None
        if chunks is None:
            return self.passages.spans(text)
        seeds = self._passage_seeds
        if seeds.isdisjoint(chunks):
            return []
        indices = compress(range(len(chunks)), map(seeds.__contains__, chunks))
        at_seeds = [(at, chunks[i]) for i, at in self._seed_positions(text, chunks, indices)]
        found: list[tuple[int, int, str]] = []
        for start, end in _lines_of(text, at_seeds):
            found += [(s + start, e + start, r) for s, e, r in self.passages.spans(text[start:end])]
        return found

    def _spans_at_seeds(
        self, text: str, chunks: list[str], known: Callable[[str], bool] | None
    ) -> list[tuple[int, int]]:
        """Foreign names and words kept for their context, looked for only around the seed
        chunks of the text: those where a name may start (``_seed_chunks``) and those that
        hold a kept word or an acronym (``_context_seeds``), found in one pass."""
        names, context = self._seed_chunks, self._context_seeds
        if names.isdisjoint(chunks) and (self.context is None or context.isdisjoint(chunks)):
            return []
        seeds = names | context if self.context is not None else names
        indices: Iterable[int] = compress(range(len(chunks)), map(seeds.__contains__, chunks))
        if self.context is not None:
            # Only the context seeds that may decide something are placed in the text.
            work = self.context.needs_work
            indices = (i for i in indices if chunks[i] in names or work(chunks, i))
        found = self._seed_positions(text, chunks, indices)
        spans: list[tuple[int, int]] = []
        lines = _lines_of(text, [(at, chunks[i]) for i, at in found if chunks[i] in names])
        if lines and self.foreign_phrases is not None:
            spans += self.foreign_phrases.spans(text, known, lines)
        if self.context is not None:
            at_seeds = [(i, at) for i, at in found if chunks[i] in context]
            if at_seeds:
                words = self.context.spans_at(text, chunks, at_seeds, context)
                spans += [(start, end) for start, end, _note in words]
        return spans

    @staticmethod
    def _seed_positions(
        text: str, chunks: list[str], indices: Iterable[int]
    ) -> list[tuple[int, int]]:
        """``(index, position)`` of the chunks at ``indices`` (in order), found in the text
        in order: the next place where a seed's text stands between spaces is that seed,
        since every chunk with that text is one."""
        found: list[tuple[int, int]] = []
        size = len(text)
        pos = 0
        for index in indices:
            chunk = chunks[index]
            at = text.find(chunk, pos)
            while at >= 0 and (
                (at > 0 and text[at - 1] != " ")
                or (at + len(chunk) < size and text[at + len(chunk)] != " ")
            ):
                at = text.find(chunk, at + 1)
            if at < 0:  # cannot happen (the chunk is in the text): found as the split says
                at = sum(map(len, chunks[:index])) + index
            found.append((index, at))
            pos = at + len(chunk)
        return found

    def _note_seeds(self, ordered: list[str]) -> None:
        """Remember the new chunks where the foreign-name scan matches.

        The set only has to hold every such chunk that the chunk memo holds: it is pruned to
        those when it grows past the memo's size, never cleared.
        """
        names = self.foreign_phrases
        if names is None:
            return
        candidates = names.may_start_in(ordered)
        if not candidates:
            return
        joined = " ".join(candidates)
        starts = [m.start() for m in names.scan.finditer(joined)]
        if not starts:
            return
        ends = list(accumulate(len(c) + 1 for c in candidates))
        self._seed_chunks.update(candidates[bisect_right(ends, start)] for start in starts)
        self._seed_chunks = self._pruned(self._seed_chunks, candidates)

    def _pruned(self, seeds: set[str], batch: list[str]) -> set[str]:
        """Past the memo's size, the seeds the memo holds, and this batch's own."""
        if len(seeds) <= CACHE_LIMIT:
            return seeds
        new = set(batch)
        return {c for c in seeds if c in new or c in self._chunks}

    def _in_lexicon_word(self, word: str) -> bool:
        """Is this word (a possible start of a foreign name) Uzbek after all: a lexicon word,
        or one whose foreign marks lie inside an Uzbek stem (Fathiddin)? Memoised: the same
        names come back on every line that holds them."""
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= CACHE_LIMIT:
                self._known.clear()  # a pure function: forgetting costs only recomputation
            words = self.words
            known = words.kept_whole(words.normalise(word)) is None
            self._known[word] = known
        return known

    def _convert_chunks(self, chunks: Collection[str]) -> dict[str, str]:
        """Convert many chunks (:meth:`_convert_new_chunks`) and remember those on whose line
        a passage may be (``PassageFinder.seeds``) or a word may be kept for its neighbours
        (``ForeignContext.seeds``)."""
        converted = self._convert_new_chunks(chunks)
        if not converted:
            return converted
        ordered = list(converted)  # a dict's keys and values come in one order
        if self.passages is not None:
            found = self.passages.seeds(ordered)
            if found:
                self._passage_seeds.update(found)
                self._passage_seeds = self._pruned(self._passage_seeds, ordered)
        if self.context is not None:
            seeds = self.context.seeds(ordered, list(converted.values()))
            if seeds:
                self._context_seeds.update(seeds)
                self._context_seeds = self._pruned(self._context_seeds, ordered)
        return converted

    def _convert_new_chunks(self, chunks: Collection[str]) -> dict[str, str]:
        """Convert many chunks at once: tokenise them joined by spaces (no token spans a
        space), convert their new words together, and put every chunk back together.

        A chunk that is all letters is one word and needs no tokeniser, and a chunk without
        a character that the protected patterns need is tokenised by the word pattern alone
        (``regex_facts.py``): the full tokeniser is the costliest regex of the engine.
        """
        ordered = list(chunks)
        self._note_seeds(ordered)
        if self._fast is None and len(ordered) < SMALL_BATCH:
            return {chunk: self._convert_chunk_alone(chunk) for chunk in ordered}
        tokenizer = self.tokenizer
        if tokenizer.letters_only_skip:
            whole, rest = _partition(ordered, list(map(str.isalpha, ordered)))
        else:
            whole, rest = [], ordered
        needs_protect = tokenizer.needs_protect
        plain: list[str] = []
        if needs_protect is None:
            full = rest
        else:
            full, plain = _partition(rest, list(map(needs_protect, rest)))
        split_full = self._split_tokens(full, tokenizer.regex, 3 if tokenizer.has_protected else 2)
        split_plain = self._split_tokens(plain, tokenizer.word_regex, 2)
        if split_full is None or split_plain is None:
            return {chunk: self._convert_chunk_alone(chunk) for chunk in ordered}
        (full_parts, full_words), (plain_parts, plain_words) = split_full, split_plain
        converted = self._words.fill([*whole, *full_words, *plain_words])
        out = {c: converted[c] for c in whole}
        for group, parts, stride in ((full, full_parts, 3), (plain, plain_parts, 2)):
            if not group:
                continue
            if group is full and not tokenizer.has_protected:
                stride = 2
            found = parts[stride - 1 :: stride]
            parts[stride - 1 :: stride] = map(converted.get, found)  # type: ignore[arg-type]
            pieces = "".join(filter(None, parts)).split(" ")
            if len(pieces) != len(group):  # an output with a space: rare, so one by one
                return {chunk: self._convert_chunk_alone(chunk) for chunk in ordered}
            out.update(zip(group, pieces, strict=True))
        return out

    @staticmethod
    def _split_tokens(
        group: list[str], regex: re.Pattern[str], stride: int
    ) -> tuple[list[str | None], set[str]] | None:
        """``regex.split`` of the chunks joined by spaces (separator, protected, word, ...)
        and the set of words found; None if a protected span crosses a space."""
        if not group:
            return [], set()
        parts: list[str | None] = regex.split(" ".join(group))
        if stride == 3 and " " in "".join(filter(None, parts[1::3])):
            return None
        return parts, set(filter(None, parts[stride - 1 :: stride]))

    def _convert_chunk_alone(self, chunk: str) -> str:
        return "".join(
            self.words.convert(text)[0] if is_word else text
            for is_word, text in self.tokenizer.split(chunk)
        )

    def _convert_words(self, words: Collection[str]) -> dict[str, str]:
        if self._fast is None and len(words) < SMALL_BATCH:
            # A few words (a one-line filter, a short message): compiling the batch path
            # would cost more than converting them one by one.
            return {word: self.words.convert(word)[0] for word in words}
        return self.fast.convert_many(words)

    # -- explanations: the same pipeline, recording -----------------------------------------

    def explain(self, text: str) -> Explained:
        """Convert ``text`` and report every piece: the rule or lexicon entry behind it.

        The text goes through the same steps as :meth:`convert` (protected spans, chunks,
        tokens, the exact conversion of each word), with the decisions recorded.
        """
        decisions: list[Decision] = []
        out: list[str] = []
        protected = self._protected_spans(text)
        passages = (
            {(s, e): reason for s, e, reason in self.passages.spans(text)}
            if self.passages is not None
            else {}
        )
        context = (
            {(s, e): note for s, e, note in self.context.spans(text)}
            if self.context is not None
            else {}
        )
        pos = 0
        for start, end in [*protected, (len(text), len(text))]:
            self._explain_plain(text, pos, start, out, decisions)
            if end > start:
                out.append(text[start:end])
                decisions.append(self._span_decision(text, start, end, passages, context))
            pos = end
        return Explained("".join(out), decisions)

    def _span_decision(
        self,
        text: str,
        start: int,
        end: int,
        passages: Mapping[tuple[int, int], str],
        context: Mapping[tuple[int, int], str],
    ) -> Decision:
        """The decision of a protected span: a Russian passage or a word kept for its
        neighbours is a judgement (marked as a guess, with its reason), the rest is certain."""
        source = text[start:end]
        reason = passages.get((start, end))
        if reason is not None:
            rule, note = self.scheme.protect.russian_rule, f"{reason}: kept"
        elif (start, end) in context:
            rule, note = self.scheme.protect.foreign_rule, f"{context[(start, end)]}: kept"
        else:
            return Decision("protect", start, end, source, source, note="protected span")
        return Decision(rule, start, end, source, source, ambiguous=True, note=note)

    def _explain_plain(
        self, text: str, start: int, end: int, out: list[str], decisions: list[Decision]
    ) -> None:
        pos = start
        for chunk_index, chunk in enumerate(text[start:end].split(" ")):
            if chunk_index:
                out.append(" ")
                pos += 1
            for is_word, piece in self.tokenizer.split(chunk):
                if is_word:
                    converted, pieces = self.words.convert(piece)
                    out.append(converted)
                    decisions.extend(self._word_decisions(piece, pos, pieces))
                else:
                    out.append(piece)
                pos += len(piece)

    def _word_decisions(self, word: str, offset: int, pieces: list[Piece]) -> list[Decision]:
        words = self.words
        if words.is_copied(word):
            return []
        normal = words.normalise(word)
        reason = words.kept_whole(normal)
        if reason is not None:
            # A Roman numeral is certain; a word that only looks foreign is a guess.
            roman = reason == self.scheme.protect.roman_numerals_rule
            note = "Roman numeral" if roman else "looks foreign: copied unchanged"
            return [
                Decision(
                    reason,
                    offset,
                    offset + len(word),
                    word,
                    word,
                    ambiguous=not roman,
                    note=note,
                )
            ]
        result: list[Decision] = []
        if words.confusables and words.repair_mixed(word) != word:
            result.append(
                Decision(
                    self.scheme.alternates.confusables_rule,
                    offset,
                    offset + len(word),
                    word,
                    normal,
                    ambiguous=True,
                    note="look-alike letters of the other script repaired",
                )
            )
        native = self._native_decision(word, normal, offset)
        if native is not None:
            result.append(native)
        had_lexicon = False
        for p in pieces:
            src = normal[p.start : p.end]
            if p.lexicon is not None:
                had_lexicon = True
                result.append(
                    Decision(
                        f"lexicon:{p.lexicon.rule}",
                        offset + p.start,
                        offset + p.end,
                        src,
                        p.output,
                        note=f"from {p.lexicon.source}",
                    )
                )
            elif p.rule is not None:
                r = p.rule
                result.append(
                    Decision(
                        r.warn or r.id,
                        offset + p.start,
                        offset + p.end,
                        src,
                        r.output,
                        r.alternatives,
                        r.ambiguous,
                        r.note,
                    )
                )
            else:
                result.append(Decision("letter", offset + p.start, offset + p.end, src, p.output))
        if words.drop is not None and words.drop.search("".join(p.output for p in pieces)):
            result.append(
                Decision(
                    words.spelling_rule,
                    offset,
                    offset + len(word),
                    word,
                    words.convert(word)[0],
                    note="letters dropped by the chosen spelling norm",
                )
            )
        if not had_lexicon:
            lower = words.lowercase(normal)
            for hint, regex in self.hints:
                if regex.search(lower):
                    result.append(
                        Decision(
                            hint.id,
                            offset,
                            offset + len(word),
                            word,
                            "",
                            hint.alternatives,
                            True,
                            hint.note,
                        )
                    )
        return result

    def _native_decision(self, word: str, normal: str, offset: int) -> Decision | None:
        """A word that looks foreign (X03b) but converts, its marks lying inside an Uzbek
        stem (Fathiddin: the th of fath): a decision near the border, shown as such."""
        words = self.words
        if words.foreign is None or words.language is None or not words.foreign.search(normal):
            return None
        stem = words.language.native_stem(normal, words.foreign)
        if stem is None:
            return None
        return Decision(
            self.scheme.protect.foreign_rule,
            offset,
            offset + len(word),
            word,
            words.convert(word)[0],
            note=f"looks foreign, but its marks lie inside the Uzbek stem {stem}: converted",
        )


def _lines_of(text: str, chunks_at: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """The lines (``(start, end)``, merged) that the chunks at these positions lie on, in
    order of position; a chunk may hold line breaks: all its lines are taken."""
    lines: list[tuple[int, int]] = []
    size = len(text)
    for at, chunk in chunks_at:
        end = text.find("\n", at + len(chunk))
        end = size if end < 0 else end
        if lines and at <= lines[-1][1]:  # starts on the last line listed: extend it
            lines[-1] = (lines[-1][0], max(end, lines[-1][1]))
        else:
            lines.append((text.rfind("\n", lines[-1][1] if lines else 0, at) + 1, end))
    return lines


def _chunk_ranges(
    spans: list[tuple[int, int]], text: str
) -> list[tuple[int, int, list[tuple[int, int]], tuple[int, int]]]:
    """For merged, sorted spans: the runs of chunks (split at " ") they touch.

    Each run: its first and last chunk index, its spans, and where it begins and ends in
    ``text``. Spans touching a common chunk share one run. Chunk indices are counts of the
    spaces before a position (``str.count``, running from the previous span: linear).
    """
    ranges: list[tuple[int, int, list[tuple[int, int]], tuple[int, int]]] = []
    spaces = 0  # spaces before ``pos``
    pos = 0
    for start, end in spans:
        spaces += text.count(" ", pos, start)
        first = spaces
        # The last chunk is the one holding the span's last character, or, when that is a
        # space (a user pattern may end in one), the chunk right after it.
        spaces += text.count(" ", start, end)
        last = spaces
        pos = end
        region_start = text.rfind(" ", 0, start) + 1
        region_end = text.find(" ", end)
        region_end = len(text) if region_end < 0 else region_end
        if ranges and first <= ranges[-1][1]:
            old_first, _old_last, group, (old_start, _old_end) = ranges[-1]
            group.append((start, end))
            ranges[-1] = (old_first, last, group, (old_start, region_end))
        else:
            ranges.append((first, last, [(start, end)], (region_start, region_end)))
    return ranges


def _line_groups(text: str) -> list[str]:
    """``text`` in pieces of whole lines of at most :data:`SEGMENT_CHARS` characters, each
    cut just after a ``\\n``; only a single longer line makes a longer piece (it is cut at
    spaces by the caller)."""
    pieces: list[str] = []
    begin = 0
    while len(text) - begin > SEGMENT_CHARS:
        cut = text.rfind("\n", begin, begin + SEGMENT_CHARS)
        if cut < 0:  # the line at ``begin`` is longer: up to its end, a piece of its own
            cut = text.find("\n", begin + SEGMENT_CHARS)
            if cut < 0:
                break
        pieces.append(text[begin : cut + 1])
        begin = cut + 1
    pieces.append(text[begin:])
    return pieces


def _shifted(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans that lie in ``[start, end)``, relative to ``start``."""
    return [(a - start, b - start) for a, b in spans if start <= a and b <= end]


def _segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``(start, end)`` of ``text``'s segments, cut at spaces about every
    :data:`SEGMENT_CHARS` characters, never inside a protected span (merged, sorted); the
    cut spaces are left out (the caller joins by them)."""
    starts = [start for start, _end in spans]
    pieces: list[tuple[int, int]] = []
    begin = 0
    pos = SEGMENT_CHARS
    while pos < len(text):
        cut = text.find(" ", pos)
        if cut < 0:
            break
        index = bisect_right(starts, cut) - 1
        if index >= 0 and cut < spans[index][1]:  # inside a span: cut after it
            pos = spans[index][1]
            continue
        pieces.append((begin, cut))
        begin = cut + 1
        pos = begin + SEGMENT_CHARS
    pieces.append((begin, len(text)))
    return pieces


def _partition(items: list[str], flags: Sequence[object]) -> tuple[list[str], list[str]]:
    """The items whose flag is true, and the others (in C: ``compress`` over the flags)."""
    return list(compress(items, flags)), list(compress(items, map(not_, flags)))


def _rebuild_engine(
    scheme: Scheme,
    lexicon: LexiconLike | None,
    apostrophe: str,
    protect: tuple[str, ...],
    spelling: Mapping[str, str],
    passages: PassageFinder | None,
    language: LanguageLike | None,
) -> Engine:
    return Engine(
        scheme,
        lexicon=lexicon,
        apostrophe=apostrophe,
        protect=protect,
        spelling=spelling,
        passages=passages,
        language=language,
    )
