"""Localities (thôn, bản, khu phố) of the subtree: "white" ones without a party branch or
member, village heads who are members, branch secretaries who are village heads. Localities
are current records; the posts and seats that decide the figures are dated (MemberPost,
CommitteeSeat) and read on the report's date."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangvu.core.templatetags.vn import vn_number
from dangvu.members.choices import PlacementKind, PostKind
from dangvu.members.models import MemberPost, Placement
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat, Locality, active_on_q
from dangvu.reports.narrative import ratio
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope


def localities(scope: Scope) -> QuerySet:
    ids = scope.org_ids()
    return Locality.objects.filter(Q(commune_id__in=ids) | Q(branch_id__in=ids))


def _conditions(scope: Scope) -> dict[str, Q]:
    on = scope.on
    members_there = Placement.objects.filter(
        active_on_q(on), organization_id=OuterRef("branch_id"), kind=PlacementKind.OFFICIAL
    )
    head = MemberPost.objects.filter(
        active_on_q(on), kind=PostKind.VILLAGE_HEAD, locality_id=OuterRef("pk")
    )
    secretary_seat = CommitteeSeat.objects.filter(
        active_on_q(on),
        role=SeatRole.SECRETARY,
        organization_id=OuterRef(OuterRef("branch_id")),
        member_id=OuterRef("member_id"),
    )
    return {
        # Thôn "trắng": no branch covers it, or its branch had no member on the date.
        "white": Q(branch__isnull=True) | ~Q(Exists(members_there)),
        "head_member": Q(Exists(head)),
        "secretary_head": Q(Exists(head.filter(Exists(secretary_seat)))),
    }


LABELS = {
    "white": _("Localities without a party branch or member"),
    "head_member": _("Heads of villages and quarters who are party members"),
    "secretary_head": _("Branch secretaries who are also heads of the village or quarter"),
}


def locality_section(scope: Scope) -> Section:
    conditions = _conditions(scope)
    counts = localities(scope).aggregate(
        total=Count("id"), **{key: Count("id", filter=q) for key, q in conditions.items()}
    )
    total = counts["total"]
    figures = [Figure("localities.total", _("Localities"), total, drill=True)]
    figures += [
        Figure(f"localities.{key}", LABELS[key], counts[key], base=total, drill=True)
        for key in conditions
    ]
    return Section("localities", _("Localities"), figures)


drill("localities.total", localities)
for _key in LABELS:
    drill(
        f"localities.{_key}",
        lambda scope, key=_key: localities(scope).filter(_conditions(scope)[key]),
    )


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("localities")
    total = s.value("localities.total")
    if not total:
        return ""
    text = gettext(
        "%(heads)s heads of villages and quarters are party members; %(secretaries)s branch "
        "secretaries are also heads of their village or quarter."
    ) % {
        "heads": ratio(s.value("localities.head_member"), total),
        "secretaries": ratio(s.value("localities.secretary_head"), total),
    }
    if white := s.value("localities.white"):
        text += " " + gettext("%(white)s localities have no party member or branch yet.") % {
            "white": vn_number(white)
        }
    return text
