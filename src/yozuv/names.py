"""Script names and where the built-in mapping files live.

Why a module of its own: the scheme parser and the registry of built-in schemes both need
them, and neither may import the other (the registry loads schemes; a scheme that extends a
built-in one is resolved by the registry). So the names sit below both.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, TypeGuard

from yozuv.errors import SchemeError, UnknownSchemeError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from typing import TypeAlias

    # Where data is read from: a file system path, or a packaged resource.
    DataPath: TypeAlias = str | os.PathLike[str] | Traversable

SCRIPTS = ("cyrillic", "latin", "latin2026")
SCRIPT_ALIASES: dict[str, str] = {
    "cyrillic": "cyrillic",
    "cyrl": "cyrillic",
    "cyr": "cyrillic",
    "uz-cyrl": "cyrillic",
    "kirill": "cyrillic",
    "latin": "latin",
    "latn": "latin",
    "lat": "latin",
    "uz-latn": "latin",
    "latin1995": "latin",
    "latin-1995": "latin",
    "lotin": "latin",
    "latin2026": "latin2026",
    "latin-2026": "latin2026",
    "latn2026": "latin2026",
    "new": "latin2026",
}


def normalise_script(name: str) -> str:
    """Map a user's script name (``uz-Cyrl``, ``latn``, ``latin-2026`` ...) to its canonical id."""
    key = name.strip().lower().replace("_", "-")
    if key in SCRIPT_ALIASES:
        return SCRIPT_ALIASES[key]
    known = ", ".join(SCRIPTS)
    raise UnknownSchemeError(f"unknown script {name!r} (known: {known})")


RUSSIAN_ENDINGS = "russian-endings.txt"  # under mappings/lexicon/: yozuv.russian.endings_of


def russian_endings_path() -> str:
    """The word ends the shipped Russian model rates Russian (``yozuv.russian``): read by
    the lazy passage finder too, which must not import the model to know them."""
    return os.path.join(mappings_dir(), "lexicon", RUSSIAN_ENDINGS)


def read_russian_endings(path: str | os.PathLike[str]) -> list[str]:
    """The endings of a ``russian-endings.txt``, in its order (longest first)."""
    try:
        lines = read_data_text(path).splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"cannot read the Russian endings: {exc}", path=path) from None
    return [line for line in lines if line and not line.startswith("#")]


def russian_endings_pattern(ends: list[str]) -> str:
    """A regex source matching the letter before one of ``ends`` at a word's end: one word
    Russian by its inflection, as both the passage finder and its lazy gate look for it."""
    body = "|".join(map(re.escape, ends)) if ends else "(?!)"
    return f"[а-яё](?:{body})(?![^\\W\\d_])"


def mappings_dir() -> str:
    """Where the built-in mapping files live: inside the wheel, or the repo's ``mappings/``.

    A plain string, as every built-in path is: ``pathlib`` (with the ``urllib.parse`` and
    ``ipaddress`` it imports) cost some 3.5 ms of a 33 ms start-up, and ``os.path`` does the
    job. The readers below take a ``Path`` from a caller as well.
    """
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "mappings")
    if os.path.isdir(packaged):
        return packaged
    repo = os.path.join(os.path.dirname(os.path.dirname(here)), "mappings")
    if os.path.isdir(repo):
        return repo
    raise SchemeError("the built-in mappings folder is missing from this installation")


def is_file_path(path: object) -> TypeGuard[str | os.PathLike[str]]:
    """A path of the file system (``str`` or ``os.PathLike``), not a packaged resource.

    (The readers below test with ``isinstance`` themselves: a TypeGuard narrows only the
    true branch, and they need the other one narrowed to a resource.)"""
    return isinstance(path, str | os.PathLike)


def data_label(path: DataPath) -> str:
    """How messages name a data file: its path as given, or a resource's name."""
    return os.fspath(path) if isinstance(path, str | os.PathLike) else path.name


def data_name(path: DataPath) -> str:
    """The last part of the path (the file's name)."""
    return os.path.basename(path) if isinstance(path, str | os.PathLike) else path.name


def read_data_bytes(path: DataPath) -> bytes:
    if isinstance(path, str | os.PathLike):
        with open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


def read_data_text(path: DataPath) -> str:
    """The file's text, UTF-8, line ends as ``Path.read_text`` gives them (universal)."""
    if isinstance(path, str | os.PathLike):
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    return path.read_text(encoding="utf-8")


def beside(folder: DataPath, name: str) -> DataPath:
    """``name`` in ``folder``."""
    return os.path.join(folder, name) if isinstance(folder, str | os.PathLike) else folder / name


def builtin_paths() -> list[str]:
    """All built-in mapping files, in a stable order.

    Listed with ``os.scandir`` (a quarter of what ``Path.glob`` costs): the script detector
    reads every table's apostrophes at start-up.
    """
    folder = mappings_dir()
    with os.scandir(folder) as entries:
        names = [e.name for e in entries if e.name.endswith(".toml") and e.is_file()]
    return [os.path.join(folder, name) for name in sorted(names)]
