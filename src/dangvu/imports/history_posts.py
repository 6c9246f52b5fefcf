"""Concurrent posts ("Chức danh kiêm nhiệm", with the village heads that set a locality's
head_member) and committee seats ("Cấp ủy") of a history workbook: a mixin of HistorySheets
(history_sheets.py), which reads the sheets and finds the members.

A seat is checked as organizations.services.add_committee_seat checks one, on the history's
dates: the organization founded by then, the member official (Điều lệ Đ5) and placed in the
organization's subtree that day, no second seat of the member nor a second secretary at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.core.text import fold
from dangvu.members.choices import PostKind
from dangvu.members.models import MemberPost
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat, Locality

from .engine import chunks


def overlap(a_from, a_to, b_from, b_to) -> bool:
    """Do [a_from, a_to) and [b_from, b_to) share a day (None: open)?"""
    return (b_to is None or a_from < b_to) and (a_to is None or b_from < a_to)


class PostSheets:
    """Checks of the posts and seats sheets (self: HistorySheets)."""

    # --- posts and village heads

    def _check_posts(self) -> None:
        localities: dict[str, list[Locality]] = {}
        for locality in Locality.objects.filter(
            subtree_q("commune__path", self.importer.organization.path)
        ).select_related("commune"):
            localities.setdefault(fold(locality.name), []).append(locality)
        known_pks = [m.pk for m in (*self.by_cccd.values(), *self.by_card.values())]
        existing = set()
        for part in chunks(known_pks):
            existing |= set(
                MemberPost.objects.filter(member_id__in=part).values_list(
                    "member_id", "kind", "valid_from", "locality_id"
                )
            )
        heads: dict[int, list[tuple[dt.date, dt.date | None, int]]] = {}
        for locality_id, start, end in MemberPost.objects.filter(
            kind=PostKind.VILLAGE_HEAD,
            locality__in=[x for group in localities.values() for x in group],
        ).values_list("locality_id", "valid_from", "valid_to"):
            heads.setdefault(locality_id, []).append((start, end, 0))
        today = timezone.localdate()
        seen: dict[tuple, int] = {}
        for row in self.readers["posts"].rows:
            data = row.data
            member = self._member("posts", row)
            if member is None:
                continue
            start, end = data["valid_from"], data.get("valid_to")
            if end is not None and end <= start:
                self._error(
                    "posts", row.number, "valid_to", _("The end date must be after the start date.")
                )
                continue
            locality = None
            if data.get("locality"):
                found = localities.get(fold(data["locality"]), [])
                if data.get("commune"):
                    found = [x for x in found if fold(x.commune.code) == fold(data["commune"])]
                if len(found) != 1:
                    self._error(
                        "posts",
                        row.number,
                        "locality",
                        _("Several localities have this name: give the commune's code.")
                        if found
                        else _("No locality %(name)s in %(org)s.")
                        % {"name": data["locality"], "org": self.importer.organization.name},
                        data["locality"],
                    )
                    continue
                locality = found[0]
            if data["kind"] == PostKind.VILLAGE_HEAD and locality is None:
                self._error(
                    "posts", row.number, "locality", _("Give the locality of the village head.")
                )
                continue
            key = (id(member), data["kind"], start, locality.pk if locality else None)
            if key in seen:
                self._error(
                    "posts",
                    row.number,
                    "valid_from",
                    _("The same post is on rows %(first)s and %(row)s.")
                    % {"first": seen[key], "row": row.number},
                )
                continue
            seen[key] = row.number
            if self._is_known(member) and (member.pk, *key[1:]) in existing:
                self.unchanged += 1
                continue
            if locality is not None and data["kind"] == PostKind.VILLAGE_HEAD:
                clash = [
                    other
                    for other in heads.get(locality.pk, [])
                    if overlap(start, end, other[0], other[1])
                ]
                if clash:
                    self._error(
                        "posts",
                        row.number,
                        "valid_from",
                        _("%(name)s has another village head at that time.")
                        % {"name": locality.name},
                    )
                    continue
                heads.setdefault(locality.pk, []).append((start, end, row.number))
                if start <= today and (end is None or end > today):
                    self.heads[locality.pk] = member
            self.posts.append(
                {
                    "member": member,
                    "kind": data["kind"],
                    "title": data.get("title") or "",
                    "locality_id": locality.pk if locality else None,
                    "valid_from": start,
                    "valid_to": end,
                }
            )

    # --- committee seats

    def _check_seats(self) -> None:
        known_pks = [m.pk for m in (*self.by_cccd.values(), *self.by_card.values())]
        existing = set()
        for part in chunks(known_pks):
            existing |= set(
                CommitteeSeat.objects.filter(member_id__in=part).values_list(
                    "member_id", "organization_id", "role", "valid_from"
                )
            )
        taken: dict[int, list[tuple[dt.date, dt.date | None, Any, str]]] = {}
        for org_id, start, end, member_id, role in CommitteeSeat.objects.filter(
            subtree_q("organization__path", self.importer.organization.path)
        ).values_list("organization_id", "valid_from", "valid_to", "member_id", "role"):
            taken.setdefault(org_id, []).append((start, end, member_id, role))
        for row in self.readers["seats"].rows:
            data = row.data
            member = self._member("seats", row)
            org = self._branch("seats", row, "organization")
            if member is None or org is None:
                continue
            start, end = data["valid_from"], data.get("valid_to")
            if end is not None and end <= start:
                self._error(
                    "seats", row.number, "valid_to", _("The end date must be after the start date.")
                )
                continue
            if self._is_known(member) and (member.pk, org.pk, data["role"], start) in existing:
                self.unchanged += 1
                continue
            problem = self._seat_problem(member, org, data["role"], start, end, taken)
            if problem:
                self._error("seats", row.number, problem[0], problem[1])
                continue
            ident = member.pk if self._is_known(member) else id(member)
            taken.setdefault(org.pk, []).append((start, end, ident, data["role"]))
            self.seats.append(
                {
                    "member": member,
                    "organization_id": org.pk,
                    "role": data["role"],
                    "valid_from": start,
                    "valid_to": end,
                }
            )

    def _seat_problem(self, member, org, role, start, end, taken) -> tuple[str, str] | None:
        """organizations.services.add_committee_seat's checks, on the history's dates."""
        names = {"member": member.full_name, "org": org.name}
        if org.founded_on and start < org.founded_on:
            return "valid_from", _("The organization was founded on %(date)s, after this date.") % {
                "date": f"{org.founded_on:%d/%m/%Y}"
            }
        recognized = member.recognized_on
        if recognized is None or start < recognized:
            return "valid_from", _(
                "%(member)s is not an official member on that date: only official members are "
                "elected to a committee (Điều lệ Đ5)."
            ) % names
        if not any(
            path.startswith(org.path) and a <= start and (b is None or start < b)
            for path, a, b in self._intervals(member)
        ):
            return "organization", _(
                "%(member)s is not placed in %(org)s or under it on that date."
            ) % names
        ident = member.pk if self._is_known(member) else id(member)
        for a, b, other, other_role in taken.get(org.pk, []):
            if not overlap(start, end, a, b):
                continue
            if other == ident:
                return "valid_from", _(
                    "%(member)s already has a seat on this committee then."
                ) % names
            if role == other_role == SeatRole.SECRETARY:
                return "role", _("%(org)s already has a secretary at that time.") % names
        return None
