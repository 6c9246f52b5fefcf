"""Kept for other apps: the FilterSets live with their records (`member`, `events`,
`transfer`, `discipline`)."""

from .discipline.filters import DisciplineFilterSet
from .events.filters import MemberEventFilterSet
from .member.filters import MemberFilterSet, StableOrderingFilter, visible_organizations
from .transfer.filters import TransferFilterSet

__all__ = [
    "DisciplineFilterSet",
    "MemberEventFilterSet",
    "MemberFilterSet",
    "StableOrderingFilter",
    "TransferFilterSet",
    "visible_organizations",
]
