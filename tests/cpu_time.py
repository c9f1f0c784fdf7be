"""The timing the linear-time tests share: a ratio of CPU times, never a clock's verdict.

Why one helper: the scaling tests compare the cost of an input with that of one 4 or 10
times longer. Wall-clock time counts the other processes of a parallel run, and the
garbage collector's passes grow with the objects alive, which made a 4n/n ratio of a
linear scan read 11.8 in one run under load. So: CPU time of this process, the least of a
few runs, with the collector off while timing (as ``timeit`` does).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def least_cpu_seconds(
    work: Callable[[], object],
    runs: int = 3,
    setup: Callable[[], object] | None = None,
    floor: float = 0.0,
) -> float:
    """The least CPU time of ``runs`` calls of ``work`` (``setup`` runs untimed before
    each), and at least ``floor`` (a timer's resolution guard)."""
    best = float("inf")
    for _ in range(runs):
        if setup is not None:
            setup()
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return max(best, floor)


SCALE_N = 2000
MAX_RATIO = 8  # 4n against n: 4 when linear, 16 when quadratic


def assert_scales_linearly(convert: Callable[[str], object], piece: str, tail: str = "") -> None:
    """``convert`` of ``piece`` repeated 4n times (then ``tail``) costs less than
    :data:`MAX_RATIO` times ``piece`` repeated n times: a construct opened again and again
    must not be read again from each opener."""
    small = least_cpu_seconds(lambda: convert(piece * SCALE_N + tail), floor=1e-3)
    large = least_cpu_seconds(lambda: convert(piece * (4 * SCALE_N) + tail), floor=1e-3)
    assert large / small < MAX_RATIO, (small, large)
