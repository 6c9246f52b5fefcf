"""The membership changes' spreadsheet columns."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dangvu.core.exports import Column

from .models import MemberEvent


def _other(event: MemberEvent) -> str:
    return event.other_organization.name if event.other_organization_id else event.other_party


def event_columns() -> list[Column]:
    return [
        Column(_("Date"), lambda e: e.occurred_on, kind="date", width=12),
        Column(_("Kind"), lambda e: e.get_kind_display(), width=24),
        Column(_("Party member"), lambda e: e.member.full_name, width=28),
        Column(_("Date of birth"), lambda e: e.member.birth_date, kind="date", width=12),
        Column(_("Party branch"), lambda e: e.organization.name, width=30),
        Column(_("Other organization"), _other, width=30),
        Column(_("Decision number"), lambda e: e.decision_number),
        Column(_("Decision date"), lambda e: e.decision_date, kind="date", width=12),
        Column(_("Issuing body"), lambda e: e.decision_body, width=24),
        Column(_("Note"), lambda e: e.note, width=30),
    ]
