"""Demo history: residence contacts and their comments; writing it all."""

from __future__ import annotations

import datetime as dt

from .. import rules
from ..choices import (
    ResidenceCategory,
    TransferStatus,
)
from ..models import (
    Discipline,
    Member,
    MemberEvent,
    Placement,
    ResidenceComment,
    ResidenceContact,
    Transfer,
)
from .base import BATCH, COMMENTS, RESIDENTIAL, HistoryBase


class ResidenceMixin(HistoryBase):
    # ---- residence contact (QĐ 213) --------------------------------------------------------

    def residence(self) -> None:
        today = self.today
        year, _due, opens = rules.residence_comment_window(today, self.values)
        working = [
            m for m in self.active() if self.node_of[m.organization_id].profile not in RESIDENTIAL
        ]
        for m in working:
            if self.rng.random() > 0.55:
                continue
            node = self.node_of[m.organization_id]
            local = self.residential_by_commune.get(id(node.commune)) if node.commune else None
            home = self.rng.choice(local or self.residential)
            if node.profile in ("military", "police"):
                category = self.rng.choices(list(ResidenceCategory.values), weights=[40, 40, 20])[0]
            else:
                category = (
                    ResidenceCategory.EXEMPT_ACTIVITY
                    if self.rng.random() < 0.08
                    else ResidenceCategory.NONE
                )
            since = dt.date(
                self.rng.randint(2019, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
            )
            since = max(since, m.demo_placed_on)
            if since >= today - dt.timedelta(days=30):
                continue
            contact = ResidenceContact(
                member_id=m.pk,
                residence_organization_id=home.org.pk,
                residence_org_path=home.org.path,
                letter_number=self.number("GT/ĐU"),
                letter_date=since - dt.timedelta(days=self.rng.randint(0, 20)),
                issuing_body=self.committee(m.organization),
                category=category,
                valid_from=since,
            )
            self.contacts.append(contact)
            if category != ResidenceCategory.NONE:
                continue
            for y in range(max(since.year, year - 3), year + 1):
                present = 0.96 if y < year else (0.85 if today >= opens else 0.0)
                if self.rng.random() > present:
                    continue
                received = dt.date(y, self.rng.randint(9, 11), self.rng.randint(1, 28))
                received = min(max(received, since), today)
                self.comments.append(
                    (
                        contact,
                        ResidenceComment(
                            year=y,
                            content=self.rng.choice(COMMENTS),
                            signed_by=f"Bí thư {home.org.name}",
                            received_on=received,
                        ),
                    )
                )

    # ---- run -------------------------------------------------------------------------------

    def write(self) -> None:
        Discipline.objects.bulk_create(self.disciplines, batch_size=BATCH)
        MemberEvent.objects.bulk_create(self.events, batch_size=BATCH)
        Transfer.objects.bulk_create(self.transfers, batch_size=BATCH)
        Member.objects.bulk_update(self.changed, ["status", "status_since"], batch_size=BATCH)
        if self.closing:
            open_placements = list(
                Placement.objects.filter(member_id__in=list(self.closing), valid_to__isnull=True)
            )
            for placement in open_placements:
                placement.valid_to = self.closing[placement.member_id]
            Placement.objects.bulk_update(open_placements, ["valid_to"], batch_size=BATCH)
        Placement.objects.bulk_create(self.placements, batch_size=BATCH)
        if self.closed_seats:
            type(self.closed_seats[0]).objects.bulk_update(self.closed_seats, ["valid_to"])
        ResidenceContact.objects.bulk_create(self.contacts, batch_size=BATCH)
        comments = []
        for contact, comment in self.comments:
            comment.contact_id = contact.pk
            comments.append(comment)
        ResidenceComment.objects.bulk_create(comments, batch_size=BATCH)

    def run(self) -> dict[str, int]:
        self.current_states()
        self.arrivals()
        self.leaving()
        self.disciplines_of_active_members()
        self.pending_transfers()
        self.temporary_transfers()
        self.past_away_spells()
        self.residence()
        self.write()
        return {
            "member_events": len(self.events),
            "transfers": len(self.transfers),
            "transfers_awaiting": sum(
                1
                for t in self.transfers
                if t.status == TransferStatus.ISSUED and t.to_organization_id is not None
            ),
            "disciplines": len(self.disciplines),
            "residence_contacts": len(self.contacts),
            "residence_comments": len(self.comments),
        }
