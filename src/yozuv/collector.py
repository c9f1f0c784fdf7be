"""Python's cycle collector, paused around work that makes many objects and no cycles.

Why a module of its own: both the engine (a large conversion) and the formats (a parse of a
whole document) pause it, and the engine sits below the formats.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with Python's cycle collector paused (and resumed after it, unless it
    was paused already).

    Work that makes objects faster than it lets them go (the Markdown format's hundred thousand
    parts of a 3 MB file, the memo entries and token lists of a first pass over 10 MB)
    has every full collection on the way walk all of them again: a third of the Markdown
    format's own time, a fifth of a warm Latin -> Cyrillic pass. Nothing the engine or the
    formats make per text is freed only by the collector (no reference cycles; tests hold
    both to that), so pausing it frees the same memory at the same moments; whatever cycles
    other code makes meanwhile are collected after the block.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
