"""Annual evaluation (issue 5): the year's results for the whole province, and (when the
steps pages exist) a grassroots committee's decision page and bulk decision of ~300 members.

Targets from the issue: results < 300 ms; decision page (pre-checks included) < 300 ms;
bulk-deciding 300 members < 1 s (run in a transaction rolled back after each run)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.urls import reverse


def benchmarks(page, client_for):
    from dangvu.accounts.models import Role, User
    from dangvu.evaluations import queries
    from dangvu.evaluations.models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation

    tinh = User.objects.select_related("organization").get(username="tinh")
    xa1 = User.objects.select_related("organization").get(username="xa1")
    province, commune = tinh.organization, xa1.organization
    closed = EvaluationCycle.objects.filter(status="closed").order_by("-year").first()
    year = closed.year if closed else 2025
    results = reverse("evaluations:results")
    rows = [
        (
            f"evaluation results: rating_counts(province, {year})",
            100,
            lambda: queries.rating_counts(province.path, year),
        ),
        (
            f"evaluation results page: GET {results}?year={year} (tinh, whole province)",
            300,
            page(client_for("tinh"), f"{results}?year={year}"),
        ),
        (
            f"evaluation results page: GET {results}?year={year} (xa1)",
            300,
            page(client_for("xa1"), f"{results}?year={year}"),
        ),
        (
            f"evaluation list page: GET results/list/ excellent members {year} (xa1)",
            300,
            page(
                client_for("xa1"),
                f"{reverse('evaluations:results_list')}?organization={commune.pk}"
                f"&year={year}&level=members&rating=excellent",
            ),
        ),
    ]
    return rows + steps_benchmarks(
        page, client_for, Role, User, MemberEvaluation, OrganizationEvaluation
    )


def steps_benchmarks(page, client_for, Role, User, MemberEvaluation, OrganizationEvaluation):
    """The decision page and the bulk decision of the grassroots organization closest to 300."""
    from dangvu.evaluations.models import EvaluationCycle

    cycle = EvaluationCycle.objects.filter(status="open").order_by("-year").first()
    if cycle is None:
        return []
    # The grassroots organization whose list is closest to 300 members.
    sizes = (
        MemberEvaluation.objects.filter(cycle=cycle, excluded=False)
        .values("grassroots_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    best = min(sizes, key=lambda row: abs(row["n"] - 300), default=None)
    if best is None:
        return []
    unit = (
        OrganizationEvaluation.objects.filter(cycle=cycle, organization_id=best["grassroots_id"])
        .select_related("organization")
        .first()
    )
    from dangvu.evaluations import services
    from dangvu.members.models import Discipline

    org = unit.organization
    # The page and the decision as the grassroots committee's own staff ("only the right
    # level decides"); the account stays in the bench database.
    decider, _created = User.objects.get_or_create(
        username=f"bench-coso-{org.pk}",
        defaults={"role": Role.GRASSROOTS_STAFF, "organization": org},
    )
    url = reverse("evaluations:decisions", args=[unit.pk])
    rows = [
        (
            f"decision page: GET {url} ({best['n']} members, pre-checks, grassroots staff)",
            300,
            page(client_for(decider.username), url),
        )
    ]
    pending = list(
        MemberEvaluation.objects.filter(cycle=cycle, grassroots=org, excluded=False)
        .exclude(step="decided")
        .values_list("pk", "member_id")
    )
    disciplined = set(
        Discipline.objects.filter(
            member_id__in=[m for _pk, m in pending], signed_on__year=cycle.year
        ).values_list("member_id", flat=True)
    )
    choices = {
        pk: ("not_completed" if member in disciplined else "good", "Bench")
        for pk, member in pending
    }

    def bulk_decide():
        with transaction.atomic():
            services.decide(
                user=decider, cycle=cycle, deciding=org, members=choices, decision_number="1-QĐ/ĐU"
            )
            transaction.set_rollback(True)

    rows.append((f"bulk decide: services.decide of {len(choices)} members", 1000, bulk_decide))
    return rows
