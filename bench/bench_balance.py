"""The membership balance (issue 12, R15.4): `dangvu check_balance` over every organization of
the province demo for last year (target < 10 s), and the balance of the province and of a
commune as the reports compute it."""

from __future__ import annotations

import datetime as dt


def benchmarks(page, client_for):
    from django.utils import timezone

    from dangvu.accounts.models import User
    from dangvu.members.reporting.balance import balance
    from dangvu.members.reporting.balance_check import check
    from dangvu.reports.queries.scope import Scope

    tinh = User.objects.select_related("organization").get(username="tinh")
    xa1 = User.objects.select_related("organization").get(username="xa1")
    today = timezone.localdate()
    year = today.year - 1
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)

    def check_all():
        result = check(start, end)
        if not result.ok:
            raise AssertionError(f"the demo does not balance: {result}")
        return result

    return [
        (f"balance check of every organization for {year} (check_balance)", 10_000, check_all),
        (
            f"balance of the province for {year} (form 1-BTCTW terms)",
            2_000,
            lambda: balance(Scope(tinh.organization, end, start)),
        ),
        (
            f"balance of a commune for {year}",
            300,
            lambda: balance(Scope(xa1.organization, end, start)),
        ),
    ]
