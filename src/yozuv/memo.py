"""A bounded memo for the engine: two generations, filled a batch at a time.

Why two generations: real text is Zipfian, so a few thousand words make up most of it and a
long tail of rare words is seen once. A memo that is cleared when full forgets the frequent
words together with the rare ones, and the next pass converts them all again. Here new entries
go to the young generation; when it is full it becomes the old one and the previous old one is
dropped. An entry found in the old generation is copied back into the young one, so a word
that keeps occurring survives every turnover, while memory stays bounded by two generations.

Why batches: the engine's misses are converted together (one regex pass over all of them is
far cheaper than one call per word), so the memo hands over all missing keys at once and
the hot path stays in C (``set.difference`` against a plain dict, ``map(dict.__getitem__)``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

DEFAULT_LIMIT = 100_000


class Memo:
    """Maps keys to computed values; ``compute_many`` is called with the keys not yet held."""

    __slots__ = ("_compute_many", "_old", "_young", "limit")

    def __init__(
        self,
        compute_many: Callable[[Collection[str]], Mapping[str, str]],
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        self._compute_many = compute_many
        self.limit = limit
        self._young: dict[str, str] = {}
        self._old: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._young) + len(self._old)

    def __contains__(self, key: object) -> bool:
        return key in self._young or key in self._old

    def fill(self, keys: Iterable[str]) -> dict[str, str]:
        """Make sure every key is held; return the dict that holds them all (the young one)."""
        young = self._young
        missing = set(keys).difference(young)
        if not missing:
            return young
        if len(young) + len(missing) > self.limit and young:
            # Turn over: the young generation becomes the old one. Every key of this call
            # must be in the new young generation, so the whole call is missing now.
            self._old = young
            young = self._young = {}
            missing = set(keys)
        old = self._old
        if old:
            kept = {key: old[key] for key in missing if key in old}
            if kept:
                young.update(kept)
                missing.difference_update(kept)
        if missing:
            young.update(self._compute_many(missing))
        return young

    def values(self, keys: list[str]) -> list[str]:
        """The values for ``keys``, in order; a long list is taken in blocks, so that no
        generation grows past the limit however long the text."""
        try:  # the usual case on running text: everything is held already
            return list(map(self._young.__getitem__, keys))
        except KeyError:
            pass
        block = max(1, self.limit // 2)
        if len(keys) <= block:
            return list(map(self.fill(keys).__getitem__, keys))
        out: list[str] = []
        for start in range(0, len(keys), block):
            part = keys[start : start + block]
            out += map(self.fill(part).__getitem__, part)
        return out
