"""The whole-subtree export: organizations, localities and members in one workbook whose
sheets and headers are exactly what the import reads (columns.py), so that exporting a subtree
and importing the file elsewhere gives back the same records (round trip).

Rows are streamed from the database in chunks and written in openpyxl's write-only mode.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import F
from django.utils import timezone

from dangvu.core.exports import Column, Sheet, csv_lines, write_workbook
from dangvu.core.scope import subtree_q
from dangvu.evaluations.choices import EvaluationStep
from dangvu.evaluations.models import MemberEvaluation, OrganizationEvaluation
from dangvu.meetings.models import AttendanceSummary
from dangvu.members.choices import ACTIVE_STATUSES, EventKind, PlacementKind
from dangvu.members.discipline.models import Discipline
from dangvu.members.models import Member, MemberEvent, MemberPost, Placement
from dangvu.organizations.models import CommitteeSeat, Locality, Organization

from .columns import (
    ATTENDANCE_SPECS,
    DISCIPLINE_SPECS,
    END_KINDS,
    EVALUATION_SPECS,
    EXIT_KINDS,
    LOCALITY_SPECS,
    MEMBER_SPECS,
    ORGANIZATION_SPECS,
    PLACEMENT_SPECS,
    POST_SPECS,
    SEAT_SPECS,
    START_KINDS,
)
from .history_sheets import SHEET_TITLES as HISTORY_TITLES

SHEET_TITLES = {"organizations": "Tổ chức", "localities": "Địa bàn", "members": "Đảng viên"}


def _labels(model, name: str) -> Callable[[Any], Any]:
    """value → its label in the active language, computed once per column (not per cell)."""
    table = {key: str(label) for key, label in model._meta.get_field(name).flatchoices}

    def label(value: Any) -> Any:
        if value in (None, ""):
            return None
        return table.get(value, value)

    return label


def _spec_labels(specs) -> dict[str, str]:
    return {s.key: s.label for s in specs}


def organization_columns() -> list[Column]:
    label = _spec_labels(ORGANIZATION_SPECS)
    kind, sector = _labels(Organization, "kind"), _labels(Organization, "sector")
    return [
        Column(label["code"], lambda r: r["code"], width=12),
        Column(label["name"], lambda r: r["name"], width=40),
        Column(label["kind"], lambda r: kind(r["kind"]), width=26),
        Column(label["parent"], lambda r: r["parent"], width=12),
        Column(label["sector"], lambda r: sector(r["sector"]), width=20),
        Column(label["may_admit"], lambda r: "Có" if r["may_admit"] else "Không", width=10),
        Column(label["founded_on"], lambda r: r["founded_on"], kind="date", width=12),
        Column(label["dissolved_on"], lambda r: r["dissolved_on"], kind="date", width=12),
        Column(label["position"], lambda r: r["position"], kind="int", width=8),
    ]


def organization_rows(root: Organization) -> Iterator[dict[str, Any]]:
    code_of: dict[str, str] = {}
    if root.depth > 1:
        parent = Organization.objects.get_parent(root)
        code_of[parent.path] = parent.code
    fields = ("path", "code", "name", "kind", "sector", "may_admit", "founded_on")
    fields += ("dissolved_on", "position")
    queryset = Organization.objects.filter(subtree_q("path", root.path)).order_by("path")
    for row in queryset.values(*fields).iterator(chunk_size=2000):
        code_of[row["path"]] = row["code"]
        row["parent"] = code_of.get(row["path"][: -Organization.steplen])
        yield row


def locality_columns() -> list[Column]:
    label = _spec_labels(LOCALITY_SPECS)
    kind = _labels(Locality, "kind")
    return [
        Column(label["name"], lambda r: r["name"], width=30),
        Column(label["kind"], lambda r: kind(r["kind"]), width=14),
        Column(label["commune"], lambda r: r["commune__code"], width=12),
        Column(label["branch"], lambda r: r["branch__code"], width=12),
        Column(label["head_name"], lambda r: r["head_name"], width=28),
        Column(label["households"], lambda r: r["households"], kind="int", width=10),
    ]


def locality_rows(root: Organization) -> Iterator[dict[str, Any]]:
    queryset = Locality.objects.filter(subtree_q("commune__path", root.path)).order_by(
        "commune__path", "name", "pk"
    )
    fields = ("name", "kind", "commune__code", "branch__code", "head_name", "households")
    yield from queryset.values(*fields).iterator(chunk_size=2000)


MEMBER_FIELDS = [s.key for s in MEMBER_SPECS]


# Members-sheet columns the export leaves out: the placements sheet carries the history.
NOT_EXPORTED = ("joined_on",)
DATE_KEYS = (
    "birth_date",
    "admitted_on",
    "recognized_on",
    "status_since",
    "ceremony_on",
    "recognition_date",
    "exit_on",
    "exit_date",
)


def member_columns() -> list[Column]:
    columns = []
    m = Member
    kinds = {key: str(label) for key, label in EventKind.choices}
    for spec in MEMBER_SPECS:
        key = spec.key
        if key in NOT_EXPORTED:
            continue
        if key == "exit_kind":
            columns.append(
                Column(spec.label, lambda r: kinds.get(r["exit_kind"]) if r["exit_kind"] else None)
            )
        elif key in DATE_KEYS:
            columns.append(Column(spec.label, lambda r, k=key: r[k], kind="date", width=12))
        elif key == "branch":
            columns.append(Column(spec.label, lambda r: r["branch"], width=12))
        elif key in HISTORY_KEYS:
            columns.append(Column(spec.label, lambda r, k=key: r[k], width=20))
        elif m._meta.get_field(key).choices and key != "ethnicity":
            label = _labels(m, key)
            columns.append(Column(spec.label, lambda r, k=key, f=label: f(r[k]), width=14))
        else:
            width = 28 if key in ("full_name", "hometown", "residence", "workplace") else 14
            columns.append(Column(spec.label, lambda r, k=key: r[k], width=width))
    return columns


# Members-sheet keys filled from the member's events, not from Member fields.
HISTORY_KEYS = (
    "admission_number",
    "admission_body",
    "ceremony_on",
    "recognition_number",
    "recognition_date",
    "recognition_body",
    "exit_kind",
    "exit_on",
    "exit_number",
    "exit_date",
    "exit_body",
)
_EXIT_KINDS = [k for k, _label in EXIT_KINDS]


def _decisions(root: Organization) -> dict[tuple[int, str], tuple]:
    """(member, kind) → (date, number, decision date, body) of the admission, recognition and
    exit events of the subtree's members (the last of each kind)."""
    kinds = [EventKind.ADMITTED, EventKind.RECOGNIZED, *_EXIT_KINDS]
    found: dict[tuple[int, str], tuple] = {}
    queryset = (
        MemberEvent.objects.filter(subtree_q("member__org_path", root.path), kind__in=kinds)
        .order_by("member_id", "occurred_on", "id")
        .values_list(
            "member_id", "kind", "occurred_on", "decision_number", "decision_date", "decision_body"
        )
    )
    for member_id, kind, on, number, date, body in queryset.iterator(chunk_size=5000):
        found[(member_id, kind)] = (on, number, date, body)
    return found


