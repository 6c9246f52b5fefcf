"""Higher-level committee members' visits in the demo (R3.9): each follows one or two
branches and attends as often as their level requires; some fall behind."""

from __future__ import annotations

import datetime as dt

from dangvu.core.calendar import add_months
from dangvu.organizations.choices import BRANCH_KINDS, Kind
from dangvu.organizations.models import CommitteeSeat

from .. import rules


class VisitsMixin:
    """The visits and duties of `MeetingHistory` (needs its `g`, `rng`, `w`, `now`, `today`,
    `values` and `held`)."""

    def subtree_branches(self) -> dict[int, list]:
        """Branches under each committee (one walk of the tree)."""
        under: dict[int, list] = {}

        def walk(node) -> list:
            found = []
            for child in node.children:
                if child.org.dissolved_on:
                    continue
                if child.org.kind in BRANCH_KINDS:
                    found.append(child.org)
                found.extend(walk(child))
            under[node.org.pk] = found
            return found

        walk(self.g.nodes[0])
        return under

    def visits(self) -> tuple[list[tuple], list[tuple]]:
        rng, w = self.rng, self.w
        under = self.subtree_branches()
        visits, duties, seen = [], [], set()
        now = w.adapt_dt(self.now)
        # Other apps' demo history (e.g. a committee member who died or moved) may have closed
        # seats after the foundation wrote them: read the end dates back from the database.
        ended = dict(
            CommitteeSeat.objects.filter(valid_to__isnull=False).values_list("pk", "valid_to")
        )
        for seat in self.g.seats:
            org = seat.organization
            seat_end = ended.get(seat.pk)
            if org.kind in (*BRANCH_KINDS, Kind.PARTY_GROUP) or org.dissolved_on:
                continue
            branches = under.get(org.pk) or []
            if not branches:
                continue
            level = rules.committee_level(org)
            every = rules.visit_every_months(level, self.values)
            followed = rng.sample(branches, min(len(branches), rng.randint(1, 2)))
            for branch in followed:
                duties.append(
                    (now, now, org.pk, seat.member.pk, branch.pk, org.path,
                     w.adapt_date(seat.valid_from), None)
                )  # fmt: skip
            behind = rng.random() < 0.12
            stop = add_months(self.today, -(every + rng.randint(1, 3))) if behind else self.today
            if seat_end is not None:
                stop = min(stop, seat_end - dt.timedelta(days=1))
            due = add_months(seat.valid_from, rng.randint(0, max(0, every - 1)))
            while due.replace(day=1) <= stop:
                for _attempt in range(6):
                    branch = rng.choice(followed) if rng.random() < 0.7 else rng.choice(branches)
                    held = self.held.get((branch.pk, due.year, due.month))
                    if held:
                        meeting_id, date = held[0]
                        in_office = date >= seat.valid_from and (
                            seat_end is None or date < seat_end
                        )
                        if (meeting_id, seat.member.pk) not in seen and in_office:
                            seen.add((meeting_id, seat.member.pk))
                            visits.append(
                                (now, now, meeting_id, seat.member.pk, org.pk, org.path, level,
                                 branch.path, w.adapt_date(date))
                            )  # fmt: skip
                            break
                due = add_months(due, every)
        return visits, duties

    # ---- run ---------------------------------------------------------------------------------
