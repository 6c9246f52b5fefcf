"""The last demo step: every boundary of the roll gets its fact (members.reporting.balance).

The foundation places each member in a branch from a date and the other steps tell part of the
story (transfers, moves, removals, the admissions workflow); the members admitted long ago have
no event yet. So every official placement that starts without an event of its member that day
gets one: ADMITTED when it is the member's first placement and starts on the admission date,
MOVED when a placement of theirs ended that day, TRANSFERRED_IN otherwise (from another
province); every closed placement without an event that day gets TRANSFERRED_OUT unless the
next placement starts then. Members recognized with no RECOGNIZED event get one on the date
from which they are official. Bulk inserts only, in the demo's transaction.
"""

from __future__ import annotations

from collections import defaultdict

from dangvu.members.choices import EventKind, PlacementKind
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.organizations.models import Organization

BATCH = 2000


def run(generator) -> dict[str, int]:
    days = defaultdict(set)
    recognized = set()
    for member_id, kind, on in MemberEvent.objects.values_list("member_id", "kind", "occurred_on"):
        days[member_id].add(on)
        if kind == EventKind.RECOGNIZED:
            recognized.add(member_id)
    by_member = defaultdict(list)
    for row in (
        Placement.objects.filter(kind=PlacementKind.OFFICIAL)
        .order_by("member_id", "valid_from")
        .values("member_id", "organization_id", "valid_from", "valid_to")
    ):
        by_member[row["member_id"]].append(row)
    paths = dict(Organization.objects.values_list("pk", "path"))
    members = {
        m["pk"]: m
        for m in Member.objects.values("pk", "admitted_on", "recognized_on", "organization_id")
    }
    events: list[MemberEvent] = []

    def add(member_id: int, kind: str, on, org_id: int, other_id: int | None = None) -> None:
        days[member_id].add(on)
        events.append(
            MemberEvent(
                member_id=member_id,
                kind=kind,
                occurred_on=on,
                organization_id=org_id,
                org_path=paths[org_id],
                other_organization_id=other_id,
            )
        )

    for member_id, rows in by_member.items():
        member = members[member_id]
        ended = {row["valid_to"]: row for row in rows if row["valid_to"]}
        started = {row["valid_from"] for row in rows}
        for index, row in enumerate(rows):
            start = row["valid_from"]
            if start not in days[member_id]:
                previous = ended.get(start)
                if index == 0 and start == member["admitted_on"]:
                    add(member_id, EventKind.ADMITTED, start, row["organization_id"])
                elif previous is not None:
                    add(
                        member_id,
                        EventKind.MOVED,
                        start,
                        row["organization_id"],
                        previous["organization_id"],
                    )
                else:
                    add(member_id, EventKind.TRANSFERRED_IN, start, row["organization_id"])
            end = row["valid_to"]
            if end and end not in days[member_id] and end not in started:
                add(member_id, EventKind.TRANSFERRED_OUT, end, row["organization_id"])
        if member["recognized_on"] and member_id not in recognized:
            covering = [
                r
                for r in rows
                if r["valid_from"] <= member["recognized_on"]
                and (r["valid_to"] is None or r["valid_to"] > member["recognized_on"])
            ]
            org_id = covering[0]["organization_id"] if covering else member["organization_id"]
            add(member_id, EventKind.RECOGNIZED, member["recognized_on"], org_id)
    MemberEvent.objects.bulk_create(events, batch_size=BATCH)
    return {"member_facts": len(events)}
