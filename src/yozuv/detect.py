"""Which script a text is written in, and what looks wrong with it.

``--from auto`` imports this module at start-up (the package itself does), so it imports
nothing beyond the standard library's ``re`` and ``unicodedata`` and ``yozuv.wordsplit``, its
records are a named tuple and a plain class rather than dataclasses (importing
``dataclasses`` alone costs some 5 ms), and :func:`guess_script` reads only the first 64 KB
of a text. Its letters come from the mapping files, read on first use: the apostrophes that
cut words (every table's ``[alternates]``), and the 1995 and 2026 markers (the Latin <->
Latin 2026 tables, read only when a word is not pure Cyrillic).

How the two Latin alphabets are told apart: 1995 Latin writes oʻ gʻ sh ch, the 2026
alphabet writes ö ğ ş ç (the 2021 draft's ō ŏ ḡ count with them).  Each Latin word is
therefore marked "1995" (it contains oʻ/gʻ with any apostrophe variant, or the digraph
sh/ch), "2026" (it contains ö ğ ş ç or the Romanian look-alike ș), both, or neither.
Words with neither marker (most words: *va*, *bilan*, *kuni*) are shared out between the
two alphabets in proportion to the marked words.  Latin text of another language is
reported as ``latin`` with a low confidence, which is what a converter defaulting to 1995
Latin wants.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from yozuv.records import Record
from yozuv.wordsplit import char_set, text_word_regex, with_capitals

if TYPE_CHECKING:
    from yozuv.scheme import Scheme

SAMPLE_CHARS = 64 * 1024
"""How much of a text :func:`guess_script` looks at; enough for a stable verdict."""

MAX_MIXED_WORDS = 20
"""How many mixed-script words :func:`detect` lists (it counts all of them)."""

SCRIPTS = ("cyrillic", "latin", "latin2026", "other")

# The word pattern is the one the preview marks words with (yozuv.wordsplit), built from the
# mapping files' apostrophes. The 1995 and 2026 markers are the mapping files' letters too
# (see _latin_marks). Both are read on first use: a Cyrillic text (the usual input of
# ``yozuv -t latin``) never reads the Latin tables' rules, and the Latin patterns are compiled
# on the first word that is not pure Cyrillic.
_CYRILLIC = r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]"
_LATIN = r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"

# The patterns below serve only :func:`detect`'s warnings; they stay strings and are
# compiled (and cached by ``re``) on first use, so ``--from auto`` does not pay for them.
_FONT_HACK = r"[ЂђЉљЊњЋћЌќЏџЃѓ]"
_UZBEK_CYRILLIC = r"[ЎўҚқҒғҲҳ]"
_TURKISH_I = r"[İı]"
_ROMANIAN = r"[ȘșȚțŢţ]"
_EARLIER_DRAFT = r"[ŌōḠḡŎŏÕõÑñǴǵ]"
# 1995 Latin read as cp1251: ʻ (CA BB) becomes К», ʼ (CA BC) becomes Кј, after a Latin letter.
_MOJIBAKE_LATIN_CP1251 = r"[A-Za-z]К[»ј]"
# UTF-8 read as cp1252 / latin-1: a lead byte shown as Ã Ä Å Ê (Latin letters: ʻ -> Ê»,
# Ö -> Ã–, ş -> ÅŸ) or Ð Ñ Ò Ó (Cyrillic: С -> Ð¡), then a byte 0x80-0xBF.
_MOJIBAKE_CP1252 = "[ÃÄÅÊÐÑÒÓ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"
# The codecs UTF-8 text is commonly misread as, the most likely first.
MOJIBAKE_CODECS = ("cp1252", "latin-1", "cp1251", "koi8-r")


def _mojibake_cp1251() -> str:
    """UTF-8 read as cp1251: each Cyrillic letter becomes Р/С/Т/У plus a character that
    cp1251 puts at bytes 0x80-0xBF.  Two such pairs in a row never occur in real text (a
    single "Т»" does: «ИНСТИТУТ»)."""
    tail = bytes(b for b in range(0x80, 0xC0) if b != 0x98).decode("cp1251")
    return rf"(?:[РСТУ][{re.escape(tail)}]){{2,}}"


_LONG_CYRILLIC_PASSAGE = 300
"""Cyrillic letters after which the absence of ў қ ғ ҳ is suspicious."""

_LONG_LATIN_PASSAGE = 300
"""Latin letters after which the absence of every Uzbek marker is suspicious."""

_MIXED_MINORITY_SHARE = 0.05
"""Share of marked words below which sh/ch words inside 2026 text count as foreign names."""


class _Tally:
    """Letter and marker counts of a text, filled in one pass over its words.

    A plain class rather than a dataclass: creating a dataclass costs a few milliseconds at
    import time, which ``--from auto`` would pay on every run.
    """

    __slots__ = (
        "cyrillic",
        "latin_1995",
        "latin_2026",
        "latin_neutral",
        "mixed_word_count",
        "mixed_words",
        "other",
        "words_1995",
        "words_1995_strong",
        "words_2026",
    )

    def __init__(self) -> None:
        self.cyrillic = 0
        self.latin_1995 = 0
        self.latin_2026 = 0
        self.latin_neutral = 0
        self.other = 0
        self.words_1995 = 0
        self.words_1995_strong = 0
        self.words_2026 = 0
        self.mixed_words: list[str] = []
        self.mixed_word_count = 0

    @property
    def latin(self) -> int:
        return self.latin_1995 + self.latin_2026 + self.latin_neutral

    @property
    def letters(self) -> int:
        return self.cyrillic + self.latin + self.other


_WordFacts = tuple[int, int, int, bool, bool, bool]
"""Per word: Cyrillic, Latin and other letters; 2026 mark, strong 1995 mark, any 1995 mark."""

_PURE_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]+")


class _LatinMarks(Record):
    """What tells the Latin alphabets apart, read from the Latin <-> Latin 2026 tables."""

    cyrillic: re.Pattern[str]
    latin: re.Pattern[str]
    mark_1995: re.Pattern[str]  # oʻ gʻ (any apostrophe variant) sh ch
    mark_2026: re.Pattern[str]  # ö ğ ş ç, and the letters read as them (ō ŏ ḡ ǧ ș)
    apostrophes: str
    tutuq: str
    turned_at_end: str  # with capitals: gG


@functools.cache
def _latin_marks() -> _LatinMarks:
    """The marker patterns, built once, on demand, from the mapping files.

    A 1995 marker is a letter of more than one character that ``latin-latin2026`` rewrites
    (oʻ gʻ sh ch), its turned comma written with any apostrophe variant; a 2026 marker is a
    letter that ``latin2026-latin`` turns into one of them (ö ğ ş ç, and ō ŏ ḡ ǧ ș).
    """
    from yozuv.registry import find_chain

    (old_to_new,) = find_chain("latin", "latin2026")
    (new_to_old,) = find_chain("latin2026", "latin")
    return latin_marks(old_to_new, new_to_old)


def latin_marks(old_to_new: Scheme, new_to_old: Scheme) -> _LatinMarks:
    """The marker patterns of a Latin 1995 -> 2026 table and its reverse (see _latin_marks)."""
    alt = old_to_new.alternates
    apostrophes = char_set(alt.apostrophes) if alt.apostrophes else re.escape(alt.turned)
    marks_1995 = [
        r.match for r in old_to_new.rules if r.enabled and len(r.match) > 1 and r.output != r.match
    ]
    mark_1995 = "|".join(
        "".join(apostrophes if ch == alt.turned else char_set(with_capitals(ch)) for ch in mark)
        for mark in marks_1995
    )
    readings = dict(new_to_old.letters)
    readings.update({r.match: r.output for r in new_to_old.rules if r.enabled})
    marks_2026 = "".join(sorted(k for k, v in readings.items() if v in marks_1995))
    return _LatinMarks(
        re.compile(_CYRILLIC),
        re.compile(_LATIN),
        re.compile(mark_1995 or "(?!)"),
        re.compile(char_set(with_capitals(marks_2026)) if marks_2026 else "(?!)"),
        alt.apostrophes,
        alt.tutuq,
        with_capitals(alt.turned_at_end),
    )


def _word_facts(word: str) -> _WordFacts:
    if _PURE_CYRILLIC_RE.fullmatch(word):  # most words of Cyrillic text: nothing else to see
        return len(word), 0, 0, False, False, False
    marks = _latin_marks()
    cyrillic = len(marks.cyrillic.findall(word))
    latin = len(marks.latin.findall(word))
    counted = sum(1 for ch in word if ch.isalpha() and not "\u02b0" <= ch <= "\u02ff")
    other = max(counted - cyrillic - latin, 0)
    if not latin:
        return cyrillic, 0, other, False, False, False
    strong_1995, marks_1995 = _marks_1995(word, marks)
    marks_2026 = marks.mark_2026.search(word) is not None
    return cyrillic, latin, other, marks_2026, strong_1995, marks_1995


def _tally(text: str) -> _Tally:
    """Count letters per script and 1995/2026 marker words in ``text`` (NFC first).

    Words repeat (Zipf), so each distinct word is examined once per call.
    """
    tally = _Tally()
    facts: dict[str, _WordFacts] = {}
    seen_mixed: set[str] = set()
    for word in text_word_regex().findall(unicodedata.normalize("NFC", text)):
        found = facts.get(word)
        if found is None:
            found = facts[word] = _word_facts(word)
        cyrillic, latin, other, marks_2026, strong_1995, marks_1995 = found
        tally.cyrillic += cyrillic
        tally.other += other
        if not latin:
            continue
        if cyrillic:
            tally.mixed_word_count += 1
            if word not in seen_mixed and len(tally.mixed_words) < MAX_MIXED_WORDS:
                seen_mixed.add(word)
                tally.mixed_words.append(word)
        tally.words_2026 += marks_2026
        tally.words_1995 += marks_1995
        tally.words_1995_strong += strong_1995
        if marks_2026 and not marks_1995:
            tally.latin_2026 += latin
        elif marks_1995 and not marks_2026:
            tally.latin_1995 += latin
        else:
            tally.latin_neutral += latin
    return tally


def _marks_1995(word: str, marks: _LatinMarks) -> tuple[bool, bool]:
    """(strong, any) 1995 markers in ``word``.

    oʻ/gʻ written with any apostrophe but ʼ is strong: it never occurs in 2026 text.  sh/ch
    and oʼ/gʼ with the tutuq sign are weak: foreign names have sh/ch, and 2026 text keeps
    the tutuq, which may follow an o (or stand for a mistyped ʻ).
    """
    strong = weak = False
    for mark in marks.mark_1995.finditer(word):
        sign = mark.group()[-1]
        if sign not in marks.apostrophes:
            weak = True
        elif _is_okina(word, mark.end(), marks.turned_at_end):
            if sign == marks.tutuq:
                weak = True
            else:
                strong = True
    return strong, strong or weak


def _is_okina(word: str, end: int, turned_at_end: str) -> bool:
    """Whether the apostrophe ending at ``end`` is the ʻ of oʻ/gʻ: a letter follows, or the
    word ends after a letter whose turned comma may end a word (g)."""
    if end < len(word):
        return word[end].isalpha()
    return word[end - 2] in turned_at_end


def _latin_2026_ratio(tally: _Tally) -> float:
    """Which part of the unmarked Latin letters to count as 2026 Latin."""
    marked = tally.words_1995 + tally.words_2026
    return tally.words_2026 / marked if marked else 0.0


def _dominant(tally: _Tally) -> str:
    """The script with the most letters; the Latin alphabet with the most marked words."""
    if tally.letters == 0:
        return "unknown"
    if tally.cyrillic >= tally.latin and tally.cyrillic >= tally.other:
        return "cyrillic"
    if tally.latin >= tally.other:
        return "latin2026" if tally.words_2026 > tally.words_1995 else "latin"
    return "unknown"


def _mixes_latin(tally: _Tally) -> bool:
    """Whether both Latin alphabets occur beyond what stray foreign words explain.

    ö ğ ş ç and oʻ gʻ never occur in the other alphabet, so any of them in a text of the
    other kind counts.  A sh/ch word inside 2026 text can be a foreign name (Partnership),
    so weak 1995 markers count only when they are more than a few per cent of marked words.
    """
    if not tally.words_1995 or not tally.words_2026:
        return False
    if tally.words_1995_strong or tally.words_1995 >= tally.words_2026:
        return True
    return tally.words_1995 / (tally.words_1995 + tally.words_2026) >= _MIXED_MINORITY_SHARE


def guess_script(text: str) -> str:
    """The dominant script of ``text``: "cyrillic", "latin", "latin2026" or "unknown".

    Only the first 64 KB are read, so this is cheap on any input; for texts up to that size
    it agrees with ``detect(text).script``.
    """
    return _dominant(_tally(text[:SAMPLE_CHARS]))


class Detection(Record):
    """What :func:`detect` found in a text; ``to_json`` gives the ``yozuv detect --json`` form.

    An immutable record, a named tuple as explained in the module docstring.
    """

    shares: dict[str, float]
    script: str
    mixed_words: list[str]
    mixed_latin: bool
    suggested_to: str
    warnings: list[str]
    letters: int = 0
    mixed_word_count: int = 0
    confidence: float = 0.0

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (shares rounded to 4 places so output is stable)."""
        return {
            "script": self.script,
            "confidence": round(self.confidence, 4),
            "suggested_to": self.suggested_to,
            "letters": self.letters,
            "shares": {name: round(share, 4) for name, share in self.shares.items()},
            "mixed_latin": self.mixed_latin,
            "mixed_word_count": self.mixed_word_count,
            "mixed_words": list(self.mixed_words),
            "warnings": list(self.warnings),
        }


