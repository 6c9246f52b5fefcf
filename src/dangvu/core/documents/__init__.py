"""The one document engine (issue 13; rules-next.md §14): party documents in the format of
QĐ 399-QĐ/TW and HD 36-HD/VPTW, as PDF and DOCX, numbered in the register.

    from dangvu.core.documents import frame_for, p, document_pdf, document_docx, issue
    doc = frame_for(branch, "NQ", day, summary="Về …", blocks=[p("…")])
    issue(branch, doc, user=request.user, obj=meeting, key="meetings.resolution")
    pdf, docx = document_pdf(doc), document_docx(doc)

The issuing organization is taken duck-typed (core.scope.organization_model()); core
imports no app. Format values that §14 leaves open are settings (conf.py)."""

from .content import (
    BLANK,
    Block,
    PartyDocument,
    Signature,
    bullets,
    day_or_blank,
    field_line,
    frame_for,
    h,
    p,
    recorded_number,
    table,
    text_or_blank,
)
from .format import (
    KINDS,
    date_line,
    kind_title,
    number_line,
    validate_authority,
    validate_number,
    validate_symbol,
)
from .issuer import Issuer, Signer, committee_name, issuer_for, signer_for, term_key
from .render import DOCX_TYPE, document_docx, document_pdf, render_pdf

__all__ = [
    "BLANK",
    "day_or_blank",
    "recorded_number",
    "text_or_blank",
    "DOCX_TYPE",
    "KINDS",
    "Block",
    "Issuer",
    "PartyDocument",
    "Signature",
    "Signer",
    "bullets",
    "committee_name",
    "date_line",
    "document_docx",
    "document_pdf",
    "field_line",
    "frame_for",
    "h",
    "issuer_for",
    "kind_title",
    "number_line",
    "p",
    "render_pdf",
    "signer_for",
    "table",
    "term_key",
    "validate_authority",
    "validate_number",
    "validate_symbol",
]
