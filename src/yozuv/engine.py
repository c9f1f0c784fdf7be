"""The transliteration engine: a compiled scheme that converts text, word by word.

Why it is shaped like this:

- Text is Zipfian, so the work is memoised. The hot loop splits the text at single spaces and
  looks each whitespace-free chunk up in a dict; only a chunk never seen before is tokenised
  and its words converted (each word memoised again). On the bench corpus this runs at about
  the speed of a bare ``str.translate`` over the letter table (``bench/bench_engine.py``).
- One left-to-right pass per word. At each position the scheme's context rules are tried in
  file order, then the letters, longest key first. Contexts are regexes read on the *input*
  word, never on the output, so rules do not depend on one another's results.
- The engine knows no word: letters, rules, classes, protected patterns and the lexicon all
  come from the mapping files.
- Words never cross a line, so a text converted line by line (streaming) gives the same result
  as the whole text at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from yozuv import casing
from yozuv.scheme import Rule, Scheme, expand_classes
from yozuv.tokens import (
    Tokenizer,
    foreign_phrases,
    foreign_regex,
    phrase_regex,
    roman_numeral_regex,
)

# Entries per cache; a full cache is cleared, so memory stays bounded on endless streams
# (a few tens of MB at these sizes) while the frequent words of any text stay cached.
CACHE_LIMIT = 50_000


class LexiconMatchLike(Protocol):
    """What a lexicon lookup returns (see ``lexicon.py``)."""

    @property
    def stem_length(self) -> int: ...
    @property
    def output(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def source(self) -> str: ...


class LexiconLike(Protocol):
    """Anything with ``lookup(lowercase_word)``: the real lexicon, or a test double."""

    def lookup(self, word: str) -> LexiconMatchLike | None: ...


@dataclass(frozen=True)
class Decision:
    """One piece of a conversion: the rule (or lexicon entry) that made ``output`` of ``source``."""

    rule: str
    start: int
    end: int
    source: str
    output: str
    alternatives: tuple[str, ...] = ()
    ambiguous: bool = False
    note: str = ""


@dataclass(frozen=True)
class Explained:
    """A converted text together with the decisions taken for it."""

    text: str
    decisions: list[Decision] = field(default_factory=list)


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    output: str
    rule: Rule | None
    lexicon: LexiconMatchLike | None = None


class _Compiled:
    """A rule with its context regexes compiled once."""

    __slots__ = ("next", "not_next", "not_prev", "prev", "rule")

    def __init__(self, rule: Rule, classes: Mapping[str, tuple[str, ...]]) -> None:
        self.rule = rule
        self.prev = [re.compile(f"(?:{expand_classes(p, classes)})$") for p in rule.prev]
        self.not_prev = [re.compile(f"(?:{expand_classes(p, classes)})$") for p in rule.not_prev]
        self.next = [re.compile(expand_classes(p, classes)) for p in rule.next]
        self.not_next = [re.compile(expand_classes(p, classes)) for p in rule.not_next]

    def fits(self, word: str, start: int, end: int) -> bool:
        if self.prev and not any(p.search(word, 0, start) for p in self.prev):
            return False
        if any(p.search(word, 0, start) for p in self.not_prev):
            return False
        if self.next and not any(p.match(word, end) for p in self.next):
            return False
        return not any(p.match(word, end) for p in self.not_next)


class _Cache(dict[str, str]):
    """A dict that computes missing entries and forgets everything when it grows too large."""

    __slots__ = ("compute",)

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: str) -> str:
        value = self.compute(key)
        if len(self) >= CACHE_LIMIT:
            self.clear()
        self[key] = value
        return value


class Engine:
    """One scheme, compiled: converts text from the scheme's source script to its target."""

    def __init__(
        self,
        scheme: Scheme,
        *,
        lexicon: LexiconLike | None = None,
        apostrophe: str = "unicode",
        protect: Sequence[str] = (),
    ) -> None:
        self.scheme = scheme
        self.lexicon = lexicon
        self.tokenizer = Tokenizer(scheme)
        self.letters = dict(scheme.letters)
        self.max_letter = max((len(k) for k in self.letters), default=1)
        self.rules: dict[str, list[_Compiled]] = {}
        for rule in (r for r in scheme.rules if r.enabled):
            self.rules.setdefault(rule.match[0], []).append(_Compiled(rule, scheme.classes))
        self.chars = dict(scheme.alternates.chars)
        self.confusables = dict(scheme.alternates.confusables)
        # A chunk with none of these characters is copied without a look at its words.
        keys = [*self.letters, *(r.match for r in scheme.rules), *self.chars, *self.confusables]
        known = {ch for key in keys for ch in key} | set(scheme.alternates.apostrophes)
        self.source_letters = frozenset(
            known | {ch.upper() for ch in known if len(ch.upper()) == 1}
        )
        self.style = str.maketrans(dict(scheme.output_styles.get(apostrophe, {})))
        self.foreign = foreign_regex(scheme)
        self.roman = roman_numeral_regex() if scheme.protect.roman_numerals else None
        self.phrases = phrase_regex(scheme, protect)
        # Built-in phrase patterns start with a literal (` or <): skip their scan without one.
        self.phrase_hints = (
            frozenset(p[0] for p in scheme.protect.phrases)
            if not protect and all(p[:1] and p[0] in "`<" for p in scheme.protect.phrases)
            else None
        )
        self.foreign_phrases = foreign_phrases(scheme)
        self.hints = [
            (h, re.compile(expand_classes(h.pattern, scheme.classes))) for h in scheme.hints
        ]
        self.vowels = frozenset(scheme.classes.get("vowel", ()))
        self.title_digraphs = scheme.case.get("abbreviation_digraphs") == "title"
        self.abbreviations = frozenset(scheme.abbreviations)
        self._chunks = _Cache(self._convert_chunk)
        self._words = _Cache(self._convert_word)

    # -- text level -------------------------------------------------------------------------

    def convert(self, text: str) -> str:
        """Convert a text; protected spans are copied through byte for byte."""
        spans = self._protected_spans(text)
        if not spans:
            return self._convert_plain(text)
        out: list[str] = []
        pos = 0
        for start, end in spans:
            out.append(self._convert_plain(text[pos:start]))
            out.append(text[start:end])
            pos = end
        out.append(self._convert_plain(text[pos:]))
        return "".join(out)

    def _convert_plain(self, text: str) -> str:
        return " ".join(map(self._chunks.__getitem__, text.split(" ")))

    def _protected_spans(self, text: str) -> list[tuple[int, int]]:
        """Phrase-level spans (code in backticks, user patterns, foreign names), merged."""
        spans: list[tuple[int, int]] = []
        if self.phrases is not None and (
            self.phrase_hints is None or any(h in text for h in self.phrase_hints)
        ):
            spans += [m.span() for m in self.phrases.finditer(text) if m.end() > m.start()]
        if self.foreign_phrases is not None:
            known = self._in_lexicon_word if self.lexicon is not None else None
            spans += self.foreign_phrases.spans(text, known)
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

    def _convert_chunk(self, chunk: str) -> str:
        if not any(ch in self.source_letters for ch in chunk):
            return chunk
        chunk = unicodedata.normalize("NFC", chunk)
        return "".join(
            self._words[text] if is_word else text for is_word, text in self.tokenizer.split(chunk)
        )

    # -- word level -------------------------------------------------------------------------

    def _convert_word(self, word: str) -> str:
        return self.convert_word(word)[0]

    def _normalise(self, word: str) -> str:
        if self.chars:
            word = "".join(self.chars.get(ch, ch) for ch in word)
        word = self.tokenizer.fold_apostrophes(word)
        if self.confusables:
            word = self._repair_mixed(word)
        return word

    def _repair_mixed(self, word: str) -> str:
        """Homoglyph repair (X01): look-alike letters of the other script inside a word.

        Only when the word's own script has at least 2/3 of its letters and every other letter
        is a known look-alike, so a genuinely foreign word is never touched.
        """
        suspects = sum(1 for ch in word if ch in self.confusables)
        if not suspects:
            return word
        letters = sum(1 for ch in word if ch.isalpha())
        native = sum(1 for ch in word if ch in self.source_letters and ch not in self.confusables)
        if native + suspects != letters or native * 3 < letters * 2:
            return word
        return "".join(self.confusables.get(ch, ch) for ch in word)

    def _in_lexicon(self, lower: str) -> bool:
        """A lexicon entry outranks the foreign-word guard (native sath, koʻphad have t+h, p+h)."""
        return self.lexicon is not None and self.lexicon.lookup(lower) is not None

    def _in_lexicon_word(self, word: str) -> bool:
        return self._in_lexicon(self._normalise(word).lower())

    def passes_through(self, word: str) -> str | None:
        """The rule id that copies ``word`` unchanged (foreign, Roman numeral), or None."""
        if self.roman is not None and self.roman.match(word):
            return "X03a"
        if self.foreign is not None and self.foreign.search(word):
            return "X03b"
        return None

    def convert_word(self, word: str) -> tuple[str, list[_Piece]]:
        """Convert one word; also return the pieces (rule applications) it was made of."""
        original = word
        word = self._normalise(word)
        lower = word.lower()
        if len(lower) != len(word):  # e.g. İ: keep positions aligned
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
        if self.passes_through(word) and not self._in_lexicon(lower):
            return original, []
        pieces = self._pieces(lower)
        all_caps = casing.is_all_caps(word)
        out: list[str] = []
        abbreviation_end = self._abbreviation_end(word, lower) if self.title_digraphs else 0
        for p in pieces:
            if p.lexicon is not None:
                out.append(casing.restore_span(p.output, word[p.start : p.end], all_caps))
                continue
            text = casing.restore_piece(p.output, word, p.start, p.end, all_caps)
            if p.end <= abbreviation_end and len(text) > 1:
                text = casing.title(text.lower())
            out.append(text)
        return "".join(out).translate(self.style), pieces

    def _abbreviation_end(self, word: str, lower: str) -> int:
        """Length of the word's leading capitals when they form an abbreviation, else 0.

        Used by the house style that writes digraphs of abbreviations in title case (MChJ,
        AQShning). An abbreviation is a listed one (``[case] abbreviations``) or a run of
        capitals with no vowel letter; a headline word in capitals (ЁШЛИК) is neither.
        """
        run = casing.leading_capitals(word)
        if run < 2:
            return 0
        head = lower[:run]
        if head in self.abbreviations or not any(ch in self.vowels for ch in head):
            return run
        return 0

    def _pieces(self, w: str) -> list[_Piece]:
        pieces: list[_Piece] = []
        i = 0
        n = len(w)
        if self.lexicon is not None:
            hit = self.lexicon.lookup(w)
            if hit is not None and hit.stem_length > 0:
                pieces.append(_Piece(0, hit.stem_length, hit.output, None, hit))
                i = hit.stem_length
        letters = self.letters
        while i < n:
            for compiled in self.rules.get(w[i], ()):
                m = compiled.rule.match
                end = i + len(m)
                if w.startswith(m, i) and compiled.fits(w, i, end):
                    pieces.append(_Piece(i, end, compiled.rule.output, compiled.rule))
                    i = end
                    break
            else:
                for size in range(min(self.max_letter, n - i), 0, -1):
                    key = w[i : i + size]
                    if key in letters:
                        pieces.append(_Piece(i, i + size, letters[key], None))
                        i += size
                        break
                else:
                    pieces.append(_Piece(i, i + 1, w[i], None))
                    i += 1
        return pieces

    # -- explanations -----------------------------------------------------------------------

    def explain(self, text: str) -> Explained:
        """Convert ``text`` and report every piece: the rule or lexicon entry behind it."""
        decisions: list[Decision] = []
        out: list[str] = []
        protected = self._protected_spans(text)
        pos = 0
        for start, end in [*protected, (len(text), len(text))]:
            self._explain_plain(text, pos, start, out, decisions)
            if end > start:
                out.append(text[start:end])
                decisions.append(
                    Decision(
                        "protect",
                        start,
                        end,
                        text[start:end],
                        text[start:end],
                        note="protected span",
                    )
                )
            pos = end
        return Explained("".join(out), decisions)

    def _explain_plain(
        self, text: str, start: int, end: int, out: list[str], decisions: list[Decision]
    ) -> None:
        pos = start
        segment = unicodedata.normalize("NFC", text[start:end])
        for is_word, piece in self.tokenizer.split(segment):
            if is_word:
                converted, pieces = self.convert_word(piece)
                out.append(converted)
                decisions.extend(self._word_decisions(piece, pos, pieces))
            else:
                out.append(piece)
            pos += len(piece)

    def _word_decisions(self, word: str, offset: int, pieces: list[_Piece]) -> list[Decision]:
        normal = self._normalise(word)
        reason = self.passes_through(normal)
        if reason and not self._in_lexicon(normal.lower()):
            note = "Roman numeral" if reason == "X03a" else "looks foreign: copied unchanged"
            return [
                Decision(
                    reason,
                    offset,
                    offset + len(word),
                    word,
                    normal,
                    ambiguous=reason == "X03b",
                    note=note,
                )
            ]
        result: list[Decision] = []
        if self.confusables and self._repair_mixed(word) != word:
            result.append(
                Decision(
                    "X01.mixed-script",
                    offset,
                    offset + len(word),
                    word,
                    normal,
                    ambiguous=True,
                    note="look-alike letters of the other script repaired",
                )
            )
        had_lexicon = False
        for p in pieces:
            src = word[p.start : p.end]
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
        if not had_lexicon:
            lower = normal.lower()
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