def _shares(tally: _Tally) -> dict[str, float]:
    if tally.letters == 0:
        return dict.fromkeys(SCRIPTS, 0.0)
    ratio = _latin_2026_ratio(tally)
    latin_2026 = tally.latin_2026 + tally.latin_neutral * ratio
    latin_1995 = tally.latin_1995 + tally.latin_neutral * (1.0 - ratio)
    total = float(tally.letters)
    return {
        "cyrillic": tally.cyrillic / total,
        "latin": latin_1995 / total,
        "latin2026": latin_2026 / total,
        "other": tally.other / total,
    }


def _confidence(tally: _Tally, script: str, shares: dict[str, float]) -> float:
    """How sure the verdict is: the script's share, discounted when Latin markers are thin."""
    if script == "unknown":
        return 0.0
    if script == "cyrillic":
        return shares["cyrillic"]
    latin_share = shares["latin"] + shares["latin2026"]
    marked = tally.words_1995 + tally.words_2026
    if not marked:
        return latin_share * 0.5
    winner = tally.words_2026 if script == "latin2026" else tally.words_1995
    return latin_share * winner / marked


def _sample(found: list[str]) -> str:
    return " ".join(dict.fromkeys(found))


def _redecoded(fragment: str, codec: str) -> str | None:
    """``fragment`` read back as UTF-8 bytes through ``codec``, if that works."""
    try:
        return fragment.encode(codec).decode("utf-8")
    except UnicodeError:
        return None


