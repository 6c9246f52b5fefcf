"""The shape every report shares: sections of figures, each figure with the list behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from .scope import Scope


@dataclass
class Figure:
    """One number of a report. `base` is the whole it is a share of (printed as a percent);
    `drill` is true when the list behind it can be opened (DRILLS[key])."""

    key: str
    label: str
    value: int | float | None
    base: int | None = None
    group: str = ""
    drill: bool = False
    kind: str = "int"  # "int", or "percent" when the value itself is a percentage

    @property
    def percent(self) -> float | None:
        if self.base is None or not self.base or self.value is None:
            return None
        return self.value * 100 / self.base

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": str(self.label),
            "group": str(self.group),
            "value": self.value,
            "base": self.base,
            "percent": None if self.percent is None else round(self.percent, 2),
            "kind": self.kind,
            "drill": self.drill,
        }


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure]
    extra: dict[str, Any] = field(default_factory=dict)  # chart series, per-year trends

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def value(self, key: str) -> int | float | None:
        return self.figure(key).value

    def groups(self) -> list[tuple[str, list[Figure]]]:
        """Figures in display groups, in order of first appearance."""
        grouped: dict[str, list[Figure]] = {}
        for figure in self.figures:
            grouped.setdefault(str(figure.group), []).append(figure)
        return list(grouped.items())

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": str(self.title),
            "figures": [f.as_dict() for f in self.figures],
            **({"extra": self.extra} if self.extra else {}),
        }


# figure key -> the queryset listing the rows the figure counts (same scope, same date).
DrillFn = Callable[[Scope], QuerySet]
DRILLS: dict[str, DrillFn] = {}


def drill(key: str, fn: DrillFn) -> None:
    DRILLS[key] = fn