def member_rows(root: Organization) -> Iterator[dict[str, Any]]:
    """The subtree's members, current and former, branch by branch, with the decisions of
    their admission, recognition and exit (history.py reads them back)."""
    codes = dict(
        Organization.objects.filter(subtree_q("path", root.path)).values_list("pk", "code")
    )
    decisions = _decisions(root)
    fields = [k for k in MEMBER_FIELDS if k not in ("branch", *HISTORY_KEYS, *NOT_EXPORTED)]
    queryset = (
        Member.objects.filter(subtree_q("org_path", root.path))
        .order_by("org_path", "sort_key", "pk")
        .values("pk", "organization_id", *fields)
    )
    blank = (None, "", None, "")
    for row in queryset.iterator(chunk_size=5000):
        pk = row["pk"]
        row["branch"] = codes.get(row["organization_id"])
        on, number, _date, body = decisions.get((pk, EventKind.ADMITTED), blank)
        row.update(ceremony_on=on, admission_number=number, admission_body=body)
        _on, number, date, body = decisions.get((pk, EventKind.RECOGNIZED), blank)
        row.update(recognition_number=number, recognition_date=date, recognition_body=body)
        former = row["status"] not in ACTIVE_STATUSES
        row["exit_kind"] = row["status"] if former else None
        on, number, date, body = decisions.get((pk, row["status"]), blank) if former else blank
        row.update(exit_on=on, exit_number=number, exit_date=date, exit_body=body)
        yield row


# --- the history sheets (history_sheets.py reads them back)


def _who(label: dict[str, str]) -> list[Column]:
    return [
        Column(label["citizen_id"], lambda r: r["member__citizen_id"], width=14),
        Column(label["card_number"], lambda r: r["member__card_number"], width=14),
        Column(label["full_name"], lambda r: r["member__full_name"], width=28),
    ]


WHO_FIELDS = ("member__citizen_id", "member__card_number", "member__full_name")
MEMBER_ORDER = ("member__org_path", "member__sort_key", "member_id")


