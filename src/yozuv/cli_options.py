"""What the commands share: context settings, the command class, the conversion options.

``convert``, ``preview`` and ``explain`` take the same six options that say how text is
converted; they are declared once here, handed to the command as one
:class:`ConversionChoices`, and validated by one :func:`build_settings` into the
:class:`~yozuv.conversion.ConvertSettings` the rest of the program uses.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import click

from yozuv.conversion import ConvertSettings
from yozuv.errors import YozuvError

APOSTROPHE_CHOICES = ("unicode", "ascii", "typographic")
COLOR_CHOICES = ("auto", "always", "never")

CONTEXT_SETTINGS: dict[str, Any] = {
    "help_option_names": ["-h", "--help"],
    "max_content_width": 100,
}


class QuickCommand(click.Command):
    """A command whose short options are also looked up directly by their full token.

    Click first tries every option token as a long option; for ``-t`` that lookup fails,
    and the failure builds a "did you mean" list with difflib before the short-option path
    succeeds. Registering the exact short tokens as long ones skips that detour, so
    ``yozuv -t latin`` does not import difflib. Parsing is unchanged: ``-t latin`` takes
    its value the same way either path, and bundles (``-qv``) or attached values
    (``-tlatin``) still take click's usual short-option path.
    """

    def make_parser(self, ctx: click.Context) -> Any:
        parser = super().make_parser(ctx)
        with contextlib.suppress(AttributeError, TypeError):
            for token, option in parser._short_opt.items():
                parser._long_opt.setdefault(token, option)
        return parser


class ConversionChoices(NamedTuple):
    """The conversion options as typed, before :func:`build_settings` validates them.

    A named tuple rather than a dataclass: it is defined at every start-up, where a
    named tuple costs a fraction of a dataclass.
    """

    to: str | None
    source: str
    apostrophe: str
    protect: tuple[str, ...]
    scheme: str | None
    encoding: str


_CHOICE_NAMES = ConversionChoices._fields


def conversion_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say how text is converted, shared by convert, preview and explain.

    The command receives them as one ``conversion`` argument (a :class:`ConversionChoices`)
    instead of six, so each command builds its settings with the same call.
    """

    @functools.wraps(function)
    def with_choices(**arguments: Any) -> Any:
        choices = ConversionChoices(**{name: arguments.pop(name) for name in _CHOICE_NAMES})
        return function(conversion=choices, **arguments)

    options = [
        click.option(
            "-t",
            "--to",
            "to",
            metavar="SCRIPT",
            help="Target script: latin, cyrillic or latin2026 (default: the other script"
            " of the one detected).",
        ),
        click.option(
            "-f",
            "--from",
            "source",
            metavar="SCRIPT",
            default="auto",
            show_default=True,
            help="Source script, or auto to detect it per file.",
        ),
        click.option(
            "--apostrophe",
            type=click.Choice(APOSTROPHE_CHOICES),
            default="unicode",
            show_default=True,
            help="How Latin output writes oʻ gʻ and the tutuq: unicode (ʻ and ʼ), ascii (')"
            " or typographic (‘ and ’).",
        ),
        click.option(
            "--protect",
            metavar="REGEX",
            multiple=True,
            help="Copy text matching REGEX unchanged (repeatable).",
        ),
        click.option(
            "--scheme",
            type=click.Path(dir_okay=False),
            metavar="FILE.toml",
            help="A mapping file that extends a built-in scheme.",
        ),
        click.option(
            "--encoding",
            default="utf-8",
            show_default=True,
            metavar="CODEC",
            help="Input encoding, or auto to detect legacy Cyrillic code pages (a BOM always"
            " wins).",
        ),
    ]
    decorated: Callable[..., Any] = with_choices
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


def color_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--color``/``--colour`` auto|always|never, with the help text of the command."""
    return click.option(
        "--color",
        "--colour",
        "color",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help=help_text,
    )


def build_settings(
    conversion: ConversionChoices,
    *,
    output_encoding: str | None = None,
    format: str = "auto",
    columns: str | None = None,
) -> ConvertSettings:
    """Validate the conversion options early, so a typo fails once and not per file."""
    for pattern in conversion.protect:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise click.UsageError(f"--protect {pattern!r}: invalid regex: {exc}") from None
    encoding = conversion.encoding
    for codec, option in ((encoding, "--encoding"), (output_encoding, "--output-encoding")):
        if codec is None or (option == "--encoding" and codec.lower() == "auto"):
            continue
        check_codec(codec, option)
    if columns and format.lower() not in ("auto", "csv", "tsv"):
        raise click.UsageError("--columns works on CSV/TSV files only")
    scheme = conversion.scheme
    if scheme is not None and not Path(scheme).is_file():
        raise YozuvError(f"{scheme}: no such mapping file")
    if format.lower() not in ("auto", "text"):
        from yozuv.formats import format_for

        try:
            format_for(None, format)
        except YozuvError as exc:
            raise click.UsageError(f"--format: {exc}") from None
    to, source = conversion.to, conversion.source
    return ConvertSettings(
        to=canonical_script(to, "--to") if to is not None else None,
        source="auto" if source.lower() == "auto" else canonical_script(source, "--from"),
        apostrophe=conversion.apostrophe,
        protect=tuple(conversion.protect),
        scheme=scheme,
        encoding=encoding,
        output_encoding=output_encoding,
        format=format,
        columns=tuple(c.strip() for c in columns.split(",") if c.strip()) if columns else (),
    )


def check_codec(codec: str, option: str) -> None:
    """An encoding name Python does not know is a usage error naming the option."""
    import codecs

    try:
        codecs.lookup(codec)
    except LookupError:
        raise click.UsageError(f"{option}: unknown encoding {codec!r}") from None


def canonical_script(name: str, option: str) -> str:
    """A script name or alias as the library spells it; an unknown one is a usage error."""
    from yozuv.scheme import normalise_script

    try:
        return normalise_script(name)
    except YozuvError as exc:
        raise click.UsageError(f"{option}: {exc}") from None
