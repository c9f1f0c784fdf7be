"""Exception types shared by the library and the command line.

Every error a user can cause derives from :class:`YozuvError`, so the CLI can turn any of
them into one clear line on stderr and exit status 2 instead of a traceback.
"""

from __future__ import annotations


class YozuvError(Exception):
    """Base class for every error caused by input, options or data (not by a bug)."""


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


class UsageError(YozuvError):
    """An option value the command line cannot use (``--to klingon``, a bad ``--protect``).

    Raised by the parts of the command line that do not know click, so that the same checks
    serve the click commands (which show it as a usage error pointing at ``--help``) and the
    quick filter of :mod:`yozuv.cli` (which leaves the reporting to the click path).
    """
