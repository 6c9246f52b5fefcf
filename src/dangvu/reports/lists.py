"""The lists behind the figures (drill-down): members, organizations, membership changes or
localities, each with its columns for the page and the xlsx export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.admissions.models import Candidate  # noqa: F401  (drills may list candidates' members)
from dangvu.core.exports import Column
from dangvu.members.choices import EventKind, Gender
from dangvu.members.models import Member, MemberEvent
from dangvu.organizations.choices import Kind, LocalityKind
from dangvu.organizations.models import Locality, Organization

from .queries.scope import Scope

GENDERS = dict(Gender.choices)
KINDS = dict(Kind.choices)
EVENT_KINDS = dict(EventKind.choices)
LOCALITY_KINDS = dict(LocalityKind.choices)


@dataclass
class ListType:
    key: str
    title: str
    fields: tuple[str, ...]
    columns: list[Column]
    order: tuple[str, ...]


LIST_TYPES = {
    Member: ListType(
        "members",
        _("Party members"),
        (
            "id",
            "full_name",
            "birth_date",
            "gender",
            "ethnicity",
            "branch",
            "admitted_on",
            "recognized_on",
        ),
        [
            Column(_("Full name"), lambda r: r["full_name"], width=28),
            Column(_("Date of birth"), lambda r: r["birth_date"], kind="date", width=12),
            Column(_("Gender"), lambda r: str(GENDERS.get(r["gender"], "")), width=8),
            Column(_("Ethnicity"), lambda r: r["ethnicity"], width=10),
            Column(_("Party branch"), lambda r: r["branch"], width=36),
            Column(_("Admission date"), lambda r: r["admitted_on"], kind="date", width=12),
            Column(
                _("Official membership date"), lambda r: r["recognized_on"], kind="date", width=12
            ),
        ],
        ("sort_key", "id"),
    ),
    Organization: ListType(
        "organizations",
        _("Party organizations"),
        ("id", "name", "code", "kind", "founded_on", "dissolved_on"),
        [
            Column(_("Name"), lambda r: r["name"], width=40),
            Column(_("Code"), lambda r: r["code"], width=10),
            Column(_("Kind"), lambda r: str(KINDS.get(r["kind"], r["kind"])), width=30),
            Column(_("Founded on"), lambda r: r["founded_on"], kind="date", width=12),
            Column(_("Dissolved on"), lambda r: r["dissolved_on"], kind="date", width=12),
        ],
        ("path",),
    ),
    MemberEvent: ListType(
        "events",
        _("Membership changes"),
        ("id", "member_name", "occurred_on", "kind", "branch", "decision_number", "decision_date"),
        [
            Column(_("Full name"), lambda r: r["member_name"], width=28),
            Column(_("Effective date"), lambda r: r["occurred_on"], kind="date", width=12),
            Column(_("Kind"), lambda r: str(EVENT_KINDS.get(r["kind"], r["kind"])), width=24),
            Column(_("Party branch"), lambda r: r["branch"], width=36),
            Column(_("Decision number"), lambda r: r["decision_number"], width=14),
            Column(_("Decision date"), lambda r: r["decision_date"], kind="date", width=12),
        ],
        ("occurred_on", "id"),
    ),
    Locality: ListType(
        "localities",
        _("Localities"),
        ("id", "name", "kind", "commune_name", "branch_name", "head_name"),
        [
            Column(_("Name"), lambda r: r["name"], width=28),
            Column(_("Kind"), lambda r: str(LOCALITY_KINDS.get(r["kind"], r["kind"])), width=14),
            Column(_("Commune-level organization"), lambda r: r["commune_name"], width=36),
            Column(_("Branch covering it"), lambda r: r["branch_name"], width=36),
            Column(_("Head of the locality"), lambda r: r["head_name"], width=24),
        ],
        ("commune_id", "name", "id"),
    ),
}


def list_type(queryset: QuerySet) -> ListType:
    return LIST_TYPES[queryset.model]


def rows(queryset: QuerySet, scope: Scope) -> QuerySet:
    """The list's rows as dicts (values()), with the branch of the date for members."""
    model = queryset.model
    spec = LIST_TYPES[model]
    if model is Member:
        if scope.current or not _joins_placements(queryset):
            queryset = queryset.annotate(branch=F("organization__name"))
        else:
            # The branch the member was placed in on the date (the placement the filter used).
            queryset = queryset.annotate(branch=F("placements__organization__name"))
    elif model is MemberEvent:
        queryset = queryset.annotate(
            member_name=F("member__full_name"), branch=F("organization__name")
        )
    elif model is Locality:
        queryset = queryset.annotate(commune_name=F("commune__name"), branch_name=F("branch__name"))
    return queryset.order_by(*spec.order).values(*spec.fields)


def _joins_placements(queryset: QuerySet) -> bool:
    return "members_placement" in queryset.query.alias_map


def iterate(queryset: QuerySet, scope: Scope) -> Iterator[dict]:
    """Stream the rows from the database in chunks (100,000 rows never sit in memory)."""
    return rows(queryset, scope).iterator(chunk_size=2000)
