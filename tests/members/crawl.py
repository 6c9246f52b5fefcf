"""Teach the scope crawler (tests/test_scope_crawler.py) the lifecycle records: one of each on
side A (branch_a1 / duc) and side B (branch_b1 / minh)."""

from __future__ import annotations

import datetime as dt

from dangvu.members.choices import DisciplineForm, EventKind, TransferStatus
from dangvu.members.models import (
    Discipline,
    MemberEvent,
    ResidenceComment,
    ResidenceContact,
    Transfer,
)


def crawl_objects(world) -> dict:
    sides = {}
    for side, member, branch, other in (
        ("a", world.duc, world.branch_a1, world.branch_a2),
        ("b", world.minh, world.branch_b1, world.base_b),
    ):
        event = MemberEvent.objects.create(
            member=member,
            kind=EventKind.AWAY_STARTED,
            occurred_on=dt.date(2025, 1, 5),
            organization=branch,
            note=f"Đi làm ăn xa ({branch.name})",
        )
        transfer = Transfer.objects.create(
            member=member,
            status=TransferStatus.ISSUED,
            from_organization=branch,
            from_org_path=branch.path,
            to_organization=other,
            to_org_path=other.path,
            letter_number=f"GGT-{side}",
            issued_on=dt.date(2025, 2, 1),
        )
        discipline = Discipline.objects.create(
            member=member,
            organization=branch,
            org_path=branch.path,
            form=DisciplineForm.REPRIMAND,
            reason=f"Vi phạm ở {branch.name}",
            decision_number=f"QĐ-{side}",
            decision_body=branch.name,
            signed_on=dt.date(2025, 3, 1),
            announced_on=dt.date(2025, 3, 5),
            expires_on=dt.date(2026, 3, 5),
        )
        contact = ResidenceContact.objects.create(
            member=member,
            residence_organization=other,
            residence_org_path=other.path,
            letter_number=f"GT-{side}",
            valid_from=dt.date(2024, 1, 1),
        )
        ResidenceComment.objects.create(
            contact=contact,
            year=2024,
            content=f"Nhận xét của {other.name}",
            received_on=dt.date(2024, 12, 1),
        )
        sides[side] = (event, transfer, discipline, contact)
    return {
        MemberEvent: (sides["a"][0], sides["b"][0]),
        Transfer: (sides["a"][1], sides["b"][1]),
        Discipline: (sides["a"][2], sides["b"][2]),
        ResidenceContact: (sides["a"][3], sides["b"][3]),
    }
