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
"""

from __future__ import annotations

import io
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
_INSTALL_HINT = "reading .docx files needs python-docx: pip install 'yozuv[docx]'"


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
        for owner, name, part in properties:
            setattr(owner, name, batch.text(part))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def extract_text(self, data: bytes) -> str:
        document = _open(data)
        lines: list[str] = []
        for root, _ in _text_roots(document):
            for paragraph in root.iter(_W + "p"):
                lines.append("".join(text for _, text in _pieces(paragraph)))
        return "\n".join(lines) + ("\n" if lines else "")


def _open(data: bytes) -> Any:
    try:
        import docx
    except ImportError:
        raise FormatError(_INSTALL_HINT) from None
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
