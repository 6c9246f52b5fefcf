"""Past evaluation results ("Kết quả đánh giá"): a year's decided levels of members and of
organizations, with or without points. A mixin of HistorySheets (history_sheets.py).

The reports read decided rows (evaluations.queries.rating_counts: step DECIDED, rating,
decided_at for a past report date), so the import writes what evaluations.services.decisions
leaves after a decision: the row decided by the competent committee (R4.7: the grassroots
committee for its members and branches, the superior committee for a grassroots
organization), its DECIDED line in EvaluationRecord, in the year's cycle over the imported
subtree, created closed when there is none."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.evaluations.choices import Action, CycleStatus, EvaluationStep, Framework
from dangvu.evaluations.models import (
    EvaluationCycle,
    EvaluationRecord,
    MemberEvaluation,
    OrganizationEvaluation,
)
from dangvu.evaluations.rules import framework_for
from dangvu.evaluations.services.base import ancestor_paths, overlapping_cycles
from dangvu.members import rules as member_rules
from dangvu.members.models import Member
from dangvu.organizations.choices import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import Organization


def _decided_at(year: int, on: dt.date | None) -> dt.datetime:
    """When the level was decided: the decision's date, else the year's last day (so a report
    dated in the following year sees it; one dated inside the year does not)."""
    day = on or dt.date(year, 12, 31)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


class EvaluationSheets:
    """Checks and writes of the evaluations sheet (self: HistorySheets)."""

    def _grassroots_of(self, org: Organization) -> Organization | None:
        for path in reversed(ancestor_paths(org.path)):
            found = self.org_by_path.get(path)
            if found is not None and found.kind in GRASSROOTS_KINDS:
                return found
        return None

    def _check_evaluations(self) -> None:
        self.evaluations: list[dict[str, Any]] = []
        self.cycles: dict[int, EvaluationCycle | None] = {}
        self.org_by_path = {o.path: o for o in self.orgs.values()}
        root = self.importer.organization
        today = timezone.localdate()
        years = {row.data["year"] for row in self.readers["evaluations"].rows}
        known_members: dict[tuple[int, int], str] = {}
        known_orgs: dict[tuple[int, int], str] = {}
        self.cycle_problem: dict[int, str] = {}
        for year in sorted(years):
            cycles = list(overlapping_cycles(root.path, year))
            covering = [c for c in cycles if root.path.startswith(c.org_path)]
            self.cycles[year] = covering[-1] if covering else None
            if cycles and not covering:
                self.cycle_problem[year] = _(
                    "A cycle of %(year)s was opened inside %(org)s: import that year there."
                ) % {"year": year, "org": root.name}
        found = MemberEvaluation.objects.filter(year__in=years, org_path__startswith=root.path)
        for member_id, year, rating in found.values_list("member_id", "year", "rating"):
            known_members[(member_id, year)] = rating
        found = OrganizationEvaluation.objects.filter(
            year__in=years, org_path__startswith=root.path
        )
        for org_id, year, rating in found.values_list("organization_id", "year", "rating"):
            known_orgs[(org_id, year)] = rating
        seen: dict[tuple, int] = {}
        for row in self.readers["evaluations"].rows:
            data = row.data
            year = data["year"]
            if not 1990 <= year <= today.year:
                self._error("evaluations", row.number, "year", _("Give a past year."), year)
                continue
            if year in self.cycle_problem:
                self._error("evaluations", row.number, "year", self.cycle_problem[year], year)
                continue
            person = data.get("citizen_id") or data.get("card_number")
            if person:
                planned = self._member_evaluation(row, year, known_members, seen)
            elif data.get("organization"):
                planned = self._organization_evaluation(row, year, known_orgs, seen)
            else:
                self._error(
                    "evaluations",
                    row.number,
                    "organization",
                    _("Give the member's CCCD or card number, or the organization's code."),
                )
                continue
            if planned is not None:
                planned.update(
                    year=year,
                    rating=data["rating"],
                    points=data.get("points"),
                    decision_number=data.get("decision_number") or "",
                    decided_at=_decided_at(year, data.get("decided_on")),
                )
                self.evaluations.append(planned)

    def _member_evaluation(self, row, year, known, seen) -> dict[str, Any] | None:
        member = self._member("evaluations", row)
        if member is None:
            return None
        key = ("m", self._ident(member), year)
        if key in seen:
            self._error(
                "evaluations",
                row.number,
                "year",
                _("The same year is on rows %(first)s and %(row)s.")
                % {"first": seen[key], "row": row.number},
            )
            return None
        seen[key] = row.number
        if self._is_known(member) and (member.pk, year) in known:
            if known[(member.pk, year)] == row.data["rating"]:
                self.unchanged += 1
            else:
                self._error(
                    "evaluations",
                    row.number,
                    "rating",
                    _("The registry already holds another level for this year."),
                )
            return None
        end = dt.date(year, 12, 31)
        stints = [s for s in self._placements_of(member) if s[1] <= end]
        branch = stints[-1][0] if stints else None
        if branch is None or (stints[-1][2] is not None and stints[-1][2] <= dt.date(year, 1, 1)):
            self._error(
                "evaluations",
                row.number,
                "year",
                _("%(member)s was not on the roll of a branch in %(year)s.")
                % {"member": member.full_name, "year": year},
            )
            return None
        grassroots = self._grassroots_of(branch)
        if grassroots is None:
            self._error(
                "evaluations",
                row.number,
                "citizen_id",
                _("No grassroots committee above %(name)s decides its members' levels.")
                % {"name": branch.name},
            )
            return None
        recognized = member.recognized_on
        return {
            "member": member,
            "organization": branch,
            "grassroots": grassroots,
            "probationary": recognized is None or recognized > end,
        }

    def _organization_evaluation(self, row, year, known, seen) -> dict[str, Any] | None:
        org = self._branch("evaluations", row, "organization")
        if org is None:
            return None
        grassroots = org.kind in GRASSROOTS_KINDS
        if not grassroots and org.kind not in (Kind.BRANCH,):
            self._error(
                "evaluations",
                row.number,
                "organization",
                _("Only branches and grassroots organizations are rated (R4.7)."),
                row.data["organization"],
            )
            return None
        deciding = (
            self.org_by_path.get(org.path[: -Organization.steplen])
            if grassroots
            else self._grassroots_of(org)
        )
        if deciding is None:
            self._error(
                "evaluations",
                row.number,
                "organization",
                _("The committee that decides the level of %(name)s is outside %(org)s.")
                % {"name": org.name, "org": self.importer.organization.name},
            )
            return None
        key = ("o", org.pk, year)
        if key in seen:
            self._error(
                "evaluations",
                row.number,
                "year",
                _("The same year is on rows %(first)s and %(row)s.")
                % {"first": seen[key], "row": row.number},
            )
            return None
        seen[key] = row.number
        if (org.pk, year) in known:
            if known[(org.pk, year)] == row.data["rating"]:
                self.unchanged += 1
            else:
                self._error(
                    "evaluations",
                    row.number,
                    "rating",
                    _("The registry already holds another level for this year."),
                )
            return None
        return {
            "organization": org,
            "deciding": deciding,
            "level": "grassroots" if grassroots else "branch",
        }

    # --- writing

    def _cycle(self, year: int, points: bool, actor_id: int | None) -> EvaluationCycle:
        cycle = self.cycles.get(year)
        if cycle is None:
            root = self.importer.organization
            cycle = EvaluationCycle.objects.create(
                organization=root,
                year=year,
                self_from=dt.date(year, 12, 1),
                self_until=dt.date(year, 12, 15),
                propose_until=dt.date(year, 12, 20),
                decide_until=dt.date(year, 12, 31),
                status=CycleStatus.CLOSED,
                uses_points=points,
                rule_profile=member_rules.profile_in_force(dt.date(year, 12, 31)),
                recorded_by_id=actor_id,
            )
            self.cycles[year] = cycle
        return cycle

    def _write_evaluations(self, actor_id: int | None) -> int:
        planned = getattr(self, "evaluations", [])
        if not planned:
            return 0
        with_points = {p["year"] for p in planned if p["points"] is not None}
        occupation = dict(
            Member.objects.filter(
                pk__in=[p["member"].pk for p in planned if "member" in p]
            ).values_list("pk", "occupation")
        )
        members, orgs = [], []
        for p in planned:
            cycle = self._cycle(p["year"], p["year"] in with_points, actor_id)
            common = {
                "cycle": cycle,
                "year": p["year"],
                "step": EvaluationStep.DECIDED,
                "rating": p["rating"],
                "self_total": p["points"],
                "decision_number": p["decision_number"],
                "decided_at": p["decided_at"],
                "decided_by_id": actor_id,
                "rule_profile_id": cycle.rule_profile_id,
            }
            if "member" in p:
                branch = p["organization"]
                members.append(
                    MemberEvaluation(
                        member_id=p["member"].pk,
                        organization=branch,
                        grassroots=p["grassroots"],
                        org_path=branch.path,
                        deciding_organization=p["grassroots"],
                        framework=framework_for(
                            occupation=occupation.get(p["member"].pk, ""), holds_post=False
                        ),
                        probationary=p["probationary"],
                        **common,
                    )
                )
            else:
                orgs.append(
                    OrganizationEvaluation(
                        organization=p["organization"],
                        org_path=p["organization"].path,
                        level=p["level"],
                        deciding_organization=p["deciding"],
                        framework=Framework.COLLECTIVE,
                        **common,
                    )
                )
        MemberEvaluation.objects.bulk_create(members, batch_size=1000)
        OrganizationEvaluation.objects.bulk_create(orgs, batch_size=1000)
        records = [
            EvaluationRecord(
                **{
                    "member_evaluation"
                    if isinstance(row, MemberEvaluation)
                    else "organization_evaluation": row
                },
                org_path=row.org_path,
                action=Action.DECIDED,
                rating=row.rating,
                points=row.self_total,
                recorded_by_id=actor_id,
            )
            for row in (*orgs, *members)
        ]
        EvaluationRecord.objects.bulk_create(records, batch_size=1000)
        return len(members) + len(orgs)
