"""The lists behind the figures (drill-down): each app declares how rows of its models are
listed (`ReportList` in `report_lists` on its AppConfig: a `ListType` with the columns for the
page and the xlsx export, and the annotation of the rows)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db.models import F, QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from dangvu.core.exports import Column
from dangvu.core.registry import registry
from dangvu.organizations.choices import Kind, LocalityKind

from .queries.scope import Scope


@dataclass
class ListType:
    key: str
    title: str
    fields: tuple[str, ...]
    columns: list[Column]
    order: tuple[str, ...]
    # Adds the fields the columns show that are not the model's own (the branch of the date).
    annotate: Callable[[QuerySet, Scope], QuerySet] | None = None


@cache
def list_types() -> dict[type, ListType]:
    return {
        apps.get_model(entry.model): import_string(entry.spec) for entry in registry().report_lists
    }


def list_type(queryset: QuerySet) -> ListType:
    return list_types()[queryset.model]


def rows(queryset: QuerySet, scope: Scope) -> QuerySet:
    """The list's rows as dicts (values()), annotated as the list's app declares."""
    spec = list_type(queryset)
    if spec.annotate is not None:
        queryset = spec.annotate(queryset, scope)
    return queryset.order_by(*spec.order).values(*spec.fields)


def iterate(queryset: QuerySet, scope: Scope) -> Iterator[dict]:
    """Stream the rows from the database in chunks (100,000 rows never sit in memory)."""
    return rows(queryset, scope).iterator(chunk_size=2000)


# The tree's own lists (organizations has no reports of its own: it stays below the apps).
KINDS = dict(Kind.choices)
LOCALITY_KINDS = dict(LocalityKind.choices)

ORGANIZATIONS = ListType(
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
)

LOCALITIES = ListType(
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
    annotate=lambda queryset, scope: queryset.annotate(
        commune_name=F("commune__name"), branch_name=F("branch__name")
    ),
)
