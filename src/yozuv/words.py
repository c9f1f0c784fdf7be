"""One word, converted exactly, with the pieces (rule applications) it was made of.

This is the reference conversion of a word: ``explain`` and ``preview`` read its pieces, and
the compiled fast path (``compiled.py``) must give the same text for every word it takes
(a property test holds the two together). It is also the path for the words the fast path
leaves alone: lexicon words, foreign words, look-alike letters, unusual capitals.

One left-to-right pass per word. At each position the scheme's context rules are tried in file
order, then the letters, longest key first. Contexts are regexes read on the *input* word,
never on the output, so rules do not depend on one another's results.

Why the contexts look through a window: a rule's context is a regex that may scan (``.*``, a
suffix chain up to the end of the word), so on a word of n letters an unbounded check costs
O(n) and the word O(n²): one 1 MB token without a space would stall the tool. A context sees
at most ``CONTEXT_WINDOW`` characters on each side of the match, which is far longer than any
real word, so real words are converted exactly as with unbounded contexts, and every word in
linear time. A window cut short never pretends to be the word's edge (``^``/``$`` do not
match at a cut).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from yozuv import casing
from yozuv.records import Record
from yozuv.scheme import Rule, Scheme, expand_classes
from yozuv.tokens import ContextWord, Tokenizer, foreign_regex, roman_numeral_regex

if TYPE_CHECKING:  # imported when a scheme turns the guess on: start-up stays cheap
    from yozuv.spelling_guess import SpellingGuesser

CONTEXT_WINDOW = 64  # characters a context may see on each side of a match
LEXICON_MAX_WORD = 64  # longer "words" (hashes, base64) are not looked up in the lexicon


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

    def candidate_keys(self) -> tuple[frozenset[str], frozenset[str]]:
        """The keys a lookup can start with, and the prefixes that may stand before them."""
        ...


class Piece(Record):
    """``word[start:end]`` became ``output`` by ``rule``, by a lexicon entry, or as a letter."""

    start: int
    end: int
    output: str
    rule: Rule | None = None
    lexicon: LexiconMatchLike | None = None


_END_ANCHOR = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|\$")


def without_end_anchor(pattern: str) -> str:
    """``pattern`` with ``$`` and ``\\Z`` outside character classes made unmatchable.

    Used when a window ends before the word does: the window's end is not the word's end.
    """

    def repl(m: re.Match[str]) -> str:
        token = m.group()
        if token == "$" or token == r"\Z":
            return "(?!)"
        return token

    return _END_ANCHOR.sub(repl, pattern)


class CompiledRule:
    """A rule with its context regexes compiled on first use, checked through a bounded window.

    Compiled lazily: a short text (a one-line filter) meets few rules, and compiling every
    context of every rule would be most of the start-up time.
    """

    __slots__ = ("_compiled", "classes", "rule")

    def __init__(self, rule: Rule, classes: Mapping[str, tuple[str, ...]]) -> None:
        self.rule = rule
        self.classes = classes
        self._compiled: tuple[list[re.Pattern[str]], ...] | None = None

    def _compile(self) -> tuple[list[re.Pattern[str]], ...]:
        classes, rule = self.classes, self.rule
        nexts = [expand_classes(p, classes) for p in rule.next]
        not_nexts = [expand_classes(p, classes) for p in rule.not_next]
        self._compiled = (
            [re.compile(f"(?:{expand_classes(p, classes)})$") for p in rule.prev],
            [re.compile(f"(?:{expand_classes(p, classes)})$") for p in rule.not_prev],
            [re.compile(p) for p in nexts],
            [re.compile(p) for p in not_nexts],
            [re.compile(without_end_anchor(p)) for p in nexts],
            [re.compile(without_end_anchor(p)) for p in not_nexts],
        )
        return self._compiled

    def fits(self, word: str, start: int, end: int) -> bool:
        """Do the contexts around ``word[start:end]`` fit (each seen through the window)?"""
        compiled = self._compiled or self._compile()
        prev, not_prev, nexts, not_nexts, nexts_cut, not_nexts_cut = compiled
        if prev or not_prev:
            low = start - CONTEXT_WINDOW if start > CONTEXT_WINDOW else 0
            if prev and not any(p.search(word, low, start) for p in prev):
                return False
            if any(p.search(word, low, start) for p in not_prev):
                return False
        if nexts or not_nexts:
            size = len(word)
            if size - end > CONTEXT_WINDOW:
                high = end + CONTEXT_WINDOW
                nexts, not_nexts = nexts_cut, not_nexts_cut
            else:
                high = size
            if nexts and not any(p.match(word, end, high) for p in nexts):
                return False
            if any(p.match(word, end, high) for p in not_nexts):
                return False
        return True


def source_alphabet(scheme: Scheme) -> frozenset[str]:
    """Every character the scheme reads: a word with none of them is copied unchanged."""
    keys = [*scheme.letters, *(r.match for r in scheme.rules), *scheme.alternates.chars]
    known = {ch for key in keys for ch in key}
    known |= {ch.upper() for ch in known if len(ch.upper()) == 1}
    # Look-alike letters of the other script count as listed, without derived capitals:
    # the table lists y and у but not Y and У, which must not count as native letters.
    return frozenset(
        known | set(scheme.alternates.confusables) | set(scheme.alternates.apostrophes)
    )


def spelling_drop(scheme: Scheme, chosen: Mapping[str, str]) -> re.Pattern[str] | None:
    """One regex of what the chosen spellings drop from a converted word (None: nothing).

    MULTILINE, so that it serves a batch of converted words one per line (``$`` is a word's
    end) exactly as it serves one word: the two paths cannot drop differently.
    """
    patterns = []
    for option, spelling in scheme.spellings.items():
        pattern = spelling.choices[chosen.get(option, spelling.default)]
        if pattern:
            patterns.append(f"(?:{pattern})")
    return re.compile("|".join(patterns), re.MULTILINE) if patterns else None


class LanguageLike(Protocol):
    """The word-level foreign decision (``yozuv.language.Language``): why a token stays."""

    brands: frozenset[str]
    named_brands: frozenset[str]  # brands kept only when written with a capital
    min_brand_stem: int  # a brand under a suffix chain (Googlega) is this long at least
    acronyms: frozenset[str]
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]  # brands of several words, by first word

    def classify(self, token: str) -> str | None: ...

    def is_uzbek(self, lower: str) -> bool:
        """Is this lower-case Latin word a known Uzbek form (or one + a suffix chain)?"""
        ...

    def native_stem(self, word: str, marks: re.Pattern[str]) -> str | None:
        """The Uzbek stem holding every foreign mark of ``word`` (Fathiddin: fath), or None."""
        ...

    def in_context(self, words: Sequence[ContextWord]) -> Sequence[tuple[str, int] | None]:
        """The words of a line kept for their neighbours (see ``tokens.ForeignContext``)."""
        ...

    def joinable(self, text: str) -> bool:
        """May ``text`` join a kept neighbour at all (a quick test before ``in_context``)."""
        ...

    def phrase_starts(self) -> dict[str, frozenset[str]]:
        """First words of brands of several words, with the second words that follow them."""
        ...


class WordConverter:
    """Converts one word of a scheme's source script, exactly, reporting its pieces."""

    def __init__(
        self,
        scheme: Scheme,
        lexicon: LexiconLike | None,
        apostrophe: str = "unicode",
        spelling: Mapping[str, str] | None = None,
        language: LanguageLike | None = None,
    ) -> None:
        self.scheme = scheme
        # Word knowledge (brands, names in mixed case ...): only the reasons the scheme
        # names in [protect] foreign_words keep a word; other answers are not trusted enough.
        self.language = language if scheme.protect.foreign_words else None
        self.keep_reasons = frozenset(scheme.protect.foreign_words)
        self.lexicon = lexicon
        # Spellings of lexicon misses ranked by a model ([guess]): only with a lexicon (a
        # rules-only converter stays rules only); built on the first word that asks.
        self.guess_enabled = scheme.guess.enabled and lexicon is not None
        self._guesser: SpellingGuesser | None = None
        self._known_language = language
        self.tokenizer = Tokenizer(scheme)
        self.letters = dict(scheme.letters)
        self.max_letter = max((len(k) for k in self.letters), default=1)
        self.rules: dict[str, list[CompiledRule]] = {}
        for rule in (r for r in scheme.rules if r.enabled):
            self.rules.setdefault(rule.match[0], []).append(CompiledRule(rule, scheme.classes))
        self.chars = dict(scheme.alternates.chars)
        self.confusables = dict(scheme.alternates.confusables)
        self.source_letters = source_alphabet(scheme)
        self.style = str.maketrans(dict(scheme.output_styles.get(apostrophe, {})))
        self.foreign = foreign_regex(scheme)
        self.roman = roman_numeral_regex() if scheme.protect.roman_numerals else None
        self.vowels = frozenset(scheme.classes.get("vowel", ()))
        self.title_digraphs = scheme.case.get("abbreviation_digraphs") == "title"
        self.abbreviations = frozenset(scheme.abbreviations)
        chosen = spelling or {}
        self.drop = spelling_drop(scheme, chosen)
        # The rule id explain gives a word the spelling changed: spelling:soft_sign=modern.
        self.spelling_rule = "spelling:" + ",".join(
            f"{option}={chosen.get(option, s.default)}" for option, s in scheme.spellings.items()
        )

    # -- the word as the rules read it ----------------------------------------------------

    def is_copied(self, word: str) -> bool:
        """A word with no letter of the source script is copied as it is (and not normalised)."""
        return not any(ch in self.source_letters for ch in word)

    def normalise(self, word: str) -> str:
        """NFC, alternate letters, apostrophes folded by position, look-alike letters repaired."""
        if not unicodedata.is_normalized("NFC", word):
            word = unicodedata.normalize("NFC", word)
        if self.chars:
            word = "".join(self.chars.get(ch, ch) for ch in word)
        word = self.tokenizer.fold_apostrophes(word)
        if self.confusables:
            word = self.repair_mixed(word)
        return word

    def repair_mixed(self, word: str) -> str:
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

    @staticmethod
    def lowercase(word: str) -> str:
        """Lower case with the positions kept (İ lowers to two characters: it is kept)."""
        lower = word.lower()
        if len(lower) != len(word):
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
        return lower

    def lookup(self, lower: str) -> LexiconMatchLike | None:
        if self.lexicon is None or len(lower) > LEXICON_MAX_WORD:
            return None
        return self.lexicon.lookup(lower)

    @property
    def guesser(self) -> SpellingGuesser | None:
        """The spelling guesser of ``[guess]``, or None when the scheme (or the converter:
        no lexicon) has it off. Its model is read on the first word it ranks."""
        if not self.guess_enabled:
            return None
        if self._guesser is None:
            language = self._known_language
            if language is None:
                from yozuv.language import default_language  # its lists load on first use

                language = default_language()
            from yozuv.spelling_guess import SpellingGuesser

            guess = self.scheme.guess
            self._guesser = SpellingGuesser(
                guess.alternatives, self.scheme.classes, guess.model, known=language.is_uzbek
            )
        return self._guesser

    def may_guess(self, lower: str) -> bool:
        """Would the lower-case, normalised word have its spelling guessed: a lexicon miss,
        no known Uzbek word, with a place where the scheme allows another spelling? (The
        fast path sends such words here.)"""
        guesser = self.guesser
        return (
            guesser is not None
            and len(lower) <= LEXICON_MAX_WORD
            and not guesser.is_known(lower)  # most words of a text: known, cheapest asked
            and self.lookup(lower) is None
            and bool(guesser.sites(lower))
        )

    def passes_through(self, word: str) -> str | None:
        """The rule id that copies ``word`` unchanged, or None: ``[protect]``'s
        ``roman_numerals_rule`` (X03a) or ``foreign_rule`` (X03b)."""
        protect = self.scheme.protect
        if self.roman is not None and self.roman.match(word):
            return protect.roman_numerals_rule
        language = self.language
        # A foreign-looking mark inside an Uzbek stem (the th of Fathiddin: fath) is Uzbek.
        foreign = self.foreign
        if (
            foreign is not None
            and foreign.search(word)
            and (language is None or language.native_stem(word, foreign) is None)
        ):
            return protect.foreign_rule
        # Names, brands and codes are written with a capital (iPhone too); a word in small
        # letters is Uzbek (opera, uzum) whatever a list of brands says.
        if (
            language is not None
            and not word.islower()
            and language.classify(word) in self.keep_reasons
        ):
            return protect.foreign_rule
        return None

    def kept_whole(self, normal: str) -> str | None:
        """The pass-through rule for a normalised word, unless the lexicon knows the word
        (a lexicon entry outranks the foreign-word guard: native sath, koʻphad)."""
        reason = self.passes_through(normal)
        if reason is not None and self.lookup(self.lowercase(normal)) is None:
            return reason
        return None

    # -- conversion -------------------------------------------------------------------------

    def convert(self, word: str) -> tuple[str, list[Piece]]:
        """Convert one word; also return the pieces it was made of."""
        if self.is_copied(word):
            return word, []
        normal = self.normalise(word)
        lower = self.lowercase(normal)
        if self.kept_whole(normal) is not None:
            return word, []
        pieces = self.pieces(lower)
        all_caps = casing.is_all_caps(normal)
        abbreviation_end = self._abbreviation_end(normal, lower) if self.title_digraphs else 0
        out: list[str] = []
        for p in pieces:
            if p.lexicon is not None:
                out.append(casing.restore_span(p.output, normal[p.start : p.end], all_caps))
                continue
            text = casing.restore_piece(p.output, normal, p.start, p.end, all_caps)
            if p.end <= abbreviation_end and len(text) > 1:
                text = casing.title(text.lower())
            out.append(text)
        result = "".join(out).translate(self.style)
        if self.drop is not None:
            result = self.drop.sub("", result)
        # Nothing converted but the normalisation (a Latin name with a decomposed accent in
        # Cyrillic text): the word is given back as it was, not recomposed.
        unchanged = result != word and not unicodedata.is_normalized("NFC", word)
        if unchanged and result == unicodedata.normalize("NFC", word):
            return word, pieces
        return result, pieces

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

    def pieces(self, w: str) -> list[Piece]:
        """The rule applications that make up the lower-case, normalised word ``w``; for a
        lexicon miss, with the spelling guess of ``[guess]`` applied when it changes any."""
        pieces = self.rule_pieces(w)
        if not self.guess_enabled or (pieces and pieces[0].lexicon is not None):
            return pieces
        guesser = self.guesser
        if guesser is None or len(w) > LEXICON_MAX_WORD:
            return pieces
        changes = guesser.choose(w, [(p.start, p.end, p.output) for p in pieces])
        if not changes:
            return pieces
        guessed: list[Piece] = []
        starts = {start: (end, rule) for start, end, rule in changes}
        skip_to = 0
        for p in pieces:
            if p.start < skip_to:
                continue
            change = starts.get(p.start)
            if change is None:
                guessed.append(p)
                continue
            end, rule = change
            guessed.append(Piece(p.start, end, rule.output, rule))
            skip_to = end
        return guessed

    def rule_pieces(self, w: str) -> list[Piece]:
        """The pieces of ``w`` by the lexicon and the rules alone (no guess)."""
        pieces: list[Piece] = []
        i = 0
        n = len(w)
        hit = self.lookup(w)
        if hit is not None and hit.stem_length > 0:
            pieces.append(Piece(0, hit.stem_length, hit.output, None, hit))
            i = hit.stem_length
        letters = self.letters
        rules = self.rules
        while i < n:
            for compiled in rules.get(w[i], ()):
                m = compiled.rule.match
                end = i + len(m)
                if w.startswith(m, i) and compiled.fits(w, i, end):
                    pieces.append(Piece(i, end, compiled.rule.output, compiled.rule))
                    i = end
                    break
            else:
                for size in range(min(self.max_letter, n - i), 0, -1):
                    key = w[i : i + size]
                    if key in letters:
                        pieces.append(Piece(i, i + size, letters[key]))
                        i += size
                        break
                else:
                    pieces.append(Piece(i, i + 1, w[i]))
                    i += 1
        return pieces
