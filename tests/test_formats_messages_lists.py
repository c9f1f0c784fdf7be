"""The message helpers of ``_messages`` against their copies in tests/messages_reference_impl/.

The PO and JSON formats gather all their messages at once (``MessageList``); the faster
ways of finding mnemonic markers and cutting the joined messages must find the same words
and send the converter the same texts as before, for any list of messages. Hypothesis
draws lists dense in the syntax that decides (markers leading, inside and after words,
doubled, at the ends of messages; separators; placeholders left open at an end).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st
from messages_reference_impl import _messages as reference_messages

from yozuv.formats import _messages, _text
from yozuv.formats import _text as reference_text

SETTINGS = settings(max_examples=500, deadline=None)

# fmt: off
PIECES = [
    "а", "Ш", "x", "1", "_", "&", "&&", "__", "&_", "_&", "&а", "_а", "Ш&а", "a_b", " ", "\n",
    "\x00", "%s", "{0}", "{n}", "{{x}}", "<b>", "<b ", ">", "{", "}", "&amp;", "#", ":n",
    "{n, plural, one {# &а} other {_б}}", "{g, select, a {&b} other {c}}", "ß", "İ", "😀",
]
# fmt: on
MESSAGE = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
MESSAGES = st.lists(MESSAGE, max_size=10)

# The marker pattern as it was written before (look-behind first).
OLD_ACCELERATOR = re.compile(r"(?<![&_])[&_](?=[^\W\d_])")


def marked(text: str) -> str:
    return "⟨" + text.upper() + "⟩"


CONVERTERS: dict[str, Callable[[str], str]] = {
    "marked": marked,
    "writes the separator": lambda text: text.replace("а", "\x00"),
}


@SETTINGS
@given(MESSAGE)
def test_the_marker_pattern_finds_what_it_found(text: str) -> None:
    assert [m.span() for m in _messages._ACCELERATOR.finditer(text)] == [
        m.span() for m in OLD_ACCELERATOR.finditer(text)
    ]


@SETTINGS
@given(st.lists(MESSAGE.map(lambda text: text.replace("\x00", "")), max_size=12))
@example(["&а", "", "_б", "а&б&в", "", "&"])
def test_words_with_markers_finds_what_it_found(words: list[str]) -> None:
    assert _messages._words_with_markers(words) == reference_messages._words_with_markers(words)


@SETTINGS
@given(MESSAGES, st.booleans(), st.sampled_from(sorted(CONVERTERS)))
@example(["&Файл", "x _а", "Ш&аҳар _", "&&a", "_"], True, "marked")
@example(["а", "&а", "а"], True, "writes the separator")
def test_message_list_gathers_what_it_gathered(
    texts: list[str], accelerators: bool, converter: str
) -> None:
    function = CONVERTERS[converter]

    batch = _text.Batch()
    messages = _messages.MessageList(texts, batch, accelerators=accelerators)
    sent = list(batch.texts)
    batch.run(function)

    reference_batch = reference_text.Batch()
    reference = reference_messages.MessageList(texts, reference_batch, accelerators=accelerators)
    reference_sent = list(reference_batch.texts)
    reference_batch.run(function)

    assert sent == reference_sent
    assert messages.texts(batch) == reference.texts(reference_batch)


@SETTINGS
@given(MESSAGES, st.booleans())
def test_collected_messages_give_what_they_gave(texts: list[str], accelerators: bool) -> None:
    collector = _messages.MessageCollector(accelerators=accelerators)
    numbers = [collector.add(text) for text in texts]
    batch = _text.Batch()
    collector.gather(batch)
    sent = list(batch.texts)
    batch.run(marked)

    reference = reference_messages.MessageCollector(accelerators=accelerators)
    for text in texts:
        reference.add(text)
    reference_batch = reference_text.Batch()
    reference.gather(reference_batch)
    reference_sent = list(reference_batch.texts)
    reference_batch.run(marked)

    assert sent == reference_sent
    outputs = collector.outputs(batch)
    assert [outputs[number] for number in numbers] == reference.outputs(reference_batch)
