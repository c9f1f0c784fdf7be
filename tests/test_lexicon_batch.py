"""Lexicon words on the batch path: the entry's stem output and the rest by the batch pieces.

``FastWords._convert_after_stems`` takes the lexicon words that nothing else holds back (in
small letters or capitalised). Every stem of every built-in and example scheme's lexicon is
converted here, bare and with endings, in three casings, by the batch and by the exact path
(``WordConverter.convert``, the reference), and the two must agree word for word.
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine_paths import BUILT_IN, CASES, CYRILLIC_UNITS, LATIN_UNITS, Case

from yozuv.engine import Engine
from yozuv.lexicon import LexiconMatch

# Endings of both scripts, including ones that a context rule reads across the stem's end
# (a soft sign, an iotated vowel, ц/ts after the stem).
CYRILLIC_ENDINGS = ["", "лар", "ларнинг", "га", "и", "ни", "ься", "ция", "ецлар", "е", "ё", "ъя"]
LATIN_ENDINGS = ["", "lar", "larning", "ga", "i", "ni", "ya", "ye", "yo", "ts", "tsiya", "sh"]
LATIN_ENDINGS += ["ʼa", "'e"]


def lexicon_words(engine: Engine, *, mixed: bool = True) -> list[str]:
    """Every lexicon stem with endings of its own script (and, if ``mixed``, of the other)."""
    lexicon = engine.words.lexicon
    if lexicon is None:
        return []
    keys, _prefixes = lexicon.candidate_keys()
    forms: list[str] = []
    for stem in sorted(keys):
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in stem)
        own, other = (
            (CYRILLIC_ENDINGS, LATIN_ENDINGS) if cyrillic else (LATIN_ENDINGS, CYRILLIC_ENDINGS)
        )
        forms += [stem + ending for ending in (own + other if mixed else own)]
    return forms + [w.capitalize() for w in forms] + [w.upper() for w in forms[::7]]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_lexicon_words_convert_on_the_batch_path_as_on_the_exact_path(case: Case) -> None:
    checked = 0
    for engine in case.converter().engines:
        words = lexicon_words(engine)
        if not words:
            continue
        batch = engine.fast.convert_many(words)
        exact = {word: engine.words.convert(word)[0] for word in words}
        wrong = {w: (batch[w], exact[w]) for w in words if batch[w] != exact[w]}
        assert not wrong, list(wrong.items())[:10]
        checked += len(words)
    assert checked > 0 or "cyrillic" not in (case.source, case.target)


def test_the_batch_path_takes_lexicon_words_itself() -> None:
    """The lexicon words do not all go the exact way (else the test above proves little)."""
    engine = CASES[1].converter().engines[0]  # Latin -> Cyrillic: the larger lexicon
    words = lexicon_words(engine, mixed=False)[:3000]
    exact = engine.fast.exact
    calls: list[str] = []
    original = exact.convert

    def spy(word: str) -> tuple[str, list[object]]:
        calls.append(word)
        return original(word)  # type: ignore[return-value]

    with mock.patch.object(exact, "convert", spy):
        engine.fast.convert_many(words)
    assert len(calls) < len(words) // 4


ENGINES = {c.id: c.converter().engines[0] for c in BUILT_IN if "cyrillic" in (c.source, c.target)}
UNITS = {"cyrillic": CYRILLIC_UNITS, "latin": LATIN_UNITS, "latin2026": LATIN_UNITS}


@settings(derandomize=True, max_examples=300, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(ENGINES)), capitalised=st.booleans())
def test_the_rest_of_a_word_after_any_stem_is_converted_as_the_exact_path_does(
    data: st.DataObject, name: str, capitalised: bool
) -> None:
    """Any word, any stem length: the contexts of the rest may look back into the stem (an
    е after a consonant-final stem is e, not the ye of a word start), so the batch must
    match the rest with the whole word in view. The lexicon is replaced by one that knows
    every word's first ``stem`` letters."""
    engine = ENGINES[name]
    units = UNITS[engine.words.scheme.source]
    word = "".join(data.draw(st.lists(st.sampled_from(units), min_size=1, max_size=8)))
    stem = data.draw(st.integers(1, len(word)))
    hit = LexiconMatch(stem, "Ö" if stem % 2 else "ö", "T", "test")
    if capitalised:
        word = word.capitalize()
    with mock.patch.object(engine.words, "lookup", lambda lower: hit):
        expected = engine.words.convert(word)[0]
    normal = engine.words.normalise(word)  # what the batch is given: NFC, apostrophes folded
    if engine.fast.cased_lines.search(normal) or engine.words.kept_whole(normal) is not None:
        return  # not a word the batch takes: the exact path alone converts it
    got = engine.fast._convert_after_stems([normal.lower()], [hit], [not capitalised])
    assert got == [expected], (word, stem)
