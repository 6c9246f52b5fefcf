"""Rule codes as a small reference, not as the message: `{{ message|rule_ref }}`.

Messages of the rules homes end with the rule they apply, e.g. "… không cao hơn (R4.6).". A user
reads the sentence; the code and the regulation it comes from are a muted reference after it,
"(R4.6 · HD 21-HD/BTCTW (2019))", marked `translate="no"` (a code, not prose). The regulation is
the source of the rule's profile defaults (core.rule_defaults), when the rule has one.
"""

from __future__ import annotations

import re
from functools import cache

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from dangvu.core.rule_defaults import all_defaults

register = template.Library()

_CODE = r"R\d+\.\d+[a-z]?"
# "(R4.6)", "(R6.2, R6.10)": brackets holding only rule codes.
REFERENCE = re.compile(rf"\s*\(({_CODE}(?:\s*(?:,|/|–|-|;)\s*{_CODE})*)\)")
# "(due by 01/11/2026, R5.4)": the codes closing a bracket of other words.
TRAILING = re.compile(rf"\s*[,;]\s*({_CODE}(?:\s*,\s*{_CODE})*)(?=\))")


@cache
def _sources() -> dict[str, object]:
    found: dict[str, object] = {}
    for default in all_defaults():
        found.setdefault(default.rule, default.source)  # lazy: read in the request's language
    return found


def regulation(rule: str) -> str:
    """The regulation a rule comes from, as its profile defaults name it ("" if none)."""
    source = _sources().get(rule)
    return str(source) if source is not None else ""


def reference_html(codes: str) -> SafeString:
    first = re.match(_CODE, codes)
    source = regulation(first.group(0)) if first else ""
    if source:
        return format_html(
            ' <small class="text-muted fw-normal" data-rule="{}">(<span translate="no">{}</span>'
            " · {})</small>",
            codes,
            codes,
            source,
        )
    return format_html(
        ' <small class="text-muted fw-normal" data-rule="{}">(<span translate="no">{}</span>)'
        "</small>",
        codes,
        codes,
    )


@register.filter
def rule_ref(message) -> SafeString:
    """`message` with each "(Rx.y)" turned into a muted reference after the sentence."""
    text = str(conditional_escape(message))
    references: list[str] = []

    def collect(match: re.Match) -> str:
        references.append(match.group(1))
        return ""

    sentence = TRAILING.sub(collect, REFERENCE.sub(collect, text))
    if not references:
        return mark_safe(text)
    return mark_safe(sentence + "".join(reference_html(codes) for codes in references))


@register.simple_tag
def rule_badge(rule: str) -> SafeString:
    """A work-list group's rule, as the same muted reference."""
    return reference_html(rule) if rule else mark_safe("")
