"""Demo history: the states the foundation drew, where members came from, transfers."""

from __future__ import annotations

import datetime as dt

from dangvu.core.calendar import add_months

from ..choices import (
    EventKind,
    PlacementKind,
    Status,
    TransferKind,
    TransferScope,
    TransferStatus,
)
from ..models import (
    Placement,
    Transfer,
)
from .base import RESIDENTIAL, HistoryBase


class ArrivalsMixin(HistoryBase):
    # ---- what the foundation already drew --------------------------------------------------

    def current_states(self) -> None:
        for m in self.g.members:
            org = m.organization
            if m.status == Status.DECEASED:
                self.busy.add(m.pk)
                self.event(
                    m,
                    EventKind.DECEASED,
                    m.status_since,
                    org,
                    details={"admitted_on": m.admitted_on.isoformat()},
                )
            elif m.status == Status.TRANSFERRED_OUT:
                self.busy.add(m.pk)
                party = self.other_party()
                letter = self.number("GGT/TU")
                scope = (
                    TransferScope.ABROAD
                    if self.rng.random() < 0.05
                    else TransferScope.OTHER_PROVINCE
                )
                if scope == TransferScope.ABROAD:
                    party = "Đảng ủy Ngoài nước"
                self.transfers.append(
                    Transfer(
                        member_id=m.pk,
                        kind=TransferKind.OFFICIAL,
                        scope=scope,
                        status=TransferStatus.ISSUED,
                        from_organization_id=org.pk,
                        from_org_path=org.path,
                        to_party=party,
                        letter_number=letter,
                        issued_on=m.status_since,
                        issuing_body=self.committee(org),
                    )
                )
                self.event(
                    m,
                    EventKind.TRANSFERRED_OUT,
                    m.status_since,
                    org,
                    party=party,
                    decision=(letter, m.status_since, self.committee(org)),
                )
            if m.away_since:
                self.busy.add(m.pk)
                self.event(m, EventKind.AWAY_STARTED, m.away_since, org)
            if m.exempt_since:
                self.busy.add(m.pk)
                self.event(
                    m,
                    EventKind.EXEMPTED,
                    m.exempt_since,
                    org,
                    decision=(self.number("NQ/CB"), m.exempt_since, org.name),
                )

    def past_away_spells(self) -> None:
        """Some residential members worked away for a while and came back."""
        residential = [
            m
            for m in self.active()
            if self.node_of[m.organization_id].profile in RESIDENTIAL and self.age(m) < 50
        ]
        for m in self.pick(residential, 0.08):
            start = self.day_between(
                m.demo_placed_on + dt.timedelta(days=30), self.today - dt.timedelta(days=400)
            )
            end = self.day_between(
                start + dt.timedelta(days=90), self.today - dt.timedelta(days=60)
            )
            if not m.demo_placed_on < start < end < self.today:
                continue
            self.event(
                m, EventKind.AWAY_STARTED, start, m.organization, details={"place": "Bình Dương"}
            )
            self.event(m, EventKind.AWAY_ENDED, end, m.organization)

    # ---- where members came from -----------------------------------------------------------

    def arrivals(self) -> None:
        for m in self.g.members:
            arrived = m.demo_placed_on
            if (arrived - m.admitted_on).days < 90:
                continue
            node = self.node_of[m.organization_id]
            draw = self.rng.random()
            if draw < 0.15:
                other = self.other_branch(node, arrived, same_commune=True)
                if other is not None and self._earlier_placement(m, other, arrived):
                    self.event(m, EventKind.MOVED, arrived, other.org, other=m.organization)
                    continue
            if draw < 0.7:
                other = self.other_branch(node, arrived - dt.timedelta(days=60))
                if other is not None:
                    issued = arrived - dt.timedelta(days=self.rng.randint(3, 25))
                    if self._earlier_placement(m, other, arrived, issued):
                        letter = self.number("GGT/ĐU")
                        body = self.committee(other.org)
                        self.transfers.append(
                            Transfer(
                                member_id=m.pk,
                                status=TransferStatus.CONFIRMED,
                                from_organization_id=other.org.pk,
                                from_org_path=other.org.path,
                                to_organization_id=m.organization_id,
                                to_org_path=m.organization.path,
                                received_in_id=m.organization_id,
                                letter_number=letter,
                                issued_on=issued,
                                issuing_body=body,
                                received_on=arrived,
                            )
                        )
                        decision = (letter, issued, body)
                        self.event(
                            m,
                            EventKind.TRANSFERRED_OUT,
                            issued,
                            other.org,
                            other=m.organization,
                            decision=decision,
                        )
                        self.event(
                            m,
                            EventKind.TRANSFERRED_IN,
                            arrived,
                            m.organization,
                            other=other.org,
                            decision=decision,
                        )
                        continue
            # From another province: the letter's date is when they left (R2.13 gap).
            issued = arrived - dt.timedelta(days=self.rng.randint(5, 40))
            if issued <= m.admitted_on:
                continue
            party, letter = self.other_party(), self.number("GGT/TU")
            self.transfers.append(
                Transfer(
                    member_id=m.pk,
                    scope=TransferScope.OTHER_PROVINCE,
                    status=TransferStatus.CONFIRMED,
                    from_party=party,
                    to_organization_id=m.organization_id,
                    to_org_path=m.organization.path,
                    received_in_id=m.organization_id,
                    letter_number=letter,
                    issued_on=issued,
                    issuing_body=f"Ban Tổ chức Tỉnh ủy {party.rsplit('tỉnh ', 1)[-1]}",
                    received_on=arrived,
                )
            )
            self.event(
                m,
                EventKind.TRANSFERRED_IN,
                arrived,
                m.organization,
                party=party,
                decision=(letter, issued, ""),
                details={"left_on": issued.isoformat()},
            )

    def _earlier_placement(self, m, other, arrived, issued=None) -> bool:
        start = max(m.admitted_on, other.org.founded_on)
        if (issued or arrived) <= start + dt.timedelta(days=1):
            return False
        self.placements.append(
            Placement(
                member_id=m.pk,
                organization_id=other.org.pk,
                kind=PlacementKind.OFFICIAL,
                valid_from=start,
                valid_to=arrived,
            )
        )
        return True

    # ---- transfers in progress -------------------------------------------------------------

    def pending_transfers(self) -> None:
        today = self.today
        xa1 = self.g.communes[0]
        eligible = [
            m
            for m in self.active()
            if m.status == Status.OFFICIAL and m.demo_placed_on < today - dt.timedelta(days=120)
        ]
        near = [m for m in eligible if self.node_of[m.organization_id].commune is xa1]
        chosen = self.pick(near, 0, minimum=4) + self.pick(eligible, 0.0025, minimum=3)
        for m in chosen:
            node = self.node_of[m.organization_id]
            target = self.other_branch(node, today)
            if target is None:
                continue
            receiver = target.org
            if target.commune is not None and self.rng.random() < 0.5:
                receiver = target.commune.org  # the commune committee will choose the branch
            issued = today - dt.timedelta(days=self.rng.randint(3, 80))
            self.transfers.append(
                Transfer(
                    member_id=m.pk,
                    status=TransferStatus.ISSUED,
                    from_organization_id=m.organization_id,
                    from_org_path=m.organization.path,
                    to_organization_id=receiver.pk,
                    to_org_path=receiver.path,
                    letter_number=self.number("GGT/ĐU"),
                    issued_on=issued,
                    issuing_body=self.committee(m.organization),
                )
            )

    def temporary_transfers(self) -> None:
        today = self.today
        young = [
            m
            for m in self.active()
            if self.age(m) < 40 and m.demo_placed_on < today - dt.timedelta(days=400)
        ]
        for m in self.pick(young, 0.0015, minimum=2):
            host = self.other_branch(
                self.node_of[m.organization_id], today - dt.timedelta(days=400)
            )
            if host is None:
                continue
            issued = today - dt.timedelta(days=self.rng.randint(40, 330))
            received = issued + dt.timedelta(days=self.rng.randint(2, 15))
            ended = received + dt.timedelta(days=self.rng.randint(60, 200))
            if ended >= today - dt.timedelta(days=5) or self.rng.random() < 0.6:
                ended = None
            letter = self.number("GGT/ĐU")
            self.transfers.append(
                Transfer(
                    member_id=m.pk,
                    kind=TransferKind.TEMPORARY,
                    status=TransferStatus.CONFIRMED,
                    from_organization_id=m.organization_id,
                    from_org_path=m.organization.path,
                    to_organization_id=host.org.pk,
                    to_org_path=host.org.path,
                    received_in_id=host.org.pk,
                    letter_number=letter,
                    issued_on=issued,
                    issuing_body=self.committee(m.organization),
                    until=add_months(issued, 9),
                    received_on=received,
                    ended_on=ended,
                )
            )
            self.placements.append(
                Placement(
                    member_id=m.pk,
                    organization_id=host.org.pk,
                    kind=PlacementKind.TEMPORARY,
                    valid_from=received,
                    valid_to=ended,
                )
            )
            decision = (letter, issued, self.committee(m.organization))
            self.event(
                m,
                EventKind.TEMPORARY_OUT,
                issued,
                m.organization,
                other=host.org,
                decision=decision,
            )
            self.event(
                m,
                EventKind.TEMPORARY_IN,
                received,
                host.org,
                other=m.organization,
                decision=decision,
            )
            if ended:
                self.event(
                    m,
                    EventKind.TEMPORARY_ENDED,
                    ended,
                    m.organization,
                    other=host.org,
                    decision=decision,
                )
