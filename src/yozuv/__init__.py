"""yozuv: Uzbek text between Cyrillic, Latin (1995) and Latin (2026), driven by rule tables.

>>> import yozuv
>>> yozuv.transliterate("Ўзбекистон", to="latin")
'Oʻzbekiston'

The public API lives here; everything else is an implementation detail.

The names are imported on first use (PEP 562), not when the package is: ``yozuv.cli`` is
imported through this package, and ``yozuv --help``, ``yozuv --version`` or a misspelt
option should not pay for the engine, the scheme loader and the TOML parser. ``detect`` is
the exception, see below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yozuv._version import __version__

# Eager: importing the submodule yozuv.detect sets the package attribute ``detect`` to the
# module, so the function must be bound here, after it. The module is cheap (re and
# unicodedata), and the filter needs it anyway to tell the source script.
from yozuv.detect import Detection, detect

if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ provides them
    from yozuv.api import (
        Converter,
        SchemeInfo,
        explain,
        get_converter,
        resolve_source,
        schemes,
        transliterate,
    )
    from yozuv.engine import Decision, Explained
    from yozuv.errors import YozuvError
    from yozuv.registry import load_scheme
    from yozuv.samples import SampleResult, run_samples, validate_scheme
    from yozuv.scheme import Scheme

# Public name -> the submodule that defines it.
_LAZY: dict[str, str] = {
    "Converter": "yozuv.api",
    "SampleResult": "yozuv.samples",
    "SchemeInfo": "yozuv.api",
    "explain": "yozuv.api",
    "get_converter": "yozuv.api",
    "resolve_source": "yozuv.api",
    "run_samples": "yozuv.samples",
    "schemes": "yozuv.api",
    "transliterate": "yozuv.api",
    "validate_scheme": "yozuv.samples",
    "Decision": "yozuv.engine",
    "Explained": "yozuv.engine",
    "YozuvError": "yozuv.errors",
    "Scheme": "yozuv.scheme",
    "load_scheme": "yozuv.registry",
}

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


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first asked for, then keep the name.

    Anything else raises AttributeError, which is also how ``from yozuv import casing``
    knows to import the submodule.
    """
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # __import__ with a fromlist returns the submodule itself; importlib is not loaded yet
    # when the console script starts, and need not be for this.
    value = getattr(__import__(module, fromlist=(name,)), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    """The public names too, before their modules are imported (for ``dir()`` and completion)."""
    return sorted(set(globals()) | set(__all__))
