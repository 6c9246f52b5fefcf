"""Shared bricks of the meeting models: the JSON encoder and the scope of a branch's rows."""

from __future__ import annotations

import json

from django.db.models import Q
from django.utils import timezone

from dangvu.core.scope import ScopedQuerySet
from dangvu.members.models import Placement


class UnicodeJSONEncoder(json.JSONEncoder):
    """Vietnamese text stored as itself, not as \\u escapes (a third of the size)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


def member_branch_ids(member) -> list[int]:
    """The branches a member meets in today: their own and any open temporary placement."""
    today = timezone.localdate()
    temporary = Placement.objects.filter(
        member=member, kind="temporary", valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    return [member.organization_id, *temporary.values_list("organization_id", flat=True)]


class BranchScopedQuerySet(ScopedQuerySet):
    """Rows of a branch's meetings. A plain member sees those of the branches they meet in
    (their notices, agendas, documents, resolutions): `branch_field` leads to the branch."""

    scope_path_field = "org_path"
    branch_field = "organization_id"

    def visible_to(self, user):
        if (
            user is not None
            and user.is_authenticated
            and user.is_active
            and not user.sees_everything
            and user.is_plain_member
        ):
            if user.member_id is None:
                return self.none()
            return self.filter(**{f"{self.branch_field}__in": member_branch_ids(user.member)})
        return super().visible_to(user)
