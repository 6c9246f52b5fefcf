"""The history sheets of a members workbook: placements ("Quá trình sinh hoạt"), concurrent
posts ("Chức danh kiêm nhiệm", with the village heads) and committee seats ("Cấp ủy").

They are read after the members sheet, every row checked against the members the sheet
creates and those already registered, then written in the same transaction. A record already
in the registry (member + kind + dates) is left alone, so importing the same file again
changes nothing. Problems name the sheet with the column ("Cấp ủy: Từ ngày").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.core.text import fold
from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind
from dangvu.members.models import Member, MemberPost, Placement
from dangvu.organizations.models import CommitteeSeat, Locality, Organization

from .columns import auto_mapping, header_key
from .engine import ERROR, WARNING, Importer, Problem, Row, _short, chunks
from .history import Facts, Stint, fill_kinds
from .history_evaluations import EvaluationSheets
from .history_posts import PostSheets
from .history_records import RecordSheets
from .reading import FileProblem, open_table

# Sheet names (after header_key) → the kind of rows they hold.
SHEET_KINDS = {
    "qua trinh sinh hoat": "placements",
    "qua trinh sinh hoat dang": "placements",
    "chuc danh kiem nhiem": "posts",
    "chuc danh": "posts",
    "cap uy": "seats",
    "cap uy vien": "seats",
    "ky luat": "disciplines",
    "ky luat dang vien": "disciplines",
    "sinh hoat chi bo": "attendance",
    "tong hop sinh hoat chi bo": "attendance",
    "ket qua danh gia": "evaluations",
    "danh gia xep loai": "evaluations",
}
SHEET_TITLES = {
    "placements": "Quá trình sinh hoạt",
    "posts": "Chức danh kiêm nhiệm",
    "seats": "Cấp ủy",
    "disciplines": "Kỷ luật",
    "attendance": "Sinh hoạt chi bộ",
    "evaluations": "Kết quả đánh giá",
}
# Sheets of the subtree export that other kinds of import read.
OTHER_SHEETS = {"to chuc", "to chuc dang", "dia ban", "thon to dan pho"}


class _SheetReader(Importer):
    """Reads and parses one history sheet with the engine's column and cell checks."""

    def __init__(self, kind: str, **kwargs) -> None:
        self.kind = kind
        super().__init__(**kwargs)
        self.rows: list[Row] = []

    def check(self, rows: list[Row]) -> None:
        self.rows = [row for row in rows if row.number not in self.report.bad_rows]


@dataclass
class Known:
    """A registered member, as much as the history checks need."""

    pk: int
    full_name: str
    org_path: str
    status: str
    status_since: dt.date
    admitted_on: dt.date
    recognized_on: dt.date | None

    @property
    def exit_on(self) -> dt.date | None:
        return None if self.status in ACTIVE_STATUSES else self.status_since


