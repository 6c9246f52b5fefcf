"""Two more history sheets: disciplines ("Kỷ luật") and the monthly attendance summaries of
past years ("Sinh hoạt chi bộ"). A mixin of HistorySheets (history_sheets.py), which reads the
sheets and finds the members.

Disciplines are written as members.discipline.services._decide writes a decided one: the
Discipline with its expiry (R6.2/R6.10) and rule profile, and a DISCIPLINED event on the
signature date in the member's branch of that day. An expulsion is the member's exit, given in
the members sheet (exit "khai trừ" on the same date)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.meetings.models import AttendanceSummary
from dangvu.members import rules
from dangvu.members.choices import (
    PROBATIONARY_DISCIPLINE_FORMS,
    DisciplineForm,
    EventKind,
)
from dangvu.members.discipline.models import Discipline
from dangvu.members.models import MemberEvent

from . import bulk
from .engine import chunks


@lru_cache(maxsize=512)
def _expires_on(form: str, announced_on: dt.date) -> dt.date | None:
    return rules.discipline_expires_on(form, announced_on)


@lru_cache(maxsize=512)
def _profile_id(on: dt.date) -> int | None:
    profile = rules.profile_in_force(on)
    return profile.pk if profile is not None else None


class RecordSheets:
    """Checks and writes of the disciplines and attendance sheets (self: HistorySheets)."""

    # --- disciplines

    def _check_disciplines(self) -> None:
        self.disciplines: list[dict[str, Any]] = []
        known = [m.pk for m in (*self.by_cccd.values(), *self.by_card.values())]
        existing = set()
        for part in chunks(known):
            existing |= set(
                Discipline.objects.filter(member_id__in=part).values_list(
                    "member_id", "form", "signed_on"
                )
            )
        today = timezone.localdate()
        seen: dict[tuple, int] = {}
        for row in self.readers["disciplines"].rows:
            data = row.data
            member = self._member("disciplines", row)
            if member is None:
                continue
            form, signed, announced = data["form"], data["signed_on"], data.get("announced_on")
            ident = self._ident(member)
            key = (ident, form, signed)
            if key in seen:
                self._error(
                    "disciplines",
                    row.number,
                    "signed_on",
                    _("The same discipline is on rows %(first)s and %(row)s.")
                    % {"first": seen[key], "row": row.number},
                )
                continue
            seen[key] = row.number
            if self._is_known(member) and (member.pk, form, signed) in existing:
                self.unchanged += 1
                continue
            problem = self._discipline_problem(member, form, signed, announced, today)
            if problem:
                self._error("disciplines", row.number, *problem)
                continue
            branch = self._branch_on(member, signed)
            self.disciplines.append(
                {
                    "member": member,
                    "organization": branch,
                    "form": form,
                    "reason": data["reason"],
                    "post": data.get("post") or "",
                    "decision_number": data.get("decision_number") or "",
                    "decision_body": data.get("decision_body") or "",
                    "signed_on": signed,
                    "announced_on": announced,
                }
            )

    def _discipline_problem(self, member, form, signed, announced, today):
        """The decided discipline's checks (services._decide), on the history's dates."""
        if signed > today:
            return "signed_on", _("The date is in the future.")
        if announced is not None and (announced < signed or announced > today):
            return "announced_on", _("The announcement is before the signature.")
        if self._branch_on(member, signed) is None:
            return "signed_on", _("%(member)s is not on the roll of a branch on that date.") % {
                "member": member.full_name
            }
        probationary = member.recognized_on is None or signed < member.recognized_on
        if probationary and form not in PROBATIONARY_DISCIPLINE_FORMS:
            return "form", _("A probationary member can only be reprimanded or warned (R6.1).")
        if form == DisciplineForm.EXPULSION:
            exit_kind, exit_on = self._exit_of(member)
            # The expulsion ends the placement that day: the member was on the roll the day
            # before, and the members sheet gives the same exit.
            if exit_kind != EventKind.EXPELLED or exit_on != signed:
                return "form", _(
                    "An expulsion is the member's exit: give it in the members sheet (expelled, "
                    "on the date of the decision)."
                )
        return None

    def _branch_on(self, member, on: dt.date):
        """The member's branch on a date (official placement), planned or registered; else the
        branch of the placement that ends that day (an expulsion ends it)."""
        stints = self._placements_of(member)
        for branch, start, end in stints:
            if start <= on and (end is None or on < end):
                return branch
        for branch, _start, end in stints:
            if end == on:
                return branch
        return None

    # --- attendance summaries

    def _check_attendance(self) -> None:
        self.summaries: list[dict[str, Any]] = []
        self.summary_updates: list[AttendanceSummary] = []
        branches = [o for o in self.orgs.values() if o.is_branch]
        existing = {
            (s.organization_id, s.year, s.month): s
            for s in AttendanceSummary.objects.filter(organization__in=branches)
        }
        today = timezone.localdate()
        seen: dict[tuple, int] = {}
        for row in self.readers["attendance"].rows:
            data = row.data
            branch = self._branch("attendance", row, "branch")
            if branch is None:
                continue
            if not branch.is_branch:
                self._error(
                    "attendance",
                    row.number,
                    "branch",
                    _("%(name)s is not a party branch.") % {"name": branch.name},
                    data["branch"],
                )
                continue
            year, month = data["year"], data["month"]
            if not 1 <= month <= 12:
                self._error("attendance", row.number, "month", _("A month is 1 to 12."), month)
                continue
            if (year, month) > (today.year, today.month) or year < 1930:
                self._error("attendance", row.number, "year", _("This month is not in the past."))
                continue
            counts = {k: data.get(k) or 0 for k in ("meetings_held", "present", "excused")}
            counts["absent"] = data.get("absent") or 0
            if any(n < 0 for n in counts.values()):
                self._error("attendance", row.number, "present", _("Counts cannot be negative."))
                continue
            if counts["meetings_held"] == 0 and (counts["present"] or counts["excused"]):
                self._error(
                    "attendance",
                    row.number,
                    "meetings_held",
                    _("No meeting was held: nobody can be counted present."),
                )
                continue
            key = (branch.pk, year, month)
            if key in seen:
                self._error(
                    "attendance",
                    row.number,
                    "month",
                    _("The same branch and month are on rows %(first)s and %(row)s.")
                    % {"first": seen[key], "row": row.number},
                )
                continue
            seen[key] = row.number
            old = existing.get(key)
            if old is None:
                self.summaries.append(
                    {
                        "organization_id": branch.pk,
                        "org_path": branch.path,
                        "year": year,
                        "month": month,
                        **counts,
                    }
                )
            elif any(getattr(old, k) != n for k, n in counts.items()):
                for name, n in counts.items():
                    setattr(old, name, n)
                old.updated_at = timezone.now()
                self.summary_updates.append(old)
            else:
                self.unchanged += 1

    # --- writing

    def _write_records(self, actor_id: int | None, tag: dict[str, Any]) -> dict[str, int]:
        disciplines = [
            Discipline(
                member_id=d.pop("member").pk,
                organization_id=d["organization"].pk,
                org_path=d.pop("organization").path,
                expires_on=_expires_on(d["form"], d["announced_on"] or d["signed_on"]),
                rule_profile_id=_profile_id(d["signed_on"]),
                recorded_by_id=actor_id,
                **d,
            )
            for d in getattr(self, "disciplines", [])
        ]
        # bulk_create returns the primary keys on SQLite and PostgreSQL: the events name them.
        Discipline.objects.bulk_create(disciplines, batch_size=1000)
        bulk.insert(
            MemberEvent,
            (
                {
                    "member_id": d.member_id,
                    "kind": EventKind.DISCIPLINED,
                    "occurred_on": d.signed_on,
                    "organization_id": d.organization_id,
                    "org_path": d.org_path,
                    "note": d.reason,
                    "decision_number": d.decision_number,
                    "decision_date": d.signed_on,
                    "decision_body": d.decision_body,
                    "rule_profile_id": d.rule_profile_id,
                    "recorded_by_id": actor_id,
                    "details": {"discipline": d.pk, "form": d.form, **tag},
                }
                for d in disciplines
            ),
        )
        summaries = getattr(self, "summaries", [])
        bulk.insert(AttendanceSummary, summaries)
        updates = getattr(self, "summary_updates", [])
        AttendanceSummary.objects.bulk_update(
            updates, ["meetings_held", "present", "excused", "absent", "updated_at"]
        )
        return {"disciplines": len(disciplines), "attendance": len(summaries) + len(updates)}