class Repair(Record):
    """Text that is UTF-8 read in another code page, and what it reads as repaired."""

    codec: str
    text: str


def repair_mojibake(text: str) -> Repair | None:
    """``text`` read back as the UTF-8 it was, if it is UTF-8 shown through one of
    :data:`MOJIBAKE_CODECS` (``Ð¡Ð°Ð»Ð¾Ð¼`` is ``Салом`` read as cp1252), else None.

    The whole text must go back: a file that mixes good text and mojibake is only warned
    about. The repaired text must hold letters and differ from the input.
    """
    if text.isascii():
        return None
    for codec in MOJIBAKE_CODECS:
        try:
            repaired = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if repaired != text and any(ch.isalpha() and not ch.isascii() for ch in repaired):
            return Repair(codec, repaired)
    return None


def _mojibake_warnings(text: str) -> list[str]:
    warnings = []
    cyrillic_runs = re.findall(_mojibake_cp1251(), text)
    if cyrillic_runs:
        fixed = _redecoded(cyrillic_runs[0], "cp1251")
        hint = f" ({cyrillic_runs[0]!r} reads as {fixed!r})" if fixed else ""
        warnings.append(
            f"mojibake: {len(cyrillic_runs)} runs of UTF-8 read as cp1251{hint}; "
            "re-read the file as UTF-8"
        )
    if re.search(_MOJIBAKE_LATIN_CP1251, text):
        warnings.append(
            "mojibake: ʻ/ʼ appear as К» / Кј (UTF-8 read as cp1251); re-read the file as UTF-8"
        )
    latin_runs = re.findall(_MOJIBAKE_CP1252, text)
    if latin_runs:
        warnings.append(
            f"mojibake: {len(latin_runs)} pairs such as {latin_runs[0]!r} "
            "(UTF-8 read as cp1252/latin-1); re-read the file as UTF-8"
        )
    return warnings


