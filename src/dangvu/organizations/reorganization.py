"""Reorganization services (sắp xếp tổ chức, rules.md R1.7 and §1b): merge, split, dissolve,
re-parent and re-classify organizations in one atomic, effective-dated operation.

`reorganize(user, plan, effective_on, ...)` runs the plan's operations in order inside one
transaction; `preview(...)` runs exactly the same code and rolls it back, so the preview shows
what will change (and refuses what would be refused) without writing anything.

What a run does:
- the current tree (treebeard) is changed; the dated OrganizationLinks are closed and opened on
  the effective date, so the tree of any earlier date (and its reports) stays as it was;
- after a move the materialized paths of the subtree change: every denormalized organization
  path (a CharField named `org_path` or ending in `_org_path`, in any dangvu app) is rewritten
  in one UPDATE per field;
- members of merged or split branches move with the effective date: placements closed and
  opened that day and a REORGANIZED event each, which is no gap in party age (§12 case 26);
- dissolved organizations stay in the tree with `dissolved_on` and their history.

A plan is JSON: {"operations": [op, ...]} with ops
  {"op": "reparent", "organizations": [id, ...], "parent": id}
  {"op": "dissolve", "organizations": [id, ...]}
  {"op": "merge", "sources": [id, ...], "target": id}
  {"op": "split", "source": id, "dissolve_source": bool,
   "parts": [{"name": str, "code": str, "kind": str, "parent": id | null,
              "members": [id, ...], "children": [id, ...]}]}
  {"op": "reclassify", "organizations": [id, ...], "kind": str, "parent": id | null}
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.core.services import require_manage

from .choices import BRANCH_KINDS, Kind, ReorganizationKind
from .models import Organization, OrganizationLink, Reorganization


def path_fields() -> list[tuple[type[models.Model], str]]:
    """Every denormalized organization path: CharFields named `org_path` or `*_org_path`."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("dangvu.") or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and (
                field.name == "org_path" or field.name.endswith("_org_path")
            ):
                found.append((model, field.name))
    return found


def rewrite_paths(old: str, new: str) -> int:
    """After a subtree moved from `old` to `new`: one UPDATE per denormalized path field."""
    changed = 0
    for model, name in path_fields():
        changed += model._base_manager.filter(subtree_q(name, old)).update(
            **{name: Concat(Value(new), Substr(name, len(old) + 1))}
        )
    return changed


def _ids(value: Any, field: str) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
        raise ValidationError({field: _("Expected a list of ids.")}, code="plan")
    return value


