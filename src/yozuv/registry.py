"""The built-in schemes, and the chain of schemes that leads from one script to another.

Why a registry: Cyrillic -> Latin 2026 has no table of its own; it is Cyrillic -> Latin 1995
followed by Latin 1995 -> Latin 2026, so every pair of scripts works as soon as each step
has a table. Loading is lazy and cached, so a one-word conversion pays only for the tables
it uses.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from os import PathLike
from os.path import basename, isfile, join

from yozuv.errors import SchemeError, UnknownSchemeError
from yozuv.names import builtin_paths, mappings_dir, normalise_script
from yozuv.scheme import Scheme, parse_scheme


@cache
def _builtin(path: str) -> Scheme:
    """A built-in mapping file: patterns not compiled, parse cached (see parse_scheme)."""
    return parse_scheme(path, builtin={}, shipped=True)


@cache
def builtin_schemes() -> Mapping[str, Scheme]:
    """Every built-in mapping file, by id (parsed and validated once per process)."""
    schemes: dict[str, Scheme] = {}
    for path in builtin_paths():
        scheme = _builtin(path)
        if scheme.id in schemes:
            raise SchemeError(f"{basename(path)}: meta.id: {scheme.id!r} is used by two files")
        schemes[scheme.id] = scheme
    return schemes


def find_chain(source: str, target: str, overrides: Sequence[Scheme] = ()) -> list[Scheme]:
    """The shortest chain of schemes from ``source`` to ``target`` (both script names).

    ``overrides`` (user schemes) replace the built-in scheme they extend.
    """
    source, target = normalise_script(source), normalise_script(target)
    if source == target:
        return []
    if not overrides:
        # Built-in files are named SOURCE-TARGET.toml: a direct pair loads one file, not all.
        direct = join(mappings_dir(), f"{source}-{target}.toml")
        if isfile(direct):
            scheme = _builtin(direct)
            if (scheme.source, scheme.target) == (source, target):
                return [scheme]
    table = dict(builtin_schemes())
    for user in overrides:
        # A user scheme takes the place of the built-in one for its pair of scripts.
        for key, scheme in list(table.items()):
            if (scheme.source, scheme.target) == (user.source, user.target):
                del table[key]
        table[user.id] = user
    edges: dict[str, list[Scheme]] = {}
    for scheme in table.values():
        edges.setdefault(scheme.source, []).append(scheme)
    queue: deque[tuple[str, list[Scheme]]] = deque([(source, [])])
    seen = {source}
    while queue:
        script, path = queue.popleft()
        for scheme in sorted(edges.get(script, []), key=lambda s: s.id):
            if scheme.target == target:
                return [*path, scheme]
            if scheme.target not in seen:
                seen.add(scheme.target)
                queue.append((scheme.target, [*path, scheme]))
    raise UnknownSchemeError(f"no conversion from {source} to {target}")


def load_scheme(path: str | PathLike[str]) -> Scheme:
    """Read and validate a user's mapping file; ``extends`` names a built-in scheme.

    The built-in schemes are read only when the file extends one of them.
    """
    return parse_scheme(path, builtin=_BuiltinSchemes())


class _BuiltinSchemes(Mapping[str, Scheme]):
    """The built-in schemes by id, read on first access (a file that extends nothing never
    pays for parsing them all)."""

    def __getitem__(self, key: str) -> Scheme:
        return builtin_schemes()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(builtin_schemes())

    def __len__(self) -> int:
        return len(builtin_schemes())
