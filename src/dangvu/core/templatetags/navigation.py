"""`{% nav_entries as entries %}`: the registry's navigation entries the current user sees."""

from __future__ import annotations

from django import template

from dangvu.core.registry import NavEntry, registry

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_entries(context: template.Context) -> list[NavEntry]:
    return registry().nav_for(context.get("user"))
