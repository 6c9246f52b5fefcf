"""The members app's models, defined by sub-domain and imported here so that Django registers
them in the app (`members.Member`, ...) and other apps keep `from dangvu.members.models import`.
"""

from .discipline.models import Discipline, DisciplineQuerySet
from .events.models import AppendOnlyError, MemberEvent, MemberEventQuerySet
from .member.models import Member, MemberQuerySet
from .placement.models import MemberPost, MemberPostQuerySet, Placement, PlacementQuerySet
from .residence.models import (
    ResidenceComment,
    ResidenceCommentQuerySet,
    ResidenceContact,
    ResidenceContactQuerySet,
)
from .transfer.models import Transfer, TransferQuerySet

__all__ = [
    "AppendOnlyError",
    "Discipline",
    "DisciplineQuerySet",
    "Member",
    "MemberEvent",
    "MemberEventQuerySet",
    "MemberPost",
    "MemberPostQuerySet",
    "MemberQuerySet",
    "Placement",
    "PlacementQuerySet",
    "ResidenceComment",
    "ResidenceCommentQuerySet",
    "ResidenceContact",
    "ResidenceContactQuerySet",
    "Transfer",
    "TransferQuerySet",
]
