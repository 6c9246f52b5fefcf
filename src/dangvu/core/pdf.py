"""PDF documents in the party's layout: the frame and its renderer live in the document
engine (core/documents/); this module keeps the names the apps import."""

from __future__ import annotations

from django.http import HttpResponse

from .documents.content import PartyDocument
from .documents.render import render_pdf

__all__ = ["PartyDocument", "pdf_response", "render_pdf"]


def pdf_response(filename: str, content: bytes, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def docx_response(filename: str, content: bytes) -> HttpResponse:
    from .documents.render import DOCX_TYPE

    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
