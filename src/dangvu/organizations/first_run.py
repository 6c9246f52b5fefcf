"""The first run of an empty installation: its top organization and first administrator,
written together in one transaction (`dangvu init` and the first page call the same service).

The top organization may be of any level that can stand alone: a province committee, or a
commune committee (or a grassroots organization) that runs dangvu by itself. Its administrator
works for it (`Role.ADMIN` bound to it, and a Django superuser so that the admin site can create
the other accounts); their scope is the whole tree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.models import Role
from dangvu.core.text import find_invisible, invisible_message, nfc

from .choices import GRASSROOTS_KINDS, Kind, Level
from .models import Organization, OrganizationLink

# Kinds an installation's top organization may have (a sub-committee, a branch or a party
# group belongs to a grassroots organization and cannot run alone).
TOP_KINDS = (
    Kind.PROVINCE_COMMITTEE,
    Kind.COMMUNE_COMMITTEE,
    Kind.AGENCY_COMMITTEE,
    Kind.DISTRICT_COMMITTEE,
    Kind.SECTOR_COMMITTEE,
    Kind.BASE_COMMITTEE,
    Kind.BASE_BRANCH,
)
# `--level` on the command line: a level names the usual kind of that level today.
LEVEL_KINDS = {
    Level.PROVINCE: Kind.PROVINCE_COMMITTEE,
    Level.DIRECT: Kind.COMMUNE_COMMITTEE,
    Level.GRASSROOTS: Kind.BASE_COMMITTEE,
}
# The top organization's history link starts here when its founding date is not given: the
# history imported under it (admissions, placements of past decades) must find it in the
# tree of those dates. 3/2/1930: the Party's founding, before any of its organizations.
EARLIEST = dt.date(1930, 2, 3)
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
NOT_EMPTY = gettext_lazy(
    "This installation already has its organizations: the first run is done. Sign in, or ask "
    "the administrator for an account."
)


@dataclass
class Installation:
    organization: Organization
    admin: object  # the User


def kind_for(value: str) -> str | None:
    """A top organization's kind from a kind or a level name (None when neither fits)."""
    value = (value or "").strip().lower()
    if value in TOP_KINDS:
        return value
    return LEVEL_KINDS.get(value)


def top_kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in TOP_KINDS]


def is_empty() -> bool:
    """No organization yet: the installation has not been set up."""
    return not Organization.objects.exists()


def first_page_open() -> bool:
    """The first-run page is open only on a brand-new database (no organization, no account):
    once anything exists, it could only serve to take the installation over."""
    return is_empty() and not get_user_model().objects.exists()


def _text(value: str | None) -> str:
    return nfc((value or "").strip())


def _check(
    *, kind: str, code: str, name: str, username: str, email: str, password: str, founded_on
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(str(message))

    if kind not in TOP_KINDS:
        add("kind", _("Choose the level of the top organization."))
    for field, value, limit in (("code", code, 32), ("name", name, 255)):
        if not value:
            add(field, _("This field is required."))
        elif len(value) > limit:
            add(field, _("At most %(n)s characters.") % {"n": limit})
        elif (char := find_invisible(value)) is not None:
            add(field, invisible_message(char))
    if code and "code" not in errors and not CODE_PATTERN.match(code):
        add("code", _("A code is letters without accents, digits, dots, dashes or underscores."))
    if founded_on and founded_on > timezone.localdate():
        add("founded_on", _("The founding date is in the future."))
    User = get_user_model()
    if not username:
        add("username", _("This field is required."))
    else:
        try:
            User._meta.get_field("username").run_validators(username)
        except ValidationError as error:
            for message in error.messages:
                add("username", message)
        if User.objects.filter(username__iexact=username).exists():
            add("username", _("This username is already taken."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            add("email", _("Enter a valid email address."))
    if not password:
        add("password", _("This field is required."))
    return errors


@transaction.atomic
def set_up(
    *,
    kind: str,
    code: str,
    name: str,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    founded_on: dt.date | None = None,
    sector: str = "",
    first_page: bool = False,
) -> Installation:
    """Create the top organization and its administrator, or nothing.

    Refused once any organization exists (and, for the first page, once any account exists).
    Raises ValidationError with the fields' messages (kind, code, name, username, email,
    password, founded_on)."""
    if connection.vendor == "postgresql":
        # Two first runs at once: the second waits here, then finds the first one's rows.
        # (SQLite transactions are IMMEDIATE in our settings: already one writer at a time.)
        with connection.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{Organization._meta.db_table}" IN EXCLUSIVE MODE')
    if not (first_page_open() if first_page else is_empty()):
        raise ValidationError(str(NOT_EMPTY), code="not_empty")
    kind, code, name = (kind or "").strip(), _text(code), _text(name)
    username, email, full_name = _text(username), _text(email), _text(full_name)
    errors = _check(
        kind=kind,
        code=code,
        name=name,
        username=username,
        email=email,
        password=password,
        founded_on=founded_on,
    )
    User = get_user_model()
    admin = User(
        username=username,
        email=email,
        first_name=full_name[:150],
        role=Role.ADMIN,
        is_staff=True,
        is_superuser=True,
    )
    if password and "password" not in errors:
        try:
            password_validation.validate_password(password, admin)
        except ValidationError as error:
            errors.setdefault("password", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    organization = Organization.objects.add_root(
        {
            "name": name,
            "code": code,
            "kind": kind,
            "sector": sector or Organization._meta.get_field("sector").default,
            "may_admit": kind in GRASSROOTS_KINDS,
            "founded_on": founded_on,
            "position": 1,
        }
    )
    OrganizationLink.objects.create(
        organization=organization,
        parent=None,
        kind=kind,
        name=name,
        valid_from=founded_on or EARLIEST,
    )
    admin.organization = organization
    admin.set_password(password)
    admin.save()
    return Installation(organization=organization, admin=admin)
