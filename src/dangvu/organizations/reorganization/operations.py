"""The operations of a reorganization plan (reparent, dissolve, merge, split, reclassify),
each made of the primitive steps (`steps.Steps`), and the run over a whole plan."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.core.services import require_manage

from .. import hooks
from ..choices import BRANCH_KINDS, Kind
from ..models import Organization, OrganizationLink
from .steps import Steps, ids


class Run(Steps):
    """One execution of a plan: its operations in order, then the scope of its record."""

    # ---- operations ------------------------------------------------------------------------

    def op_reparent(self, op: dict) -> None:
        parent = self.org(op.get("parent"), "parent")
        for pk in ids(op.get("organizations"), "organizations"):
            self.move(self.org(pk), parent)

    def op_dissolve(self, op: dict) -> None:
        for pk in ids(op.get("organizations"), "organizations"):
            self.dissolve(self.org(pk))

    def op_merge(self, op: dict) -> None:
        target = self.org(op.get("target"), "target")
        sources = ids(op.get("sources"), "sources")
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
            member_ids = ids(part.get("members"), "members")
            if member_ids:
                self.move_members(source, new, member_ids)
            for pk in ids(part.get("children"), "children"):
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
        for pk in ids(op.get("organizations"), "organizations"):
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
                if hooks.has_active_members(org, subtree=False):
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
