from dangvu.core.rule_defaults import RuleDefault

DEFAULTS = (
    RuleDefault("registry_probe.days", 7, "R0.0", "tests/registry_app", "U", "Registry probe days"),
)
