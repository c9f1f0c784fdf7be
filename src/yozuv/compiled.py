"""The fast path: a scheme compiled into a few C-implemented passes over many words at once.

Why: on real text most of the engine's time went to words it had not seen before (the long
tail), converted one by one in Python. Here all new words of a call are converted together:

1. one regex pass over the lower-cased words, one word per line, in which every context rule
   is an alternative with its contexts as look-arounds, followed by the letters of more than
   one character (longest first). Each match becomes one private-use marker character, so
   afterwards every character stands for exactly one piece of the word;
2. one ``str.translate`` that turns markers and single letters into their output;
3. case put back per word, not per letter: a lower-case word needs nothing, an all-caps word
   is upper-cased, a capitalised word gets its first piece title-cased.

The alternation tries the rules in file order and then the letters, longest first, at each
position from left to right, which is exactly what ``words.WordConverter`` does, and the
look-arounds read the input, as its contexts do. A word this path cannot convert exactly is
left to ``WordConverter``: a possible lexicon word, a foreign word or Roman numeral, look-alike
letters, unusual capitals (ТошДУ, iPhone), a word longer than the context window, and words
holding the match of a rule whose context Python's regexes cannot look behind for (variable
width, such as ``@vowel.*``; a trailing repeated letter, ``@consonant@sign*``, is unrolled and
only a longer run goes the exact way) or that could see past a line break. The property test
``tests/test_engine_paths.py`` holds the two paths to the same output on arbitrary words.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from itertools import accumulate, compress, count
from operator import add, not_

from yozuv import casing
from yozuv.regex_facts import with_first_character_lookahead
from yozuv.scheme import Rule, Scheme, expand_classes
from yozuv.words import CONTEXT_WINDOW, LexiconMatchLike, WordConverter

MARKER_BASE = 0xF0000  # Supplementary Private Use Area-A: markers for multi-character pieces
_MARKERS = "[\U000f0000-\U000ffffd]"
# Escapes that cannot match a line break; anything else in a context keeps its rule off the
# batch pass (its words go to the exact path), because the batch puts one word per line.
_SAFE_ESCAPE = re.compile(r"\\[dwbB]|\\[^A-Za-z0-9]")
# A repeat without an upper bound (``*``, ``+``, ``{2,}``) that is not an escaped character.
_UNBOUNDED = re.compile(r"(?<!\\)[*+]|\{\d*,\}")
_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_CLASS_ONLY = re.compile(r"(\^?)@([A-Za-z_][A-Za-z0-9_]*)")
# A context ending in one repeated character or character set (``[бв...][ъь]*``): the head
# and the repeated item. The head must hold no repeat or group of its own.
_TRAILING_STAR = re.compile(r"\A([^*+?{}()|]*?)(\[(?:\\.|[^\]\\])+\]|\\?[^\\\[\]*+?{}()|])\*\Z")
# How many repeats of such an item the look-behinds spell out (ь/ъ between a consonant and
# ц: never more than one in real words); a longer run goes to the exact path.
UNROLLED_REPEATS = 2


_NEGATED_CLASS = re.compile(r"\[\^((?:\\.|[^\]\\])*)\]")


def line_safe(pattern: str) -> bool:
    """True if ``pattern`` (classes expanded) cannot match or look at a line break."""

    def negated(m: re.Match[str]) -> str:
        # A negated class that excludes \W, \s or \n cannot match a line break.
        body = m.group(1)
        return "" if any(x in body for x in ("\\W", "\\s", "\\n")) else "[^"

    text = _NEGATED_CLASS.sub(negated, pattern)
    if any(ord(ch) < 32 for ch in text) or "[^" in text or "(?s" in text or "(?x" in text:
        return False
    return "\\" not in _SAFE_ESCAPE.sub("", text)


def _behind(
    raw: str, classes: Mapping[str, tuple[str, ...]], match: str, negative: bool
) -> str | None:
    """A look-behind for a ``prev``/``not_prev`` context, placed *after* the rule's match
    (``(?<=P)M`` is ``M(?<=PM)``: the literal first lets the regex engine reject most
    positions at once), or None if Python cannot express it.

    A context that is one class (optionally after ``^``) whose members differ in length
    (``@vowel`` with ``oʻ``) becomes one fixed-width look-behind per member.
    """
    expanded = expand_classes(raw, classes)
    if not line_safe(expanded):
        return None
    sign = "!" if negative else "="
    tail = re.escape(match)
    single = f"(?<{sign}(?:{expanded}){tail})"
    try:
        re.compile(single)
        return single
    except re.error:
        pass
    whole = _CLASS_ONLY.fullmatch(raw)
    if whole is None:
        return None
    anchor, name = whole.groups()
    parts = [f"(?<{sign}{anchor}{re.escape(m)}{tail})" for m in classes[name]]
    joined = "".join(parts) if negative else "(?:" + "|".join(parts) + ")"
    try:
        re.compile(joined)
    except re.error:
        return None
    return joined


def _ahead(patterns: Sequence[str], negative: bool) -> str | None:
    if not patterns:
        return ""
    if not all(line_safe(p) for p in patterns):
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    return f"(?!{body})" if negative else f"(?={body})"


def rule_alternative(
    rule: Rule, classes: Mapping[str, tuple[str, ...]]
) -> tuple[str, list[str]] | None:
    """The rule as one regex with its contexts as look-arounds, and the triggers of the words
    on which that regex may decide otherwise than the rule; None if it cannot be written.

    A look-behind must have a fixed width in Python, so a context ending in a repeated
    character (``@consonant@sign*``: ц after a consonant, ь/ъ between) is unrolled to a few
    repeats (:func:`_unrolled`); a word with a longer run before the match is sent to the
    exact path by the residue trigger. Without this, every word with a ц took the exact path
    (measured: 1,046 of 70,882 distinct words of the 10 MB bench corpus, about 80 us each).
    """
    behind: list[str] = []
    residue: list[str] = []
    if rule.prev:
        options = [_context_behind(p, classes, rule.match, False, residue) for p in rule.prev]
        if any(o is None for o in options):
            return None
        behind.append("(?:" + "|".join(o for o in options if o is not None) + ")")
    for p in rule.not_prev:
        option = _context_behind(p, classes, rule.match, True, residue)
        if option is None:
            return None
        behind.append(option)
    ahead = _ahead([expand_classes(p, classes) for p in rule.next], negative=False)
    not_ahead = _ahead([expand_classes(p, classes) for p in rule.not_next], negative=True)
    if ahead is None or not_ahead is None:
        return None
    return re.escape(rule.match) + "".join(behind) + ahead + not_ahead, residue


def _context_behind(
    raw: str, classes: Mapping[str, tuple[str, ...]], match: str, negative: bool, residue: list[str]
) -> str | None:
    """The look-behind for one context, unrolled if need be (its trigger added to
    ``residue``), or None if it cannot be written."""
    option = _behind(raw, classes, match, negative=negative)
    if option is not None:
        return option
    unrolled = _unrolled(raw, classes, match, negative=negative)
    if unrolled is None:
        return None
    residue.append(unrolled[1])
    return unrolled[0]


def _unrolled(
    raw: str, classes: Mapping[str, tuple[str, ...]], match: str, negative: bool
) -> tuple[str, str] | None:
    """A context ``H T*`` (``H`` of fixed width, ``T`` one character or character set) as
    fixed-width look-behinds for ``H``, ``H T`` ... up to :data:`UNROLLED_REPEATS` repeats,
    and the trigger of the words where more repeats stand right before the match (only
    there may the look-behinds and the context disagree). None for any other shape."""
    found = _TRAILING_STAR.search(expand_classes(raw, classes))
    if found is None:
        return None
    head, item = found.group(1), found.group(2)
    if not head or not line_safe(head + item):
        return None
    sign = "!" if negative else "="
    tail = re.escape(match)
    parts = [f"(?<{sign}{head}{item * k}{tail})" for k in range(UNROLLED_REPEATS + 1)]
    joined = "".join(parts) if negative else "(?:" + "|".join(parts) + ")"
    try:
        re.compile(joined)
    except re.error:
        return None
    return joined, f"{item * (UNROLLED_REPEATS + 1)}{tail}"


def rule_trigger(rule: Rule, classes: Mapping[str, tuple[str, ...]]) -> str:
    """Where a rule the batch cannot run might apply, searched in one word at a time.

    Its ``prev`` contexts are read as a part of the match that ends where the rule's match
    begins, which needs no look-behind; its ``next`` contexts follow as look-ahead. A trigger
    only sends words to the exact path, so it may fire more often than the rule applies:
    a context with look-arounds of its own is left out, and one with an unbounded repeat
    keeps only what follows it (``@vowel.*@vowel.*te`` gives ``te``): the whole made the
    batch scan start at every vowel and run to the end of its word twice over (measured:
    33 ms on a 0.7 MB batch, 0.6 ms for the tail).
    """
    behind = ""
    prev = [_bounded_tail(expand_classes(p, classes)) for p in rule.prev]
    if prev and not any("(?=" in p or "(?!" in p for p in prev):
        behind = "(?:" + "|".join(f"(?:{p})" for p in prev) + ")"
    ahead = _ahead([expand_classes(p, classes) for p in rule.next], negative=False) or ""
    return behind + re.escape(rule.match) + ahead


def _bounded_tail(pattern: str) -> str:
    """What follows the last unbounded repeat of ``pattern``: a regex every match of which
    ends a match of ``pattern`` (a weaker context). The pattern itself if it has no such
    repeat, and the empty pattern if the rest is not a regex on its own (a repeat inside a
    group)."""
    found = list(_UNBOUNDED.finditer(pattern))
    if not found:
        return pattern
    brackets = _BRACKET.findall(pattern[: found[-1].start()])
    if brackets.count("[") != brackets.count("]"):
        return ""  # the * or + stands inside a character class
    tail = pattern[found[-1].end() :].lstrip("?")  # a lazy repeat's ? belongs to it
    try:
        re.compile(tail)
    except re.error:
        return ""
    return tail


Trie = dict[str, "Trie"]


def _trie_regex(words: Collection[str], *, whole: bool = False) -> str:
    """A regex matching any of ``words``, shaped as a trie (one test per letter).

    With ``whole=False`` it is used as a prefix test, so a key that extends a shorter key
    adds nothing; with ``whole=True`` every key is an alternative of its own (the loan
    prefixes, after which another prefix or a key must follow).
    """
    trie: Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: Trie) -> str:
        ends = "" in node
        if ends and not whole:
            return ""
        children = sorted((ch, child) for ch, child in node.items() if ch)
        branches = [re.escape(ch) + build(child) for ch, child in children]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(trie) if trie else "(?!)"


class FastWords:
    """Converts many words at once; hands the ones it cannot take exactly to ``exact``."""

    def __init__(self, exact: WordConverter) -> None:
        self.exact = exact
        scheme: Scheme = exact.scheme
        classes = scheme.classes
        alternatives: list[str] = []
        outputs: list[str] = []
        triggers: list[str] = []
        starts: list[str] = []
        for rule in (r for r in scheme.rules if r.enabled):
            compiled = rule_alternative(rule, classes)
            if compiled is None:
                triggers.append(rule_trigger(rule, classes))
                continue
            alternative, residue = compiled
            triggers += residue
            alternatives.append(alternative)
            outputs.append(rule.output)
            starts.append(rule.match[0])
        for key in sorted((k for k in scheme.letters if len(k) > 1), key=len, reverse=True):
            alternatives.append(re.escape(key))
            outputs.append(scheme.letters[key])
            starts.append(key[0])
        self.markers = {f"m{i}": chr(MARKER_BASE + i) for i in range(len(alternatives))}
        # The look-ahead for the first letters lets the regex engine skip the other positions
        # quickly (measured: 4-6x faster than the bare alternation on Cyrillic text).
        firsts = "".join(re.escape(c) for c in sorted(set(starts)))
        self.pieces = (
            re.compile(
                f"(?=[{firsts}])(?:"
                + "|".join(f"(?P<m{i}>{a})" for i, a in enumerate(alternatives))
                + ")",
                re.MULTILINE,
            )
            if alternatives
            else None
        )
        lower_table: dict[str, str] = {k: v for k, v in scheme.letters.items() if len(k) == 1}
        for i, output in enumerate(outputs):
            lower_table[chr(MARKER_BASE + i)] = output
        self.lower = str.maketrans(lower_table)
        self.title = {k: _as_first_piece(v) for k, v in lower_table.items()}
        self.first_output = lower_table
        # Checks on the cased word: what only the exact path handles.
        cased: list[str] = [_MARKERS]
        if exact.roman is not None:
            cased.append(f"^(?:{exact.roman.pattern})")
        if exact.foreign is not None:
            cased.append(f"(?i:{exact.foreign.pattern})")
        odd = set(scheme.alternates.chars) | set(scheme.alternates.confusables)
        if odd:
            cased.append("[" + "".join(re.escape(c) for c in sorted(odd)) + "]")
        cased_pattern = "|".join(cased)
        # Checks on the lower-case word: a rule the batch cannot run; a possible lexicon word.
        language = exact.language
        if language is not None and language.brands:
            # A word holding a brand's name (Google, Googlega, Mercedes-Benz) is asked the
            # word lists on the exact path; mixed case (YouTube) goes there by its shape.
            # As a trie: one test per letter instead of one per brand at each position
            # (measured on a 0.7 MB batch: 28 -> 20 ms). Only at the word's start or after a
            # hyphen: the word lists ask about a brand as the whole word, its stem (Googlega,
            # Google's, Google'da) or a part of a compound, never inside a word; unanchored,
            # the short names of a long list (Ola, Uni) sent every word holding them here.
            # A stem under a suffix chain is as long as ``min_brand_stem`` (Googlega); a
            # shorter brand is asked about only whole, below.
            stems = [b for b in language.brands if len(b) >= language.min_brand_stem]
            if stems:
                triggers.append(f"(?:^|(?<=-))(?:{_trie_regex(stems)})")
        if language is not None and (language.named_brands or language.brands):
            # A brand kept only with a capital (Eagle), or too short to be a stem (Ola), is
            # asked about as a whole word or part (Eagle-ga) or before an apostrophe (Eagle's,
            # Ola'da).
            whole = {b for b in language.brands if len(b) < language.min_brand_stem}
            whole |= language.named_brands
            if whole:
                named = _trie_regex(whole, whole=True)
                triggers.append(f"(?:^|(?<=-))(?:{named})(?![a-z])")
        trigger_pattern = "|".join(triggers)
        lexicon_pattern = ""
        if exact.lexicon is not None:
            keys, prefixes = exact.lexicon.candidate_keys()
            head = f"(?:{_trie_regex(prefixes, whole=True)}){{0,2}}" if prefixes else ""
            lexicon_pattern = f"^{head}{_trie_regex(keys)}"
        # Compiled once, MULTILINE: they run over a whole batch, one word per line, when no
        # pattern can see past a line break (then a match lies inside one word and ^/$ are
        # its edges), else over each word alone (which holds no line break: the same).
        patterns = [cased_pattern, trigger_pattern, lexicon_pattern]
        self.batch_checks = all(line_safe(p) for p in patterns if p)
        self.cased_lines = re.compile(with_first_character_lookahead(cased_pattern), re.MULTILINE)
        # (Not for the triggers: they start with a literal, which re already jumps to.)
        self.lower_lines = re.compile(trigger_pattern, re.MULTILINE) if triggers else None
        self.lexicon_lines = re.compile(lexicon_pattern, re.MULTILINE) if lexicon_pattern else None
        self.has_source = re.compile(
            "[" + "".join(re.escape(c) for c in sorted(exact.source_letters)) + "]"
        ).search
        self.style = exact.style
        self.drop = exact.drop
        self.title_digraphs = exact.title_digraphs
        # A word whose spelling [guess] may change (a lexicon miss with a choice, not known
        # Uzbek) takes the exact path, where the guess is made.
        self.may_guess = exact.may_guess if exact.guess_enabled else None

    def convert_many(self, words: Collection[str]) -> dict[str, str]:
        """The conversion of every word (each a token of the source script's word pattern)."""
        raw = list(filter(self.has_source, words))
        # A word with no letter of the source script is copied as it is.
        out: dict[str, str] = {w: w for w in words} if len(raw) != len(words) else {}
        exact = self.exact
        if raw and max(map(len, raw)) > CONTEXT_WINDOW:
            # Longer than any real word (a hash, base64, a run without spaces): the exact way,
            # whose contexts see a bounded window; the checks below could scan it at length.
            for word in raw:
                if len(word) > CONTEXT_WINDOW:
                    out[word] = exact.convert(word)[0]
            raw = [w for w in raw if len(w) <= CONTEXT_WINDOW]
        if not raw:
            return out
        joined = "\n".join(raw)
        normal = raw
        recomposed: set[int] = set()
        if not unicodedata.is_normalized("NFC", joined):
            joined = unicodedata.normalize("NFC", joined)  # "\n" never composes: per word
            normal = joined.split("\n")
            # The exact path decides whether such a word is converted or given back as it was.
            recomposed = {i for i, (a, b) in enumerate(zip(raw, normal, strict=True)) if a != b}
        folded = exact.tokenizer.fold_apostrophes(joined)  # the exact path's own folding
        if folded != joined:
            joined = folded
            normal = joined.split("\n")
        lowered = joined.lower()
        if len(lowered) == len(joined):  # lower() never shortens: every word kept its length
            lower = lowered.split("\n")
            unsafe, stems = self._unsafe(joined, lowered, normal, lower)
        else:  # a letter that lowers to two (İ): each word is lowered and checked alone
            lower = [n.lower() for n in normal]
            pairs = enumerate(zip(normal, lower, strict=True))
            unsafe = {i for i, (n, low) in pairs if len(n) != len(low)}
            unsafe |= self._unsafe_each(normal, lower)
            stems = {}
        unsafe |= recomposed
        may_guess = self.may_guess
        if may_guess is not None:
            unsafe.update(i for i, low in enumerate(lower) if i not in unsafe and may_guess(low))
        is_lower = list(map(str.islower, normal))
        after_stems: list[int] = []
        for i in unsafe:
            hit = stems.get(i)
            if hit is not None and i not in recomposed and _case_kind(normal[i]) in (0, 2):
                after_stems.append(i)
            else:
                out[raw[i]] = exact.convert(raw[i])[0]
            is_lower[i] = False
        if after_stems:
            converted_words = self._convert_after_stems(
                [lower[i] for i in after_stems],
                [stems[i] for i in after_stems],
                [normal[i].islower() for i in after_stems],
            )
            out.update(zip([raw[i] for i in after_stems], converted_words, strict=True))
        # Lower-case words, the most of any text: no case to restore.
        if any(is_lower):
            converted = self._convert_lower(list(compress(lower, is_lower)))
            out.update(zip(compress(raw, is_lower), converted, strict=True))
        # Capitalised and all-caps words; unusual capitals (ТошДУ, iPhone) go the exact way.
        rest_raw: list[str] = []
        rest_lower: list[str] = []
        kinds: list[int] = []
        for i in compress(range(len(raw)), map(not_, is_lower)):
            if i in unsafe:
                continue
            kind = _case_kind(normal[i])
            if kind == 2 or (kind == 1 and not self.title_digraphs):
                rest_raw.append(raw[i])
                rest_lower.append(lower[i])
                kinds.append(kind)
            else:
                out[raw[i]] = exact.convert(raw[i])[0]
        if rest_raw:
            out.update(zip(rest_raw, self._convert_cased(rest_lower, kinds), strict=True))
        return out

    def _unsafe(
        self, joined: str, lowered: str, normal: list[str], lower: list[str]
    ) -> tuple[set[int], dict[int, LexiconMatchLike]]:
        """Indices of the words the batch pass cannot convert, found by scans of the batch
        (one word per line) where the patterns allow it, else word by word; and, of those,
        the lexicon words that nothing else holds back, with their lexicon hits (a stem
        and an ordinary ending: :meth:`_convert_after_stems` can take them)."""
        if not self.batch_checks:
            return self._unsafe_each(normal, lower), {}
        starts: list[int] = []  # where the matches of the word-level checks begin
        for text, regex in ((joined, self.cased_lines), (lowered, self.lower_lines)):
            if regex is not None:
                starts += [m.start() for m in regex.finditer(text)]
        candidates = (
            [m.start() for m in self.lexicon_lines.finditer(lowered)]
            if self.lexicon_lines is not None
            else []
        )
        if not starts and not candidates:
            return set(), {}
        # Word ends, one per line, only when something matched: most batches need none.
        ends = list(map(add, accumulate(map(len, normal)), count(1)))  # in C: a line break each
        found = {bisect_right(ends, start) for start in starts}
        stems: dict[int, LexiconMatchLike] = {}
        lookup = self.exact.lookup
        for start in candidates:
            index = bisect_right(ends, start)
            if index in found:
                continue
            hit = lookup(lower[index])
            if hit is not None:
                found.add(index)
                if hit.stem_length > 0:
                    stems[index] = hit
        return found, stems

    def _unsafe_each(self, normal: list[str], lower: list[str]) -> set[int]:
        found = {i for i, n in enumerate(normal) if self.cased_lines.search(n)}
        if self.lower_lines is not None:
            found.update(i for i, low in enumerate(lower) if self.lower_lines.search(low))
        if self.lexicon_lines is not None:
            lookup = self.exact.lookup
            found.update(
                i
                for i, low in enumerate(lower)
                if self.lexicon_lines.match(low) and lookup(low) is not None
            )
        return found

    def _mark(self, lowers: list[str]) -> str:
        """The words, one per line, with every multi-letter piece replaced by its marker."""
        marked = "\n".join(lowers)
        if self.pieces is not None:
            markers = self.markers
            marked = self.pieces.sub(lambda m: markers[m.lastgroup or ""], marked)
        return marked

    def _convert_after_stems(
        self, lowers: list[str], hits: list[LexiconMatchLike], small: list[bool]
    ) -> list[str]:
        """Lexicon words in small letters or capitalised: the entry's output for the stem
        (title-cased for a capitalised word, as ``casing.restore_span`` does) and the rest
        converted by the batch pieces, matched from the stem's end with the whole word in
        view (the contexts look back into the stem), as the exact path does.

        Why: about 2 % of a text's distinct words are lexicon words, most of a Latin ->
        Cyrillic batch's exact-path words; the exact path took 27 us for each, this 6.7 us
        (measured on 10,696 lexicon forms).
        """
        pieces, markers = self.pieces, self.markers
        tails: list[str] = []
        for low, hit in zip(lowers, hits, strict=True):
            at = hit.stem_length
            if pieces is None:
                tails.append(low[at:])
                continue
            marked: list[str] = []
            for match in pieces.finditer(low, at):
                marked += (low[at : match.start()], markers[match.lastgroup or ""])
                at = match.end()
            marked.append(low[at:])
            tails.append("".join(marked))
        converted = "\n".join(tails).translate(self.lower).split("\n")
        words = [
            (hit.output if is_small else casing.title(hit.output)) + tail
            for hit, tail, is_small in zip(hits, converted, small, strict=True)
        ]
        return self._styled(words)

    def _convert_lower(self, lowers: list[str]) -> list[str]:
        converted = self._mark(lowers).translate(self.lower)
        if self.style:
            converted = converted.translate(self.style)
        if self.drop is not None:
            converted = self.drop.sub("", converted)
        return converted.split("\n")

    def _convert_cased(self, lowers: list[str], kinds: list[int]) -> list[str]:
        """All caps: the lower-case output upper-cased; capitalised: the first piece's output
        as ``casing.restore_piece`` gives it at the start of a word, the rest as it is."""
        marked = self._mark(lowers)
        converted = marked.translate(self.lower).split("\n")
        firsts = [line[0] for line in marked.split("\n")]
        title = self.title
        first_output = self.first_output
        for i, kind in enumerate(kinds):
            if kind == 1:
                converted[i] = converted[i].upper()
            else:  # translate works letter by letter: the first piece's output leads
                first = firsts[i]
                head = title.get(first)
                skip = len(first_output.get(first, first))
                converted[i] = (first.upper() if head is None else head) + converted[i][skip:]
        return self._styled(converted)

    def _styled(self, words: list[str]) -> list[str]:
        """The words with the house style's apostrophes and the dropped letters applied,
        in one pass over them all (what the exact path does to each whole word)."""
        if not self.style and self.drop is None:
            return words
        joined = "\n".join(words).translate(self.style)
        if self.drop is not None:
            joined = self.drop.sub("", joined)
        return joined.split("\n")


def _as_first_piece(output: str) -> str:
    """What ``casing.restore_piece`` makes of a piece at the start of a capitalised word."""
    if sum(1 for ch in output if ch.islower() or ch.isupper()) <= 1:
        return output.upper()
    return casing.title(output)


def _case_kind(word: str) -> int:
    """0 lower case, 1 all caps (two capitals or more), 2 capitalised, -1 anything else."""
    if word.islower():
        return 0
    if len(word) >= 2 and word.isupper() and word[0].isupper() and word[-1].isupper():
        return 1
    if len(word) >= 2 and word[0].isupper() and word[1:].islower():
        return 2
    return -1
