"""Appending to the log of membership changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.organizations.models import Organization

from ..choices import EventKind
from ..member.models import Member
from .models import MemberEvent


def record_event(
    *,
    user,
    member: Member,
    kind: str,
    occurred_on: dt.date,
    organization: Organization | None = None,
    rule_profile=None,
    **fields: Any,
) -> MemberEvent:
    """Append one membership change. Call it inside the service transaction that changes the
    state it records; `organization` defaults to the member's branch at that moment."""
    if kind not in EventKind.values:
        raise ValueError(kind)
    organization = organization or member.organization
    return MemberEvent.objects.create(
        member=member,
        kind=kind,
        occurred_on=occurred_on,
        organization=organization,
        org_path=organization.path,
        rule_profile=rule_profile,
        recorded_by=user if getattr(user, "pk", None) else None,
        **fields,
    )
