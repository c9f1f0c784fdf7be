"""Which Cyrillic code page a file that is not UTF-8 is in (``--encoding auto``).

Why apart: it is the only part of textio with a heuristic and an optional dependency
(charset-normalizer), imported only when a file is not UTF-8.
"""

from __future__ import annotations

import codecs
import math
from typing import Final

from yozuv.errors import EncodingError

#: The legacy code pages ``--encoding auto`` chooses from (charset-normalizer spelling).
CYRILLIC_CODE_PAGES: Final = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")
INSTALL_HINT: Final = "pip install 'yozuv[encodings]'"


def guess_codec(data: bytes, name: str) -> str:
    """``utf-8`` when ``data`` is valid UTF-8, else the likeliest Cyrillic code page.

    charset-normalizer proposes the code pages under which the bytes look like text; among
    those, the one whose decoding reads most like Uzbek or Russian wins (see
    :func:`plausibility`). Its own first choice is often wrong on short texts: KOI8-R read as
    cp1251 is all capitals with plausible letters, and Mac Cyrillic differs from cp1251 only
    in a few letters.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        import charset_normalizer  # optional extra, imported only when really needed
    except ImportError:
        raise EncodingError(
            "not UTF-8; detecting a legacy Cyrillic encoding needs charset-normalizer",
            path=name,
            hint=f"{INSTALL_HINT} (or name it, e.g. --encoding cp1251)",
        ) from None
    matches = charset_normalizer.from_bytes(data, cp_isolation=list(CYRILLIC_CODE_PAGES))
    candidates = [codecs.lookup(str(match.encoding)).name for match in matches]
    best: tuple[float, str] | None = None
    for codec in candidates:
        try:
            score = plausibility(data.decode(codec))
        except UnicodeDecodeError:
            continue
        if best is None or score > best[0]:  # ties keep charset-normalizer's order
            best = (score, codec)
    if best is None:
        raise EncodingError(
            f"not UTF-8 and not one of the Cyrillic code pages {', '.join(CYRILLIC_CODE_PAGES)}",
            path=name,
            hint="name the encoding with --encoding",
        )
    return best[1]


# Rough letter frequencies (per mille) of Uzbek and Russian prose taken together. Only their
# order of magnitude matters: a wrong code page turns common letters (а и о н) into rare ones
# (Б Й П Щ) or into symbols, which these numbers make costly.
_LETTER_FREQUENCY: Final = {
    "а": 110, "и": 100, "о": 75, "т": 57, "н": 65, "е": 55, "р": 55, "л": 55, "с": 45,
    "к": 33, "д": 32, "м": 30, "у": 30, "в": 28, "б": 22, "г": 22, "ш": 20, "п": 17, "з": 15,
    "я": 15, "ў": 15, "қ": 15, "ч": 13, "й": 10, "х": 10, "ы": 8, "ь": 8, "ҳ": 8, "ж": 6,
    "ғ": 5, "ю": 4, "ц": 4, "э": 3, "ъ": 3, "ф": 2, "ё": 2, "щ": 1.5,
}  # fmt: skip
_LOG_FREQUENCY: Final = {k: math.log(v / 1000) for k, v in _LETTER_FREQUENCY.items()}
_LOG_ODD_SYMBOL: Final = math.log(1e-4)  # a non-ASCII character that is no letter of ours
_LOG_CASE_BREAK: Final = math.log(1e-2)  # a capital right after a small letter: "коррупцИя"
_PLAUSIBLE_SYMBOLS: Final = frozenset("«»—–…№“”„‘’\u00a0")


def plausibility(text: str) -> float:
    """Mean log-likelihood per letter of ``text`` as Uzbek/Russian Cyrillic (higher: likelier)."""
    total = 0.0
    counted = 0
    after_small_letter = False
    for char in text:
        small = char.lower()
        if small in _LOG_FREQUENCY:
            total += _LOG_FREQUENCY[small]
            counted += 1
            if after_small_letter and char != small:
                total += _LOG_CASE_BREAK
        elif char >= "\x80" and char not in _PLAUSIBLE_SYMBOLS:
            total += _LOG_ODD_SYMBOL
            counted += 1
        after_small_letter = char != char.upper()
    return total / counted if counted else 0.0