def _warnings(text: str, tally: _Tally, script: str) -> list[str]:
    """Human-readable findings that a conversion would not fix by itself."""
    warnings = []
    font_hacks = re.findall(_FONT_HACK, text)
    if font_hacks and tally.cyrillic:
        warnings.append(
            f"legacy font letters: {len(font_hacks)} of {_sample(font_hacks)} in Cyrillic text; "
            "an old cp1251 font may have put ў қ ғ ҳ in Serbian/Macedonian slots"
        )
    warnings.extend(_mojibake_warnings(text))
    if tally.cyrillic >= _LONG_CYRILLIC_PASSAGE and not re.search(_UZBEK_CYRILLIC, text):
        warnings.append(
            f"no ў қ ғ ҳ in {tally.cyrillic} Cyrillic letters: Russian text, or Uzbek typed "
            "with у к г х instead (that loss cannot be repaired by rule)"
        )
    turkish = re.findall(_TURKISH_I, text)
    if turkish:
        warnings.append(
            f"Turkish dotted/dotless i: {len(turkish)} of {_sample(turkish)}; "
            "Uzbek has only I/i, they are read as such (X01.turkish-i)"
        )
    romanian = re.findall(_ROMANIAN, text)
    if romanian:
        warnings.append(
            f"Romanian comma-below or t-cedilla letters: {len(romanian)} of {_sample(romanian)}; "
            "ș is read as ş"
        )
    drafts = re.findall(_EARLIER_DRAFT, text)
    if drafts:
        warnings.append(
            f"letters of earlier draft alphabets (2021 ō ḡ, 1993 ñ, 2019 ó ǵ): {len(drafts)} "
            f"of {_sample(drafts)}"
        )
    if tally.mixed_word_count:
        warnings.append(
            f"{tally.mixed_word_count} words mix Cyrillic and Latin letters (look-alike "
            f"letters?), e.g. {tally.mixed_words[0]}"
        )
    if _mixes_latin(tally):
        warnings.append(
            f"mixed Latin: {tally.words_1995} words in 1995 Latin (oʻ gʻ sh ch) and "
            f"{tally.words_2026} in 2026 Latin (ö ğ ş ç)"
        )
    marked = tally.words_1995 + tally.words_2026
    if script == "latin" and not marked and tally.latin >= _LONG_LATIN_PASSAGE:
        warnings.append(
            f"no oʻ gʻ sh ch ö ğ ş ç in {tally.latin} Latin letters: the text may not be Uzbek"
        )
    return warnings


