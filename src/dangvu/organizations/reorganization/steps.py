"""The primitive steps of a reorganization run: load an organization the user manages, keep
the dated links, move a subtree, dissolve, and move a branch's members (through the members
app's hook: this app imports no domain app)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.core.services import require_manage

from .. import hooks
from ..choices import BRANCH_KINDS
from ..models import Organization, OrganizationLink, Reorganization
from .paths import rewrite_paths


def ids(value: Any, field: str) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
        raise ValidationError({field: _("Expected a list of ids.")}, code="plan")
    return value


class Steps:
    """One execution of a plan (kept or rolled back by the caller): its primitive steps."""

    def __init__(self, user, effective_on: dt.date, record: Reorganization) -> None:
        self.user = user
        self.on = effective_on
        self.record = record
        self.touched: set[int] = set()
        self.summary: dict[str, Any] = {
            "organizations_moved": 0,
            "members_moved": 0,
            "members_in_moved_subtrees": 0,
            "moves": [],
            "member_moves": [],
            "dissolved": [],
            "created": [],
            "reclassified": [],
        }

    # ---- loading and checks ----------------------------------------------------------------

    def org(self, pk: Any, field: str = "organizations") -> Organization:
        """A fresh copy (paths change as the plan runs) of an organization the user manages."""
        if not isinstance(pk, int):
            raise ValidationError({field: _("Expected an organization id.")}, code="plan")
        org = Organization.objects.visible_to(self.user).filter(pk=pk).first()
        if org is None:
            raise ValidationError(
                {field: _("There is no organization with id %(id)s in your scope.") % {"id": pk}},
                code="unknown",
            )
        require_manage(self.user, org)
        self.touched.add(org.pk)
        return org

    def refuse(self, message: str, field: str = "plan") -> None:
        raise ValidationError({field: message}, code="refused")

    def parent_of(self, org: Organization) -> Organization | None:
        return Organization.objects.get_parent(org, update=True)

    # ---- dated history ---------------------------------------------------------------------

    def relink(self, org: Organization, parent: Organization | None) -> None:
        """Close the open link on the effective date and open one with the new parent/kind."""
        link = (
            OrganizationLink.objects.select_for_update()
            .filter(organization=org, valid_to__isnull=True)
            .order_by("-valid_from")
            .first()
        )
        if link is not None:
            if link.valid_from > self.on:
                self.refuse(
                    _("%(org)s changed after the effective date (%(date)s).")
                    % {"org": org.name, "date": link.valid_from.strftime("%d/%m/%Y")}
                )
            if link.valid_from == self.on:
                link.parent, link.kind, link.name = parent, org.kind, org.name
                link.save(update_fields=["parent", "kind", "name"])
                return
            link.valid_to = self.on
            link.save(update_fields=["valid_to"])
        OrganizationLink.objects.create(
            organization=org, parent=parent, kind=org.kind, name=org.name, valid_from=self.on
        )

    # ---- primitive steps -------------------------------------------------------------------

    def move(self, org: Organization, parent: Organization) -> Organization:
        """Re-parent `org` (and its subtree) under `parent` on the effective date."""
        org.refresh_from_db()
        parent.refresh_from_db()
        if not org.is_active or not parent.is_active:
            self.refuse(_("Dissolved organizations cannot be moved or receive others."))
        if parent.path.startswith(org.path):
            self.refuse(
                _("%(org)s cannot be moved under itself or its own sub-organization.")
                % {"org": org.name}
            )
        try:
            org.check_parent_kind(parent)
        except ValidationError as error:
            self.refuse(error.messages[0])
        old_parent = self.parent_of(org)
        if old_parent is not None and old_parent.pk == parent.pk:
            return org
        old_path = org.path
        nodes = Organization.objects.filter(subtree_q("path", old_path)).count()
        members = hooks.active_members(org, subtree=True)
        Organization.objects.move(org, parent, "last-child")
        org.refresh_from_db()
        rewrite_paths(old_path, org.path)
        self.relink(org, parent)
        self.summary["organizations_moved"] += nodes
        self.summary["members_in_moved_subtrees"] += members
        self.summary["moves"].append(
            {
                "organization": org.name,
                "from": old_parent.name if old_parent else "",
                "to": parent.name,
                "sub_organizations": nodes - 1,
                "members": members,
            }
        )
        return org

    def dissolve(self, org: Organization) -> None:
        org.refresh_from_db()
        if not org.is_active:
            self.refuse(_("%(org)s is already dissolved.") % {"org": org.name})
        if hooks.has_active_members(org, subtree=True):
            self.refuse(_("Move the members of %(org)s before dissolving it.") % {"org": org.name})
        if Organization.objects.filter(
            subtree_q("path", org.path), depth__gt=org.depth, dissolved_on__isnull=True
        ).exists():
            self.refuse(
                _("Dissolve or move the sub-organizations of %(org)s first.") % {"org": org.name}
            )
        if org.founded_on and org.founded_on > self.on:
            self.refuse(_("%(org)s was founded after the effective date.") % {"org": org.name})
        link = (
            OrganizationLink.objects.select_for_update()
            .filter(organization=org, valid_to__isnull=True)
            .order_by("-valid_from")
            .first()
        )
        if link is not None:
            if link.valid_from >= self.on:
                self.refuse(
                    _("%(org)s changed on or after the effective date.") % {"org": org.name}
                )
            link.valid_to = self.on
            link.save(update_fields=["valid_to"])
        org.dissolved_on = self.on
        org.save(update_fields=["dissolved_on", "updated_at"])
        self.summary["dissolved"].append(org.name)

    def move_members(
        self, source: Organization, target: Organization, member_ids: list[int] | None = None
    ) -> int:
        """Members of branch `source` (all, or the listed ones) join branch `target` on the
        effective date; the members app closes and opens their placements and records a
        REORGANIZED event each (no gap in party age, §12 case 26)."""
        source.refresh_from_db()
        target.refresh_from_db()
        if target.kind not in BRANCH_KINDS or not target.is_active:
            self.refuse(
                _("The members of %(source)s need an active branch to go to, not %(target)s.")
                % {"source": source.name, "target": target.name}
            )
        moved = hooks.move_members(
            user=self.user,
            record=self.record,
            source=source,
            target=target,
            on=self.on,
            member_ids=member_ids,
        )
        if moved:
            self.summary["members_moved"] += moved
            self.summary["member_moves"].append(
                {"from": source.name, "to": target.name, "members": moved}
            )
        return moved
