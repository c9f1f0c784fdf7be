"""Words, apostrophes and protected spans.

Why a module of its own: what counts as a word decides every positional rule ("word start",
"word end"), and what is protected decides whether a URL or a foreign name survives. Both
depend on the source script: in Latin input the apostrophe variants (' ‘ ’ ` ʻ ʼ) inside a
word belong to the word and are folded by position (SPEC §3.1); in Cyrillic input a word is
a run of letters. Every pattern comes from the scheme's ``[protect]`` table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from yozuv import wordsplit
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
        # linear on a long run of letters (each capital inside it would rescan the run).
        edge = "".join(re.escape(ch) for ch in sorted(self.edge))
        self.scan = re.compile(rf"(?<![^\W\d_]|[{edge}])[A-Z][A-Za-z]*?(?i:{markers})")
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


def roman_numeral_regex() -> re.Pattern[str]:
    """A valid Roman numeral of two or more letters (XXI, XIV): Latin even in Cyrillic text."""
    return re.compile(
        r"(?=[IVXLCDM]{2,}$)M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
    )
