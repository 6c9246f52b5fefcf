"""How the reports list members and membership changes behind a figure (drill-down)."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.exports import Column
from dangvu.members.choices import EventKind, Gender
from dangvu.reports.lists import ListType
from dangvu.reports.queries.scope import Scope

GENDERS = dict(Gender.choices)
EVENT_KINDS = dict(EventKind.choices)


def _joins_placements(queryset: QuerySet) -> bool:
    return "members_placement" in queryset.query.alias_map


def _member_branch(queryset: QuerySet, scope: Scope) -> QuerySet:
    if scope.current or not _joins_placements(queryset):
        return queryset.annotate(branch=F("organization__name"))
    # The branch the member was placed in on the date (the placement the filter used).
    return queryset.annotate(branch=F("placements__organization__name"))


def _event_names(queryset: QuerySet, scope: Scope) -> QuerySet:
    return queryset.annotate(member_name=F("member__full_name"), branch=F("organization__name"))


MEMBERS = ListType(
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
        Column(_("Official membership date"), lambda r: r["recognized_on"], kind="date", width=12),
    ],
    ("sort_key", "id"),
    annotate=_member_branch,
)

EVENTS = ListType(
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
    annotate=_event_names,
)
