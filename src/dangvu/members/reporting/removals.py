"""The reports' removals section: membership changes of a period (struck off, left, expelled,
deceased, transfers), attributed to the subtree of the report's date, counted as the balance
(form 1-BTCTW) counts them: from the roll's boundaries and their events."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from dangvu.core.templatetags.vn import vn_number
from dangvu.members.choices import EventKind
from dangvu.members.models import MemberEvent
from dangvu.members.reporting import balance
from dangvu.reports.narrative import counted, listing
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope


def events(scope: Scope, kind: str) -> QuerySet:
    """Membership changes of a kind in the period, in the subtree's branches. A transfer
    counts only when it crosses the subtree's border (a move between two of its branches is
    neither in nor out)."""
    queryset = MemberEvent.objects.filter(
        scope.where("org_path", "organization_id"),
        occurred_on__gte=scope.start,
        occurred_on__lte=scope.on,
        kind=kind,
    )
    if kind in (EventKind.TRANSFERRED_IN, EventKind.TRANSFERRED_OUT):
        queryset = queryset.filter(
            Q(other_organization__isnull=True) | ~Q(other_organization_id__in=scope.org_ids())
        )
    return queryset


# MemberEvent kinds of the removals section, in the order the articles list them.
REMOVAL_KINDS = (
    (EventKind.STRUCK_OFF, _("Struck off (xóa tên)")),
    (EventKind.LEFT, _("Allowed to leave (cho ra khỏi Đảng)")),
    (EventKind.EXPELLED, _("Expelled (khai trừ)")),
    (EventKind.NOT_RECOGNIZED, _("Not recognized as official members")),
    (EventKind.DECEASED, _("Deceased")),
    (EventKind.TRANSFERRED_OUT, _("Transferred out")),
    (EventKind.TRANSFERRED_IN, _("Transferred in")),
)


# Figure key -> the balance's category (members.reporting.balance): the same facts as form
# 1-BTCTW, so these figures and the balance always agree.
CATEGORY = {
    EventKind.STRUCK_OFF: "struck_off",
    EventKind.LEFT: "left",
    EventKind.EXPELLED: "expelled",
    EventKind.NOT_RECOGNIZED: "not_recognized",
    EventKind.DECEASED: "deceased",
    EventKind.TRANSFERRED_OUT: "departed",
    EventKind.TRANSFERRED_IN: "arrived",
}


def removal_section(scope: Scope) -> Section:
    out, _probationary = balance.end_counts(scope)
    arrived = balance.start_counts(scope)[0]["arrived"]
    counts = {**out, "arrived": arrived}
    figures = [
        Figure(f"removals.{kind}", label, counts[CATEGORY[kind]], drill=True)
        for kind, label in REMOVAL_KINDS
    ]
    return Section("removals", _("Removals and transfers"), figures)


for _kind, _label in REMOVAL_KINDS:
    drill(
        f"removals.{_kind}",
        lambda scope, kind=_kind: balance.flow_members(scope, CATEGORY[kind]),
    )


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("removals")
    actions = listing(
        [
            counted(s.value("removals.struck_off"), gettext_noop("struck off %(n)s party members")),
            counted(
                s.value("removals.left"),
                gettext_noop("allowed %(n)s party members to leave the Party"),
            ),
            counted(s.value("removals.expelled"), gettext_noop("expelled %(n)s party members")),
        ]
    )
    sentences = [
        gettext("The committees %(actions)s.") % {"actions": actions}
        if actions
        else gettext("No party member was struck off, left the Party or was expelled.")
    ]
    if deceased := s.value("removals.deceased"):
        sentences.append(gettext("%(n)s party members passed away.") % {"n": vn_number(deceased)})
    return " ".join(sentences)