class HistorySheets(PostSheets, RecordSheets, EvaluationSheets):
    def __init__(self, importer) -> None:
        self.importer = importer
        self.report = importer.report
        self.readers: dict[str, _SheetReader] = {}
        self.sheet_of: dict[str, str] = {}
        self.posts: list[dict[str, Any]] = []
        self.seats: list[dict[str, Any]] = []
        self.heads: dict[int, Any] = {}  # locality pk → member (new or known)
        self.placements_set = 0
        self.unchanged = 0

    # --- problems

    def _error(self, kind: str, row: int, key: str, message: str, value: Any = "") -> None:
        reader = self.readers[kind]
        column = f"{self.sheet_of[kind]}: {reader.column(key)}"
        self.report.problems.append(Problem(row, column, str(message), ERROR, _short(value)))

    # --- reading

    def load(self, path: str, sheets: list[str], members_sheet: str) -> None:
        for name in sheets:
            if name == members_sheet:
                continue
            key = header_key(name)
            kind = SHEET_KINDS.get(key)
            if kind is None:
                if key not in OTHER_SHEETS:
                    self.report.problems.append(
                        Problem(
                            0,
                            name,
                            _("This sheet was not recognized and is not imported."),
                            WARNING,
                        )
                    )
                continue
            if kind in self.readers:
                continue
            try:
                table = open_table(path, kind, name)
            except FileProblem as problem:
                self.report.problems.append(Problem(0, name, str(problem), ERROR))
                continue
            reader = _SheetReader(
                kind,
                run=self.importer.run,
                user=self.importer.user,
                organization=self.importer.organization,
                progress=self.importer.progress,
            )
            try:
                reader.load(table, auto_mapping(kind, table.headers))
            finally:
                table.close()
            # An empty history sheet (the export writes every sheet) is no problem.
            empty = _("The file has column headers but no data rows.")
            for p in reader.report.problems:
                if p.row == 0 and p.message == empty:
                    continue
                column = f"{name}: {p.column}" if p.column else name
                self.report.problems.append(Problem(p.row, column, p.message, p.severity, p.value))
            self.readers[kind] = reader
            self.sheet_of[kind] = name
        if not self.readers:
            return
        self._index()
        if "placements" in self.readers:
            self._check_placements()
        if "posts" in self.readers:
            self._check_posts()
        if "seats" in self.readers:
            self._check_seats()
        if "disciplines" in self.readers:
            self._check_disciplines()
        if "attendance" in self.readers:
            self._check_attendance()
        if "evaluations" in self.readers:
            self._check_evaluations()

    def _index(self) -> None:
        creates = [member for _row, member in self.importer.creates]
        self.new_by_cccd = {m.citizen_id: m for m in creates if m.citizen_id}
        self.new_by_card = {m.card_number: m for m in creates if m.card_number}
        cccds, cards = set(), set()
        for reader in self.readers.values():
            for row in reader.rows:
                if row.data.get("citizen_id") and row.data["citizen_id"] not in self.new_by_cccd:
                    cccds.add(row.data["citizen_id"])
                if row.data.get("card_number") and row.data["card_number"] not in self.new_by_card:
                    cards.add(row.data["card_number"])
        self.by_cccd: dict[str, Known] = {}
        self.by_card: dict[str, Known] = {}
        fields = ("pk", "full_name", "org_path", "status", "status_since", "admitted_on")
        fields += ("recognized_on",)
        for values, lookup, table in (
            (cccds, "citizen_id", self.by_cccd),
            (cards, "card_number", self.by_card),
        ):
            for part in chunks(sorted(values)):
                for row in Member.objects.filter(**{f"{lookup}__in": part}).values(lookup, *fields):
                    key = row.pop(lookup)
                    table[key] = Known(**row)
        known = {k.pk for k in (*self.by_cccd.values(), *self.by_card.values())}
        self.db_placements: dict[int, list[tuple[int, str, dt.date, dt.date | None]]] = {}
        for part in chunks(sorted(known)):
            for member_id, org_id, path, start, end in (
                Placement.objects.filter(member_id__in=part, kind=PlacementKind.OFFICIAL)
                .order_by("valid_from")
                .values_list(
                    "member_id", "organization_id", "organization__path", "valid_from", "valid_to"
                )
            ):
                self.db_placements.setdefault(member_id, []).append((org_id, path, start, end))
        subtree = Organization.objects.filter(subtree_q("path", self.importer.organization.path))
        self.orgs = {fold(o.code): o for o in subtree}
        self.org_by_pk = {o.pk: o for o in self.orgs.values()}

    def _member(self, kind: str, row: Row):
        """The row's member: one the members sheet creates, or a registered one (in scope)."""
        cccd, card = row.data.get("citizen_id"), row.data.get("card_number")
        found = [
            m
            for m in (
                self.new_by_cccd.get(cccd or "") or self.by_cccd.get(cccd or ""),
                self.new_by_card.get(card or "") or self.by_card.get(card or ""),
            )
            if m is not None
        ]
        if not found:
            self._error(
                kind,
                row.number,
                "citizen_id" if cccd or not card else "card_number",
                _("No member with this CCCD or card number in the members sheet or the registry."),
                cccd or card or "",
            )
            return None
        if len(found) == 2 and found[0] is not found[1]:
            self._error(
                kind,
                row.number,
                "card_number",
                _("This card number belongs to another member than this CCCD."),
                card,
            )
            return None
        member = found[0]
        if isinstance(member, Known) and not member.org_path.startswith(
            self.importer.organization.path
        ):
            self._error(
                kind,
                row.number,
                "citizen_id",
                _("This member is registered outside %(org)s.")
                % {"org": self.importer.organization.name},
                cccd or card,
            )
            return None
        return member

    @staticmethod
    def _stints_of(member) -> list[tuple[str, dt.date, dt.date | None]]:
        """(branch path, from, to) of a member's official placements, planned or registered."""
        return [(s.branch.path, s.start, s.end) for s in member._stints]

    @staticmethod
    def _is_known(member) -> bool:
        return isinstance(member, Known)

    @staticmethod
    def _ident(member) -> int:
        return member.pk if isinstance(member, Known) else id(member)

    def _placements_of(self, member) -> list[tuple[Organization, dt.date, dt.date | None]]:
        if isinstance(member, Known):
            return [
                (self.org_by_pk[o], a, b)
                for o, _p, a, b in self.db_placements.get(member.pk, [])
                if o in self.org_by_pk
            ]
        return [(s.branch, s.start, s.end) for s in member._stints]

    @staticmethod
    def _exit_of(member) -> tuple[str | None, dt.date | None]:
        if isinstance(member, Known):
            return (member.status, member.exit_on) if member.exit_on else (None, None)
        return member._facts.exit_kind, member._facts.exit_on

    def _intervals(self, member) -> list[tuple[str, dt.date, dt.date | None]]:
        if isinstance(member, Known):
            return [(p, a, b) for _o, p, a, b in self.db_placements.get(member.pk, [])]
        return self._stints_of(member)

    # --- placements

    def _branch(self, kind: str, row: Row, key: str) -> Organization | None:
        text = row.data.get(key)
        org = self.orgs.get(fold(text or ""))
        if org is None:
            self._error(
                kind,
                row.number,
                key,
                _("No organization with the code %(code)s in %(org)s.")
                % {"code": text, "org": self.importer.organization.name},
                text,
            )
        return org

    def _check_placements(self) -> None:
        groups: dict[int, tuple[Any, list[Stint]]] = {}
        for row in self.readers["placements"].rows:
            member = self._member("placements", row)
            branch = self._branch("placements", row, "branch")
            if member is None or branch is None:
                continue
            if not branch.is_branch:
                self._error(
                    "placements",
                    row.number,
                    "branch",
                    _("%(name)s is not a party branch: members are placed in branches.")
                    % {"name": branch.name},
                    row.data["branch"],
                )
                continue
            start, end = row.data["valid_from"], row.data.get("valid_to")
            if branch.dissolved_on and (end is None or end > branch.dissolved_on):
                self._error(
                    "placements",
                    row.number,
                    "valid_to",
                    _("Branch %(name)s was dissolved on %(date)s.")
                    % {"name": branch.name, "date": f"{branch.dissolved_on:%d/%m/%Y}"},
                )
                continue
            stint = Stint(
                branch,
                start,
                end,
                row.data.get("start_kind") or "",
                row.data.get("end_kind"),
                row.number,
            )
            groups.setdefault(id(member), (member, []))[1].append(stint)
        for member, stints in groups.values():
            stints.sort(key=lambda s: s.start)
            if isinstance(member, Known):
                self._compare_placements(member, stints)
                continue
            facts: Facts = member._facts
            problems = fill_kinds(stints, facts)
            last = stints[-1]
            if last.branch.pk != member.organization_id:
                problems.append(
                    (
                        last.row,
                        "branch",
                        _("The members sheet places this member in %(name)s.")
                        % {"name": member.organization.name},
                    )
                )
            for row, key, message in problems:
                self._error("placements", row, key, message)
            if not problems:
                member._stints = stints
                self.placements_set += 1

    def _compare_placements(self, member: Known, stints: list[Stint]) -> None:
        """A registered member's history is the registry's: the sheet must say the same."""
        registered = [(o, a, b) for o, _p, a, b in self.db_placements.get(member.pk, [])]
        given = [(s.branch.pk, s.start, s.end) for s in stints]
        if given and given[-1][2] is None and member.exit_on:
            given[-1] = (*given[-1][:2], member.exit_on)
        if given == registered:
            self.unchanged += 1
            return
        self._error(
            "placements",
            stints[0].row,
            "valid_from",
            _(
                "%(name)s already has another placement history in the registry; an import "
                "does not rewrite it (record moves through their procedure)."
            )
            % {"name": member.full_name},
        )

    def summary(self) -> dict[str, int]:
        """What the history sheets add (planned, written by `write`) and leave unchanged."""
        return {
            "placements": self.placements_set,
            "posts": len(self.posts),
            "seats": len(self.seats),
            "heads": len(self.heads),
            "disciplines": len(getattr(self, "disciplines", [])),
            "attendance": len(getattr(self, "summaries", []))
            + len(getattr(self, "summary_updates", [])),
            "evaluations": len(getattr(self, "evaluations", [])),
            "unchanged": self.unchanged,
        }

    # --- writing (after the members are inserted and have their ids)

    def write(self) -> dict[str, int]:
        def pk(member) -> int:
            return member.pk

        posts = [MemberPost(member_id=pk(p.pop("member")), **p) for p in self.posts]
        MemberPost.objects.bulk_create(posts, batch_size=1000)
        seats = [CommitteeSeat(member_id=pk(s.pop("member")), **s) for s in self.seats]
        CommitteeSeat.objects.bulk_create(seats, batch_size=1000)
        now = timezone.now()
        for locality_id, member in self.heads.items():
            Locality.objects.filter(pk=locality_id).update(
                head_member_id=pk(member), updated_at=now
            )
        counts = {"posts": len(posts), "seats": len(seats), "heads": len(self.heads)}
        actor = self.importer.user if getattr(self.importer.user, "pk", None) else None
        tag = {"import": self.importer.run.pk}
        actor_id = actor.pk if actor else None
        counts["evaluations"] = self._write_evaluations(actor_id)
        return {**counts, **self._write_records(actor_id, tag)}
