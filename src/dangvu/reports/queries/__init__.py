"""Report figures: one builder per section, each a few GROUP BY / conditional-aggregation
queries over the subtree of the report's date (see `scope`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .base import DRILLS, Figure, Section
from .development import development_section, removal_section
from .evaluations import evaluation_section
from .localities import locality_section
from .meetings import meeting_section
from .members import member_section
from .organizations import organization_section
from .scope import Scope

SECTIONS: dict[str, Callable[[Scope], Section]] = {
    "members": member_section,
    "organizations": organization_section,
    "development": development_section,
    "removals": removal_section,
    "meetings": meeting_section,
    "evaluations": evaluation_section,
    "localities": locality_section,
}

# Report names (API, CLI, exports): the whole dashboard or one section.
REPORTS: dict[str, tuple] = {
    "dashboard": (_("Party building statistics"), tuple(SECTIONS)),
    **{name: (None, (name,)) for name in SECTIONS},
}


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
    title, keys = REPORTS[name]
    sections = []
    for key in keys:
        sections.append(SECTIONS[key](scope))
        if progress:
            progress(key)
    if title is None:
        title = sections[0].title
    return Report(name=name, title=title, scope=scope, sections=sections)


__all__ = ["DRILLS", "REPORTS", "SECTIONS", "Figure", "Report", "Scope", "Section", "build_report"]
