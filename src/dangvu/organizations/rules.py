"""Organization rules that feed the work list (rules.md §1): thin branches, "white" localities.

Registered with core.worklist by OrganizationsConfig.ready(); each check is one SQL query
limited to the user's scope.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist

from .choices import BRANCH_KINDS
from .models import Locality, Organization


def _detail_base() -> str:
    return reverse("organizations:detail", args=[0])[: -len("0/")]


@worklist.register(
    "organizations.branch_too_small",
    gettext_lazy("Branches with fewer than 3 official members"),
    rule="R1.4",
)
def branches_too_small(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R1.4 (Điều lệ Đ24.1): every branch needs at least 3 official members (probationary
    members do not count; R1.1); otherwise the superior attaches its members elsewhere."""
    from dangvu.members.choices import Status
    from dangvu.members.models import Member
    from dangvu.members.rules import profile_values

    minimum = profile_values(ctx)["org.branch_min_official"]
    if minimum <= 0:
        return
    official = Member.objects.filter(organization=OuterRef("pk"), status=Status.OFFICIAL)
    # "No `minimum`-th official member" stops after `minimum` index entries per branch; the
    # count is computed only for the branches listed.
    nth = official.order_by().values("pk")[minimum - 1 : minimum]
    count = official.order_by().values("organization").annotate(n=Count("pk")).values("n")
    rows = (
        ctx.visible(Organization)
        .filter(kind__in=BRANCH_KINDS, dissolved_on__isnull=True)
        .filter(~Exists(nth))
        .annotate(official=Coalesce(Subquery(count), 0))
        .order_by("official", "path")
        .values_list("pk", "name", "official")
    )
    base = _detail_base()
    for pk, name, official in rows:
        yield worklist.WorkItem(
            check="organizations.branch_too_small",
            title=_("%(org)s has %(count)s official members (at least %(min)s needed)")
            % {"org": name, "count": official, "min": minimum},
            url=f"{base}{pk}/",
            organization=name,
            rule="R1.4",
        )


@worklist.register(
    "organizations.white_locality",
    gettext_lazy('Localities without a branch or a member ("white")'),
    rule="R1.1",
)
def white_localities(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """Thôn/bản "trắng" (glossary): a locality no branch covers, or whose branch has no active
    member. Listed to the commune-level committee that must build one (R1.1)."""
    from dangvu.members.models import Member

    has_member = Member.objects.active().filter(organization=OuterRef("branch_id"))
    rows = (
        ctx.visible(Locality)
        .annotate(has_member=Exists(has_member))
        .filter(Q(branch__isnull=True) | Q(has_member=False))
        .order_by("commune__path", "name")
        .values_list("commune_id", "commune__name", "name", "branch_id")
    )
    base = _detail_base()
    for commune_id, commune, name, branch_id in rows:
        if branch_id is None:
            title = _("%(locality)s has no party branch") % {"locality": name}
        else:
            title = _("%(locality)s has no party member") % {"locality": name}
        yield worklist.WorkItem(
            check="organizations.white_locality",
            title=title,
            url=f"{base}{commune_id}/",
            organization=commune,
            subject=name,
            rule="R1.1",
        )
