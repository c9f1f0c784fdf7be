"""A large conversion runs with Python's cycle collector paused, and leaves it as it was.

Why: a first pass over 10 MB makes objects far faster than it lets them go (chunk and word
memos, token lists), none in reference cycles, and each full collection on the way walks
them all again; the bench measured a tenth of the first pass Cyrillic -> Latin and a fifth
of a warm pass Latin -> Cyrillic spent there.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from unittest import mock

import pytest

import yozuv
from yozuv import engine as engine_module
from yozuv.memo import Memo

LARGE = "Салом дунё, бу катта матн. Salom dunyo.\n" * 4_000  # over PAUSE_COLLECTOR_CHARS


def watch_collector(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record whether the collector is enabled whenever the memos are filled (converters
    are cached, so the class's method is watched, not one converter's)."""
    seen: list[bool] = []
    real: Callable[..., dict[str, str]] = Memo.fill

    def recording(self: Memo, keys: object) -> dict[str, str]:
        seen.append(gc.isenabled())
        return real(self, keys)

    monkeypatch.setattr(Memo, "fill", recording)
    return seen


@pytest.mark.parametrize(("target", "source"), [("latin", "cyrillic"), ("cyrillic", "latin")])
def test_a_large_text_converts_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, target: str, source: str
) -> None:
    assert len(LARGE) > engine_module.PAUSE_COLLECTOR_CHARS
    seen = watch_collector(monkeypatch)
    converter = yozuv.get_converter(target, source=source)
    gc.enable()
    out = converter.convert(LARGE)
    assert seen and not any(seen)
    assert gc.isenabled()
    monkeypatch.undo()
    assert out == "".join(converter.convert(line) for line in LARGE.splitlines(keepends=True))


def test_many_texts_together_count_as_large(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = watch_collector(monkeypatch)
    converter = yozuv.get_converter("latin", source="cyrillic")
    converter.convert_many([f"Янги сўз {n} цирк" for n in range(20_000)])
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_small_text_leaves_the_collector_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    converter = yozuv.get_converter("latin", source="cyrillic")
    with mock.patch.object(gc, "disable") as disable:
        converter.convert("Салом")
    disable.assert_not_called()


def test_a_paused_collector_stays_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    converter = yozuv.get_converter("latin", source="cyrillic")
    gc.disable()
    try:
        converter.convert(LARGE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_inside_restores_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(self: Memo, keys: object) -> dict[str, str]:
        raise RuntimeError("stop")

    monkeypatch.setattr(Memo, "fill", failing)
    converter = yozuv.get_converter("latin", source="cyrillic")
    with pytest.raises(RuntimeError):
        converter.convert(LARGE + "Бир янги сўз: ёмғир\n")
    assert gc.isenabled()


def test_a_conversion_leaves_no_cycles_for_the_collector() -> None:
    """The pause relies on a conversion making no reference cycles: once a converter has
    compiled what it compiles on first use, everything it makes for a text is freed by
    reference counting, whether the collector runs or not."""
    to_latin = yozuv.get_converter("latin", source="cyrillic")
    to_cyrillic = yozuv.get_converter("cyrillic", source="latin")
    to_cyrillic.convert(to_latin.convert(LARGE))
    text = "".join(f"Янги {n} цирк концерт объект, ёмғир {n * 7}.\n" for n in range(3_000))
    gc.collect()
    gc.disable()
    try:
        to_cyrillic.convert(to_latin.convert(text))
        assert gc.collect() == 0
    finally:
        gc.enable()
