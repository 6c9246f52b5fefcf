"""`dangvu demo`: fill an empty database with a realistic, reproducible demo province."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.registry import registry
from dangvu.demo.generator import SCALES, DemoGenerator, demo_accounts
from dangvu.organizations.models import Organization

SUMMARY_LABELS = {
    "organizations": gettext_lazy("Organizations (including dissolved)"),
    "commune_committees": gettext_lazy("Commune/ward/special-zone committees"),
    "agency_committees": gettext_lazy("Provincial agency committees"),
    "dissolved": gettext_lazy("Dissolved (former districts and sector committees)"),
    "grassroots": gettext_lazy("Grassroots organizations"),
    "sub_committees": gettext_lazy("Party sub-committees"),
    "branches": gettext_lazy("Branches (including grassroots branches)"),
    "members": gettext_lazy("Members (all statuses)"),
    "active_members": gettext_lazy("Active members"),
    "probationary": gettext_lazy("Probationary members"),
    "women": gettext_lazy("Women (active)"),
    "minorities": gettext_lazy("Ethnic minorities (active)"),
    "localities": gettext_lazy("Localities"),
    "localities_without_branch": gettext_lazy("Localities without a branch"),
    "heads_members": gettext_lazy("Locality heads who are party members"),
    "committee_seats": gettext_lazy("Committee seats"),
    "posts": gettext_lazy("Concurrent posts"),
}


class Command(BaseCommand):
    help = gettext_lazy(
        "Generate a realistic, reproducible demo province (organizations, history, members, "
        "committees, localities and demo users) in an empty database."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse needs a str, not a lazy translation.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2025, help=_("Random seed (default 2025)."))
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="small",
            help=_("small (~3,000 members), district, or province (~100,000)."),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("If organizations already exist, generate nothing and list the demo accounts."),
        )
        parser.add_argument(
            "--password",
            default="dangvu2026",
            help=_("Password of the demo users (default dangvu2026)."),
        )

    def handle(self, *args, seed: int, scale: str, if_empty: bool, password: str, **options):
        quiet = options.get("verbosity", 1) == 0
        if Organization.objects.exists():
            if not if_empty:
                raise CommandError(
                    _(
                        "The database already has organizations; the demo fills only an empty "
                        "database. Use --if-empty to skip without error."
                    )
                )
            if not quiet:
                self.stdout.write(_("Organizations already exist; no demo data was generated."))
                self.print_accounts(password)
            return
        started = time.perf_counter()
        generator = DemoGenerator(seed=seed, scale=scale, password=password)
        summary = generator.run()
        elapsed = time.perf_counter() - started
        if quiet:
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo province generated (scale %(scale)s, seed %(seed)s) in %(s).1f s.")
                % {"scale": scale, "seed": seed, "s": elapsed}
            )
        )
        labels = {**SUMMARY_LABELS}
        for step in registry().demo_steps:
            labels.update(step.labels)
        for key, value in summary.items():
            label = labels.get(key, key)  # an app that names no label shows its key
            self.stdout.write(f"  {label}: {number_format(value, force_grouping=True)}")
        self.print_accounts(password)
        if generator.kept_users:
            self.stdout.write(
                self.style.WARNING(
                    _("These accounts already existed and were left unchanged: %(names)s")
                    % {"names": ", ".join(generator.kept_users)}
                )
            )

    def print_accounts(self, password: str) -> None:
        rows = demo_accounts(password)
        if not rows:
            self.stdout.write(_("No demo accounts in this database."))
            return
        header = (_("Username"), _("Password"), _("Role"), _("Organization"))
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write("")
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write(line.format(*row).rstrip())
        self.stdout.write(_("Passwords are the value of --password when the demo was generated."))
