"""The Cyrillic spelling of a Latin word that no lexicon knows, chosen by a character model.

Why: Latin no longer shows some Cyrillic letters (ц is written s, э after a consonant e,
ъ nothing, й + vowel and ё/я/ю all y + vowel), so Latin → Cyrillic cannot undo them by rule.
The lexicon restores the words it lists (цирк, концерт, объект); a loan or name it does not
list gets what the rules make. Here the spellings the scheme allows for such a word
(``[guess]`` in the mapping file: s or ц, тс or ц, е or э, ё or йо …) are ranked by a
character n-gram model of real Cyrillic words (``scripts/build_spelling_model.py``), and the
rules' spelling gives way only when the model prefers another by a clear margin.

What keeps native words safe:

- only lexicon misses are guessed, and only words that hold a place where the scheme allows
  another spelling;
- a word the Uzbek word list knows (the ``known`` predicate: ``Language.is_uzbek``, a form of
  ``uzbek.txt`` or one + a suffix chain) keeps the rules' spelling;
- each change must win by the margin the model file carries, tuned by cross-validation on
  the model's own training words; several changes each pay it.

The search: the rules' pieces of the word are the default path through the word; each
alternative of the scheme that matches at a piece boundary, ends at one and fits its
contexts (read on the Latin word, as the rules' contexts are) adds an edge over the same
letters. The best path under model log-probability minus ``margin`` per alternative edge is
found by dynamic programming over the piece boundaries, with the last ``order - 1`` output
letters as the state (all a backoff n-gram model can see), so the work grows with the
word's length, not with the number of its spellings.

The module knows no word and no letter: the alternatives come from the scheme, the model
from its data file, which is read on the first guess (not at start-up).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from yozuv.errors import SchemeError
from yozuv.names import data_label, is_file_path, read_data_text
from yozuv.scheme import Rule, expand_classes

if TYPE_CHECKING:
    from yozuv.names import DataPath

SCALE = 100.0  # the file stores log-probabilities and the margin in hundredths of a nat
START = "^"  # word start, as a history letter
END = "$"  # word end, as a predicted letter
SETTING = "@"  # a row whose gram starts with this is a setting (order, margin, unseen)
MAX_WORD = 40  # longer Latin words are left to the rules (no real loan is this long)
MAX_STATES = 64  # paths kept per boundary: a bound on the work for a word full of choices
MEMO = 100_000  # remembered ln P(letter | history) before the memo is cleared
MAX_CHANGES = 3  # alternatives taken in one word at most (each must pay the margin anyway)


class CharModel:
    """A backoff character n-gram model of Cyrillic words, ``^word$``.

    ``probs`` maps an n-gram (history + letter) to ln P(letter | history); ``backoffs`` maps a
    history to the weight (ln) paid when one of its continuations is not listed, before the
    shorter history is asked. A letter the model never saw costs ``unseen``.
    """

    __slots__ = ("_memo", "backoffs", "letters", "margin", "order", "probs", "unseen")

    def __init__(
        self,
        order: int,
        probs: Mapping[str, float],
        backoffs: Mapping[str, float],
        *,
        margin: float,
        unseen: float,
    ) -> None:
        self.order = order
        self.probs = dict(probs)
        self.backoffs = dict(backoffs)
        self.margin = margin
        self.unseen = unseen
        # The letters the model predicts: a letter it never saw is skipped when a spelling
        # is scored (the word list has no ь: a model that priced ь as unseen would always
        # prefer a spelling without it, or with ъ in its place).
        self.letters = frozenset(g[-1] for g in self.probs if len(g) == 1)
        self._memo: dict[str, float] = {}  # history + letter -> ln P: contexts repeat a lot

    @classmethod
    def read(cls, path: DataPath) -> CharModel:
        """Parse the model file (format in ``mappings/lexicon/README.md``)."""
        name = data_label(path)
        if is_file_path(path):  # a user's scheme may name any file: a regular one, sane size
            from yozuv.lexicon import _check_data_file

            _check_data_file(path, name)
        try:
            text = read_data_text(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise SchemeError(f"{name}: cannot read the spelling model ({exc})") from exc
        settings: dict[str, float] = {}
        probs: dict[str, float] = {}
        backoffs: dict[str, float] = {}
        header_seen = False
        for number, line in enumerate(text.splitlines(), 1):
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                if cells != ["gram", "logprob", "backoff"]:
                    raise SchemeError(f"{name}: line {number}: expected the header row")
                header_seen = True
                continue
            if not 2 <= len(cells) <= 3 or not cells[0]:
                raise SchemeError(f"{name}: line {number}: expected gram, logprob, backoff")
            gram, logprob, backoff = cells[0], cells[1], cells[2] if len(cells) == 3 else ""
            try:
                if gram.startswith(SETTING):
                    settings[gram[1:]] = int(logprob)
                    continue
                if logprob:
                    probs[gram] = int(logprob) / SCALE
                if backoff:
                    backoffs[gram] = int(backoff) / SCALE
            except ValueError:
                raise SchemeError(f"{name}: line {number}: values are integers") from None
        for key in ("order", "margin", "unseen"):
            if key not in settings:
                raise SchemeError(f"{name}: the setting row @{key} is missing")
        if settings["order"] < 1:
            raise SchemeError(f"{name}: @order must be at least 1")
        return cls(
            int(settings["order"]),
            probs,
            backoffs,
            margin=settings["margin"] / SCALE,
            unseen=settings["unseen"] / SCALE,
        )

    def logprob(self, history: str, letter: str) -> float:
        """ln P(letter | the last ``order - 1`` letters of ``history``), by backoff."""
        if len(history) >= self.order:
            history = history[len(history) - self.order + 1 :]
        key = history + letter
        known = self._memo.get(key)
        if known is not None:
            return known
        if len(self._memo) >= MEMO:
            self._memo.clear()
        self._memo[key] = value = self._backoff(history, letter)
        return value

    def _backoff(self, history: str, letter: str) -> float:
        probs = self.probs
        backoffs = self.backoffs
        total = 0.0
        while True:
            found = probs.get(history + letter)
            if found is not None:
                return total + found
            if not history:
                return total + self.unseen
            total += backoffs.get(history, 0.0)
            history = history[1:]

    def score(self, word: str) -> float:
        """ln P(``^word$``): the sum over the word's letters and its end (letters the model
        never saw are skipped, see ``letters``)."""
        history = START
        total = 0.0
        for letter in (*word, END):
            if letter not in self.letters:
                continue
            total += self.logprob(history, letter)
            history += letter
            history = history[max(0, len(history) - self.order + 1) :]
        return total


class _Alternative:
    """One ``[[guess.alternatives]]`` row with its contexts compiled (on the Latin word)."""

    __slots__ = ("match", "next", "not_next", "not_prev", "prev", "rule")

    def __init__(self, rule: Rule, classes: Mapping[str, tuple[str, ...]]) -> None:
        self.rule = rule
        self.match = rule.match
        self.prev = [re.compile(f"(?:{expand_classes(p, classes)})$") for p in rule.prev]
        self.not_prev = [re.compile(f"(?:{expand_classes(p, classes)})$") for p in rule.not_prev]
        self.next = [re.compile(expand_classes(p, classes)) for p in rule.next]
        self.not_next = [re.compile(expand_classes(p, classes)) for p in rule.not_next]

    def fits(self, word: str, start: int) -> bool:
        end = start + len(self.match)
        if self.prev and not any(p.search(word, 0, start) for p in self.prev):
            return False
        if any(p.search(word, 0, start) for p in self.not_prev):
            return False
        if self.next and not any(p.match(word, end) for p in self.next):
            return False
        return not any(p.match(word, end) for p in self.not_next)


# One piece of the rules' conversion: Latin word[start:end] became output.
PieceSpan = tuple[int, int, str]
# A guessed change: Latin word[start:end] is written as the rule's output.
Change = tuple[int, int, Rule]
# From a piece boundary: (end, output, the alternative's rule or None for the rules' piece).
Edges = dict[int, list[tuple[int, str, Rule | None]]]


def apply_changes(pieces: Sequence[PieceSpan], changes: Sequence[Change]) -> str:
    """The word the rules' ``pieces`` make with ``changes`` written instead (for measures)."""
    out: list[str] = []
    by_start = {start: (end, rule.output) for start, end, rule in changes}
    skip_to = 0
    for start, _end, output in pieces:
        if start < skip_to:
            continue
        change = by_start.get(start)
        if change is not None:
            skip_to = change[0]
            out.append(change[1])
        else:
            out.append(output)
    return "".join(out)


