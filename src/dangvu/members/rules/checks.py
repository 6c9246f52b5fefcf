"""The members app's work-list checks (registered with core.worklist when this module is
imported); each is one or two SQL queries limited to the user's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization

from ..choices import ResidenceCategory, Status, TransferStatus
from ..residence.models import ResidenceComment, ResidenceContact
from ..transfer.models import Transfer
from .profile import profile_values
from .residence import residence_comment_window
from .transfer import overdue_q, transfer_report_deadline

# --- work-list checks ----------------------------------------------------------------------


def _narrowest_path(ctx: worklist.Context) -> str | None:
    """The subtree a work list covers: the chosen organization, else the user's own (None for
    a user who sees everything)."""
    if ctx.organization is not None:
        return ctx.organization.path
    if ctx.user.sees_everything or not ctx.user.organization_id:
        return None
    return ctx.user.organization.path


def _receiving_q(ctx: worklist.Context) -> Q:
    """Transfers whose receiving organization this user confirms (R9.3's receiving side: an
    editor whose subtree holds the destination, as `confirm_transfer` requires)."""
    if not ctx.user.is_editor:
        return Q(pk__in=[])
    path = _narrowest_path(ctx)
    return Q(to_organization__isnull=False) & (
        Q() if path is None else subtree_q("to_org_path", path)
    )


@worklist.register(
    "members.transfer_incoming",
    gettext_lazy("Incoming transfers to confirm"),
    rule="R9.3",
)
def transfers_incoming(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R9.3: a member transferred to an organization of the user's is to be received (the
    letter presented within 30 days of its issue): shown to the receiving side from the day
    the letter is issued, due at the end of the reporting window (overdue after it)."""
    days = profile_values(ctx)["transfer.report_days"]
    rows = (
        ctx.visible(Transfer)
        .filter(_receiving_q(ctx), status=TransferStatus.ISSUED, issued_on__lte=ctx.on)
        .order_by("issued_on", "id")
        .values_list("pk", "issued_on", "member__full_name", "from_organization__name",
                     "from_party", "to_organization__name")
    )  # fmt: skip
    base = reverse("members:transfer_detail", args=[0])[: -len("0/")]
    title = _("Confirm the arrival of the member transferred from %(org)s")
    for pk, issued_on, name, origin, origin_party, destination in rows:
        yield worklist.WorkItem(
            check="members.transfer_incoming",
            title=title % {"org": origin or origin_party},
            url=f"{base}{pk}/",
            organization=destination,
            subject=name,
            due_on=transfer_report_deadline(issued_on, days),
            rule="R9.3",
        )


@worklist.register(
    "members.transfer_not_confirmed",
    gettext_lazy("Transfers not confirmed in time"),
    rule="R9.3",
)
def transfers_not_confirmed(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R9.3: a transfer issued to an organization in the system and not confirmed within the
    reporting window, on the sending side's list; the receiving side has it, overdue, among
    its incoming transfers (members.transfer_incoming), so nobody sees it twice."""
    days = profile_values(ctx)["transfer.report_days"]
    rows = (
        ctx.visible(Transfer)
        .filter(overdue_q(ctx.on, days))
        .exclude(_receiving_q(ctx))
        .order_by("issued_on", "id")
        .values_list("pk", "issued_on", "member__full_name", "to_organization__name")
    )
    base = reverse("members:transfer_detail", args=[0])[: -len("0/")]
    title = _("Transfer to %(org)s not confirmed")
    for pk, issued_on, name, destination in rows:
        yield worklist.WorkItem(
            check="members.transfer_not_confirmed",
            title=title % {"org": destination},
            url=f"{base}{pk}/",
            organization=destination,
            subject=name,
            due_on=transfer_report_deadline(issued_on, days),
            rule="R9.3",
        )


@worklist.register(
    "members.residence_comment_missing",
    gettext_lazy("Residence comments missing"),
    rule="R5.4",
)
def residence_comments_missing(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R5.4/R5.5: before the evaluation season, every working member in contact with a
    residence branch (category "none") needs that branch's comment for the year."""
    year, due, opens = residence_comment_window(ctx.on, profile_values(ctx))
    if ctx.on < opens:
        return
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    due_contacts = (
        ctx.visible(ResidenceContact)
        .filter(
            category=ResidenceCategory.NONE,
            member__status__in=(Status.OFFICIAL, Status.PROBATIONARY),
            valid_from__lte=year_end,
        )
        .exclude(valid_to__lte=year_start)
        .filter(~Exists(ResidenceComment.objects.filter(contact=OuterRef("pk"), year=year)))
    )
    fields = ("pk", "member__sort_key", "member__full_name", "residence_organization__name")
    path = _narrowest_path(ctx)
    if path is None or len(path) <= Organization.steplen:
        # A whole province: one query (both sides cover everything anyway).
        rows = list(due_contacts.values_list(*fields))
    else:
        # Both sides see a contact; one query per side, each on its own indexed path (the
        # narrower range first, see members.filters), instead of one OR no index can serve.
        found = {}
        for field in ResidenceContact.objects.none().scope_path_fields:
            side = ResidenceContact.objects.filter(subtree_q(field, path)) & due_contacts
            found.update((row[0], row) for row in side.values_list(*fields))
        rows = list(found.values())
    rows.sort(key=lambda row: (row[1], row[0]))
    base = reverse("members:residence_detail", args=[0])[: -len("0/")]
    title = _("No %(year)s comment from the residence branch %(org)s")
    for pk, _sort, name, residence in rows:
        yield worklist.WorkItem(
            check="members.residence_comment_missing",
            title=title % {"year": year, "org": residence},
            url=f"{base}{pk}/",
            organization=residence,
            subject=name,
            due_on=due,
            rule="R5.4",
        )


from .. import org_structure  # noqa: E402, F401 (the organizations hooks and checks on members)
