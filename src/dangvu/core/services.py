"""Shared write helpers: optimistic versions and scope checks for services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


class StaleVersion(ValidationError):
    """Someone else saved the record after it was read."""


def check_version(instance, expected_version: int | None) -> None:
    if expected_version is not None and instance.version != expected_version:
        raise StaleVersion(
            _(
                "This record was changed by someone else after you opened it. "
                "Reload the page and make your change again."
            ),
            code="stale",
        )


def require_manage(user, organization) -> None:
    """Nobody writes outside their subtree (NetBox's re-check after a write)."""
    if not user.can_manage(organization):
        raise PermissionDenied(_("You cannot change records of this organization."))
