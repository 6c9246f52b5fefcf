"""Querysets shared by the members' records."""

from __future__ import annotations

from django.db.models import Q

from dangvu.core.scope import ScopedQuerySet, subtree_q


class TwoSidedQuerySet(ScopedQuerySet):
    """A row placed in two subtrees: visible from either (`scope_path_fields`)."""

    scope_path_fields: tuple[str, ...] = ()

    def in_subtree(self, path: str) -> ScopedQuerySet:
        condition = Q()
        for field in self.scope_path_fields:
            condition |= subtree_q(field, path)
        return self.filter(condition)