def placement_columns() -> list[Column]:
    label = _spec_labels(PLACEMENT_SPECS)
    kinds = {key: str(text) for key, text in EventKind.choices}
    return [
        *_who(label),
        Column(label["branch"], lambda r: r["organization__code"], width=12),
        Column(label["valid_from"], lambda r: r["valid_from"], kind="date", width=12),
        Column(label["valid_to"], lambda r: r["valid_to"], kind="date", width=12),
        Column(label["start_kind"], lambda r: kinds.get(r["start_kind"]), width=20),
        Column(label["end_kind"], lambda r: kinds.get(r["end_kind"]), width=20),
    ]


def placement_rows(root: Organization) -> Iterator[dict[str, Any]]:
    """Official placements of the subtree's members, with the kinds of the events on their
    first and last days."""
    starts = [k for k, _label in START_KINDS]
    ends = [k for k, _label in END_KINDS]
    on_day: dict[tuple[int, dt.date, bool], str] = {}
    for member_id, kind, on in (
        MemberEvent.objects.filter(
            subtree_q("member__org_path", root.path), kind__in={*starts, *ends}
        )
        .values_list("member_id", "kind", "occurred_on")
        .iterator(chunk_size=5000)
    ):
        if kind in starts:
            on_day[(member_id, on, True)] = kind
        if kind in ends:
            on_day[(member_id, on, False)] = kind
    queryset = (
        Placement.objects.filter(
            subtree_q("member__org_path", root.path), kind=PlacementKind.OFFICIAL
        )
        .order_by(*MEMBER_ORDER, "valid_from")
        .values("member_id", *WHO_FIELDS, "organization__code", "valid_from", "valid_to")
    )
    for row in queryset.iterator(chunk_size=5000):
        row["start_kind"] = on_day.get((row["member_id"], row["valid_from"], True))
        row["end_kind"] = (
            on_day.get((row["member_id"], row["valid_to"], False)) if row["valid_to"] else None
        )
        yield row


def post_columns() -> list[Column]:
    label = _spec_labels(POST_SPECS)
    kind = _labels(MemberPost, "kind")
    return [
        *_who(label),
        Column(label["kind"], lambda r: kind(r["kind"]), width=24),
        Column(label["title"], lambda r: r["title"], width=20),
        Column(label["locality"], lambda r: r["locality__name"], width=20),
        Column(label["commune"], lambda r: r["locality__commune__code"], width=10),
        Column(label["valid_from"], lambda r: r["valid_from"], kind="date", width=12),
        Column(label["valid_to"], lambda r: r["valid_to"], kind="date", width=12),
    ]


def post_rows(root: Organization) -> Iterator[dict[str, Any]]:
    queryset = (
        MemberPost.objects.filter(subtree_q("member__org_path", root.path))
        .order_by(*MEMBER_ORDER, "valid_from", "kind", "pk")
        .values(
            *WHO_FIELDS,
            "kind",
            "title",
            "locality__name",
            "locality__commune__code",
            "valid_from",
            "valid_to",
        )
    )
    yield from queryset.iterator(chunk_size=5000)


def seat_columns() -> list[Column]:
    label = _spec_labels(SEAT_SPECS)
    role = _labels(CommitteeSeat, "role")
    return [
        *_who(label),
        Column(label["organization"], lambda r: r["organization__code"], width=12),
        Column(label["role"], lambda r: role(r["role"]), width=20),
        Column(label["valid_from"], lambda r: r["valid_from"], kind="date", width=12),
        Column(label["valid_to"], lambda r: r["valid_to"], kind="date", width=12),
    ]


def seat_rows(root: Organization) -> Iterator[dict[str, Any]]:
    queryset = (
        CommitteeSeat.objects.filter(subtree_q("organization__path", root.path))
        .order_by("organization__path", "valid_from", "role", *MEMBER_ORDER)
        .values(*WHO_FIELDS, "organization__code", "role", "valid_from", "valid_to")
    )
    yield from queryset.iterator(chunk_size=5000)


def discipline_columns() -> list[Column]:
    label = _spec_labels(DISCIPLINE_SPECS)
    form = _labels(Discipline, "form")
    return [
        *_who(label),
        Column(label["form"], lambda r: form(r["form"]), width=16),
        Column(label["reason"], lambda r: r["reason"], width=40),
        Column(label["post"], lambda r: r["post"] or None, width=20),
        Column(label["decision_number"], lambda r: r["decision_number"] or None, width=14),
        Column(label["decision_body"], lambda r: r["decision_body"] or None, width=24),
        Column(label["signed_on"], lambda r: r["signed_on"], kind="date", width=12),
        Column(label["announced_on"], lambda r: r["announced_on"], kind="date", width=12),
    ]


