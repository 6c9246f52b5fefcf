"""The probe's core-served document: a plan (KH) of an organization, built from its record."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from dangvu.core.documents import PartyDocument, field_line, frame_for, p


def itself(organization):
    return organization


def plan(organization, *, on: dt.date, user) -> PartyDocument:
    if organization.code == "NOPLAN":
        raise ValidationError("Tổ chức này không lập kế hoạch trên hệ thống.")
    return frame_for(
        organization,
        "KH",
        on,
        summary=f"Kế hoạch công tác của {organization.name}",
        recipients=["Các đảng viên"],
        blocks=[p(f"Kế hoạch của {organization.name}."), field_line("Mã", organization.code)],
    )
