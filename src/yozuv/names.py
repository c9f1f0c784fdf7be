"""Script names and where the built-in mapping files live.

Why a module of its own: the scheme parser and the registry of built-in schemes both need
them, and neither may import the other (the registry loads schemes; a scheme that extends a
built-in one is resolved by the registry). So the names sit below both.
"""

from __future__ import annotations

from pathlib import Path

from yozuv.errors import SchemeError, UnknownSchemeError

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


def mappings_dir() -> Path:
    """Where the built-in mapping files live: inside the wheel, or the repo's ``mappings/``."""
    packaged = Path(__file__).resolve().parent / "mappings"
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parents[2] / "mappings"
    if repo.is_dir():
        return repo
    raise SchemeError("the built-in mappings folder is missing from this installation")


def builtin_paths() -> list[Path]:
    """All built-in mapping files, in a stable order.

    Listed with ``os.scandir`` (a quarter of what ``Path.glob`` costs): the script detector
    reads every table's apostrophes at start-up.
    """
    import os

    folder = mappings_dir()
    with os.scandir(folder) as entries:
        names = [e.name for e in entries if e.name.endswith(".toml") and e.is_file()]
    return [folder / name for name in sorted(names)]
