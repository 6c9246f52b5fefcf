"""Template helpers of the evaluation pages: level badges and the ratings-by-year card shown
on a member's profile and an organization's page (included without touching their views)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html

from ..choices import RATING_SHORT, EvaluationStep, Rating
from ..rules import RULE_REFERENCES

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


_RULE_CODE = re.compile(r"\s*\((R\d+\.\d+)\)(\.?)\s*$")


@register.filter
def rule_words(message) -> str:
    """A check's message in words, its rule code and regulation as a small reference:
    "… at most “HTNV” (R4.4)." → "… at most “HTNV”." + "R4.4 · QĐ 124-QĐ/TW"."""
    text = str(message)
    found = _RULE_CODE.search(text)
    if not found:
        return text
    code = found.group(1)
    reference = " · ".join(x for x in (code, RULE_REFERENCES.get(code, "")) if x)
    return format_html(
        '{}{} <small class="text-muted text-nowrap" data-rule="{}">{}</small>',
        text[: found.start()],
        found.group(2),
        code,
        reference,
    )
