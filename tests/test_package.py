"""Packaging: the wheel carries the mapping files; an installed (non-editable) copy finds them;
the shipped files pass every check, including those the start-up leaves out."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("yozuv-*.whl")
    return found


def test_wheel_contains_every_mapping_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"yozuv/mappings/{p.relative_to(ROOT / 'mappings').as_posix()}"
        for p in (ROOT / "mappings").rglob("*")
        if p.is_file()
    }
    assert expected, "no mapping files found in the repo"
    assert expected <= names, sorted(expected - names)
    assert "yozuv/py.typed" in names


def test_installed_wheel_finds_its_mappings(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import yozuv, yozuv.names as s;"
        "print(s.mappings_dir());"
        "print(yozuv.transliterate('Ўзбекистон сентябрда', to='latin', source='cyrillic'))"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    where, converted = result.stdout.splitlines()
    assert where.startswith(str(target)), where
    assert converted == "Oʻzbekiston sentabrda"


BUILTIN_FILES = sorted((ROOT / "mappings").glob("*.toml"))


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=[p.name for p in BUILTIN_FILES])
def test_every_shipped_mapping_file_passes_every_check(path: Path) -> None:
    """The start-up skips compiling the built-in files' patterns; here they are compiled.

    A built-in file is loaded as a user's file is, with every check (each context, hint and
    protect pattern compiled as a regex), and it must give the scheme the registry builds.
    """
    from yozuv.registry import builtin_schemes
    from yozuv.scheme import parse_scheme

    checked = parse_scheme(path, builtin={})
    assert checked == builtin_schemes()[checked.id]


def test_a_broken_pattern_is_still_caught_in_a_users_file(tmp_path: Path) -> None:
    """Only the built-in files skip compiling; a user's scheme gets the full check."""
    from yozuv.errors import SchemeError
    from yozuv.registry import load_scheme

    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[meta]\nextends = "cyrillic-latin"\n\n'
        '[[rules]]\nid = "U1"\nmatch = "ц"\noutput = "ts"\nprev = "[a-"\nnote = "broken"\n',
        encoding="utf-8",
    )
    with pytest.raises(SchemeError, match=r"bad\.toml: rules\[0\]\.prev: invalid pattern"):
        load_scheme(bad)


# --------------------------------------------------------------------------- the table cache


@pytest.fixture
def table_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache of parsed shipped tables, moved to a temporary folder and writable."""
    from yozuv import scheme

    where = tmp_path / "cache" / "table.marshal"
    monkeypatch.setattr(scheme, "_cache_file", lambda label: where)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return where


def test_a_shipped_table_is_parsed_once_then_read_from_the_cache(
    table_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomllib

    from yozuv.scheme import _read_toml

    path = ROOT / "mappings" / "cyrillic-latin.toml"
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    assert _read_toml(path, path.name, shipped=True) == parsed
    assert table_cache.is_file()
    monkeypatch.setitem(sys.modules, "tomllib", None)  # any parse would fail now
    assert _read_toml(path, path.name, shipped=True) == parsed
    with pytest.raises(ImportError):
        _read_toml(path, path.name)  # a user's file is never read from the cache


def test_an_edited_table_is_never_read_stale(table_cache: Path, tmp_path: Path) -> None:
    from yozuv.scheme import _read_toml

    path = tmp_path / "cyrillic-latin.toml"
    original = (ROOT / "mappings" / "cyrillic-latin.toml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    assert "edited" not in str(_read_toml(path, path.name, shipped=True)["meta"])
    path.write_text(original.replace("[meta]\n", '[meta]\nwarning = "edited"\n'), "utf-8")
    assert _read_toml(path, path.name, shipped=True)["meta"]["warning"] == "edited"


def test_a_damaged_or_unwritable_cache_is_no_error(
    table_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yozuv import scheme

    path = ROOT / "mappings" / "latin-cyrillic.toml"
    expected = scheme._read_toml(path, path.name)
    table_cache.parent.mkdir()
    table_cache.write_bytes(b"\x00 not a cache")
    assert scheme._read_toml(path, path.name, shipped=True) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(scheme, "_cache_file", lambda label: blocked / "table.marshal")
    assert scheme._read_toml(path, path.name, shipped=True) == expected


def test_the_cache_follows_the_bytecode_settings(
    table_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not written under PYTHONDONTWRITEBYTECODE; not used at all with PYTHONPYCACHEPREFIX."""
    from yozuv import scheme

    path = ROOT / "mappings" / "latin-latin2026.toml"
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    scheme._read_toml(path, path.name, shipped=True)
    assert not table_cache.exists()
    monkeypatch.undo()  # the real _cache_file again
    monkeypatch.setattr(sys, "pycache_prefix", "/nowhere")
    assert scheme._cache_file("latin-latin2026.toml") is None
    monkeypatch.setattr(sys, "pycache_prefix", None)
    where = scheme._cache_file("latin-latin2026.toml")
    assert where is not None and Path(where).parent.name == "__pycache__"
