"""What the forms read, and how they find it without importing the domain apps (reports is an
engine, architecture.md): the rolls and flows through the registry (the "balance" section of
members and the lists behind its figures, `reports.queries.drills()`), the other records by
their model labels (`apps.get_model`, as `reports.lists` names them), and the values of a
field from the field itself (its choices and default), so no domain constant is copied here.

Every figure is one aggregate query over a member queryset; nothing loops over members."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Substr
from django.db.models.lookups import GreaterThan

from ..queries import drills, sections
from ..queries.base import Section
from ..queries.scope import Scope
from .periods import Period


def model(label: str):
    return apps.get_model(label)


def member_model():
    return model("members.Member")


def field_default(label: str, name: str) -> Any:
    return model(label)._meta.get_field(name).default


def field_choices(label: str, name: str) -> list[tuple[str, str]]:
    return list(model(label)._meta.get_field(name).choices or [])


def has_field(label: str, name: str) -> bool:
    return any(f.name == name for f in model(label)._meta.get_fields())


def scope_for(organization, period: Period) -> Scope:
    """The report scope of a period: the subtree as it stood on the cut-off date."""
    return Scope(organization=organization, on=period.on, start=period.start)


def balance(scope: Scope) -> Section:
    """Form 1's terms, as the members app computes them (members/reporting/balance.py)."""
    return scope.remember("forms.balance", lambda: sections()["balance"](scope))


def roll_at_end(scope: Scope) -> QuerySet:
    """The members on the unit's roll at the cut-off date (= form 1's D)."""
    return drills()["balance.end"](scope)


def admitted(scope: Scope) -> QuerySet:
    """The members the period brought onto the roll by admission or re-admission (form 1 B1)."""
    return drills()["balance.admitted"](scope)


def readmitted(scope: Scope) -> QuerySet:
    return drills()["balance.readmitted"](scope)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29/02
        return day.replace(year=day.year - years, day=28)


def age_q(low: int | None, high: int | None, on: dt.date) -> Q:
    """Members aged `low`..`high` (whole years) on `on`, as a condition on the birth date."""
    q = Q()
    if low is not None:
        q &= Q(birth_date__lte=years_before(on, low))
    if high is not None:
        # aged ≤ high ⇔ born after the day `high + 1` years before
        q &= Q(birth_date__gt=years_before(on, high + 1))
    return q


def _birth_text():
    # 'YYYY-MM-DD' on both databases (SQLite stores the text, PostgreSQL's ISO DateStyle):
    # native substrings, where ExtractYear is a Python function per row on SQLite.
    return Cast("birth_date", output_field=CharField())


def age_aggregates(on: dt.date) -> dict[str, Avg]:
    """Aggregates giving the mean age in whole years on `on` (`mean_age_from`): the mean
    birth year, and the share whose birthday is still to come in `on`'s year."""
    year = Cast(Substr(_birth_text(), 1, 4), output_field=IntegerField())
    late = Case(
        When(GreaterThan(Substr(_birth_text(), 6, 5), Value(f"{on:%m-%d}")), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return {"mean_birth_year": Avg(year, output_field=FloatField()), "mean_late": Avg(late)}


def mean_age_from(found: dict, on: dt.date) -> float | None:
    if found.get("mean_birth_year") is None:
        return None
    return round(on.year - float(found["mean_birth_year"]) - float(found["mean_late"]), 1)


def mean_age(queryset: QuerySet, on: dt.date) -> float | None:
    """The mean age in whole years on `on`, in one aggregate query."""
    return mean_age_from(queryset.aggregate(**age_aggregates(on)), on)


def counts(queryset: QuerySet, conditions: dict[str, Q | None], **extra) -> dict[str, Any]:
    """One conditional-aggregation query: key -> number of rows meeting its condition (and
    the `extra` aggregates in the same pass)."""
    return queryset.aggregate(
        **{
            key: Count("id", filter=q) if q is not None and q != Q() else Count("id")
            for key, q in conditions.items()
        },
        **extra,
    )
