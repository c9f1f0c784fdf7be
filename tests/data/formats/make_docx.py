"""Build ``examples/letter.cyrl.docx``: a Cyrillic Word letter that exercises the docx format.

Run from the repository root: ``.venv/bin/python tests/data/formats/make_docx.py``. The
letter has styled headings, words split across formatting runs (``Ш`` bold + ``аҳар``),
a tab, a hyperlink, a PAGE field in the footer, a header, a table with a nested table and a
footnote part, so the tests can prove each of them survives conversion.
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

OUTPUT = Path(__file__).resolve().parents[3] / "examples" / "letter.cyrl.docx"
FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Ҳокимият қарори, 2025 йил '
    "12 март.</w:t></w:r></w:p></w:footnote></w:footnotes>"
)


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    part = paragraph.part
    relation = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _page_field(paragraph: Paragraph) -> None:
    for kind, instruction in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, None),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif instruction is not None:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = instruction
            run._r.append(code)
        else:
            run.text = "1"


def _footnote_reference(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


def build() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Расмий хат"
    document.core_properties.subject = "Боғ очилиши ҳақида"
    document.core_properties.author = "Devonxona"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Тошкент шаҳар ҳокимлиги\tДевонхона"
    footer = section.footer.paragraphs[0]
    footer.add_run("Саҳифа ")
    _page_field(footer)

    document.add_heading("Ҳурматли фуқаролар!", level=1)
    paragraph = document.add_paragraph()
    first = paragraph.add_run("Ш")
    first.bold = True
    paragraph.add_run("аҳримизда янги «")
    paragraph.add_run("Дўстлик").italic = True
    paragraph.add_run("» боғи очилганини маълум қиламиз.")
    _footnote_reference(paragraph)

    paragraph = document.add_paragraph("Очилиш маросими шанба куни соат 10:00 да бўлади.\t")
    paragraph.add_run("Ч").underline = True
    paragraph.add_run("ой ва ширинликлар билан меҳмон қиламиз.")

    paragraph = document.add_paragraph("Батафсил маълумот: ")
    _hyperlink(paragraph, "https://example.uz/park", "расмий сайт")
    paragraph.add_run(".")

    document.add_heading("Дастур", level=2)
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    rows = (("Вақт", "Тадбир"), ("10:00", "Тантанали очилиш"), ("11:30", ""))
    for row, (time, event) in zip(table.rows, rows, strict=True):
        row.cells[0].text = time
        row.cells[1].text = event
    nested = table.cell(2, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "Болалар концерти"
    nested.cell(0, 1).text = "Ёшлар майдончаси"

    closing = document.add_paragraph()
    closing.add_run("Ҳурмат билан,").font.size = Pt(12)
    document.add_paragraph("Девонхона бошлиғи", style="Intense Quote")

    buffer = io.BytesIO()
    document.save(buffer)
    return _add_footnotes(buffer.getvalue())


def _add_footnotes(data: bytes) -> bytes:
    """python-docx cannot create footnotes, so add a footnotes part to the package."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                    b"</Types>",
                )
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            info = copy.copy(item)
            info.date_time = (2025, 1, 1, 0, 0, 0)
            target.writestr(info, content)
        info = zipfile.ZipInfo("word/footnotes.xml", (2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        target.writestr(info, FOOTNOTES_XML.encode("utf-8"))
    return output.getvalue()


def main() -> int:
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
