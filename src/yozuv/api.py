"""The library's front door: converters for a pair of scripts, built once and cached.

``transliterate()`` is the one-call API; ``get_converter()`` returns a reusable, memoised
:class:`Converter` (what the CLI and the format modules use, chunk after chunk).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from yozuv.engine import Decision, Engine, Explained, PassageFinder
from yozuv.errors import OptionError
from yozuv.names import normalise_script
from yozuv.records import Record
from yozuv.registry import builtin_schemes, find_chain, load_scheme
from yozuv.scheme import Scheme

if TYPE_CHECKING:
    from pathlib import Path

APOSTROPHE_STYLES = ("unicode", "ascii", "typographic")
# --abbreviations: the name a user gives -> the tables' [case] abbreviation_digraphs value.
ABBREVIATION_STYLES = {"rules": "upper", "press": "title"}
RUSSIAN_CHOICES = ("keep", "convert")


class _LazyRussian:
    """The Russian passage finder, imported on the first text that may hold a passage.

    A passage holds ы/щ, a word of two or three letters or a word with a Russian ending
    (yozuv.russian); a text with none (a one-word filter: ``echo Салом | yozuv``) pays for
    no import and no model. The test is a superset of the finder's seeds, so a chunk met
    before the finder is made is one the finder would not have marked.
    """

    def __init__(self) -> None:
        self._detector: PassageFinder | None = None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        detector = self._loaded(text)
        return detector.spans(text) if detector is not None else []

    def seeds(self, chunks: Sequence[str]) -> set[str]:
        detector = self._detector
        if detector is None:  # the chunks joined only until the finder is made
            detector = self._loaded(" ".join(chunks))
        return detector.seeds(chunks) if detector is not None else set()

    def _loaded(self, text: str) -> PassageFinder | None:
        """The finder, imported and made now if ``text`` may hold a passage; None if it
        is not made yet and need not be."""
        if self._detector is None and _may_hold_passage().search(text):
            from yozuv.russian import RussianDetector

            self._detector = RussianDetector()
        return self._detector


_MAY_HOLD_PASSAGE = r"[ыщ]|(?<![^\W\d_])[а-яёА-ЯЁ][а-яё]{1,2}(?![^\W\d_])"


@lru_cache(maxsize=1)
def _may_hold_passage() -> re.Pattern[str]:
    """``_MAY_HOLD_PASSAGE`` or a word ending as the Russian model's endings file lists."""
    from yozuv.names import read_russian_endings, russian_endings_path, russian_endings_pattern

    ends = read_russian_endings(russian_endings_path())
    return re.compile(f"{_MAY_HOLD_PASSAGE}|{russian_endings_pattern(ends)}")


class SchemeInfo(Record):
    """What ``yozuv schemes`` lists."""

    id: str
    aliases: tuple[str, ...]
    source: str
    target: str
    status: str
    description: str
    path: str


class Converter:
    """Converts text from one script to another through one or more compiled schemes."""

    def __init__(self, source: str, target: str, engines: Sequence[Engine]) -> None:
        self.source = source
        self.target = target
        self.engines = tuple(engines)

    @property
    def schemes(self) -> tuple[Scheme, ...]:
        return tuple(e.scheme for e in self.engines)

    @property
    def warnings(self) -> list[str]:
        """One-line notices for provisional schemes in the chain (shown once per run)."""
        return [
            s.warning or f"scheme {s.id!r} is {s.status}: its output may change"
            for s in self.schemes
            if s.status != "stable"
        ]

    def convert(self, text: str) -> str:
        """Convert ``text``; pure and memoised, and chunk-safe (line by line = all at once)."""
        for engine in self.engines:
            text = engine.convert(text)
        return text

    def __call__(self, text: str) -> str:
        """A converter is a ``str -> str`` function too (what the formats are handed)."""
        return self.convert(text)

    def convert_many(self, texts: Sequence[str]) -> list[str]:
        """``[self.convert(t) for t in texts]``, faster for many short texts (format messages)."""
        out = list(texts)
        for engine in self.engines:
            out = engine.convert_many(out)
        return out

    def explain(self, text: str) -> Explained:
        """Convert and report decisions. Positions refer to ``text`` for the first step; later
        steps of a chain (e.g. Latin -> Latin 2026) report on the intermediate text."""
        if not self.engines:
            return Explained(text, [])
        result = self.engines[0].explain(text)
        decisions = list(result.decisions)
        current = result.text
        for engine in self.engines[1:]:
            step = engine.explain(current)
            decisions += [d for d in step.decisions if d.ambiguous]
            current = step.text
        return Explained(current, decisions)

    def ambiguous(self, text: str) -> list[Decision]:
        """Only the guesses: words decided by a default or flagged as possibly wrong."""
        return [d for d in self.explain(text).decisions if d.ambiguous]


