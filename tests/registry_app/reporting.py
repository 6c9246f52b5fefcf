"""The probe's report section, narrative, panels and demo step (declared in apps.py)."""

from __future__ import annotations

from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope


def branches(scope: Scope):
    from dangvu.organizations.models import Organization

    return Organization.objects.filter(pk__in=scope.org_ids(BRANCH_KINDS))


def section(scope: Scope) -> Section:
    count = branches(scope).count()
    return Section(
        "probe", "Registry probe", [Figure("probe.branches", "Probe branches", count, drill=True)]
    )


drill("probe.branches", branches)


def narrative(report: Report, words: str) -> str:
    return f"the registry probe counted {report.section('probe').value('probe.branches')} branches."


def member_panel(request, member) -> dict | None:
    if request.user.username != "registry-probe":
        return None  # the cast's profiles stay as they are
    return {"text": f"Registry probe panel for {member.full_name}"}


def organization_panel(request, organization) -> dict | None:
    if request.user.username != "registry-probe":
        return None
    return {"text": f"Registry probe panel for {organization.name}"}


def demo_step(generator) -> dict[str, int]:
    return {"registry_probe_members": len(generator.members)}
