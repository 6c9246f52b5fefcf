"""Small presentation helpers shared by the pages: badge colours, form-field classes."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dangvu.core.models import HolidayYear

register = template.Library()

# A colour per tier of the tree, so a long list reads at a glance.
_KIND_COLOURS = {
    "province_committee": "text-bg-danger",
    "district_committee": "text-bg-primary",
    "sector_committee": "text-bg-primary",
    "commune_committee": "text-bg-primary",
    "agency_committee": "text-bg-primary",
    "base_committee": "text-bg-success",
    "base_branch": "text-bg-success",
    "sub_committee": "text-bg-info",
    "branch": "text-bg-warning",
    "party_group": "text-bg-light border",
}

_STATUS_COLOURS = {
    "official": "text-bg-success",
    "probationary": "text-bg-warning",
    "transferred_out": "text-bg-info",
    "deceased": "text-bg-dark",
}

_CONFIDENCE_COLOURS = {"C": "text-bg-success", "S": "text-bg-info", "U": "text-bg-warning"}


@register.filter
def kind_badge(kind: str) -> str:
    """CSS classes of the badge for an organization kind."""
    return _KIND_COLOURS.get(kind, "text-bg-secondary")


@register.filter
def status_badge(status: str) -> str:
    """CSS classes of the badge for a member status."""
    return _STATUS_COLOURS.get(status, "text-bg-secondary")


@register.filter
def confidence_badge(confidence: str) -> str:
    return _CONFIDENCE_COLOURS.get(confidence, "text-bg-secondary")


@register.filter
def minutes(value) -> int:
    """A timedelta in whole minutes, rounded up (a lockout of 14.5 minutes is "15")."""
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else float(value or 0)
    return max(0, -int(-seconds // 60))


@register.simple_tag(takes_context=True)
def holiday_note(context, day) -> str:
    """A short warning after a working-day deadline that falls in a year whose holiday list
    no administrator has confirmed (core.calendar.unconfirmed_years); the confirmed years are
    read once per request."""
    if not isinstance(day, dt.date):
        return ""
    request = context.get("request")
    confirmed = getattr(request, "_dangvu_confirmed_years", None)
    if confirmed is None:
        confirmed = set(HolidayYear.objects.values_list("year", flat=True))
        if request is not None:
            request._dangvu_confirmed_years = confirmed
    if day.year in confirmed:
        return ""
    return format_html(
        ' <span class="badge text-bg-warning fw-normal text-wrap text-start" title="{}">{}</span>',
        _("The deadline counts the computed public holidays; make-up days may change it."),
        _("holidays of %(year)s not confirmed") % {"year": day.year},
    )


@register.filter
def csp_nonce(svg: str, nonce: str) -> str:
    """Server-drawn SVG (our own charts) inline in a page: its <style> elements carry the
    request's CSP nonce, or the policy refuses them."""
    return mark_safe(str(svg).replace("<style", f'<style nonce="{nonce}"'))  # noqa: S308
