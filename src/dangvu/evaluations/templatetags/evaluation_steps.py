"""Template helpers of the evaluation pages: level badges and the ratings-by-year card shown
on a member's profile and an organization's page (included without touching their views)."""

from __future__ import annotations

from django import template

from ..choices import RATING_SHORT, EvaluationStep, Rating

register = template.Library()

BADGES = {
    Rating.EXCELLENT: "text-bg-success",
    Rating.GOOD: "text-bg-primary",
    Rating.COMPLETED: "text-bg-secondary",
    Rating.NOT_COMPLETED: "text-bg-danger",
}


@register.filter
def rating_short(value: str) -> str:
    """HTXSNV / HTTNV / HTNV / KHTNV."""
    return RATING_SHORT.get(value, "") if value else ""


@register.filter
def rating_label(value: str) -> str:
    return str(Rating(value).label) if value in Rating.values else ""


@register.filter
def rating_badge(value: str) -> str:
    return BADGES.get(value, "text-bg-light border")


@register.filter
def step_badge(value: str) -> str:
    return {
        EvaluationStep.PENDING: "text-bg-light border",
        EvaluationStep.SELF: "text-bg-info",
        EvaluationStep.PROPOSED: "text-bg-warning",
        EvaluationStep.DECIDED: "text-bg-success",
    }.get(value, "text-bg-light border")


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
