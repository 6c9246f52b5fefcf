"""`dangvu check_balance [--year 2025 | --from DD/MM/YYYY --to DD/MM/YYYY]`: the membership
balance of every organization for the period (form 1-BTCTW, R15.4) and the facts behind it;
exits with 1 when anything does not reconcile."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.members.reporting.balance_check import check
from dangvu.organizations.models import Organization


def _date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as error:
        raise CommandError(_("Enter a date as dd/mm/yyyy.")) from error


class Command(BaseCommand):
    help = "Check the membership balance of every organization for a period (form 1-BTCTW)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--from", dest="start", default="")
        parser.add_argument("--to", dest="end", default="")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["start"] or options["end"]:
            start, on = _date(options["start"]), _date(options["end"])
        else:
            year = options["year"] or today.year
            start, on = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
        if on < start:
            raise CommandError(_("The end date must be after the start date."))
        began = time.perf_counter()
        result = check(start, on)
        seconds = time.perf_counter() - began
        names = dict(
            Organization.objects.filter(pk__in=list(result.failing)).values_list("pk", "name")
        )
        for org, (a, i, o, d) in sorted(result.failing.items()):
            self.stdout.write(
                _("%(name)s: %(start)s + %(in)s − %(out)s ≠ %(end)s")
                % {"name": names.get(org, org), "start": a, "in": i, "out": o, "end": d}
            )
        self.stdout.write(
            _(
                "%(period)s: %(orgs)s organizations checked in %(seconds).1f s; %(failing)s do "
                "not balance; %(overlaps)s overlapping placements; %(unexplained)s changes of "
                "the roll without their event; %(mismatch)s members whose status disagrees "
                "with their placement."
            )
            % {
                "period": f"{start:%d/%m/%Y}–{on:%d/%m/%Y}",
                "orgs": result.organizations,
                "seconds": seconds,
                "failing": len(result.failing),
                "overlaps": result.overlaps,
                "unexplained": result.unexplained,
                "mismatch": result.status_mismatch,
            }
        )
        if not result.ok:
            raise SystemExit(1)