class _Run:
    """One execution of a plan (kept or rolled back by the caller)."""

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
        from dangvu.members.models import Member

        members = Member.objects.active().filter(subtree_q("org_path", old_path)).count()
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
        from dangvu.members.models import Member

        org.refresh_from_db()
        if not org.is_active:
            self.refuse(_("%(org)s is already dissolved.") % {"org": org.name})
        if Member.objects.active().filter(subtree_q("org_path", org.path)).exists():
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
        effective date: placements closed and opened, a REORGANIZED event each (no gap)."""
        from dangvu.members.choices import ACTIVE_STATUSES, EventKind
        from dangvu.members.models import Member, MemberEvent, Placement

        source.refresh_from_db()
        target.refresh_from_db()
        if target.kind not in BRANCH_KINDS or not target.is_active:
            self.refuse(
                _("The members of %(source)s need an active branch to go to, not %(target)s.")
                % {"source": source.name, "target": target.name}
            )
        placements = Placement.objects.filter(organization=source, valid_to__isnull=True)
        members = Member.objects.filter(organization=source, status__in=ACTIVE_STATUSES)
        if member_ids is not None:
            placements = placements.filter(member_id__in=member_ids)
            members = members.filter(pk__in=member_ids)
            if members.count() != len(set(member_ids)):
                self.refuse(
                    _("Some of the listed members are not active members of %(org)s.")
                    % {"org": source.name},
                    field="members",
                )
        late = placements.filter(valid_from__gte=self.on).select_related("member").first()
        if late is not None:
            self.refuse(
                _("%(member)s joined %(org)s on or after the effective date.")
                % {"member": late.member.full_name, "org": source.name}
            )
        rows = list(placements.values_list("pk", "member_id", "kind"))
        moved = list(members.values_list("pk", flat=True))
        now = timezone.now()
        Placement.objects.filter(pk__in=[pk for pk, _m, _k in rows]).update(
            valid_to=self.on, updated_at=now
        )
        Placement.objects.bulk_create(
            [
                Placement(member_id=m, organization=target, kind=k, valid_from=self.on)
                for _pk, m, k in rows
            ]
        )
        event_members = sorted({m for _pk, m, _k in rows} | set(moved))
        MemberEvent.objects.bulk_create(
            [
                MemberEvent(
                    member_id=m,
                    kind=EventKind.REORGANIZED,
                    occurred_on=self.on,
                    organization=source,
                    org_path=source.path,
                    other_organization=target,
                    decision_number=self.record.decision_number,
                    decision_date=self.record.decision_date,
                    decision_body=self.record.decision_body,
                    details={"reorganization": self.record.pk},
                    recorded_by=self.user if getattr(self.user, "pk", None) else None,
                )
                for m in event_members
            ]
        )
        Member.objects.filter(pk__in=moved).update(
            organization=target, org_path=target.path, version=F("version") + 1, updated_at=now
        )
        if moved:
            self.summary["members_moved"] += len(moved)
            self.summary["member_moves"].append(
                {"from": source.name, "to": target.name, "members": len(moved)}
            )
        return len(moved)

    # ---- operations ------------------------------------------------------------------------

    def op_reparent(self, op: dict) -> None:
        parent = self.org(op.get("parent"), "parent")
        for pk in _ids(op.get("organizations"), "organizations"):
            self.move(self.org(pk), parent)

    def op_dissolve(self, op: dict) -> None:
        for pk in _ids(op.get("organizations"), "organizations"):
            self.dissolve(self.org(pk))

    def op_merge(self, op: dict) -> None:
        target = self.org(op.get("target"), "target")
        sources = _ids(op.get("sources"), "sources")
        if not sources:
            self.refuse(_("Choose the organizations to merge."), field="sources")
        for pk in sources:
            source = self.org(pk, "sources")
            if source.pk == target.pk:
                self.refuse(_("An organization cannot be merged into itself."), field="sources")
            if target.path.startswith(source.path):
                self.refuse(
                    _("%(org)s contains the target organization.") % {"org": source.name},
                    field="sources",
                )
            if source.kind in BRANCH_KINDS:
                self.move_members(source, target)
            children = Organization.objects.filter(
                subtree_q("path", source.path), depth=source.depth + 1, dissolved_on__isnull=True
            ).order_by("path")
            for child in list(children):
                self.touched.add(child.pk)
                self.move(child, self.org(target.pk, "target"))
            self.dissolve(source)

    def op_split(self, op: dict) -> None:
        source = self.org(op.get("source"), "source")
        parts = op.get("parts") or []
        if not isinstance(parts, list) or not parts:
            self.refuse(_("Describe at least one new organization."), field="parts")
        for part in parts:
            if not isinstance(part, dict):
                self.refuse(_("Describe at least one new organization."), field="parts")
            kind = part.get("kind")
            if kind not in Kind.values:
                self.refuse(_("Choose the kind of the new organization."), field="kind")
            parent_pk = part.get("parent")
            parent = self.org(parent_pk, "parent") if parent_pk else self.parent_of(source)
            if parent is None:
                self.refuse(_("Choose the superior organization."), field="parent")
            require_manage(self.user, parent)
            name, code = (part.get("name") or "").strip(), (part.get("code") or "").strip()
            if not name or not code:
                self.refuse(_("The new organization needs a name and a code."), field="name")
            if Organization.objects.filter(code=code).exists():
                self.refuse(_("This code is already used."), field="code")
            probe = Organization(name=name, code=code, kind=kind)
            try:
                probe.check_parent_kind(parent)
            except ValidationError as error:
                self.refuse(error.messages[0], field="kind")
            parent.refresh_from_db()
            new = Organization.objects.add_child(
                parent,
                {
                    "name": name,
                    "code": code,
                    "kind": kind,
                    "sector": source.sector,
                    "founded_on": self.on,
                    "position": parent.numchild + 1,
                },
            )
            OrganizationLink.objects.create(
                organization=new, parent=parent, kind=kind, name=name, valid_from=self.on
            )
            self.touched.add(new.pk)
            self.summary["created"].append(name)
            member_ids = _ids(part.get("members"), "members")
            if member_ids:
                self.move_members(source, new, member_ids)
            for pk in _ids(part.get("children"), "children"):
                child = self.org(pk, "children")
                if self.parent_of(child) is None or self.parent_of(child).pk != source.pk:
                    self.refuse(
                        _("%(org)s is not directly under %(source)s.")
                        % {"org": child.name, "source": source.name},
                        field="children",
                    )
                self.move(child, new)
        if op.get("dissolve_source"):
            self.dissolve(source)

    def op_reclassify(self, op: dict) -> None:
        kind = op.get("kind")
        if kind not in Kind.values:
            self.refuse(_("Choose the new kind."), field="kind")
        parent_pk = op.get("parent")
        new_parent = self.org(parent_pk, "parent") if parent_pk else None
        for pk in _ids(op.get("organizations"), "organizations"):
            org = self.org(pk)
            old_kind = org.kind
            if not org.is_active:
                self.refuse(_("%(org)s is dissolved.") % {"org": org.name})
            parent = new_parent or self.parent_of(org)
            probe = Organization(name=org.name, code=org.code, kind=kind)
            try:
                probe.check_parent_kind(parent)
                children = Organization.objects.filter(
                    subtree_q("path", org.path), depth=org.depth + 1, dissolved_on__isnull=True
                )
                for child in children:
                    child.check_parent_kind(probe)
            except ValidationError as error:
                self.refuse(error.messages[0], field="kind")
            if kind not in BRANCH_KINDS and old_kind in BRANCH_KINDS:
                from dangvu.members.models import Member

                if Member.objects.active().filter(organization=org).exists():
                    self.refuse(
                        _("%(org)s has members: only a branch holds members.") % {"org": org.name},
                        field="kind",
                    )
            Organization.objects.filter(pk=org.pk).update(kind=kind, updated_at=timezone.now())
            org.kind = kind
            old_parent = self.parent_of(org)
            if parent is not None and (old_parent is None or old_parent.pk != parent.pk):
                self.move(org, parent)
            else:
                self.relink(org, parent)
            self.summary["reclassified"].append(
                {
                    "organization": org.name,
                    "from": str(Kind(old_kind).label),
                    "to": str(Kind(kind).label),
                }
            )

    OPERATIONS = {
        "reparent": op_reparent,
        "dissolve": op_dissolve,
        "merge": op_merge,
        "split": op_split,
        "reclassify": op_reclassify,
    }

    def run(self, plan: dict) -> dict[str, Any]:
        operations = plan.get("operations") if isinstance(plan, dict) else None
        if not isinstance(operations, list) or not operations:
            raise ValidationError({"plan": _("The plan has no operation.")}, code="plan")
        for op in operations:
            handler = self.OPERATIONS.get(op.get("op") if isinstance(op, dict) else None)
            if handler is None:
                raise ValidationError({"plan": _("Unknown operation.")}, code="plan")
            handler(self, op)
        self.summary["operations"] = dict(Counter(op["op"] for op in operations))
        return self.summary

    def scope_path(self) -> str:
        """The deepest organization containing everything touched (after the run)."""
        paths = list(
            Organization.objects.filter(pk__in=self.touched).values_list("path", flat=True)
        )
        common = paths[0] if paths else ""
        for path in paths[1:]:
            while not path.startswith(common):
                common = common[: -Organization.steplen]
        step = Organization.steplen
        common = common[: len(common) // step * step]
        # A record about one organization belongs to its superior (who decided it).
        if len(paths) == 1 and len(common) > step:
            common = common[:-step]
        return common


def _check_effective_on(effective_on: dt.date | None) -> None:
    if effective_on is None:
        raise ValidationError({"effective_on": _("Enter the date.")}, code="required")
    if effective_on > timezone.localdate():
        raise ValidationError(
            {"effective_on": _("Run a reorganization on or after its effective date.")},
            code="future",
        )


def _execute(user, plan, effective_on, kind, decision) -> tuple[Reorganization, dict]:
    if kind not in ReorganizationKind.values:
        raise ValidationError({"kind": _("Choose the kind of reorganization.")}, code="required")
    _check_effective_on(effective_on)
    if decision.get("decision_date") and decision["decision_date"] > timezone.localdate():
        raise ValidationError({"decision_date": _("The date is in the future.")}, code="future")
    record = Reorganization.objects.create(
        kind=kind,
        effective_on=effective_on,
        plan=plan if isinstance(plan, dict) else {},
        recorded_by=user if getattr(user, "pk", None) else None,
        org_path="",
        **decision,
    )
    run = _Run(user, effective_on, record)
    summary = run.run(plan)
    record.summary = summary
    record.org_path = run.scope_path()
    record.save(update_fields=["summary", "org_path"])
    return record, summary


@transaction.atomic
def reorganize(
    user,
    plan: dict,
    effective_on: dt.date,
    kind: str,
    *,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    decision_body: str = "",
    note: str = "",
) -> Reorganization:
    """Run the plan atomically (all operations or none) and keep its record."""
    decision = {
        "decision_number": decision_number,
        "decision_date": decision_date,
        "decision_body": decision_body,
        "note": note,
    }
    record, _summary = _execute(user, plan, effective_on, kind, decision)
    return record


def preview(user, plan: dict, effective_on: dt.date, kind: str, **decision) -> dict[str, Any]:
    """What `reorganize` would change, computed by running it and rolling it back: no writes.
    Raises the same ValidationError/PermissionDenied the real run would."""
    decision = {
        "decision_number": decision.get("decision_number", ""),
        "decision_date": decision.get("decision_date"),
        "decision_body": decision.get("decision_body", ""),
        "note": decision.get("note", ""),
    }
    with transaction.atomic():
        _record, summary = _execute(user, plan, effective_on, kind, decision)
        transaction.set_rollback(True)
    return summary
