"""Writes to organizations: scope check, validation, dated history, one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.core.services import require_manage
from dangvu.members.models import Member

from .models import Organization, OrganizationLink

# What an editor may change on the organization page. Moving a node or changing its kind is a
# reorganization (its own service), not an edit.
EDITABLE_FIELDS = ("name", "sector", "may_admit", "founded_on", "dissolved_on", "position")


def _record_link_change(org: Organization, renamed: bool, newly_dissolved: bool) -> None:
    """Keep OrganizationLink (the as-of tree) in step: a rename opens a new dated interval,
    a dissolution closes the open one (history is data, ARCHITECTURE principle 2)."""
    link = (
        OrganizationLink.objects.select_for_update()
        .filter(organization=org, valid_to__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if link is None:
        return
    today = timezone.localdate()
    if renamed:
        if link.valid_from >= today:
            link.name = org.name
            link.save(update_fields=["name"])
        else:
            link.valid_to = today
            link.save(update_fields=["valid_to"])
            link = OrganizationLink.objects.create(
                organization=org,
                parent=link.parent,
                kind=link.kind,
                name=org.name,
                valid_from=today,
            )
    if newly_dissolved and org.dissolved_on > link.valid_from:
        link.valid_to = org.dissolved_on
        link.save(update_fields=["valid_to"])


@transaction.atomic
def update_organization(user, org: Organization, data: dict[str, Any]) -> Organization:
    """Edit an organization's own fields (name, sector, dates, order) inside the user's scope."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    require_manage(user, org)
    old_name, was_dissolved = org.name, org.dissolved_on is not None
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(org, name, data[name])
    org.full_clean()
    newly_dissolved = org.dissolved_on is not None and not was_dissolved
    if newly_dissolved:
        # A dissolved organization must not keep members or live sub-organizations: they would
        # drop out of every count (merge or move them first).
        if Member.objects.active().filter(subtree_q("org_path", org.path)).exists():
            raise ValidationError(
                {"dissolved_on": _("Move the members of this organization before dissolving it.")},
                code="has_members",
            )
        live_children = Organization.objects.filter(
            subtree_q("path", org.path), depth__gt=org.depth, dissolved_on__isnull=True
        )
        if live_children.exists():
            raise ValidationError(
                {"dissolved_on": _("Dissolve or move its sub-organizations first.")},
                code="has_children",
            )
    org.save()
    _record_link_change(org, renamed=org.name != old_name, newly_dissolved=newly_dissolved)
    return org
