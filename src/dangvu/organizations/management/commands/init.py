"""`dangvu init`: set up an empty installation (its top organization and first administrator).

    dangvu init                                   # asks each question
    dangvu init --code T01 --name "Đảng bộ tỉnh X" --level province \\
        --admin-username admin --admin-password '…' --admin-email a@x.vn --no-input

The password may come from DANGVU_ADMIN_PASSWORD instead of the command line (which other users
of the machine can see in the process list). Refused, with nothing written, once the database
has organizations.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.organizations import first_run

FIELDS = ("kind", "code", "name", "founded_on", "username", "full_name", "email", "password")
REQUIRED = ("kind", "code", "name", "username", "password")
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def _labels() -> dict[str, str]:
    return {
        "kind": _("Level of the top organization"),
        "code": _("Code of the top organization"),
        "name": _("Name of the top organization"),
        "founded_on": _("Founding date"),
        "username": _("Administrator's username"),
        "full_name": _("Administrator's full name"),
        "email": _("Administrator's email"),
        "password": _("Administrator's password"),
    }


def parse_day(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class Command(BaseCommand):
    stealth_options = ("stdin",)  # tests answer the questions through a file-like object
    help = (
        "Set up an empty installation: the top organization (a province, or any organization "
        "that runs dangvu alone, e.g. a commune committee) and the first administrator."
    )

    def add_arguments(self, parser) -> None:
        levels = ", ".join([*first_run.LEVEL_KINDS, *first_run.TOP_KINDS])
        parser.add_argument("--level", default="", help=f"level or kind of the top one: {levels}")
        parser.add_argument("--code", default="", help="code of the top organization, e.g. T01")
        parser.add_argument("--name", default="", help='e.g. "Đảng bộ tỉnh X"')
        parser.add_argument("--founded", default="", help="founding date DD/MM/YYYY (optional)")
        parser.add_argument("--admin-username", default="")
        parser.add_argument("--admin-full-name", default="")
        parser.add_argument("--admin-email", default="")
        parser.add_argument(
            "--admin-password", default="", help="or set DANGVU_ADMIN_PASSWORD (safer)"
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="ask nothing: what is missing is an error",
        )

    def handle(self, *args, **options) -> None:
        translation.activate("vi")
        if not first_run.is_empty():
            raise CommandError(str(first_run.NOT_EMPTY))
        self.stdin = options.get("stdin") or sys.stdin
        self.interactive = options["interactive"]
        values = {
            "kind": first_run.kind_for(options["level"]) or options["level"],
            "code": options["code"],
            "name": options["name"],
            "founded_on": options["founded"],
            "username": options["admin_username"],
            "full_name": options["admin_full_name"],
            "email": options["admin_email"],
            "password": options["admin_password"] or os.environ.get("DANGVU_ADMIN_PASSWORD", ""),
        }
        # Questions only when something required is missing (a script that gives every
        # required flag is never stopped by a question about an optional one).
        if self.interactive and any(not values[field] for field in REQUIRED):
            for field in FIELDS:
                if not values[field]:
                    values[field] = self.ask(field)
        while True:
            errors = self.try_set_up(values)
            if errors is None:
                return
            self.print_errors(errors)
            # On the command line with every answer given: stop (exit code 1), nothing written.
            wrong = [field for field in FIELDS if field in errors]
            if not self.interactive or not wrong:
                raise CommandError(_("Nothing was written."))
            for field in wrong:
                values[field] = self.ask(field)

    def try_set_up(self, values: dict[str, str]) -> dict[str, list[str]] | None:
        try:
            founded_on = parse_day(values["founded_on"])
        except ValueError:
            return {"founded_on": [_("Enter a date as DD/MM/YYYY.")]}
        try:
            done = first_run.set_up(
                kind=first_run.kind_for(values["kind"]) or values["kind"],
                code=values["code"],
                name=values["name"],
                founded_on=founded_on,
                username=values["username"],
                full_name=values["full_name"],
                email=values["email"],
                password=values["password"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "not_empty":
                raise CommandError(str(first_run.NOT_EMPTY)) from error
            return error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        self.print_done(done)
        return None

    def print_errors(self, errors: dict[str, list[str]]) -> None:
        labels = _labels()
        for field, messages in errors.items():
            for message in messages:
                label = labels.get(field, "")
                self.stderr.write(f"{label}: {message}" if label else message)

    def print_done(self, done: first_run.Installation) -> None:
        org, admin = done.organization, done.admin
        self.stdout.write(
            self.style.SUCCESS(
                _("Created %(org)s (code %(code)s) and its administrator %(username)s.")
                % {"org": org.name, "code": org.code, "username": admin.username}
            )
        )
        self.stdout.write(
            _(
                "Next: sign in as %(username)s and bring the data in on the import page "
                "%(url)s (e.g. http://127.0.0.1:8000%(url)s), or on the command line: "
                "dangvu import organizations FILE.xlsx --org %(code)s, then localities, "
                "then members."
            )
            % {"username": admin.username, "url": reverse("imports:index"), "code": org.code}
        )

    def ask(self, field: str) -> str:
        labels = _labels()
        if field == "kind":
            choices = first_run.top_kind_choices()
            for number, (_value, label) in enumerate(choices, start=1):
                self.stdout.write(f"  {number}. {label}")
            while True:
                answer = self.read(f"{labels['kind']} [1-{len(choices)}, 1]: ") or "1"
                if answer.isdigit() and 1 <= int(answer) <= len(choices):
                    return choices[int(answer) - 1][0]
                if kind := first_run.kind_for(answer):
                    return kind
                self.stderr.write(_("Choose a number from the list."))
        if field == "password":
            while True:
                first = self.read(f"{labels['password']}: ", secret=True)
                again = self.read(_("The password again: "), secret=True)
                if first == again:
                    return first
                self.stderr.write(_("The two passwords differ."))
        optional = field in ("full_name", "email", "founded_on")
        hint = _(" (optional)") if optional else ""
        if field == "founded_on":
            hint = _(" (DD/MM/YYYY, optional)")
        return self.read(f"{labels[field]}{hint}: ")

    def read(self, prompt: str, secret: bool = False) -> str:
        if secret and self.stdin is sys.stdin and sys.stdin.isatty():
            return getpass.getpass(prompt)
        self.stdout.write(prompt, ending="")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:  # end of input: stop rather than loop on empty answers
            raise CommandError(_("Stopped: no answer. Nothing was written."))
        return line.rstrip("\r\n").strip()
