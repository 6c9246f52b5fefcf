"""The members' side of a reorganization (sắp xếp tổ chức, rules.md R1.7 and §1b): when branches
merge or split, their members join the new branch on the effective date. The organizations app
runs the plan and asks for this through `organizations.hooks.move_members` (provided by
`members.org_structure`); it checks the target branch itself.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ACTIVE_STATUSES, EventKind
from .models import Member, MemberEvent, Placement


def _refuse(message: str, field: str = "plan") -> None:
    raise ValidationError({field: message}, code="refused")


def move_members(
    *, user, record, source, target, on: dt.date, member_ids: list[int] | None = None
) -> int:
    """Members of branch `source` (all, or the listed ones) join branch `target` on `on`:
    placements closed and opened that day, a REORGANIZED event each citing the reorganization
    `record` (no gap in party age, §12 case 26). Returns how many members moved."""
    placements = Placement.objects.filter(organization=source, valid_to__isnull=True)
    members = Member.objects.filter(organization=source, status__in=ACTIVE_STATUSES)
    if member_ids is not None:
        placements = placements.filter(member_id__in=member_ids)
        members = members.filter(pk__in=member_ids)
        if members.count() != len(set(member_ids)):
            _refuse(
                _("Some of the listed members are not active members of %(org)s.")
                % {"org": source.name},
                field="members",
            )
    late = placements.filter(valid_from__gte=on).select_related("member").first()
    if late is not None:
        _refuse(
            _("%(member)s joined %(org)s on or after the effective date.")
            % {"member": late.member.full_name, "org": source.name}
        )
    rows = list(placements.values_list("pk", "member_id", "kind"))
    moved = list(members.values_list("pk", flat=True))
    now = timezone.now()
    Placement.objects.filter(pk__in=[pk for pk, _m, _k in rows]).update(valid_to=on, updated_at=now)
    Placement.objects.bulk_create(
        [Placement(member_id=m, organization=target, kind=k, valid_from=on) for _pk, m, k in rows]
    )
    event_members = sorted({m for _pk, m, _k in rows} | set(moved))
    MemberEvent.objects.bulk_create(
        [
            MemberEvent(
                member_id=m,
                kind=EventKind.REORGANIZED,
                occurred_on=on,
                organization=source,
                org_path=source.path,
                other_organization=target,
                decision_number=record.decision_number,
                decision_date=record.decision_date,
                decision_body=record.decision_body,
                details={"reorganization": record.pk},
                recorded_by=user if getattr(user, "pk", None) else None,
            )
            for m in event_members
        ]
    )
    Member.objects.filter(pk__in=moved).update(
        organization=target, org_path=target.path, version=F("version") + 1, updated_at=now
    )
    return len(moved)