class SpellingGuesser:
    """Chooses among the spellings a scheme allows for a word no lexicon knows.

    ``known`` tells a known Uzbek word (lower case), which keeps the rules' spelling; the
    model is read from ``model_path`` on the first word that needs it, or given as ``model``
    (tests, measurements).
    """

    def __init__(
        self,
        alternatives: Sequence[Rule],
        classes: Mapping[str, tuple[str, ...]],
        model_path: DataPath | None = None,
        *,
        known: Callable[[str], bool] | None = None,
        model: CharModel | None = None,
    ) -> None:
        if model is None and model_path is None:
            raise SchemeError("guess: a spelling model file is needed")
        self.alternatives = [_Alternative(r, classes) for r in alternatives if r.enabled]
        self.model_path = model_path
        self._model = model
        self.known = known
        # The alternatives by their first letter: a position is tried only against those
        # that can start there.
        self._by_first: dict[str, list[_Alternative]] = {}
        for alternative in self.alternatives:
            self._by_first.setdefault(alternative.match[0], []).append(alternative)
        firsts = sorted(self._by_first)
        self._sites = re.compile("[" + "".join(map(re.escape, firsts)) + "]") if firsts else None
        self._last: tuple[str, list[tuple[int, _Alternative]]] = ("", [])

    @property
    def model(self) -> CharModel:
        if self._model is None:
            assert self.model_path is not None
            self._model = CharModel.read(self.model_path)
        return self._model

    def sites(self, word: str) -> list[tuple[int, _Alternative]]:
        """Where an alternative matches in the lower-case Latin ``word`` and fits its contexts."""
        if self._last[0] == word:  # the engine asks may_guess, then converts the word
            return self._last[1]
        found: list[tuple[int, _Alternative]] = []
        if self._sites is None or len(word) > MAX_WORD:
            return found
        by_first = self._by_first
        for m in self._sites.finditer(word):
            start = m.start()
            for alternative in by_first[m.group()]:
                if word.startswith(alternative.match, start) and alternative.fits(word, start):
                    found.append((start, alternative))
        self._last = (word, found)
        return found

    def is_known(self, word: str) -> bool:
        """Is the lower-case Latin ``word`` a known Uzbek word (which keeps the rules'
        spelling)?"""
        return self.known is not None and self.known(word)

    def choose(self, word: str, pieces: Sequence[PieceSpan]) -> list[Change]:
        """The changes to the rules' ``pieces`` of the lower-case Latin ``word`` (a lexicon
        miss) that the model prefers by the margin each; [] when the rules' spelling stays,
        always for a known Uzbek word."""
        if self.is_known(word):
            return []
        edges = self.edges(word, pieces)
        return [] if edges is None else self.best(edges, len(word))

    def best(self, edges: Edges, size: int, margin: float | None = None) -> list[Change]:
        """The changes of the best path: ln P(word) minus ``margin`` (default: the model's)
        per change; of equals, the one with fewer changes."""
        if margin is None:
            margin = self.model.margin
        best: tuple[float, tuple[Change, ...]] | None = None
        for score, changes in self.paths_by_changes(edges, size):
            total = score - margin * len(changes)
            if best is None or total > best[0]:  # fewest changes come first
                best = (total, changes)
        return list(best[1]) if best is not None else []

    def edges(self, word: str, pieces: Sequence[PieceSpan]) -> Edges | None:
        """From each piece boundary: the rules' piece (rule None) and every alternative that
        starts there, ends at a boundary and writes something else; None when there is no
        such alternative."""
        sites = self.sites(word)
        if not sites:
            return None
        boundaries = {start for start, _end, _output in pieces}
        ends = {end for _start, end, _output in pieces}
        edges: Edges = {}
        default: dict[int, tuple[int, str]] = {}
        for start, end, output in pieces:
            edges.setdefault(start, []).append((end, output, None))
            default[start] = (end, output)
        other = False
        for start, alternative in sites:
            end = start + len(alternative.match)
            if start not in boundaries or end not in ends:
                continue
            if _default_output(default, start, end) == alternative.rule.output:
                continue
            edges[start].append((end, alternative.rule.output, alternative.rule))
            other = True
        return edges if other else None

    def paths_by_changes(self, edges: Edges, size: int) -> list[tuple[float, tuple[Change, ...]]]:
        """The best path with 0, 1, … :data:`MAX_CHANGES` changes: (ln P(``^word$``), the
        changes), fewest changes first; a count no path reaches is left out.

        Kept apart from the margin so that the builder can tune the margin on all of them.
        """
        model = self.model
        keep = model.order - 1
        letters = model.letters
        # Per boundary: (history, changes made) -> (score, the changes).
        State = dict[tuple[str, int], tuple[float, tuple[Change, ...]]]
        paths: dict[int, State] = {0: {(START, 0): (0.0, ())}}
        for position in sorted(edges):
            states = paths.pop(position, None)
            if not states:
                continue
            if len(states) > MAX_STATES:
                ranked = sorted(states.items(), key=lambda kv: kv[1][0], reverse=True)
                states = dict(ranked[:MAX_STATES])
            for (history, count), (score, changes) in states.items():
                for end, output, rule in edges[position]:
                    if rule is not None and count >= MAX_CHANGES:
                        continue
                    total = score
                    seen = history
                    for letter in output:
                        if letter in letters:
                            total += model.logprob(seen, letter)
                            seen += letter
                            seen = seen[max(0, len(seen) - keep) :]
                    key = (seen, count)
                    taken = changes
                    if rule is not None:
                        key = (seen, count + 1)
                        taken = (*changes, (position, end, rule))
                    target = paths.setdefault(end, {})
                    old = target.get(key)
                    if old is None or total > old[0]:
                        target[key] = (total, taken)
        best: dict[int, tuple[float, tuple[Change, ...]]] = {}
        for (history, count), (score, changes) in paths.get(size, {}).items():
            total = score + model.logprob(history, END)
            old = best.get(count)
            if old is None or total > old[0]:
                best[count] = (total, changes)
        return [best[count] for count in sorted(best)]


def _default_output(default: Mapping[int, tuple[int, str]], start: int, end: int) -> str | None:
    """What the rules' pieces make of ``word[start:end]`` (None if no pieces tile it)."""
    out: list[str] = []
    position = start
    while position < end:
        step = default.get(position)
        if step is None:
            return None
        position, output = step
        out.append(output)
    return "".join(out) if position == end else None
