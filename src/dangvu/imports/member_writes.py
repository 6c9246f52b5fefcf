"""Writing a checked member import in bulk (inside the run's one transaction).

Per-row auditlog signals are far too slow for 100,000 rows (STACK-NOTES): rows go in through
plain multi-row INSERTs (bulk.py) and each created or changed member gets its auditlog entry
here, written in bulk, with additional_data {"import": run id}.
"""

from __future__ import annotations

import datetime as dt

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.encoding import smart_str
from django.utils.translation import gettext as _

from dangvu.members.choices import EventKind, PlacementKind
from dangvu.members.models import Member, MemberEvent, Placement

from . import bulk
from .engine import chunks
from .history import Stint, records

# Profile fields the file may set (the branch and status are handled on their own).
PROFILE_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "ethnicity",
    "religion",
    "hometown",
    "residence",
    "general_education",
    "professional_level",
    "theory_level",
    "occupation",
    "workplace",
    "admitted_on",
    "recognized_on",
    "card_number",
    "citizen_id",
    "phone",
    "status_since",
)


class MemberWriter:
    """The write half of MemberImporter: `creates`, `updates`, `moves` and `recognitions`
    were planned by the checks."""

    def write(self) -> None:
        now = timezone.now()
        today = timezone.localdate()
        run_tag = {"import": self.run.pk}
        actor = self.user if getattr(self.user, "pk", None) else None
        total = len(self.creates) + len(self.updates)
        self.progress.phase(_("Writing"), total, "write")
        content_type = ContentType.objects.get_for_model(Member)
        self._check_versions()

        new_members = [member for _row, member in self.creates]
        bulk.insert(Member, new_members)
        self._fetch_ids(new_members)
        self.progress.advance(len(new_members) // 2)
        # Each new member's placements and the events of their starts and ends
        # (history.records: the conventions members.reporting.balance reads).
        self._write_histories(new_members, actor, run_tag)
        bulk.insert(
            LogEntry,
            (
                {
                    "content_type_id": content_type.pk,
                    "object_pk": str(member.pk),
                    "object_id": member.pk,
                    "object_repr": member.full_name[:200],
                    "action": LogEntry.Action.CREATE,
                    "changes": _create_changes(member),
                    "actor_id": actor.pk if actor else None,
                    "timestamp": now,
                    "additional_data": run_tag,
                }
                for member in new_members
            ),
        )
        self.progress.advance(len(new_members) - len(new_members) // 2)

        groups: dict[frozenset, list[Member]] = {}
        for _row, member, changes in self.updates:
            member.version += 1
            member.updated_at = now
            fields = set(changes) | {"version", "updated_at"}
            if "full_name" in changes:
                fields |= {"name_key", "sort_key"}
            if "organization" in changes:
                fields.add("org_path")
            groups.setdefault(frozenset(fields), []).append(member)
        for fields, group in groups.items():
            for part in chunks(group, 500):
                Member.objects.bulk_update(part, sorted(fields))
                self.progress.advance(len(part))
        self._write_moves_and_events(today, actor)
        self._write_backfills(actor, run_tag)
        if self.history is not None:
            self.history_counts = self.history.write()
        entries = [
            LogEntry(
                content_type=content_type,
                object_pk=str(member.pk),
                object_id=member.pk,
                object_repr=member.full_name[:200],
                action=LogEntry.Action.UPDATE,
                changes={k: [smart_str(a), smart_str(b)] for k, (a, b) in changes.items()},
                actor=actor,
                timestamp=now,
                additional_data=run_tag,
            )
            for _row, member, changes in self.updates
        ]
        for part in chunks(entries, 1000):
            LogEntry.objects.bulk_create(part)

    def _write_histories(self, members: list[Member], actor, tag: dict) -> None:
        actor_id = actor.pk if actor else None
        placements: list[dict] = []
        events: list[dict] = []
        for member in members:
            rows, member_events = records(
                member, member._stints, member._facts, actor_id=actor_id, tag=tag
            )
            placements += rows
            events += member_events
            if len(placements) >= 20000:
                bulk.insert(Placement, placements)
                bulk.insert(MemberEvent, events)
                placements, events = [], []
        bulk.insert(Placement, placements)
        bulk.insert(MemberEvent, events)

    def _write_backfills(self, actor, tag: dict) -> None:
        """The start (and recognition) events of members registered without them: the
        placement is already there; only its events are written."""
        events: list[dict] = []
        for member, branch, start, facts in self.backfills:
            # A recognition this file records has its own event (_write_moves_and_events).
            recognized_now = member.pk in self.recognitions
            facts.recognized_on = None if recognized_now else member.recognized_on
            stints = [Stint(branch, start)]
            stints[0].start_kind = (
                EventKind.ADMITTED
                if start in (facts.probation_from, member.admitted_on)
                else EventKind.TRANSFERRED_IN
            )
            _rows, member_events = records(
                member, stints, facts, actor_id=actor.pk if actor else None, tag=tag
            )
            events += member_events
        bulk.insert(MemberEvent, events)

    @staticmethod
    def _fetch_ids(members: list[Member]) -> None:
        """The new rows' primary keys, found by their unique CCCD or card number (a plain
        executemany returns none; every imported member has one of the two)."""
        by_cccd = {m.citizen_id: m for m in members if m.citizen_id}
        by_card = {m.card_number: m for m in members if not m.citizen_id}
        for part in chunks(list(by_cccd)):
            for key, pk in Member.objects.filter(citizen_id__in=part).values_list(
                "citizen_id", "pk"
            ):
                by_cccd[key].pk = pk
        for part in chunks(list(by_card)):
            for key, pk in Member.objects.filter(card_number__in=part).values_list(
                "card_number", "pk"
            ):
                by_card[key].pk = pk
        for member in members:
            member._state.adding = False
            member._state.db = "default"

    def _check_versions(self) -> None:
        """Rows validated before the transaction began: refuse if someone changed them since."""
        expected = {member.pk: member.version for _row, member, _c in self.updates}
        for part in chunks(list(expected)):
            queryset = Member.objects.filter(pk__in=part)
            if connection.features.has_select_for_update:
                queryset = queryset.select_for_update()
            for pk, version in queryset.values_list("pk", "version"):
                if version != expected[pk]:
                    raise ValidationError(
                        _(
                            "Some members were changed by someone else during the import. "
                            "Run the import again."
                        ),
                        code="stale",
                    )

    def _write_moves_and_events(self, today: dt.date, actor) -> None:
        tag = {"import": self.run.pk}
        events: list[MemberEvent] = []
        if self.moves:
            moved = list(self.moves)
            for part in chunks(moved):
                Placement.objects.filter(
                    member_id__in=part, kind=PlacementKind.OFFICIAL, valid_to__isnull=True
                ).update(valid_to=today, updated_at=timezone.now())
            Placement.objects.bulk_create(
                [
                    Placement(
                        member_id=pk,
                        organization=new,
                        kind=PlacementKind.OFFICIAL,
                        valid_from=today,
                    )
                    for pk, (_old, new) in self.moves.items()
                ],
                batch_size=1000,
            )
            events += [
                MemberEvent(
                    member_id=pk,
                    kind=EventKind.MOVED,
                    occurred_on=today,
                    organization=old,
                    org_path=old.path,
                    other_organization=new,
                    recorded_by=actor,
                    details=tag,
                )
                for pk, (old, new) in self.moves.items()
            ]
        by_pk = {member.pk: member for _row, member, _c in self.updates}
        for pk in self.recognitions:
            member = by_pk[pk]
            events.append(
                MemberEvent(
                    member_id=pk,
                    kind=EventKind.RECOGNIZED,
                    occurred_on=member.recognized_on,
                    organization=member.organization,
                    org_path=member.org_path,
                    recorded_by=actor,
                    details=tag,
                )
            )
        MemberEvent.objects.bulk_create(events, batch_size=1000)


def _create_changes(member: Member) -> dict[str, list[str]]:
    values = member.__dict__
    changes = {
        name: ["None", str(values[name])] for name in _LOGGED if values[name] not in (None, "")
    }
    changes["organization"] = ["None", str(member.organization_id)]
    return changes


_LOGGED = (*PROFILE_FIELDS, "status")
