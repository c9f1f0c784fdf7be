"""The ``yozuv`` command line: everything between argv and the library.

The library (``yozuv.api``, the engine, ``yozuv.documents``, ``yozuv.formats``,
``yozuv.textio``) knows nothing of this package; this package only calls it. Split by job:

* :mod:`~yozuv.cli.entry`: the console script's ``main``, the quick filter (no click), the
  endings every run shares;
* :mod:`~yozuv.cli.app`: the click group and the ``convert`` command;
* :mod:`~yozuv.cli.options` and :mod:`~yozuv.cli.settings`: the shared options, checked into
  :class:`~yozuv.documents.ConvertSettings` (settings without click, for the quick filter);
* :mod:`~yozuv.cli.inspect_commands`: preview, detect, explain, schemes, validate;
* :mod:`~yozuv.cli.inputs`: FILE/DIR arguments and folder walks;
* :mod:`~yozuv.cli.delivery`: one input read, converted and delivered; the worker pool;
* :mod:`~yozuv.cli.run`: a whole ``convert`` run in the main process, rendered;
* :mod:`~yozuv.cli.diff`, :mod:`~yozuv.cli.preview`: the diff and preview views;
* :mod:`~yozuv.cli.report`, :mod:`~yozuv.cli.terminal`: messages, exit statuses, the terminal.

Importing this package costs no click: ``main`` comes from :mod:`~yozuv.cli.entry`, and the
click application's names (``from yozuv.cli import cli``) are imported when first asked for.
"""

from __future__ import annotations

from typing import Any

from yozuv.cli.entry import main

__all__ = ["main"]

# The click application's names, importable from here (``from yozuv.cli import cli``).
_APP_NAMES = frozenset({"cli", "convert_command", "DefaultCommandGroup", "LAZY_COMMANDS"})


def __getattr__(name: str) -> Any:
    """The click application's names, imported (with click) only when asked for."""
    if name not in _APP_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from yozuv.cli import app

    value = getattr(app, name)
    globals()[name] = value
    return value
