"""Benchmarks of the member lifecycle (issue 3): the timeline, the events list, the work list.

Targets from the issue: a member's timeline < 50 ms; the events list of a commune-level
committee's subtree for a year < 150 ms; the work list for the province < 1 s and for a
branch < 50 ms.
"""

from __future__ import annotations


def benchmarks(page, client_for):
    from django.db.models import Count
    from django.utils import timezone

    from dangvu.accounts.models import User
    from dangvu.core import worklist
    from dangvu.core.scope import subtree_q
    from dangvu.members.models import MemberEvent

    commune = User.objects.select_related("organization").get(username="xa1").organization
    tinh_user = User.objects.select_related("organization").get(username="tinh")
    bithu_user = User.objects.select_related("organization").get(username="bithu")
    # The member of the commune with the longest history: the heaviest timeline.
    busiest = (
        MemberEvent.objects.filter(subtree_q("org_path", commune.path))
        .values("member")
        .annotate(n=Count("id"))
        .order_by("-n", "member")
        .first()
    )
    member_pk = busiest["member"] if busiest else 1
    year = timezone.localdate().year - 1
    events = (
        f"/members/events/?organization={commune.pk}&date_from={year}-01-01&date_to={year}-12-31"
    )
    tinh, xa1, bithu = client_for("tinh"), client_for("xa1"), client_for("bithu")
    # The checks this issue registers (the others are measured by their apps' benches).
    lifecycle_checks = [
        "members.transfer_not_confirmed",
        "members.residence_comment_missing",
        "organizations.branch_too_small",
        "organizations.white_locality",
    ]
    return [
        (
            f"member timeline: GET /members/{member_pk}/ (xa1)",
            50,
            page(xa1, f"/members/{member_pk}/"),
        ),
        (f"events list: GET {events} (tinh)", 150, page(tinh, events)),
        (f"events list: GET {events} (xa1)", 150, page(xa1, events)),
        (
            "work list: work_list() for the province (tinh)",
            1000,
            lambda: worklist.work_list(tinh_user),
        ),
        ("work list page: GET /worklist/ (tinh)", 1000, page(tinh, "/worklist/")),
        (
            "work list: the four lifecycle/organization checks (tinh, whole province)",
            300,
            lambda: worklist.work_list(tinh_user, only=lifecycle_checks),
        ),
        ("work list: work_list() for a branch (bithu)", 50, lambda: worklist.work_list(bithu_user)),
        ("work list page: GET /worklist/ (bithu)", 50, page(bithu, "/worklist/")),
        ("transfers list: GET /members/transfers/ (xa1)", 150, page(xa1, "/members/transfers/")),
    ]
