"""Helpers shared by the import/export/backup commands: the acting user, the organization,
a rich progress bar."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import (
    Progress as RichBar,
)

from dangvu.imports.engine import Progress
from dangvu.organizations.models import Organization


def organization_by_code(code: str) -> Organization:
    try:
        return Organization.objects.get(code=code)
    except Organization.DoesNotExist as error:
        raise CommandError(_("No organization with code %(code)s.") % {"code": code}) from error


def acting_user(username: str | None, organization: Organization | None = None):
    """The user an import is attributed to (optional on the command line: whoever runs
    manage.py already has the server). When given, their scope is enforced."""
    if not username:
        return None
    try:
        user = get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist as error:
        raise CommandError(_("No user %(username)s.") % {"username": username}) from error
    if organization is not None and not user.can_manage(organization):
        raise CommandError(
            _("%(username)s may not change the records of %(org)s.")
            % {"username": username, "org": organization.name}
        )
    return user


class BarProgress(Progress):
    """A rich progress bar; advances are batched so 100,000 rows cost nothing."""

    def __init__(self, enabled: bool = True) -> None:
        self.bar = RichBar(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=not enabled,
            transient=False,
        )
        self.task = None
        self.pending = 0

    def __enter__(self):
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self._flush()
        self.bar.stop()

    def phase(self, label: str, total: int, key: str = "") -> None:
        self._flush()
        if self.task is not None:
            task = self.bar.tasks[-1]
            self.bar.update(self.task, total=task.completed)
        self.task = self.bar.add_task(str(label), total=total or None)

    def advance(self, n: int = 1) -> None:
        self.pending += n
        if self.pending >= 500:
            self._flush()

    def _flush(self) -> None:
        if self.task is not None and self.pending:
            self.bar.advance(self.task, self.pending)
        self.pending = 0
