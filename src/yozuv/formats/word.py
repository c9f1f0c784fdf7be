"""Word documents (``.docx``, needs the optional extra ``yozuv[docx]``, i.e. python-docx).

Converted: every paragraph of the body, of tables (nested ones too), text boxes, headers,
footers, footnotes, endnotes and comments, plus the document title, subject, keywords and
comments of the core properties. Formatting is kept because only the text of ``w:t``
elements changes; runs are never merged, split, added or removed.

A word is often cut into several runs (``Ш`` bold, ``аҳар`` not; or a spell-checker split),
so each paragraph is converted on its joined text and the output is cut back over the same
runs (:func:`convert_segments`): ``Ш|аҳар`` becomes ``Sh|ahar``, and a Latin ``S|hahar``
becomes ``|Шаҳар``. Tabs, line breaks, drawings and field characters separate the pieces.

Kept: styles, numbering, settings, relationships (so hyperlink targets), field codes
(``w:instrText``; a field's displayed result is text and is converted, Word refreshes it on
update), deleted text of tracked changes, equations, images. The package is rewritten by
python-docx, so the XML of the parts that change is re-serialised (same content, not
necessarily the same bytes). A file that is not a valid .docx raises :class:`FormatError`.

Limits. A .docx is a zip archive, and a small archive can hold gigabytes (a "zip bomb": 327 KB
holding 100 MB of XML took 152 s and 2.65 GB). Before any XML is parsed, the zip central
directory alone is checked, and a package that breaks a limit raises
:class:`DocxLimitError` (a :class:`FormatError`) naming the member and the limit:

- every member larger than 1 MB may expand at most ``YOZUV_DOCX_MAX_RATIO`` times (default
  100; text XML compresses 5 to 20 times, bombs about 1000 times);
- the XML members (``.xml``, ``.rels``) together may hold at most ``YOZUV_DOCX_MAX_MB``
  megabytes (default 64, a book of well over a thousand pages; parsing takes about 25 times
  that in memory), and all members together 8 times that (pictures);
- at most 10,000 members; no two with the same name (compared ignoring case, as part names
  are), none named below another (``a.xml`` and ``a.xml/b``), none outside the package
  (``../x``, ``/x``), none overlapping another in the archive;
- no DTD (``<!DOCTYPE``) in an XML member: the package format forbids them, and so no
  entity is ever expanded or fetched (python-docx's parser does not resolve entities, and
  libxml2 stops runaway expansion, but a refusal is clearer than either).

The declared sizes can be trusted for this: Python's ``zipfile`` never inflates a member
beyond its declared size (a member that holds more fails its CRC check instead).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from yozuv.errors import FormatError
from yozuv.formats._base import Format
from yozuv.formats._text import AnyConverter, Batch, Part, gather_segments

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_TEXT_PARTS = frozenset(
    _WML + kind + "+xml"
    for kind in ("document.main", "header", "footer", "footnotes", "endnotes", "comments")
)
_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
_SEPARATORS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
    _W + "sym": "",
    _W + "fldChar": "",
    _W + "footnoteReference": "",
    _W + "endnoteReference": "",
    _W + "commentReference": "",
}
# Elements whose insides are not this paragraph's text: nested paragraphs (text boxes) are
# visited on their own; drawings, pictures and deleted text are not text to convert.
_OPAQUE = frozenset(
    {
        _W + "p",
        _W + "drawing",
        _W + "pict",
        _W + "object",
        _W + "delText",
        _W + "instrText",
        _W + "rPr",
        _W + "pPr",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
    }
)
_NEEDS_DOCX = "reading .docx files needs python-docx"
_INSTALL_HINT = "pip install 'yozuv[docx]'"

MB = 1 << 20
DEFAULT_MAX_MB = 64.0  # the XML members together; YOZUV_DOCX_MAX_MB
DEFAULT_MAX_RATIO = 100.0  # uncompressed / compressed size of one member; YOZUV_DOCX_MAX_RATIO
PACKAGE_FACTOR = 8  # all members together may hold this many times the XML limit
RATIO_GRACE = MB  # members up to this size are not held to the ratio (small, and harmless)
MAX_MEMBERS = 10_000
_XML_SUFFIXES = (".xml", ".rels")
_LOCAL_HEADER = 30  # bytes of a zip local file header before its name
_DTD_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_CHUNK = MB
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip header can hold


class DocxLimitError(FormatError):
    """A .docx refused before parsing: a zip bomb, an odd archive or a DTD (see the limits
    in the module's documentation). The message names the member and the limit."""


class DocxFormat(Format):
    """Paragraph text converted run-aware; everything else in the package kept."""

    name = "docx"
    extensions = (".docx",)
    binary = True

    def convert_bytes(
        self, data: bytes, convert: AnyConverter, *, target: str, source: str
    ) -> bytes:
        document = _open(data)
        batch = Batch()
        roots: list[tuple[Callable[[], None], list[_RunText]]] = []
        for root, commit in _text_roots(document):
            runs: list[_RunText] = []
            for paragraph in root.iter(_W + "p"):
                _gather_paragraph(paragraph, batch, runs)
            roots.append((commit, runs))
        properties = _gather_core_properties(document, batch)
        batch.run(convert)
        changed_anywhere = False
        for commit, runs in roots:
            changed = False
            for element, old, part in runs:
                new = batch.text(part)
                if new == old:
                    continue
                element.text = new
                if new != new.strip():
                    element.set(_XML_SPACE, "preserve")
                changed = True
            if changed:
                commit()
                changed_anywhere = True
        for owner, name, part in properties:
            new = batch.text(part)
            if new != getattr(owner, name):
                setattr(owner, name, new)
                changed_anywhere = True
        if not changed_anywhere:
            # Saving again would change only the zip headers: --check and in-place runs
            # compare bytes, and must see an already converted document as unchanged.
            return data
        buffer = io.BytesIO()
        document.save(buffer)
        return _with_source_stamps(buffer.getvalue(), data)

    def extract_text(self, data: bytes) -> str:
        document = _open(data)
        lines: list[str] = []
        for root, _ in _text_roots(document):
            for paragraph in root.iter(_W + "p"):
                lines.append("".join(text for _, text in _pieces(paragraph)))
        return "\n".join(lines) + ("\n" if lines else "")


def _with_source_stamps(saved: bytes, source: bytes) -> bytes:
    """``saved`` with each member dated as in ``source`` (a new member: 1980-01-01).

    python-docx dates every member with the time of saving, so the same conversion gave
    different bytes from one minute to the next; a converted document should depend only on
    its source (reproducible builds, caches, ``cmp`` in scripts).
    """
    with zipfile.ZipFile(io.BytesIO(source)) as original:
        stamps = {info.filename: info.date_time for info in original.infolist()}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved)) as package,
        zipfile.ZipFile(out, "w") as rebuilt,
    ):
        for info in package.infolist():
            member = zipfile.ZipInfo(info.filename, stamps.get(info.filename, _ZIP_EPOCH))
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            member.create_system = info.create_system
            rebuilt.writestr(member, package.read(info))
    return out.getvalue()


