"""The whole-subtree export: organizations, localities and members in one workbook whose
sheets and headers are exactly what the import reads (columns.py), so that exporting a subtree
and importing the file elsewhere gives back the same records (round trip).

Rows are streamed from the database in chunks and written in openpyxl's write-only mode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from dangvu.core.exports import Column, Sheet, csv_lines, write_workbook
from dangvu.core.scope import subtree_q
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Member
from dangvu.organizations.models import Locality, Organization

from .columns import LOCALITY_SPECS, MEMBER_SPECS, ORGANIZATION_SPECS

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


def member_columns() -> list[Column]:
    columns = []
    m = Member
    for spec in MEMBER_SPECS:
        key = spec.key
        if key in ("birth_date", "admitted_on", "recognized_on", "status_since"):
            columns.append(Column(spec.label, lambda r, k=key: r[k], kind="date", width=12))
        elif key == "branch":
            columns.append(Column(spec.label, lambda r: r["branch"], width=12))
        elif m._meta.get_field(key).choices and key != "ethnicity":
            label = _labels(m, key)
            columns.append(Column(spec.label, lambda r, k=key, f=label: f(r[k]), width=14))
        else:
            width = 28 if key in ("full_name", "hometown", "residence", "workplace") else 14
            columns.append(Column(spec.label, lambda r, k=key: r[k], width=width))
    return columns


def member_rows(root: Organization) -> Iterator[dict[str, Any]]:
    """The subtree's current members (probationary and official), branch by branch."""
    codes = dict(
        Organization.objects.filter(subtree_q("path", root.path)).values_list("pk", "code")
    )
    fields = [k for k in MEMBER_FIELDS if k != "branch"] + ["organization_id"]
    queryset = (
        Member.objects.filter(subtree_q("org_path", root.path), status__in=ACTIVE_STATUSES)
        .order_by("org_path", "sort_key", "pk")
        .values(*fields)
    )
    for row in queryset.iterator(chunk_size=5000):
        row["branch"] = codes.get(row["organization_id"])
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
        ],
    )


def member_csv_lines(root: Organization) -> Iterator[str]:
    return csv_lines(member_columns(), member_rows(root))
