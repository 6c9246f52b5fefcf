"""PDF documents in the party's administrative layout (HD 36-HD/VPTW on the form of party
documents): issuing body and number on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" with place and date on
the right, title, body, recipients and signature block. WeasyPrint embeds the fonts it uses
(Liberation Serif, Times New Roman's metrics, covers Vietnamese), nothing is fetched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone


@dataclass
class PartyDocument:
    """The frame of a printed document; the body comes from the caller's template."""

    title: str
    issuing_body: str
    superior_body: str = ""
    number: str = "Số:      -BC/"
    place: str = ""
    date: dt.date = field(default_factory=timezone.localdate)
    subtitle: str = ""
    signer_capacity: str = "T/M BAN THƯỜNG VỤ"
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ("Như trên,", "Lưu văn phòng.")
    landscape: bool = False

    @property
    def place_and_date(self) -> str:
        place = f"{self.place}, " if self.place else ""
        return f"{place}ngày {self.date.day:02d} tháng {self.date.month:02d} năm {self.date.year}"


def render_pdf(template_name: str, context: dict, *, document: PartyDocument) -> bytes:
    """Render `template_name` (which extends "core/party_document.html") to PDF bytes."""
    from weasyprint import HTML  # imported late: loading Pango takes ~0.3 s

    html = render_to_string(template_name, {**context, "document": document})
    return HTML(string=html).write_pdf()


def pdf_response(filename: str, content: bytes, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
