"""`{% document_links obj %}`: the buttons of the documents the apps declare for `obj`'s
model (preview, PDF, Word), with the number once it is in the register."""

from __future__ import annotations

from django import template

from dangvu.core.documents.views import links_for

register = template.Library()


@register.inclusion_tag("core/documents/_links.html", takes_context=True)
def document_links(context, obj) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"links": links_for(obj, user)}