def _open(data: bytes) -> Any:
    try:
        import docx
    except ImportError:
        raise FormatError(_NEEDS_DOCX, hint=_INSTALL_HINT) from None
    check_package(data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises zip, XML, key and value errors alike
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise FormatError(f"not a valid .docx file ({reason})") from None


def _text_roots(document: Any) -> Iterator[tuple[Any, Callable[[], None]]]:
    """The XML root of each part that holds text, and how to store it back."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    for part in document.part.package.iter_parts():
        if part.content_type not in _TEXT_PARTS:
            continue
        element = getattr(part, "element", None)
        if element is not None:
            yield element, lambda: None
            continue
        try:
            root = parse_xml(part.blob)
        except Exception as error:  # lxml's XMLSyntaxError, or a part that is not XML
            raise FormatError(f"not a valid .docx file ({part.partname}: {error})") from None

        def commit(part: Any = part, root: Any = root) -> None:
            part._blob = serialize_part_xml(root)

        yield root, commit


def _pieces(paragraph: Any) -> Iterator[tuple[Any, str]]:
    """(w:t element or None for a separator, its text) in reading order."""
    for child in paragraph:
        tag = child.tag
        if tag == _W + "t":
            yield child, child.text or ""
        elif tag in _SEPARATORS:
            yield None, _SEPARATORS[tag]
        elif tag not in _OPAQUE and isinstance(tag, str):
            yield from _pieces(child)


# A w:t element, its text and the part its new text comes from.
_RunText = tuple[Any, str, Part]


def _gather_paragraph(paragraph: Any, batch: Batch, runs: list[_RunText]) -> None:
    """Gather the runs of one paragraph, group by group (separators cut the groups)."""
    groups: list[list[Any]] = [[]]
    for element, _ in _pieces(paragraph):
        if element is None:
            groups.append([])
        else:
            groups[-1].append(element)
    for group in groups:
        texts = [element.text or "" for element in group]
        if not any(text.strip() for text in texts):
            continue
        parts = gather_segments(texts, batch.add)
        runs.extend(zip(group, texts, parts, strict=True))


def _gather_core_properties(document: Any, batch: Batch) -> list[tuple[Any, str, Part]]:
    """The core properties to convert: (properties object, attribute name, part)."""
    found: list[tuple[Any, str, Part]] = []
    for part in document.part.package.iter_parts():
        if part.content_type != _CORE_PROPERTIES:
            continue
        properties = part.core_properties
        for name in ("title", "subject", "keywords", "comments"):
            value = getattr(properties, name)
            if value and value.strip():
                found.append((properties, name, batch.add(value)))
    return found


# --- limits ---------------------------------------------------------------------------------


def _limit(variable: str, default: float) -> float:
    """The positive number in the environment variable ``variable``, else ``default``."""
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise FormatError(f"{variable} must be a positive number, not {raw!r}")
    return value


def _size(count: float) -> str:
    return f"{count / MB:.1f} MB" if count >= MB / 10 else f"{count / 1024:.1f} KB"


def check_package(data: bytes) -> None:
    """Refuse a package that breaks a limit, from its zip central directory alone (the XML
    members are then read, piece by piece and within the limits, for a DTD)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:  # BadZipFile, and the odd OSError or ValueError of a bad header
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise FormatError(f"not a valid .docx file ({reason})") from None
    with package:
        members = package.infolist()
        _check_members(members, len(data))
        for info in members:
            if info.filename.lower().endswith(_XML_SUFFIXES):
                _check_no_dtd(package, info)


def _check_members(members: list[zipfile.ZipInfo], archive_size: int) -> None:
    if len(members) > MAX_MEMBERS:
        raise DocxLimitError(
            f"refused: the package has {len(members):,} members (limit {MAX_MEMBERS:,})"
        )
    _check_names([info.filename for info in members])
    _check_layout(members, archive_size)
    max_ratio = _limit("YOZUV_DOCX_MAX_RATIO", DEFAULT_MAX_RATIO)
    max_xml = _limit("YOZUV_DOCX_MAX_MB", DEFAULT_MAX_MB) * MB
    xml = everything = 0
    for info in members:
        size = info.file_size
        everything += size
        if info.filename.lower().endswith(_XML_SUFFIXES):
            xml += size
        if size > RATIO_GRACE and size > max_ratio * info.compress_size:
            ratio = size / max(info.compress_size, 1)
            raise DocxLimitError(
                f"refused as a zip bomb: {info.filename} expands from"
                f" {_size(info.compress_size)} to {_size(size)} (ratio {ratio:,.0f}, limit"
                f" {max_ratio:g})",
                hint="set YOZUV_DOCX_MAX_RATIO to allow more",
            )
    if xml > max_xml:
        raise DocxLimitError(
            f"refused: the package holds {_size(xml)} of XML (limit {max_xml / MB:g} MB)",
            hint="set YOZUV_DOCX_MAX_MB to allow more",
        )
    if everything > PACKAGE_FACTOR * max_xml:
        raise DocxLimitError(
            f"refused: the package expands to {_size(everything)} (limit"
            f" {PACKAGE_FACTOR * max_xml / MB:g} MB, {PACKAGE_FACTOR} times YOZUV_DOCX_MAX_MB)",
            hint="set YOZUV_DOCX_MAX_MB to allow more",
        )


def _check_names(names: list[str]) -> None:
    """No member outside the package, twice, or below another (a file and a folder)."""
    seen: set[str] = set()
    for name in names:
        segments = name.split("/")
        if name.startswith("/") or ".." in segments:
            raise DocxLimitError(f"refused: member name {name!r} points outside the package")
        key = name.lower()
        if key in seen and not key.endswith("/"):
            raise DocxLimitError(f"refused: the package holds {name} twice")
        seen.add(key)
    for key in seen:
        if key.endswith("/"):
            continue  # a folder entry, as some zip tools write
        segments = key.split("/")
        for depth in range(1, len(segments)):
            parent = "/".join(segments[:depth])
            if parent in seen:
                raise DocxLimitError(
                    f"refused: member name {key!r} lies below the member {parent!r}"
                )


def _check_layout(members: list[zipfile.ZipInfo], archive_size: int) -> None:
    """Every member's data lies inside the archive and overlaps no other member's: the
    central directory of a "better zip bomb" points many entries at one compressed body."""
    spans = sorted(
        (
            info.header_offset,
            info.header_offset + _LOCAL_HEADER + len(info.orig_filename) + info.compress_size,
            info.filename,
        )
        for info in members
    )
    end = 0
    for start, stop, name in spans:
        if start < end or stop > archive_size:
            raise DocxLimitError(
                f"refused: the data of {name} overlaps another member or the end of the archive"
            )
        end = stop


def _check_no_dtd(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a ``<!DOCTYPE`` (in UTF-8 or UTF-16), read piece by piece."""
    keep = max(map(len, _DTD_MARKERS)) - 1
    tail = b""
    try:
        with package.open(info) as member:
            while chunk := member.read(_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise DocxLimitError(
                        f"refused: {info.filename} declares a DTD (<!DOCTYPE ...>), which a"
                        " .docx may not hold"
                    )
                tail = window[-keep:]
    except DocxLimitError:
        raise
    except Exception as error:  # a bad CRC, an unknown compression method, a truncated file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise FormatError(f"not a valid .docx file ({info.filename}: {reason})") from None
