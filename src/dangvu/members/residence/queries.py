"""Reads of the residence contact pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from .. import rules
from ..choices import ACTIVE_STATUSES, ResidenceCategory
from ..rules.transitions import RESIDENCE, available
from .models import ResidenceComment, ResidenceContact


def contact_list(queryset: QuerySet, missing_only: bool, on: dt.date) -> QuerySet:
    """The contacts by member name; with `missing_only`, the open ones still waiting for the
    year's comment (R5.4)."""
    queryset = queryset.order_by("member__sort_key", "-valid_from", "id")
    if missing_only:
        year, _due, _opens = rules.residence_comment_window(on)
        commented = ResidenceComment.objects.filter(year=year).values("contact_id")
        queryset = queryset.filter(
            category=ResidenceCategory.NONE,
            valid_to__isnull=True,
            member__status__in=ACTIVE_STATUSES,
        ).exclude(pk__in=commented)
    return queryset


def detail(contact: ResidenceContact, user, on: dt.date) -> dict[str, Any]:
    """The contact page: its comments, whether this year's is due (R5.4, R5.5) and which of its
    actions the user may take now."""
    year, due, _opens = rules.residence_comment_window(on)
    comments = list(contact.comments.order_by("-year"))
    required = rules.residence_comment_required(contact.category)
    return {
        "comments": comments,
        "required": required,
        "year": year,
        "due": due,
        "missing": required and not any(c.year == year for c in comments),
        "actions": {name: available(RESIDENCE, name, user, contact) for name in RESIDENCE},
    }
