"""Form 1-BTCTW's balance on the demo (R15.4), for every organization: a module of its own,
since the demo fixture lives for the module (the hand-made fixture's users would clash)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from dangvu.reports.forms import build_form, parse_period
from dangvu.reports.forms.records import scope_for


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", scale="small", seed=11, verbosity=0)
        yield
        transaction.set_rollback(True)


def test_r15_4_form_1_balances_on_the_demo_for_every_organization(demo, db):
    """D = A + B − C for every organization of the demo (the form refuses otherwise), for last
    year and the year before it (the form's "cùng kỳ năm trước" column); form 3's total is
    form 1's D for the province, last year and this year's first half."""
    from dangvu.organizations.models import Organization

    today = timezone.localdate()
    periods = [parse_period(str(today.year - 1), today), parse_period(f"{today.year}H1", today)]
    checked = 0
    for org in Organization.objects.filter(dissolved_on__isnull=True).order_by("path"):
        p = periods[0]
        if not scope_for(org, p).existed:
            continue
        form = build_form("form-1", org, p)  # raises when the terms do not reconcile
        for column in (0, 1):
            a, b, c, d = (form.cell(k, column) for k in ("A", "B", "C", "D"))
            assert d == a + b - c, (org.code, p.code, column)
        checked += 1
    assert checked > 100  # the small demo has about 200 organizations
    province = Organization.objects.get_root_nodes().get()
    for p in periods:
        one, three = build_form("form-1", province, p), build_form("form-3", province, p)
        assert three.cell("total") == one.cell("D") > 0
        if p is periods[0]:  # a whole year of the demo moves; this half-year may be 2 days old
            assert one.cell("B1") > 0 or one.cell("C") > 0
