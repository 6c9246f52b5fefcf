"""The rule-profile defaults of every installed app, each with the rule id and regulation it
comes from. Each app declares its own (`rule_defaults` on its AppConfig, a dotted name of a
tuple of `RuleDefault` in its rules home); these are the defaults of shared/domain/rules.md.
The values in force are read from the dated RuleProfile (core.profiles.rule_value);
administrators change them there, never here.
Confidence: C confirmed from text, S secondary source, U unconfirmed (configurable).
"""

from dataclasses import dataclass
from typing import Any

from .registry import registry


@dataclass(frozen=True)
class RuleDefault:
    key: str
    value: Any
    rule: str
    source: str
    confidence: str
    label: Any


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
