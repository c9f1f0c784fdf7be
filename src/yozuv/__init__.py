"""yozuv: Uzbek text between Cyrillic, Latin (1995) and Latin (2026), driven by rule tables.

>>> import yozuv
>>> yozuv.transliterate("Ўзбекистон", to="latin")
'Oʻzbekiston'

The public API lives here; everything else is an implementation detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yozuv._version import __version__
from yozuv.api import (
    Converter,
    SampleResult,
    SchemeInfo,
    explain,
    get_converter,
    resolve_source,
    run_samples,
    schemes,
    transliterate,
    validate_scheme,
)
from yozuv.engine import Decision, Explained
from yozuv.errors import YozuvError
from yozuv.scheme import Scheme, load_scheme

if TYPE_CHECKING:
    from yozuv.detect import Detection

__all__ = [
    "Converter",
    "Decision",
    "Detection",
    "Explained",
    "SampleResult",
    "Scheme",
    "SchemeInfo",
    "YozuvError",
    "__version__",
    "detect",
    "explain",
    "get_converter",
    "load_scheme",
    "resolve_source",
    "run_samples",
    "schemes",
    "transliterate",
    "validate_scheme",
]


def detect(text: str) -> Detection:
    """Which script (and which Latin alphabet) ``text`` is in; see :mod:`yozuv.detect`."""
    from yozuv.detect import detect as _detect

    return _detect(text)


def __getattr__(name: str) -> Any:
    if name == "Detection":
        from yozuv.detect import Detection

        return Detection
    raise AttributeError(name)
