"""Importing the organization tree and the localities of a subtree.

These are hundreds of rows, not 100,000: they are written through the ordinary model saves
(and `organizations.services.update_organization` for edits), so django-auditlog records each
change itself, tagged with the run through auditlog's `set_extra_data`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.core.text import fold
from dangvu.organizations.choices import DIRECT_KINDS, GRASSROOTS_KINDS
from dangvu.organizations.models import Locality, Organization, OrganizationLink
from dangvu.organizations.services import EDITABLE_FIELDS, update_organization

from .engine import Importer, Row, chunks


class OrganizationImporter(Importer):
    kind = "organizations"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.creates: list[Row] = []  # in an order where every parent comes first
        self.updates: list[tuple[Organization, dict[str, Any]]] = []
        self.unchanged = 0

    def check(self, rows: list[Row]) -> None:
        root = self.organization
        codes = {r.data["code"] for r in rows if r.data.get("code")}
        # A parent is looked up in the database as well as in the file: a file may add one
        # branch under a grassroots organization that is already there (its scope is checked
        # in _plan_creates).
        codes |= {r.data["parent"] for r in rows if r.data.get("parent")}
        existing: dict[str, Organization] = {}
        for part in chunks(sorted(codes)):
            for org in Organization.objects.filter(code__in=part):
                existing[org.code] = org
        in_file: dict[str, Row] = {}
        for row in rows:
            code = row.data.get("code")
            if code is None:
                continue
            if code in in_file:
                self.report.error(
                    row.number,
                    self.column("code"),
                    _("The code %(code)s is also on row %(row)s.")
                    % {"code": code, "row": in_file[code].number},
                    code,
                )
                continue
            in_file[code] = row
        pending: list[Row] = []
        for row in rows:
            if row.number in self.report.bad_rows or row.data.get("code") is None:
                continue
            code = row.data["code"]
            org = existing.get(code)
            if org is None:
                pending.append(row)
                continue
            if not org.path.startswith(root.path):
                self.report.error(
                    row.number,
                    self.column("code"),
                    _("The code %(code)s is used by an organization outside %(org)s.")
                    % {"code": code, "org": root.name},
                    code,
                )
                continue
            self._plan_update(row, org)
        self._plan_creates(pending, existing, in_file)

    @staticmethod
    def _parent_code(org: Organization) -> str | None:
        parent = Organization.objects.get_parent(org) if org.depth > 1 else None
        return parent.code if parent else None

    def _plan_update(self, row: Row, org: Organization) -> None:
        data = row.data
        if data.get("kind") and data["kind"] != org.kind:
            self.report.error(
                row.number,
                self.column("kind"),
                _("Changing an organization's kind is a reorganization, not an import."),
                data["kind"],
            )
            return
        if "parent" in self.columns and data.get("parent") is not None:
            current = self._parent_code(org)
            if current is None or fold(current) != fold(data["parent"]):
                self.report.error(
                    row.number,
                    self.column("parent"),
                    _("Moving an organization is a reorganization, not an import."),
                    data["parent"],
                )
                return
        changes = {}
        for name in EDITABLE_FIELDS:
            if name not in self.columns:
                continue
            value = data.get(name)
            if value is None:
                if name in ("name",):
                    return
                if name in ("may_admit",):
                    value = False
                elif name == "sector":
                    value = Organization._meta.get_field("sector").default
                elif name == "position":
                    continue
            if getattr(org, name) != value:
                changes[name] = value
        if not changes:
            self.unchanged += 1
            return
        probe = Organization(**{**{f: getattr(org, f) for f in EDITABLE_FIELDS}, **changes})
        try:
            probe.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.report.error(row.number, self.column(name), message)
            return
        self.updates.append((org, changes))

    def _parent_refusal(self, parent: Organization, code: str) -> str:
        """Why a new organization may not go under `parent`, already in the database: it must
        be inside the run's organization and the importing user's scope, and not dissolved."""
        root = self.organization
        outside = not parent.path.startswith(root.path)
        if not outside and self.user is not None:
            outside = not self.user.can_manage(parent)
        if outside:
            return _("Superior organization %(code)s is not inside %(org)s.") % {
                "code": code,
                "org": root.name,
            }
        if parent.dissolved_on is not None:
            return _(
                "Superior organization %(code)s was dissolved on %(date)s: nothing can be "
                "added under it."
            ) % {"code": code, "date": parent.dissolved_on.strftime("%d/%m/%Y")}
        return ""

    def _plan_creates(self, pending: list[Row], existing, in_file) -> None:
        placed: dict[str, str] = {code: org.kind for code, org in existing.items()}
        remaining = list(pending)
        while remaining:
            progressed = False
            for row in list(remaining):
                parent_code = row.data.get("parent")
                if parent_code is None:
                    remaining.remove(row)
                    self.report.error(
                        row.number,
                        self.column("parent"),
                        _("A new organization needs the code of its superior organization."),
                    )
                    progressed = True
                    continue
                parent = existing.get(parent_code)
                refusal = self._parent_refusal(parent, parent_code) if parent else None
                if refusal:
                    remaining.remove(row)
                    self.report.error(row.number, self.column("parent"), refusal, parent_code)
                    progressed = True
                    continue
                if parent_code not in placed:
                    if parent_code not in in_file or in_file[parent_code].number in (
                        self.report.bad_rows
                    ):
                        remaining.remove(row)
                        self.report.error(
                            row.number,
                            self.column("parent"),
                            _("No superior organization has the code %(code)s.")
                            % {"code": parent_code},
                            parent_code,
                        )
                        progressed = True
                    continue
                remaining.remove(row)
                progressed = True
                probe = Organization(
                    name=row.data["name"] or "",
                    code=row.data["code"],
                    kind=row.data["kind"],
                    founded_on=row.data.get("founded_on"),
                    dissolved_on=row.data.get("dissolved_on"),
                )
                parent_probe = Organization(kind=placed[parent_code])
                try:
                    probe.check_parent_kind(parent_probe)
                    probe.clean()
                except ValidationError as error:
                    for message in error.messages:
                        self.report.error(row.number, self.column("kind"), message)
                    continue
                placed[row.data["code"]] = row.data["kind"]
                self.creates.append(row)
            if not progressed:
                for row in remaining:
                    self.report.error(
                        row.number,
                        self.column("parent"),
                        _("The superior organizations form a loop."),
                        row.data.get("parent"),
                    )
                break

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
        }

    def write(self) -> None:
        self.progress.phase(_("Writing"), len(self.creates) + len(self.updates), "write")
        today = timezone.localdate()
        for org, changes in self.updates:
            update_organization(self.user, org, changes)
            self.progress.advance()
        by_code: dict[str, Organization] = {}
        for row in self.creates:
            data = row.data
            parent_code = data["parent"]
            parent = by_code.get(parent_code) or Organization.objects.get(code=parent_code)
            parent.refresh_from_db()
            fields = {
                "name": data["name"],
                "code": data["code"],
                "kind": data["kind"],
                "sector": data.get("sector") or Organization._meta.get_field("sector").default,
                "may_admit": bool(data.get("may_admit")),
                "founded_on": data.get("founded_on"),
                "dissolved_on": data.get("dissolved_on"),
                "position": data.get("position")
                if data.get("position") is not None
                else parent.numchild + 1,
            }
            org = Organization.objects.add_child(parent, fields)
            # Without a founding date the organization is in the tree as far back as its
            # parent is, so the history imported under it (past years' placements, meetings)
            # is seen by the reports of those years, not only from the day of the import.
            start = org.founded_on or _tree_start(parent, today)
            OrganizationLink.objects.create(
                organization=org,
                parent=parent,
                kind=org.kind,
                name=org.name,
                valid_from=start,
                valid_to=org.dissolved_on
                if org.dissolved_on and org.dissolved_on > start
                else None,
            )
            by_code[org.code] = org
            self.progress.advance()


def _tree_start(parent: Organization, today) -> object:
    """The day the parent entered the tree (its earliest link), or today."""
    first = (
        OrganizationLink.objects.filter(organization=parent)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    return min(first, today) if first else today


class LocalityImporter(Importer):
    kind = "localities"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.creates: list[Locality] = []
        self.updates: list[Locality] = []
        self.unchanged = 0

    def check(self, rows: list[Row]) -> None:
        orgs = {
            fold(org.code): org
            for org in Organization.objects.filter(subtree_q("path", self.organization.path))
        }
        existing = {
            (loc.commune_id, fold(loc.name)): loc
            for loc in Locality.objects.filter(subtree_q("commune__path", self.organization.path))
        }
        seen: dict[tuple[int, str], int] = {}
        for row in rows:
            if row.number in self.report.bad_rows:
                continue
            data = row.data
            commune = orgs.get(fold(data["commune"]))
            if commune is None or commune.kind not in (*DIRECT_KINDS, *GRASSROOTS_KINDS):
                self.report.error(
                    row.number,
                    self.column("commune"),
                    _("%(org)s has no commune-level organization with this code.")
                    % {"org": self.organization.name},
                    data["commune"],
                )
                continue
            branch = None
            if data.get("branch"):
                branch = orgs.get(fold(data["branch"]))
                if branch is None or not branch.is_branch:
                    self.report.error(
                        row.number,
                        self.column("branch"),
                        _("No branch with this code in %(org)s.") % {"org": self.organization.name},
                        data["branch"],
                    )
                    continue
            key = (commune.pk, fold(data["name"]))
            if key in seen:
                self.report.error(
                    row.number,
                    self.column("name"),
                    _("The same locality is also on row %(row)s.") % {"row": seen[key]},
                    data["name"],
                )
                continue
            seen[key] = row.number
            values = {
                "kind": data["kind"],
                "branch": branch,
                "head_name": data.get("head_name") or "",
                "households": data.get("households"),
            }
            values = {k: v for k, v in values.items() if k in self.columns or k == "kind"}
            locality = existing.get(key)
            if locality is None:
                self.creates.append(Locality(name=data["name"], commune=commune, **values))
                continue
            changed = False
            for name, value in values.items():
                current = getattr(locality, name)
                if current != value:
                    setattr(locality, name, value)
                    changed = True
            if changed:
                self.updates.append(locality)
            else:
                self.unchanged += 1

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
        }

    def write(self) -> None:
        self.progress.phase(_("Writing"), len(self.creates) + len(self.updates), "write")
        for locality in [*self.creates, *self.updates]:
            locality.save()
            self.progress.advance()
