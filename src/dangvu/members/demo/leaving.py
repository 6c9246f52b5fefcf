"""Demo history: members leaving the roll, disciplines."""

from __future__ import annotations

import datetime as dt

from dangvu.organizations.choices import SeatRole

from .. import rules
from ..choices import (
    DisciplineForm,
    EventKind,
    PlacementKind,
    Status,
    StrikeOffGround,
)
from ..models import (
    Discipline,
    Placement,
)
from .base import VIOLATIONS, HistoryBase


class LeavingMixin(HistoryBase):
    # ---- leaving the roll, discipline ------------------------------------------------------

    def _spare(self, m) -> bool:
        """Taking this official member off the roll keeps their branch at ≥ 3 (R1.4)."""
        return (
            m.status == Status.OFFICIAL
            and self.official[m.organization_id] > 4
            and m.pk not in self.seated
        )

    def _leave_date(self, m) -> dt.date | None:
        start = max(m.demo_placed_on, m.recognized_on or m.admitted_on) + dt.timedelta(days=30)
        day = self.day_between(
            max(start, self.today - dt.timedelta(days=4 * 365)), self.today - dt.timedelta(days=20)
        )
        return day if start < day < self.today else None

    def _off_roll(self, m, status, on) -> None:
        self.official[m.organization_id] -= 1
        m.status, m.status_since = status, on
        self.changed.append(m)
        self.closing[m.pk] = on

    def leaving(self) -> None:
        active = self.active()
        for m in self.pick(active, 0.0012, minimum=2, condition=self._spare):
            on = self._leave_date(m)
            if on is None or not self._spare(m):
                continue
            ground = self.rng.choices(
                [StrikeOffGround.ABANDONED, StrikeOffGround.DECLINED, StrikeOffGround.STANDARDS],
                weights=[70, 20, 10],
            )[0]
            self._off_roll(m, Status.STRUCK_OFF, on)
            self.event(
                m,
                EventKind.STRUCK_OFF,
                on,
                m.organization,
                decision=(self.number("QĐ/ĐU"), on, self.committee(m.organization)),
                details={"admitted_on": m.admitted_on.isoformat(), "ground": ground},
            )
        for m in self.pick(active, 0.0005, minimum=1, condition=self._spare):
            on = self._leave_date(m)
            if on is None or not self._spare(m):
                continue
            self._off_roll(m, Status.LEFT, on)
            self.event(
                m,
                EventKind.LEFT,
                on,
                m.organization,
                decision=(self.number("QĐ/ĐU"), on, self.committee(m.organization)),
                details={"admitted_on": m.admitted_on.isoformat()},
            )
        expelled = self.pick(active, 0.0003, minimum=2, condition=self._spare)
        for index, m in enumerate(expelled):
            on = self._leave_date(m)
            if on is None or not self._spare(m):
                continue
            restored_on = None
            if index == 0:  # wrongly expelled and cleared: continuous party age (R2.13)
                restored_on = on + dt.timedelta(days=self.rng.randint(150, 400))
                if restored_on >= self.today:
                    restored_on = None
            number, body = self.number("QĐ/UBKT"), self.committee(m.organization)
            self.disciplines.append(
                Discipline(
                    member_id=m.pk,
                    organization_id=m.organization_id,
                    org_path=m.org_path,
                    form=DisciplineForm.EXPULSION,
                    reason=self.rng.choice(VIOLATIONS),
                    decision_number=number,
                    decision_body=body,
                    signed_on=on,
                    announced_on=min(self.today, on + dt.timedelta(days=self.rng.randint(1, 10))),
                    annulled_on=restored_on,
                )
            )
            decision = (number, on, body)
            details = {"admitted_on": m.admitted_on.isoformat(), "form": DisciplineForm.EXPULSION}
            self.event(
                m, EventKind.DISCIPLINED, on, m.organization, decision=decision, details=details
            )
            self.event(
                m, EventKind.EXPELLED, on, m.organization, decision=decision, details=details
            )
            if restored_on is None:
                self._off_roll(m, Status.EXPELLED, on)
                continue
            # Back on the roll: the placement closed at the expulsion, a new one since.
            self.closing[m.pk] = on
            self.placements.append(
                Placement(
                    member_id=m.pk,
                    organization_id=m.organization_id,
                    kind=PlacementKind.OFFICIAL,
                    valid_from=restored_on,
                )
            )
            m.status_since = restored_on
            self.changed.append(m)
            self.event(
                m,
                EventKind.RESTORED,
                restored_on,
                m.organization,
                decision=(self.number("QĐ/TU"), restored_on, "Ủy ban Kiểm tra Tỉnh ủy"),
            )

    def disciplines_of_active_members(self) -> None:
        today = self.today
        active = [m for m in self.active() if m.status == Status.OFFICIAL]
        for m in self.pick(active, 0.005, minimum=5):
            signed = self.day_between(
                max(m.demo_placed_on, m.recognized_on) + dt.timedelta(days=30),
                today - dt.timedelta(days=10),
            )
            if signed >= today:
                continue
            form = self.rng.choices(
                [DisciplineForm.REPRIMAND, DisciplineForm.WARNING], weights=[65, 35]
            )[0]
            announced = min(today, signed + dt.timedelta(days=self.rng.randint(0, 14)))
            self._decided(m, form, signed, announced)
        # Removal from post (cách chức) of committee members (never the branch secretary).
        seats = [
            s
            for s in self.g.seats
            if s.role == SeatRole.MEMBER and s.valid_to is None and s.member.pk not in self.busy
        ]
        for seat in self.rng.sample(seats, min(len(seats), 4)):
            m = seat.member
            signed = self.day_between(
                max(seat.valid_from, self.today - dt.timedelta(days=300)),
                today - dt.timedelta(days=5),
            )
            if signed <= seat.valid_from:
                continue
            self.busy.add(m.pk)
            seat.valid_to = signed
            self.closed_seats.append(seat)
            post = f"{seat.get_role_display()} {seat.organization.name}"
            self._decided(m, DisciplineForm.DISMISSAL, signed, signed + dt.timedelta(days=3), post)
        # A few cases under consideration (R6.5: they block transfers).
        for m in self.pick(active, 0.0002, minimum=2):
            self.disciplines.append(
                Discipline(
                    member_id=m.pk,
                    organization_id=m.organization_id,
                    org_path=m.org_path,
                    form=DisciplineForm.WARNING,
                    reason=self.rng.choice(VIOLATIONS),
                    opened_on=today - dt.timedelta(days=self.rng.randint(5, 60)),
                )
            )

    def _decided(self, m, form, signed, announced, post="") -> None:
        number, body = self.number("QĐ/ĐU"), self.committee(m.organization)
        announced = min(announced, self.today)
        self.disciplines.append(
            Discipline(
                member_id=m.pk,
                organization_id=m.organization_id,
                org_path=m.org_path,
                form=form,
                reason=self.rng.choice(VIOLATIONS),
                post=post,
                decision_number=number,
                decision_body=body,
                signed_on=signed,
                announced_on=announced,
                expires_on=rules.discipline_expires_on(
                    form, announced, months=self.values["discipline.expiry_months"]
                ),
            )
        )
        self.event(
            m,
            EventKind.DISCIPLINED,
            signed,
            m.organization,
            decision=(number, signed, body),
            details={"form": form},
        )
