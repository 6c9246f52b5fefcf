"""The history columns of the members sheet: the admission (decision, ceremony), the
recognition and the exit of a former member, checked row by row into history.Facts; and the
members an older import registered without events, who get them now. A mixin of
MemberImporter (members.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind
from dangvu.members.models import Member, MemberEvent, Placement

from .engine import Row
from .history import Facts, decision


class MemberFacts:
    """Row checks of the history columns (self: MemberImporter)."""

    def _check_exit(self, row: Row) -> None:
        """A former member: the exit's kind and date, after the placement's start; the
        status, when given, says the same. The facts are kept for the write (history.py)."""
        data = row.data
        status, kind, on = data.get("status"), data.get("exit_kind"), data.get("exit_on")
        if kind is None and status is not None and status not in ACTIVE_STATUSES:
            kind = data["exit_kind"] = status
        if on is None and kind is not None and status == kind:
            on = data["exit_on"] = data.get("status_since")
        if kind is None and on is None:
            return
        if kind is None:
            if (row.number, "exit_kind") not in self.cell_errors:
                self.report.error(
                    row.number,
                    self.column("exit_kind"),
                    _("Give how the member left the party (struck off, expelled, deceased…)."),
                )
            return
        if on is None:
            if (row.number, "exit_on") not in self.cell_errors:
                self.report.error(
                    row.number, self.column("exit_on"), _("Give the date the member left.")
                )
            return
        if status is not None and status != kind:
            self.report.error(
                row.number,
                self.column("status"),
                _("The status does not match how the member left the party."),
                status,
            )
        start = data.get("joined_on") or data.get("ceremony_on") or data.get("admitted_on")
        if start is not None and on <= start:
            self.report.error(
                row.number,
                self.column("exit_on"),
                _("The exit date must be after the admission and the start in the branch."),
                on.strftime("%d/%m/%Y"),
            )
        if on > timezone.localdate():
            self.report.error(
                row.number,
                self.column("exit_on"),
                _("The date is in the future."),
                on.strftime("%d/%m/%Y"),
            )
        recognized = data.get("recognized_on") or data.get("recognition_date")
        if recognized is not None and recognized >= on:
            self.report.error(
                row.number,
                self.column("recognized_on"),
                _("The official membership date is after the exit."),
                recognized.strftime("%d/%m/%Y"),
            )

    def _facts(self, row: Row) -> Facts | None:
        """The membership facts of a new member's row, checked; None when wrong (reported)."""
        data = row.data
        admitted = data.get("admitted_on")
        if admitted is None:
            return None
        ceremony, joined = data.get("ceremony_on"), data.get("joined_on")
        if data.get("recognized_on") is None and data.get("recognition_date") is not None:
            data["recognized_on"] = data["recognition_date"]
        ok = True
        if ceremony is not None and ceremony < admitted:
            self.report.error(
                row.number,
                self.column("ceremony_on"),
                _("The admission ceremony is before the admission decision."),
                ceremony.strftime("%d/%m/%Y"),
            )
            ok = False
        if joined is not None and joined < (ceremony or admitted):
            self.report.error(
                row.number,
                self.column("joined_on"),
                _("The member joined the branch before their admission."),
                joined.strftime("%d/%m/%Y"),
            )
            ok = False
        if not ok:
            return None
        recognized = data.get("recognized_on")
        return Facts(
            admitted_on=admitted,
            ceremony_on=ceremony,
            admission=decision(data.get("admission_number"), admitted, data.get("admission_body")),
            recognized_on=recognized,
            recognition=decision(
                data.get("recognition_number"),
                data.get("recognition_date") or recognized,
                data.get("recognition_body"),
            ),
            joined_on=joined,
            exit_kind=data.get("exit_kind"),
            exit_on=data.get("exit_on"),
            exit_decision=decision(
                data.get("exit_number"), data.get("exit_date"), data.get("exit_body")
            ),
        )

    @staticmethod
    def _without_events(wanted: set[int], members: dict[int, Member]) -> dict[int, dt.date]:
        """Members on the roll registered before imports wrote events (one open placement,
        no event at all): pk → the placement's start. Importing them again writes the events
        of that start (and the recognition), so the reports count their admission."""
        with_events = set(
            MemberEvent.objects.filter(member_id__in=wanted).values_list("member_id", flat=True)
        )
        placements: dict[int, list] = {}
        for member_id, start, end in Placement.objects.filter(
            member_id__in=wanted - with_events, kind=PlacementKind.OFFICIAL
        ).values_list("member_id", "valid_from", "valid_to"):
            placements.setdefault(member_id, []).append((start, end))
        return {
            pk: found[0][0]
            for pk, found in placements.items()
            if len(found) == 1 and found[0][1] is None and members[pk].status in ACTIVE_STATUSES
        }
