"""Importing party members: every row checked first, then created/updated in bulk.

Rows are matched to the registry by CCCD, then by party card number, so that importing the
same file again changes nothing. New members are built by `members.services.prepare_member`
(the denormalized org_path, sort and search keys exactly as `create_member` sets them) with
their opening placement; changed members are updated field by field. Per-row auditlog
signals are far too slow for 100,000 rows (STACK-NOTES), so the import writes one auditlog
entry per changed member itself, in bulk, with additional_data {"import": run id}.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.admissions.rules import ProfileHistory, admission_age_problem
from dangvu.core.scope import subtree_q
from dangvu.core.text import fold, sort_key
from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind, Status
from dangvu.members.models import Member, Placement
from dangvu.members.services import prepare_member
from dangvu.organizations.models import Organization

from .engine import Importer, Row, chunks
from .history import Facts, default_stints
from .history_members import MemberFacts
from .history_sheets import HistorySheets
from .member_writes import PROFILE_FIELDS, MemberWriter

# A blank identity cell never erases a number already on record.
KEEP_WHEN_BLANK = ("card_number", "citizen_id", "status_since")
# Nobody alive was born this long ago: a sanity bound on typed dates, not a regulation.
MAX_AGE_YEARS = 120
_DEFAULTS = {
    name: Member._meta.get_field(name).get_default()
    for name in PROFILE_FIELDS
    if name not in ("full_name", "birth_date", "gender", "admitted_on")
}


class MemberImporter(MemberFacts, MemberWriter, Importer):
    kind = "members"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.creates: list[tuple[int, Member]] = []
        self.updates: list[tuple[int, Member, dict[str, tuple[Any, Any]]]] = []
        self.moves: dict[int, tuple[Organization, Organization]] = {}  # member pk → (from, to)
        self.recognitions: set[int] = set()
        self.unchanged = 0
        self.history: HistorySheets | None = None
        self.backfills: list[tuple[Member, Organization, dt.date, Facts]] = []

    def load(self, table, mapping: dict[int, str]) -> None:
        """The members sheet, then the workbook's history sheets (placements, posts, seats),
        checked against the planned and the registered members: all written together."""
        super().load(table, mapping)
        if any(p.row == 0 and p.severity == "error" for p in self.report.problems):
            return
        self.history = HistorySheets(self)
        self.history.load(self.run.stored_file, table.sheets, table.sheet)

    def required_columns(self) -> list[str]:
        keys = super().required_columns()
        if not self.organization.is_branch:
            keys.append("branch")
        return keys

    # --- branches of the subtree, by code or by name

    def _branches(self) -> tuple[dict[str, Organization], dict[str, list[Organization]]]:
        by_code: dict[str, Organization] = {}
        by_name: dict[str, list[Organization]] = {}
        for org in Organization.objects.filter(subtree_q("path", self.organization.path)):
            by_code[fold(org.code)] = org
            by_name.setdefault(fold(org.name), []).append(org)
        return by_code, by_name

    def _branch_of(self, row: Row, by_code, by_name) -> Organization | None:
        text = row.data.get("branch")
        if text is None:
            return self.organization if self.organization.is_branch else None
        key = fold(text)
        org = by_code.get(key)
        if org is None:
            found = by_name.get(key, [])
            if len(found) > 1:
                self.report.error(
                    row.number,
                    self.column("branch"),
                    _("Several organizations are named %(name)s: write the branch's code.")
                    % {"name": text},
                    text,
                )
                return None
            org = found[0] if found else None
        if org is None:
            self.report.error(
                row.number,
                self.column("branch"),
                _("No branch %(name)s in %(org)s (by code or name).")
                % {"name": text, "org": self.organization.name},
                text,
            )
            return None
        if not org.is_branch:
            self.report.error(
                row.number,
                self.column("branch"),
                _("%(name)s is not a party branch: members are placed in branches.")
                % {"name": org.name},
                text,
            )
            return None
        if not org.is_active:
            self.report.error(
                row.number,
                self.column("branch"),
                _("Branch %(name)s was dissolved.") % {"name": org.name},
                text,
            )
            return None
        return org

    # --- checks

    def check(self, rows: list[Row]) -> None:
        today = timezone.localdate()
        profiles = ProfileHistory()
        by_code, by_name = self._branches()
        seen_cccd: dict[str, int] = {}
        seen_card: dict[str, int] = {}
        for row in rows:
            data = row.data
            data["organization"] = self._branch_of(row, by_code, by_name)
            if data.get("citizen_id") is None and data.get("card_number") is None:
                if not {(row.number, "citizen_id"), (row.number, "card_number")} & self.cell_errors:
                    self.report.error(
                        row.number,
                        self.column("citizen_id"),
                        _(
                            "Each member needs a CCCD or a party card number, so that a later "
                            "import finds them again."
                        ),
                    )
            birth, admitted = data.get("birth_date"), data.get("admitted_on")
            if birth and birth.year < today.year - MAX_AGE_YEARS:
                self.report.error(
                    row.number,
                    self.column("birth_date"),
                    _("This date of birth is impossible (more than %(n)s years ago).")
                    % {"n": MAX_AGE_YEARS},
                    birth.strftime("%d/%m/%Y"),
                )
            elif birth and admitted and admitted > birth:
                problem = admission_age_problem(birth, admitted, profiles)
                if problem:
                    self.report.error(
                        row.number,
                        self.column("admitted_on"),
                        problem,
                        admitted.strftime("%d/%m/%Y"),
                    )
            self._check_exit(row)
            for key, seen, label in (
                ("citizen_id", seen_cccd, _("CCCD")),
                ("card_number", seen_card, _("party card number")),
            ):
                value = data.get(key)
                if value is None:
                    continue
                first = seen.setdefault(value, row.number)
                if first != row.number:
                    message = _("The same %(what)s %(value)s is on rows %(first)s and %(row)s.")
                    params = {"what": label, "value": value, "first": first, "row": row.number}
                    self.report.error(row.number, self.column(key), message % params, value)
                    self.report.error(first, self.column(key), message % params, value)
        self._match(rows)

    def _match(self, rows: list[Row]) -> None:
        """Find each row's member (CCCD, then card number) and decide create/update/unchanged,
        a chunk of rows at a time so that the registry's rows never all sit in memory."""
        self.progress.phase(_("Comparing with the registry"), len(rows), "match")
        matched: dict[int, int] = {}  # member pk → the row that matched it
        for part in chunks(rows):
            self._match_chunk(part, matched)
            for row in part:
                row.data = {}  # planned: the parsed cells are no longer needed

    def _match_chunk(self, rows: list[Row], matched: dict[int, int]) -> None:
        cccds = [r.data["citizen_id"] for r in rows if r.data.get("citizen_id")]
        cards = [r.data["card_number"] for r in rows if r.data.get("card_number")]
        by_cccd = dict(Member.objects.filter(citizen_id__in=cccds).values_list("citizen_id", "pk"))
        by_card = dict(
            Member.objects.filter(card_number__in=cards).values_list("card_number", "pk")
        )
        wanted = set(by_cccd.values()) | set(by_card.values())
        members: dict[int, Member] = {}
        open_from: dict[int, dt.date] = {}
        if wanted:
            for member in Member.objects.filter(pk__in=wanted).select_related("organization"):
                members[member.pk] = member
            for member_id, valid_from in Placement.objects.filter(
                member_id__in=wanted, kind=PlacementKind.OFFICIAL, valid_to__isnull=True
            ).values_list("member_id", "valid_from"):
                open_from[member_id] = max(valid_from, open_from.get(member_id, valid_from))
            silent = self._without_events(wanted, members)
        today = timezone.localdate()
        for row in rows:
            self.progress.advance()
            if row.number in self.report.bad_rows:
                continue
            data = row.data
            pk_cccd = by_cccd.get(data.get("citizen_id") or "")
            pk_card = by_card.get(data.get("card_number") or "")
            if pk_cccd and pk_card and pk_cccd != pk_card:
                self.report.error(
                    row.number,
                    self.column("card_number"),
                    _("This card number belongs to another member than this CCCD."),
                    data.get("card_number"),
                )
                continue
            pk = pk_cccd or pk_card
            if pk_card and not pk_cccd and data.get("citizen_id"):
                known = members[pk_card].citizen_id
                if known and known != data["citizen_id"]:
                    self.report.error(
                        row.number,
                        self.column("citizen_id"),
                        _("This card number belongs to a member with another CCCD on record."),
                        data["citizen_id"],
                    )
                    continue
            if pk is None:
                self._plan_create(row)
                continue
            member = members[pk]
            if pk in matched:
                self.report.error(
                    row.number,
                    self.column("citizen_id" if pk_cccd else "card_number"),
                    _("Row %(row)s already matched this member.") % {"row": matched[pk]},
                    data.get("citizen_id") or data.get("card_number"),
                )
                continue
            matched[pk] = row.number
            if not member.org_path.startswith(self.organization.path):
                self.report.error(
                    row.number,
                    self.column("citizen_id" if pk_cccd else "card_number"),
                    _(
                        "A member with this number is registered in an organization outside "
                        "%(org)s; ask the superior committee (transfer)."
                    )
                    % {"org": self.organization.name},
                    data.get("citizen_id") or data.get("card_number"),
                )
                continue
            if member.status not in ACTIVE_STATUSES and not (
                data.get("exit_kind") == member.status
                and data.get("exit_on") == member.status_since
            ):
                self.report.error(
                    row.number,
                    self.column("full_name"),
                    _(
                        "This person is on record as a former member (%(status)s); "
                        "re-admission or restoration is its own procedure."
                    )
                    % {"status": member.get_status_display()},
                    data.get("full_name"),
                )
                continue
            if member.status in ACTIVE_STATUSES and data.get("exit_kind"):
                self.report.error(
                    row.number,
                    self.column("exit_kind"),
                    _(
                        "This member is on the roll in the registry: record the removal "
                        "through its procedure, not by an import."
                    ),
                    data.get("exit_kind"),
                )
                continue
            if pk in silent:
                facts = self._facts(row)
                if facts is not None:
                    self.backfills.append((member, member.organization, silent[pk], facts))
            self._plan_update(row, member, open_from.get(pk), today)

    def _clean(self, row: Row, member: Member) -> bool:
        try:
            member.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                key = "branch" if name == "organization" else name
                column = self.column(key) if key in self.specs else name
                for message in messages:
                    self.report.error(row.number, column, message)
            return False
        return True

    def _status_for(self, row: Row, recognized_on) -> str | None:
        if row.data.get("exit_kind"):
            return row.data["exit_kind"]  # a former member: checked by _check_exit
        derived = Status.OFFICIAL if recognized_on else Status.PROBATIONARY
        given = row.data.get("status")
        if given is not None and given != derived:
            self.report.error(
                row.number,
                self.column("status"),
                _("The status does not match the official membership date.")
                if given == Status.PROBATIONARY
                else _("An official member needs an official membership date."),
                given,
            )
            return None
        return derived

    def _plan_create(self, row: Row) -> None:
        data = {
            key: (row.data.get(key) if row.data.get(key) is not None else _DEFAULTS.get(key))
            for key in PROFILE_FIELDS
            if key in self.columns or key not in _DEFAULTS
        }
        facts = self._facts(row)
        status = self._status_for(row, data.get("recognized_on"))
        if status is None or facts is None:
            return
        data["status"] = status
        data["organization"] = row.data["organization"]
        # What the services leave in status_since: the exit, the recognition, the ceremony.
        if facts.exit_kind:
            data["status_since"] = facts.exit_on
        elif data.get("status_since") is None and not data.get("recognized_on"):
            data["status_since"] = facts.probation_from
        for key in ("citizen_id", "card_number", "status_since"):
            if data.get(key) is None:
                data.pop(key, None)
        member = prepare_member(data)
        if self._clean(row, member):
            member._facts = facts
            member._stints = default_stints(member.organization, facts)
            self.creates.append((row.number, member))

    def _plan_update(self, row: Row, member: Member, open_from, today: dt.date) -> None:
        changes: dict[str, tuple[Any, Any]] = {}
        for key in PROFILE_FIELDS:
            if key not in self.columns:
                continue
            new = row.data.get(key)
            if new is None:
                if key in KEEP_WHEN_BLANK:
                    continue
                if key in ("full_name", "birth_date", "gender", "admitted_on"):
                    return  # required: already reported
                new = _DEFAULTS[key]
            old = getattr(member, key)
            if new != old:
                changes[key] = (old, new)
                setattr(member, key, new)
        recognized = member.status == Status.PROBATIONARY and member.recognized_on
        if member.status not in ACTIVE_STATUSES:
            pass  # a former member whose exit matches: only the profile can change
        elif "status" in self.columns or recognized:
            status = self._status_for(row, member.recognized_on)
            if status is None:
                return
            if status != member.status and status == Status.OFFICIAL:
                changes["status"] = (member.status, status)
                member.status = status
                if "status_since" not in changes:
                    changes["status_since"] = (member.status_since, member.recognized_on)
                    member.status_since = member.recognized_on
                self.recognitions.add(member.pk)
        branch = row.data["organization"]
        if (
            branch is not None
            and branch.pk != member.organization_id
            and member.status not in ACTIVE_STATUSES
        ):
            self.report.error(
                row.number,
                self.column("branch"),
                _("A former member stays in the branch they left: %(name)s.")
                % {"name": member.organization.name},
                branch.name,
            )
            return
        if branch is not None and branch.pk != member.organization_id:
            if open_from is not None and open_from >= today:
                self.report.error(
                    row.number,
                    self.column("branch"),
                    _("The member's current placement starts today; move them tomorrow."),
                    branch.name,
                )
                return
            changes["organization"] = (member.organization_id, branch.pk)
            self.moves[member.pk] = (member.organization, branch)
            member.organization = branch
            member.org_path = branch.path
        if not changes:
            self.unchanged += 1
            return
        if not self._clean(row, member):
            self.moves.pop(member.pk, None)
            self.recognitions.discard(member.pk)
            return
        if "full_name" in changes:
            member.name_key = fold(member.full_name)
            member.sort_key = sort_key(member.full_name)
        self.updates.append((row.number, member, changes))

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
        }
