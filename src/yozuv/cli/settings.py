"""The conversion options as typed, checked once into :class:`~yozuv.documents.ConvertSettings`.

Why apart from click: both front ends use it, the click commands and the quick filter of
:mod:`yozuv.cli.entry`, which must not import click. A bad value raises
:class:`~yozuv.errors.UsageError` naming the option; the checks that need an import
(``--protect``'s regexes, ``--format``) import it only when the option is given.
"""

from __future__ import annotations

import os

from yozuv.documents import ConvertSettings
from yozuv.errors import UsageError, YozuvError
from yozuv.records import Record


class ConversionChoices(Record):
    """The conversion options as typed, before :func:`settings_from_choices` validates them.

    The click commands fill it from their options; the quick filter of :mod:`yozuv.cli`
    fills it from the few arguments it recognises. Both then go through the same checks.
    The defaults are the options' defaults.
    """

    to: str | None = None
    source: str = "auto"
    apostrophe: str = "unicode"
    protect: tuple[str, ...] = ()
    scheme: str | None = None
    encoding: str = "utf-8"
    abbreviations: str | None = None
    soft_sign: str | None = None
    russian: str = "keep"


def settings_from_choices(
    conversion: ConversionChoices,
    *,
    output_encoding: str | None = None,
    format: str = "auto",
    columns: str | None = None,
) -> ConvertSettings:
    """Validate the conversion options early, so a typo fails once and not per file.

    Without click: a bad value raises :class:`~yozuv.errors.UsageError` naming the option,
    which the click commands show as a usage error; a missing ``--scheme`` file is trouble
    (a plain :class:`~yozuv.errors.YozuvError`), not a usage error. The checks that need
    an import (``--protect``'s regexes, ``--format``) import it only when the option is
    given, so the plain filter pays for none of them.
    """
    if conversion.protect:
        from yozuv.regex_facts import user_pattern_problem

        for pattern in conversion.protect:
            problem = user_pattern_problem(pattern)
            if problem is not None:
                reason, hint = problem
                raise UsageError(f"--protect {pattern!r}: {reason}", hint=hint)
    encoding = conversion.encoding
    for codec, option in ((encoding, "--encoding"), (output_encoding, "--output-encoding")):
        if codec is None or (option == "--encoding" and codec.lower() == "auto"):
            continue
        check_codec(codec, option)
    if columns and format.lower() not in ("auto", "csv", "tsv"):
        raise UsageError("--columns works on CSV/TSV files only")
    scheme = conversion.scheme
    if scheme is not None:
        _check_scheme(scheme)
    if format.lower() not in ("auto", "text"):
        from yozuv.formats import format_for

        try:
            format_for(None, format)
        except YozuvError as exc:
            raise UsageError(f"--format: {exc}") from None
    to, source = conversion.to, conversion.source
    return ConvertSettings(
        to=canonical_script(to, "--to") if to is not None else None,
        source="auto" if source.lower() == "auto" else canonical_script(source, "--from"),
        apostrophe=conversion.apostrophe,
        protect=tuple(conversion.protect),
        scheme=scheme,
        encoding=encoding,
        abbreviations=conversion.abbreviations,
        soft_sign=conversion.soft_sign,
        russian=conversion.russian,
        output_encoding=output_encoding,
        format=format,
        columns=tuple(c.strip() for c in columns.split(",") if c.strip()) if columns else (),
    )


def _check_scheme(path: str) -> None:
    """A ``--scheme`` file that is missing or invalid fails here, once, named once.

    Loaded lazily by the first conversion, a broken file failed once per input, each time
    under the input's name (``xabar.txt: bad.toml: invalid TOML``). The load is memoised
    (:func:`~yozuv.documents.scheme_direction`), so the conversions reuse it when they
    take their direction from the file.
    """
    if not os.path.isfile(path):
        raise YozuvError("no such mapping file", path=path)
    from yozuv.documents import scheme_direction

    scheme_direction(path)


def check_codec(codec: str, option: str) -> None:
    """An encoding name Python does not know is a usage error naming the option."""
    import codecs

    try:
        codecs.lookup(codec)
    except LookupError:
        raise UsageError(f"{option}: unknown encoding {codec!r}") from None


def canonical_script(name: str, option: str) -> str:
    """A script name or alias as the library spells it; an unknown one is a usage error."""
    from yozuv.names import normalise_script

    try:
        return normalise_script(name)
    except YozuvError as exc:
        raise UsageError(f"{option}: {exc}") from None