def discipline_rows(root: Organization) -> Iterator[dict[str, Any]]:
    """Decided disciplines of the subtree's members (cases still open are not history)."""
    queryset = (
        Discipline.objects.filter(subtree_q("member__org_path", root.path), signed_on__isnull=False)
        .order_by(*MEMBER_ORDER, "signed_on", "pk")
        .values(
            *WHO_FIELDS,
            "form",
            "reason",
            "post",
            "decision_number",
            "decision_body",
            "signed_on",
            "announced_on",
        )
    )
    yield from queryset.iterator(chunk_size=5000)


def attendance_columns() -> list[Column]:
    label = _spec_labels(ATTENDANCE_SPECS)
    return [
        Column(label["branch"], lambda r: r["organization__code"], width=12),
        Column(label["year"], lambda r: r["year"], kind="int", width=8),
        Column(label["month"], lambda r: r["month"], kind="int", width=8),
        Column(label["meetings_held"], lambda r: r["meetings_held"], kind="int", width=10),
        Column(label["present"], lambda r: r["present"], kind="int", width=10),
        Column(label["excused"], lambda r: r["excused"], kind="int", width=10),
        Column(label["absent"], lambda r: r["absent"], kind="int", width=10),
    ]


def attendance_rows(root: Organization) -> Iterator[dict[str, Any]]:
    queryset = (
        AttendanceSummary.objects.filter(subtree_q("org_path", root.path))
        .order_by("org_path", "year", "month")
        .values(
            "organization__code",
            "year",
            "month",
            "meetings_held",
            "present",
            "excused",
            "absent",
        )
    )
    yield from queryset.iterator(chunk_size=5000)


def evaluation_columns() -> list[Column]:
    label = _spec_labels(EVALUATION_SPECS)
    rating = _labels(MemberEvaluation, "rating")
    return [
        Column(label["year"], lambda r: r["year"], kind="int", width=8),
        Column(label["citizen_id"], lambda r: r.get("member__citizen_id"), width=14),
        Column(label["card_number"], lambda r: r.get("member__card_number"), width=14),
        Column(label["full_name"], lambda r: r.get("member__full_name"), width=28),
        Column(label["organization"], lambda r: r.get("code"), width=12),
        Column(label["rating"], lambda r: rating(r["rating"]), width=24),
        Column(label["points"], lambda r: r["self_total"], kind="decimal", width=8),
        Column(label["decision_number"], lambda r: r["decision_number"] or None, width=14),
        Column(label["decided_on"], lambda r: r["decided_on"], kind="date", width=12),
    ]


def evaluation_rows(root: Organization) -> Iterator[dict[str, Any]]:
    """Decided levels of the subtree, organizations then members, year by year."""
    fields = ("year", "rating", "self_total", "decision_number", "decided_at")
    decided = {"step": EvaluationStep.DECIDED, "excluded": False}
    organizations = (
        OrganizationEvaluation.objects.filter(
            subtree_q("org_path", root.path), step=EvaluationStep.DECIDED
        )
        .exclude(rating="")
        .order_by("year", "org_path")
        .values(*fields, code=F("organization__code"))
    )
    members = (
        MemberEvaluation.objects.filter(subtree_q("org_path", root.path), **decided)
        .exclude(rating="")
        .order_by("year", "org_path", "member__sort_key", "member_id")
        .values(*fields, *WHO_FIELDS)
    )
    for queryset in (organizations, members):
        for row in queryset.iterator(chunk_size=5000):
            row["decided_on"] = timezone.localtime(row["decided_at"]).date()
            yield row


def write_subtree(target, root: Organization) -> dict[str, int]:
    """Write the subtree's workbook to `target` (path or binary file); rows per sheet."""
    return write_workbook(
        target,
        [
            Sheet(
                SHEET_TITLES["organizations"],
                organization_columns(),
                organization_rows(root),
                False,
            ),
            Sheet(SHEET_TITLES["localities"], locality_columns(), locality_rows(root), False),
            Sheet(SHEET_TITLES["members"], member_columns(), member_rows(root), False),
            Sheet(HISTORY_TITLES["placements"], placement_columns(), placement_rows(root), False),
            Sheet(HISTORY_TITLES["posts"], post_columns(), post_rows(root), False),
            Sheet(HISTORY_TITLES["seats"], seat_columns(), seat_rows(root), False),
            Sheet(
                HISTORY_TITLES["disciplines"], discipline_columns(), discipline_rows(root), False
            ),
            Sheet(HISTORY_TITLES["attendance"], attendance_columns(), attendance_rows(root), False),
            Sheet(
                HISTORY_TITLES["evaluations"], evaluation_columns(), evaluation_rows(root), False
            ),
        ],
    )


def member_csv_lines(root: Organization) -> Iterator[str]:
    """The members sheet alone, as csv (the current members, as before the history)."""
    rows = (r for r in member_rows(root) if r["status"] in ACTIVE_STATUSES)
    return csv_lines(member_columns(), rows)
