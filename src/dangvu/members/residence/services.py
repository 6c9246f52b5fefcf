"""Residence contact services (QĐ 213-QĐ/TW, rules.md §5): the workplace side introduces a
working member to their residence branch; either side records the yearly comment."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage
from dangvu.organizations.models import Organization

from ..choices import ResidenceCategory
from ..events.services import require_active
from ..member.models import Member
from ..member.services import lock_member
from ..placement.services import require_branch
from ..rules.transitions import RESIDENCE, applies, may_act
from .models import ResidenceComment, ResidenceContact


@transaction.atomic
def add_residence_contact(
    *,
    user,
    member: Member,
    residence_organization: Organization,
    valid_from: dt.date,
    category: str = ResidenceCategory.NONE,
    letter_number: str = "",
    letter_date: dt.date | None = None,
    issuing_body: str = "",
    note: str = "",
) -> ResidenceContact:
    """R5.1–R5.5: the workplace side records the residence branch a working member keeps
    contact with (the previous contact, if any, ends that day)."""
    member = lock_member(user, member)
    require_active(member)
    errors: dict[str, list] = {}
    if category not in ResidenceCategory.values:
        errors["category"] = [_("Choose the category.")]
    if residence_organization is None:
        errors["residence_organization"] = [_("Choose the residence branch.")]
    elif not residence_organization.is_active:
        errors["residence_organization"] = [_("This organization has been dissolved.")]
    elif residence_organization.pk == member.organization_id:
        errors["residence_organization"] = [
            _("The residence branch is another branch than the member's own.")
        ]
    if valid_from is None:
        errors["valid_from"] = [_("Enter the date.")]
    elif valid_from > timezone.localdate():
        errors["valid_from"] = [_("The date is in the future.")]
    if letter_date and valid_from and letter_date > valid_from:
        errors["letter_date"] = [_("The letter is dated after the contact starts.")]
    if errors:
        raise ValidationError(errors, code="invalid")
    current = ResidenceContact.objects.filter(member=member, valid_to__isnull=True)
    if current.filter(valid_from__gte=valid_from).exists():
        raise ValidationError(
            {"valid_from": _("The member's current contact starts on or after this date.")},
            code="date_order",
        )
    current.update(valid_to=valid_from, updated_at=timezone.now())
    return ResidenceContact.objects.create(
        member=member,
        residence_organization=residence_organization,
        residence_org_path=residence_organization.path,
        letter_number=letter_number,
        letter_date=letter_date,
        issuing_body=issuing_body,
        category=category,
        valid_from=valid_from,
        note=note,
    )


def _manages_contact(user, contact: ResidenceContact) -> None:
    """Either side of a residence contact may record on it (workplace or residence)."""
    if not may_act(RESIDENCE, "comment", user, contact):
        require_manage(user, contact.residence_organization)


@transaction.atomic
def end_residence_contact(*, user, contact: ResidenceContact, on: dt.date) -> ResidenceContact:
    contact = (
        ResidenceContact.objects.select_for_update()
        .select_related("member__organization", "residence_organization")
        .get(pk=contact.pk)
    )
    _manages_contact(user, contact)
    if not applies(RESIDENCE, "end", contact):
        raise ValidationError(_("This contact has already ended."), code="ended")
    if on is None or on <= contact.valid_from or on > timezone.localdate():
        raise ValidationError(
            {"valid_to": _("The end must be after the start and not in the future.")},
            code="date_order",
        )
    contact.valid_to = on
    contact.save(update_fields=["valid_to", "updated_at"])
    return contact


@transaction.atomic
def assign_residence_branch(
    *, user, contact: ResidenceContact, branch: Organization
) -> ResidenceContact:
    """The receiving commune committee hands the member to a branch of its own (QĐ 213 Đ4)."""
    contact = (
        ResidenceContact.objects.select_for_update()
        .select_related("residence_organization")
        .get(pk=contact.pk)
    )
    require_manage(user, contact.residence_organization)
    require_manage(user, branch)
    if not branch.path.startswith(contact.residence_organization.path) or not branch.is_branch:
        raise ValidationError(
            {"branch": _("Choose a branch of the receiving organization.")}, code="branch"
        )
    require_branch(branch)
    contact.residence_organization = branch
    contact.residence_org_path = branch.path
    contact.save(update_fields=["residence_organization", "residence_org_path", "updated_at"])
    return contact


@transaction.atomic
def add_residence_comment(
    *,
    user,
    contact: ResidenceContact,
    year: int,
    content: str,
    received_on: dt.date,
    signed_by: str = "",
) -> ResidenceComment:
    """R5.4 (QĐ 213 Đ3.4): the residence branch's yearly comment on the working member."""
    contact = ResidenceContact.objects.select_related(
        "member__organization", "residence_organization"
    ).get(pk=contact.pk)
    _manages_contact(user, contact)
    errors: dict[str, list] = {}
    today = timezone.localdate()
    if not year or year < contact.valid_from.year or year > today.year:
        errors["year"] = [_("The year must fall within the contact, up to this year.")]
    if not (content or "").strip():
        errors["content"] = [_("Write the comment.")]
    if received_on is None:
        errors["received_on"] = [_("Enter the date.")]
    elif received_on > today:
        errors["received_on"] = [_("The date is in the future.")]
    elif year and received_on.year < year:
        errors["received_on"] = [_("A comment on a year is received during or after it.")]
    if not errors and ResidenceComment.objects.filter(contact=contact, year=year).exists():
        errors["year"] = [_("The comment for this year is already recorded.")]
    if errors:
        raise ValidationError(errors, code="invalid")
    return ResidenceComment.objects.create(
        contact=contact,
        year=year,
        content=content.strip(),
        signed_by=signed_by,
        received_on=received_on,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
