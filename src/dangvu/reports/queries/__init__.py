"""Report figures: one builder per section, each a few GROUP BY / conditional-aggregation
queries over the subtree of the report's date (see `scope`). Each app declares its sections
(`ReportSection` in `report_sections` on its AppConfig, the builder in `<app>/reporting`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import registry

from . import base
from .base import Figure, Section
from .scope import Scope


def sections() -> dict[str, Callable[[Scope], Section]]:
    """Every app's report sections (`report_sections` on its AppConfig), in their order."""
    return {s.key: import_string(s.builder) for s in registry().report_sections}


def reports() -> dict[str, tuple]:
    """Report names (API, CLI, exports): the whole dashboard or one section."""
    keys = tuple(sections())
    return {
        "dashboard": (_("Party building statistics"), keys),
        **{name: (None, (name,)) for name in keys},
    }


def drills() -> dict:
    """The lists behind the figures: each section module declares its own when imported."""
    sections()
    return base.DRILLS


def __getattr__(name: str) -> Any:
    # The sections come from the installed apps, known only once the apps are loaded.
    if name == "SECTIONS":
        return sections()
    if name == "REPORTS":
        return reports()
    if name == "DRILLS":
        return drills()
    raise AttributeError(name)


@dataclass
class Report:
    name: str
    title: str
    scope: Scope
    sections: list[Section]

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(s.key == key for s in self.sections)

    def as_dict(self) -> dict:
        org = self.scope.organization
        return {
            "report": self.name,
            "title": str(self.title),
            "organization": {"id": org.pk, "code": org.code, "name": org.name},
            "from": self.scope.start.isoformat(),
            "on": self.scope.on.isoformat(),
            "sections": [s.as_dict() for s in self.sections],
        }


def build_report(name: str, scope: Scope, progress: Callable[[str], None] | None = None) -> Report:
    """Compute report `name` for `scope`; `progress(section)` is called after each section
    (the command line's progress bar)."""
    title, keys = reports()[name]
    builders = sections()
    built = []
    for key in keys:
        built.append(builders[key](scope))
        if progress:
            progress(key)
    if title is None:
        title = built[0].title
    return Report(name=name, title=title, scope=scope, sections=built)


__all__ = [
    "DRILLS",
    "Figure",
    "Report",
    "Scope",
    "Section",
    "build_report",
    "drills",
    "reports",
    "sections",
]
