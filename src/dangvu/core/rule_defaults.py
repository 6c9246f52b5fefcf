"""The rule-profile defaults of every installed app, each with the rule id and regulation it
comes from. Each app declares its own (`rule_defaults` on its AppConfig, a dotted name of a
tuple of `RuleDefault` in its rules home); these are the defaults of shared/domain/rules.md.
The values in force are read from the dated RuleProfile (core.profiles.rule_value);
administrators change them there, never here.
Confidence: C confirmed from text, S secondary source, U unconfirmed (configurable).

A value that is a code (a level, a rounding, a list of criteria) names its `choices` (code →
label), so that pages show it in words and the edit form offers the labels, never the code.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .registry import registry

# The reliability of a default's source, in words (the letters are the rules.md notation).
CONFIDENCE = {
    "C": _("confirmed"),
    "S": _("secondary source"),
    "U": _("not confirmed"),
}
CONFIDENCE_HELP = {
    "C": _("confirmed from the regulation's text"),
    "S": _("from a secondary source (guidance, handbook)"),
    "U": _("not confirmed: check the local regulation"),
}


@dataclass(frozen=True)
class RuleDefault:
    key: str
    value: Any
    rule: str
    source: Any  # the regulation (codes stay as written; notes are gettext_lazy)
    confidence: str
    label: Any
    choices: Mapping[Any, Any] | None = None  # code → label, for values that are codes
    fraction: bool = False  # a [numerator, denominator] pair, shown "2/3"

    @property
    def confidence_label(self) -> str:
        return str(CONFIDENCE.get(self.confidence, self.confidence))

    @property
    def confidence_help(self) -> str:
        return str(CONFIDENCE_HELP.get(self.confidence, self.confidence))

    def display(self, value: Any) -> str:
        """`value` of this rule in words: Có/Không, labels for codes, "2/3" for a share."""
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        if isinstance(value, list | tuple):
            if self.fraction and len(value) == 2:
                return f"{value[0]}/{value[1]}"
            return "; ".join(self._item(item) for item in value) or "—"  # labels hold commas
        return self._item(value)

    def _item(self, item: Any) -> str:
        if self.choices is not None and item in self.choices:
            return str(self.choices[item])
        return str(item)


def all_defaults() -> tuple[RuleDefault, ...]:
    """Every installed app's defaults (`rule_defaults` on its AppConfig), in app order."""
    return tuple(registry().rule_defaults)


def by_key() -> dict[str, RuleDefault]:
    return {d.key: d for d in all_defaults()}


def default_values() -> dict[str, Any]:
    return {d.key: d.value for d in all_defaults()}


def __getattr__(name: str) -> Any:
    # `DEFAULTS` and `BY_KEY` read the registry, which exists only once the apps are loaded.
    if name == "DEFAULTS":
        return all_defaults()
    if name == "BY_KEY":
        return by_key()
    raise AttributeError(name)