@lru_cache(maxsize=64)
def _converter(
    source: str,
    target: str,
    apostrophe: str,
    protect: tuple[str, ...],
    scheme_path: str | None,
    use_lexicon: bool,
    abbreviations: str | None = None,
    soft_sign: str | None = None,
    russian: str = "keep",
) -> Converter:
    from yozuv.lexicon import load_lexicon  # with the first converter: start-up stays cheap

    overrides = [load_scheme(scheme_path)] if scheme_path else []
    chain = find_chain(source, target, overrides)
    engines = []
    for i, scheme in enumerate(chain):
        last = i == len(chain) - 1
        if abbreviations is not None and "abbreviation_digraphs" in scheme.case:
            style = ABBREVIATION_STYLES[abbreviations]
            scheme = scheme._replace(case={**scheme.case, "abbreviation_digraphs": style})
        spelling = {}
        if soft_sign is not None and "soft_sign" in scheme.spellings:
            choices = scheme.spellings["soft_sign"].choices
            if soft_sign not in choices:
                raise OptionError(
                    f"unknown soft-sign norm {soft_sign!r} for {scheme.id}"
                    f" (known: {', '.join(choices)})"
                )
            spelling["soft_sign"] = soft_sign
        lexicon = load_lexicon(scheme) if use_lexicon else None
        language = None
        if scheme.protect.foreign_words and use_lexicon:
            from yozuv.language import default_language  # its lists load on first use

            language = default_language()
        passages = None
        if russian == "keep" and scheme.protect.russian_passages:
            passages = _LazyRussian()
        engines.append(
            Engine(
                scheme,
                lexicon=lexicon,
                apostrophe=apostrophe if last else "unicode",
                protect=protect,
                spelling=spelling,
                passages=passages,
                language=language,
            )
        )
    return Converter(source, target, engines)


def get_converter(
    to: str = "latin",
    source: str = "cyrillic",
    *,
    apostrophe: str = "unicode",
    protect: Sequence[str] = (),
    scheme: str | Path | None = None,
    use_lexicon: bool = True,
    abbreviations: str | None = None,
    soft_sign: str | None = None,
    russian: str = "keep",
) -> Converter:
    """A cached converter from ``source`` to ``to`` (script names such as ``latin``, ``uz-Cyrl``).

    ``apostrophe`` picks the output signs for oʻ gʻ and the tutuq: ``unicode`` (U+02BB/U+02BC),
    ``ascii`` (') or ``typographic`` (‘ ’). ``protect`` adds regexes whose matches are copied
    unchanged. ``scheme`` is a user mapping file that extends a built-in one.
    ``abbreviations`` writes the digraphs of an all-capitals abbreviation as the 1995 rules do
    (``rules``: AQSH, MCHJ, the tables' default) or as the press does (``press``: AQSh, MChJ);
    None keeps the table's own setting.
    ``soft_sign`` picks Latin -> Cyrillic's soft-sign norm: ``1956`` (апрель, панель) or
    ``modern`` (апрел, панел); None keeps the table's default (1956). The norms are the
    table's ``[output.soft_sign]`` choices; a direction whose table offers none writes no
    soft sign and ignores the choice.
    ``russian``: ``keep`` copies Russian sentences and quotations inside Cyrillic text
    unchanged (where the table asks for it: Cyrillic -> Latin), ``convert`` converts them
    like the rest.
    """
    if russian not in RUSSIAN_CHOICES:
        known = ", ".join(RUSSIAN_CHOICES)
        raise OptionError(f"unknown --russian choice {russian!r} (known: {known})")
    if abbreviations is not None and abbreviations not in ABBREVIATION_STYLES:
        known = ", ".join(ABBREVIATION_STYLES)
        raise OptionError(f"unknown abbreviation style {abbreviations!r} (known: {known})")
    if apostrophe not in APOSTROPHE_STYLES:
        raise OptionError(
            f"unknown apostrophe style {apostrophe!r} (known: {', '.join(APOSTROPHE_STYLES)})"
        )
    if source == "auto":
        raise OptionError(
            "get_converter needs a source script; use transliterate() or detect() for auto"
        )
    for pattern in protect:
        _check_regex(pattern)
    return _converter(
        normalise_script(source),
        normalise_script(to),
        apostrophe,
        tuple(protect),
        str(scheme) if scheme is not None else None,
        use_lexicon,
        abbreviations,
        soft_sign,
        russian,
    )


def _check_regex(pattern: str) -> None:
    from yozuv.regex_facts import user_pattern_problem

    problem = user_pattern_problem(pattern)
    if problem is not None:
        reason, hint = problem
        raise OptionError(f"protect pattern {pattern!r}: {reason}", hint=hint)


def resolve_source(text: str, to: str, source: str = "auto") -> str:
    """The source script to use: ``source`` itself, or the detected script of ``text``.

    Undetectable text (no letters) is taken to be in the script opposite to ``to``.
    """
    if source != "auto":
        return normalise_script(source)
    from yozuv.detect import guess_script

    guessed = guess_script(text)
    if guessed in ("cyrillic", "latin", "latin2026"):
        return guessed
    return "latin" if normalise_script(to) == "cyrillic" else "cyrillic"


def transliterate(
    text: str,
    to: str = "latin",
    source: str = "auto",
    *,
    apostrophe: str = "unicode",
    protect: Sequence[str] = (),
    scheme: str | Path | None = None,
) -> str:
    """Convert ``text`` to the script ``to``; ``source="auto"`` detects the input's script."""
    src = resolve_source(text, to, source)
    return get_converter(to, src, apostrophe=apostrophe, protect=protect, scheme=scheme).convert(
        text
    )


def explain(text: str, to: str = "latin", source: str = "auto") -> Explained:
    """Convert ``text`` and return the decisions taken (rule id, position, alternatives)."""
    src = resolve_source(text, to, source)
    return get_converter(to, src).explain(text)


def schemes() -> list[SchemeInfo]:
    """The built-in schemes with their status (``provisional`` for Latin 2026)."""
    return [
        SchemeInfo(s.id, s.aliases, s.source, s.target, s.status, s.description, s.path)
        for s in builtin_schemes().values()
    ]
