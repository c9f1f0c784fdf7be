"""Exception types shared by the library and the command line.

Every error a user can cause derives from :class:`YozuvError`, so the CLI can turn any of
them into one clear line on stderr and exit status 2 instead of a traceback.
"""

from __future__ import annotations

from os import PathLike


class YozuvError(Exception):
    """Base class for every error caused by input, options or data (not by a bug).

    Its parts are fields, not a message to be parsed back: ``reason`` (what is wrong),
    ``path`` (the file it is about, when it is about one) and ``hint`` (what to try).
    ``str()`` renders them as ``path: reason; hint``, the form every message has; the
    command line names the input itself when ``path`` is not set (``<stdin>: ...``).
    """

    def __init__(
        self, reason: str, *, path: str | PathLike[str] | None = None, hint: str | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = None if path is None else str(path)
        self.hint = hint

    def __str__(self) -> str:
        text = self.reason if self.path is None else f"{self.path}: {self.reason}"
        return f"{text}; {self.hint}" if self.hint else text

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the fields (a worker process of ``-j`` may raise one)."""
        return (_rebuild, (type(self), self.reason, self.path, self.hint))


def _rebuild(kind: type[YozuvError], reason: str, path: str | None, hint: str | None) -> YozuvError:
    return kind(reason, path=path, hint=hint)


class SchemeError(YozuvError):
    """A mapping file is missing, unreadable or invalid; the message names file and key."""


class UnknownSchemeError(YozuvError):
    """A script or scheme name that yozuv does not know (for example ``--to klingon``)."""


class EncodingError(YozuvError):
    """Bytes that cannot be decoded, or text that the chosen output encoding cannot hold."""


class BinaryFileError(YozuvError):
    """The input looks like a binary file (it contains NUL bytes), so it is refused."""


class FormatError(YozuvError):
    """A structured file (JSON, PO, DOCX ...) is malformed and cannot be converted safely."""


class OptionError(YozuvError):
    """An option the library cannot use: an unknown apostrophe style, an invalid ``protect``
    regex (not an unknown scheme: the scheme is fine, the option is not)."""


class UsageError(YozuvError):
    """An option value the command line cannot use (``--to klingon``, a bad ``--protect``).

    Raised by the parts of the command line that do not know click, so that the same checks
    serve the click commands (which show it as a usage error pointing at ``--help``) and the
    quick filter of :mod:`yozuv.cli` (which leaves the reporting to the click path).
    """
