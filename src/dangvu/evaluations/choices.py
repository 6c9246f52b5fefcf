"""Evaluation levels and steps (rules.md §4, QĐ 366-QĐ/TW; glossary "Evaluation")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """R4.2 [C] QĐ 366 Đ11: the same four levels for collectives and individuals."""

    EXCELLENT = "excellent", _("Excellently fulfilled duties")
    GOOD = "good", _("Well fulfilled duties")
    COMPLETED = "completed", _("Fulfilled duties")
    NOT_COMPLETED = "not_completed", _("Did not fulfil duties")


# Higher is better; caps and comparisons use this order, never the labels.
RATING_RANK = {
    Rating.EXCELLENT: 4,
    Rating.GOOD: 3,
    Rating.COMPLETED: 2,
    Rating.NOT_COMPLETED: 1,
}

# The short forms the articles and party documents use.
RATING_SHORT = {
    Rating.EXCELLENT: "HTXSNV",
    Rating.GOOD: "HTTNV",
    Rating.COMPLETED: "HTNV",
    Rating.NOT_COMPLETED: "KHTNV",
}


def rating_min(a: str | None, b: str | None) -> str | None:
    """The lower of two ratings (None means "no cap")."""
    if a is None:
        return b
    if b is None:
        return a
    return a if RATING_RANK[Rating(a)] <= RATING_RANK[Rating(b)] else b


class EvaluationStep(models.TextChoices):
    """R4.7: self-assessment → appraisal/proposal → decision by the competent level."""

    PENDING = "pending", _("Not self-assessed yet")
    SELF = "self", _("Self-assessed")
    PROPOSED = "proposed", _("Proposed")
    DECIDED = "decided", _("Decided")


class Framework(models.TextChoices):
    """R4.3: QĐ 366's annexes of criteria, one per kind of person or collective.
    Mẫu 2A/2B/2C of HD 43 are the personal forms."""

    NO_POST = "no_post", _("Member without a leading post (form 2A)")
    LEADER = "leader", _("Leader or manager (form 2B)")
    OUTSIDE = "outside", _("Member not working in the political system (form 2C)")
    COLLECTIVE = "collective", _("Party organization (form 01)")


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Action(models.TextChoices):
    """What one line of an evaluation's history records."""

    SELF = "self", _("Self-assessment")
    PROPOSED = "proposed", _("Proposal")
    DECIDED = "decided", _("Decision")
    REOPENED = "reopened", _("Reopened")
    EXCLUDED = "excluded", _("Excluded from rating")
