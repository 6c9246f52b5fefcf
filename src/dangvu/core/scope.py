"""One scoping mechanism for every read: `Model.objects.visible_to(user)`.

A user works for one organization; they see its subtree and nothing else (ARCHITECTURE,
principle 1). Subtrees are materialized-path prefixes. On SQLite a `LIKE 'p%'` cannot use the
index, so we query the equivalent range `p <= path < p'` (STACK-NOTES); on PostgreSQL the
default collation is not byte order, so we use LIKE there with a pattern-ops index.
"""

from __future__ import annotations

from django.db import connection, models
from django.db.models import Q


def path_upper_bound(path: str) -> str:
    """The smallest string greater than every string starting with `path`."""
    return path[:-1] + chr(ord(path[-1]) + 1)


def subtree_q(field: str, path: str) -> Q:
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": path, f"{field}__lt": path_upper_bound(path)})
    return Q(**{f"{field}__startswith": path})


class ScopedQuerySet(models.QuerySet):
    """Subclasses set `scope_path_field` (the materialized path that places a row in the tree)
    and `self_field` (how a plain member reaches their own rows; None hides the model)."""

    scope_path_field: str = "path"
    self_field: str | None = None

    def in_subtree(self, path: str) -> ScopedQuerySet:
        return self.filter(subtree_q(self.scope_path_field, path))

    def visible_to(self, user) -> ScopedQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_everything:
            return self
        if user.is_plain_member:
            if self.self_field is None or user.member_id is None:
                return self.none()
            return self.filter(**{self.self_field: user.member_id})
        if user.organization_id is None:
            return self.none()
        return self.in_subtree(user.organization.path)


# The model whose tree defines every scope. Named, not imported: core sits below the apps
# (as Django names the user model with AUTH_USER_MODEL).
ORGANIZATION_MODEL = "organizations.Organization"


def organization_model() -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(ORGANIZATION_MODEL)
