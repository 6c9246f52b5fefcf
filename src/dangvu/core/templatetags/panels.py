"""`{% panels "member" member %}` / `{% panels "organization" org %}`: the blocks the installed
apps add to the member profile and the organization page (`member_panels` and
`organization_panels` on their AppConfig), each rendered by its app in the viewer's scope;
`{% panels "home" user %}`: the blocks of the home page (`home_panels`), given the user."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from dangvu.core.registry import registry

register = template.Library()

WHERE = {"member": "member_panels", "organization": "organization_panels", "home": "home_panels"}


@register.simple_tag(takes_context=True)
def panels(context, where: str, obj: Any) -> SafeString:
    request = context.get("request")
    rendered = []
    for panel in getattr(registry(), WHERE[where]):
        data = import_string(panel.context)(request, obj)
        if data is None:
            continue  # the app has nothing to show here (or not to this viewer)
        rendered.append((panel.css, render_to_string(panel.template, data, request=request)))
    return format_html_join("\n", '<div class="{}">{}</div>', rendered)
