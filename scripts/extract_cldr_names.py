"""Extract proper names in Uzbek Cyrillic and Uzbek Latin from CLDR (through ICU).

Why: the names measure (``scripts/names_roundtrip.py``) needs real proper names written by
Uzbek localisers in both scripts, under a licence MIT code may ship data from. CLDR's
``uz_Cyrl`` and ``uz_Latn`` locales name every territory and many languages; ICU carries that
data (Unicode licence, MIT-style; Debian's libicu copyright file says MIT). The two scripts
were written separately, so a pair is a reference spelling, not the output of a
transliterator. None of it is used to build the lexicon: it is held out.

Needs PyICU (``pip install PyICU`` beside Debian's libicu-dev); it is a tool to refresh the
committed file, not a dependency of yozuv. Usage::

    python scripts/extract_cldr_names.py [OUT_DIR]     # default scripts/data/cldr-uz-names
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "scripts" / "data" / "cldr-uz-names"


def load_icu() -> Any:
    """PyICU, imported by name (mypy and CI need no PyICU)."""
    try:
        return importlib.import_module("icu")
    except ImportError:
        raise SystemExit("extract_cldr_names: PyICU is needed (pip install PyICU)") from None


def usable(code: str, cyrillic: str, latin: str) -> bool:
    """ICU falls back to the code or to another locale's name where one has none: a usable
    pair has Cyrillic letters on its Cyrillic side and none on its Latin side."""
    if not cyrillic or not latin or code.lower() in (cyrillic.lower(), latin.lower()):
        return False
    return any("\u0400" <= ch <= "\u04ff" for ch in cyrillic) and not any(
        "\u0400" <= ch <= "\u04ff" for ch in latin
    )


def territory_names(icu: Any, cyrillic: Any, latin: Any) -> list[tuple[str, str, str, str]]:
    rows = []
    for code in icu.Locale.getISOCountries():
        place = icu.Locale("und_" + code)
        pair = place.getDisplayCountry(cyrillic), place.getDisplayCountry(latin)
        if usable(code, *pair):
            rows.append(("territory", code, *pair))
    return rows


def language_names(icu: Any, cyrillic: Any, latin: Any) -> list[tuple[str, str, str, str]]:
    rows = []
    for code in icu.Locale.getISOLanguages():
        language = icu.Locale(code)
        pair = language.getDisplayLanguage(cyrillic), language.getDisplayLanguage(latin)
        if usable(code, *pair):
            rows.append(("language", code, *pair))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    icu = load_icu()
    cyrillic, latin = icu.Locale("uz_Cyrl"), icu.Locale("uz_Latn")
    rows = territory_names(icu, cyrillic, latin) + language_names(icu, cyrillic, latin)
    seen: set[tuple[str, str]] = set()
    lines = ["kind\tcode\tcyrillic\tlatin"]
    for kind, code, cyr, lat in rows:
        if (cyr, lat) in seen:
            continue
        seen.add((cyr, lat))
        lines.append(f"{kind}\t{code}\t{cyr}\t{lat}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.out / "SOURCE.txt").write_text(
        f"source=CLDR locale data as carried by ICU {icu.ICU_VERSION} (uz_Cyrl, uz_Latn)\n"
        f"unicode_cldr={icu.UNICODE_VERSION}\n"
        "what=display names of territories and languages\n"
        "licence=Unicode License (MIT-style; Debian libicu72 copyright: MIT), see LICENSE\n"
        f"rows={len(lines) - 1}\n"
        "made_by=python scripts/extract_cldr_names.py\n",
        encoding="utf-8",
    )
    print(f"wrote {len(lines) - 1} name pairs to {args.out / 'names.tsv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
