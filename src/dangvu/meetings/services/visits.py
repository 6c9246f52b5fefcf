"""Higher-level committee members at branch meetings (R3.9): visits and the branches they
follow."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage
from dangvu.members.models import Member
from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .. import rules
from ..models import Meeting, Visit, VisitDuty
from ..queries import visitor_seat
from ..rules import transitions
from ..rules.transitions import Action
from .common import bump, lock


@transaction.atomic
def record_visit(*, user, meeting: Meeting, member: Member) -> Visit:
    """R3.9: a higher-level committee member attended; anyone else is refused."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.VISIT, meeting)
    seat = visitor_seat(meeting, member)
    if seat is None:
        raise ValidationError(
            {
                "member": _(
                    "%(name)s does not sit on a committee above this branch on the meeting "
                    "date: only higher-level committee members are recorded as visitors."
                )
                % {"name": member.full_name}
            },
            code="not_committee_member",
        )
    if Visit.objects.filter(meeting=meeting, member=member).exists():
        raise ValidationError({"member": _("This visit is already recorded.")}, code="duplicate")
    visit = Visit.objects.create(
        meeting=meeting,
        member=member,
        committee=seat.organization,
        committee_path=seat.organization.path,
        level=rules.committee_level(seat.organization),
        org_path=meeting.org_path,
        date=meeting.date,
    )
    bump(meeting)
    return visit


@transaction.atomic
def remove_visit(*, user, visit: Visit) -> None:
    meeting = lock(visit.meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.REMOVE_VISIT, meeting)
    visit.delete()
    bump(meeting)


@transaction.atomic
def assign_visit_duty(
    *, user, committee: Organization, member: Member, branch: Organization, valid_from: dt.date
) -> VisitDuty:
    """R3.9: a committee member is assigned to follow a branch of the committee's subtree."""
    require_manage(user, committee)
    errors: dict[str, list] = {}
    if not CommitteeSeat.objects.filter(
        active_on_q(valid_from), organization=committee, member=member
    ).exists():
        errors["member"] = [_("This person does not sit on this committee on that date.")]
    if (
        branch.kind not in BRANCH_KINDS
        or not branch.path.startswith(committee.path)
        or branch.pk == committee.pk
    ):
        errors["branch"] = [_("Choose a branch under this committee.")]
    elif VisitDuty.objects.current(valid_from).filter(member=member, branch=branch).exists():
        errors["branch"] = [_("This member already follows this branch.")]
    if errors:
        raise ValidationError(errors)
    return VisitDuty.objects.create(
        committee=committee,
        member=member,
        branch=branch,
        org_path=committee.path,
        valid_from=valid_from,
    )


@transaction.atomic
def end_visit_duty(*, user, duty: VisitDuty, on: dt.date) -> VisitDuty:
    duty = VisitDuty.objects.select_for_update().select_related("committee").get(pk=duty.pk)
    require_manage(user, duty.committee)
    if duty.valid_to is not None:
        raise ValidationError(_("This assignment has already ended."), code="ended")
    if on <= duty.valid_from:
        raise ValidationError({"valid_to": _("The end must be after the start.")})
    duty.valid_to = on
    duty.save(update_fields=["valid_to", "updated_at"])
    return duty