def detect(text: str) -> Detection:
    """Script shares, dominant script, suspicious words and warnings for the whole ``text``.

    Text that is wholly UTF-8 misread in another code page (mojibake) is judged by what it
    reads as once repaired, with a warning that says how to repair the file.
    """
    repair = repair_mojibake(text)
    tally = _tally(repair.text if repair is not None else text)
    script = _dominant(tally)
    shares = _shares(tally)
    # The other findings are about the text as it reads (repaired, when it is mojibake).
    warnings = _warnings(repair.text if repair is not None else text, tally, script)
    if repair is not None:
        sample = next((w for w in text.split() if not w.isascii()), text)[:24]
        warnings.insert(
            0,
            f"mojibake: the whole text is UTF-8 read as {repair.codec} ({sample!r} reads as"
            f" {_redecoded(sample, repair.codec)!r}); repair the file first:"
            f" iconv -f UTF-8 -t {repair.codec.upper()} FILE > FIXED",
        )
    return Detection(
        shares=shares,
        script=script,
        mixed_words=tally.mixed_words,
        mixed_latin=_mixes_latin(tally),
        suggested_to="latin" if script in ("cyrillic", "unknown") else "cyrillic",
        warnings=warnings,
        letters=tally.letters,
        mixed_word_count=tally.mixed_word_count,
        confidence=_confidence(tally, script, shares),
    )
