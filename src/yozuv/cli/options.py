"""What the commands share: context settings, the command class, the conversion options.

``convert``, ``preview`` and ``explain`` take the same six options that say how text is
converted; they are declared once here, handed to the command as one
:class:`~yozuv.cli.settings.ConversionChoices`, and validated by one :func:`build_settings`
into the :class:`~yozuv.documents.ConvertSettings` the rest of the program uses. The
checks themselves live, without click, in :mod:`yozuv.documents`, where the quick filter
of :mod:`yozuv.cli` uses them too.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from yozuv.cli.settings import ConversionChoices, settings_from_choices
from yozuv.cli.settings import check_codec as conversion_check_codec
from yozuv.documents import ConvertSettings
from yozuv.errors import UsageError

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

APOSTROPHE_CHOICES = ("unicode", "ascii", "typographic")
# The Latin -> Cyrillic table's [output.soft_sign] choices (tests/test_soft_sign.py holds the
# two together; the table is not read just to show --help).
SOFT_SIGN_CHOICES = ("1956", "modern")
RUSSIAN_CHOICES = ("keep", "convert")  # as yozuv.api's (not imported for --help)
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


_CHOICE_NAMES = ConversionChoices._fields


def complete_script(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of ``-t``/``-f``: the script names."""
    from click.shell_completion import CompletionItem

    from yozuv.names import SCRIPTS

    return [CompletionItem(name) for name in (*SCRIPTS, "auto") if name.startswith(incomplete)]


def complete_format(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion of ``--format``: the format names."""
    from click.shell_completion import CompletionItem

    from yozuv.formats import format_names

    names = ["auto", *format_names()]
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def format_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format NAME`` (completed from the format names), for convert and preview."""
    return click.option(
        "--format",
        "format_name",
        default="auto",
        show_default=True,
        metavar="NAME",
        shell_complete=complete_format,
        help=help_text,
    )


# JSON Lines/Parquet: the fields converted; convert and corpus take it alike.
field_option = click.option(
    "--field",
    "fields",
    metavar="NAME",
    multiple=True,
    help="JSON Lines/Parquet: convert only this field (repeatable; default: every string field).",
)


def conversion_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say how text is converted, shared by convert and preview.

    The command receives them as one ``conversion`` argument (a :class:`ConversionChoices`)
    instead of six, so each command builds its settings with the same call.
    """
    return _conversion_options(function, with_encoding=True)


def word_conversion_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """:func:`conversion_options` for commands that take words, not files (explain): no
    ``--encoding``, which only means something for bytes."""
    return _conversion_options(function, with_encoding=False)


def _conversion_options(function: Callable[..., Any], *, with_encoding: bool) -> Callable[..., Any]:
    @functools.wraps(function)
    def with_choices(**arguments: Any) -> Any:
        given = {name: arguments.pop(name) for name in _CHOICE_NAMES if name in arguments}
        return function(conversion=ConversionChoices(**given), **arguments)

    options = [
        click.option(
            "-t",
            "--to",
            "to",
            metavar="SCRIPT",
            shell_complete=complete_script,
            help="Target script: latin, cyrillic or latin2026 (default: the other script"
            " of the one detected).",
        ),
        click.option(
            "-f",
            "--from",
            "source",
            metavar="SCRIPT",
            shell_complete=complete_script,
            default="auto",
            show_default=True,
            help="Source script, or auto to detect it (in each file, or each word for explain).",
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
            "--abbreviations",
            type=click.Choice(("rules", "press")),
            default=None,
            help="Digraphs in all-capitals abbreviations: rules as the 1995 rules write them"
            " (AQSH, MCHJ; the default), press as newspapers and offices do (AQSh, MChJ).",
        ),
        click.option(
            "--soft-sign",
            type=click.Choice(SOFT_SIGN_CHOICES),
            default=None,
            help="Latin to Cyrillic: 1956 writes the soft sign as the 1956 orthography does"
            " (апрель, Бельгия; the default), modern drops it at a word's end and before a"
            " consonant (апрел, Белгия), as CLDR and glibc do.",
        ),
        click.option(
            "--russian",
            type=click.Choice(RUSSIAN_CHOICES),
            default="keep",
            show_default=True,
            help="Cyrillic to Latin: keep Russian sentences and quotations in Cyrillic (each"
            " reported) or convert them like the rest.",
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
    if not with_encoding:
        options.pop()  # --encoding, the last
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
    """:func:`~yozuv.cli.settings.settings_from_choices`, its usage errors made click's.

    A click usage error names the command and points at its ``--help``; the checks
    themselves are click-free so the quick filter runs exactly the same ones.
    """
    try:
        return settings_from_choices(
            conversion, output_encoding=output_encoding, format=format, columns=columns
        )
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


def check_codec(codec: str, option: str) -> None:
    """An encoding name Python does not know is a click usage error naming the option."""
    try:
        conversion_check_codec(codec, option)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
