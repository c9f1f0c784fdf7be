"""yozuv: Uzbek text between Cyrillic, Latin (1995) and Latin (2026), driven by rule tables.

>>> import yozuv
>>> yozuv.transliterate("Ўзбекистон", to="latin")
'Oʻzbekiston'

The public API lives here; everything else is an implementation detail.
"""

from __future__ import annotations

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
from yozuv.detect import Detection, detect  # eager: the submodule must not shadow detect()
from yozuv.engine import Decision, Explained
from yozuv.errors import YozuvError
from yozuv.scheme import Scheme, load_scheme

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
