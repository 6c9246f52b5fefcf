"""A PartyDocument as PDF (WeasyPrint; fonts embedded, nothing fetched) and as DOCX
(python-docx; offices edit before signing). The same content in both."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from .conf import value as setting
from .content import PartyDocument

PDF_TEMPLATE = "core/documents/document.html"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def style() -> dict:
    fonts = ", ".join(f'"{f}"' for f in setting("font_family")) + ", serif"
    return {
        "margins": setting("margins_mm"),
        "font": fonts,
        "body_pt": setting("body_pt"),
        "heading_pt": setting("heading_pt"),
        "issuer_pt": setting("issuer_pt"),
        "recipients_pt": setting("recipients_pt"),
        "indent_cm": setting("indent_cm"),
    }


def css_style() -> dict:
    """The same values as plain strings: the template must not localize "1.0" to "1,0"."""
    values = style()
    values = {k: (v if isinstance(v, dict) else str(v)) for k, v in values.items()}
    values["margins"] = {k: str(v) for k, v in values["margins"].items()}
    return values


def render_pdf(
    template_name: str = PDF_TEMPLATE, context: dict | None = None, *, document: PartyDocument
) -> bytes:
    """Render `template_name` (which extends "core/party_document.html") to PDF bytes."""
    from weasyprint import HTML  # imported late: loading Pango takes ~0.3 s

    html = render_to_string(
        template_name, {**(context or {}), "document": document, "doc_style": css_style()}
    )
    return HTML(string=html).write_pdf()


def document_pdf(document: PartyDocument) -> bytes:
    return render_pdf(PDF_TEMPLATE, {}, document=document)


def _no_borders(tbl) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = tbl._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    props.append(borders)


def _page_field(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def document_docx(document: PartyDocument) -> bytes:
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    s = style()
    out = Docx()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if document.landscape:
        section.page_width, section.page_height = Mm(297), Mm(210)
    margins = s["margins"]
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.header_distance = Mm(10)  # R14.15: the page number 10 mm below the top edge
    section.different_first_page_header_footer = True  # numbers from page 2
    number_par = section.header.paragraphs[0]
    number_par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number_par)

    normal = out.styles["Normal"]
    font_name = setting("font_family")[0]
    normal.font.name = font_name
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font_name)
    normal.font.size = Pt(s["body_pt"])
    normal.paragraph_format.space_after = Pt(2)

    def par(cell_or_doc, text="", *, bold=False, italic=False, center=True, size=None):
        paragraph = cell_or_doc.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
        return paragraph

    head = out.add_table(rows=1, cols=2)
    _no_borders(head)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.5)
    left.paragraphs[0].text = ""
    if document.superior_body:
        left.paragraphs[0].add_run(document.superior_body.upper()).font.size = Pt(s["issuer_pt"])
        left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        par(left, document.issuing_body.upper(), bold=True, size=s["issuer_pt"])
    else:
        run = left.paragraphs[0].add_run(document.issuing_body.upper())
        run.bold, run.font.size = True, Pt(s["issuer_pt"])
        left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    par(left, "*")
    if document.number:
        par(left, document.number)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    national = right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    national.bold, national.underline = True, True
    national.font.size = Pt(s["heading_pt"])
    par(right, document.place_and_date, italic=True)

    if document.title:
        par(out, document.title.upper(), bold=True)
    if document.subtitle:
        par(out, document.subtitle, bold=True)
    if document.separator and document.title:
        par(out, "-----")

    for b in document.blocks:
        if b.kind == "h":
            par(out, b.text, bold=True)
        elif b.kind == "field":
            paragraph = out.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Cm(s["indent_cm"])
            if b.label:
                paragraph.add_run(f"{b.label}:").bold = True
                paragraph.add_run(" ")
            paragraph.add_run(b.text)
        elif b.kind == "list":
            for item in b.items:
                paragraph = out.add_paragraph(f"- {item}")
                paragraph.paragraph_format.left_indent = Cm(s["indent_cm"])
        elif b.kind == "table":
            cols = len(b.headers) or (len(b.rows[0]) if b.rows else 1)
            tbl = out.add_table(rows=0, cols=cols)
            tbl.style = "Table Grid"
            for row, bold in ([(b.headers, True)] if b.headers else []) + [
                (r, False) for r in b.rows
            ]:
                cells = tbl.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.paragraphs[0].text = ""
                    run = cell.paragraphs[0].add_run(value)
                    run.bold = bold
                    run.font.size = Pt(12)
        else:
            paragraph = par(out, b.text, bold=b.bold, italic=b.italic, center=b.center)
            if not b.center:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                paragraph.paragraph_format.first_line_indent = Cm(s["indent_cm"])

    def signature(cell, capacity: str, title: str, name: str) -> None:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(capacity).bold = True
        if title:
            par(cell, title, bold=True)
        for _ in range(4):
            par(cell)
        par(cell, name, bold=True)

    def recipient_lines(cell) -> None:
        label = cell.paragraphs[0].add_run(document.recipients_label)
        label.bold, label.italic, label.font.size = True, True, Pt(12)
        for line in document.recipients:
            r = cell.add_paragraph().add_run(f"- {line}")
            r.font.size = Pt(s["recipients_pt"])

    if document.signers:  # several signers side by side, the recipients under them
        sign = out.add_table(rows=1, cols=len(document.signers))
        _no_borders(sign)
        for cell, signer in zip(sign.rows[0].cells, document.signers, strict=True):
            signature(cell, signer.capacity, signer.title, signer.name)
        if document.recipients:
            below = out.add_table(rows=1, cols=1)
            _no_borders(below)
            recipient_lines(below.rows[0].cells[0])
    else:
        sign = out.add_table(rows=1, cols=2)
        _no_borders(sign)
        recipients, signer = sign.rows[0].cells
        if document.recipients:
            recipient_lines(recipients)
        signature(signer, document.signer_capacity, document.signer_title, document.signer_name)

    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
