"""The platform's shape (issue 11), checked on the source: one home per rule, no import cycles,
nothing below the domain apps importing them, apps plugged in only through the registry.

The analysis is `bench/architecture.py` (static, ast only), which also prints the figures."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "dangvu"


def _architecture():
    spec = importlib.util.spec_from_file_location(
        "architecture", ROOT / "bench" / "architecture.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict:
    return _architecture().measure(SRC)


def test_rule_profile_is_read_only_in_a_rules_home(figures):
    """`rule_value`, `values_on` and `profile_on` are called only in an app's `rules/` package
    (and by the rule-profile pages themselves): every other caller asks the rules home."""
    assert figures["profile_reads_outside_rules_homes"] == []


def test_no_cycle_between_apps(figures):
    assert figures["app_cycles"] == []


def test_no_cycle_between_modules(figures):
    assert figures["module_cycles"] == []


def test_core_and_organizations_import_no_domain_app(figures):
    """core sits below every app and organizations below the domain apps (members, meetings,
    admissions, evaluations, imports, reports, demo): they never import them."""
    assert figures["upward_arrows"] == []


def test_api_routes_are_registered_only_by_the_registry():
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "router.register(" in path.read_text(encoding="utf-8")
    ]
    assert found == ["core/registry.py"]


def test_navbar_has_no_hard_coded_app_entries():
    """The top bar's entries come from the apps' `nav` declarations (`{% nav_entries %}`)."""
    base = (SRC / "templates" / "base.html").read_text(encoding="utf-8")
    navbar = base[base.index('<ul class="navbar-nav me-auto">') :]
    navbar = navbar[: navbar.index("</ul>")]
    assert "{% nav_entries as entries %}" in navbar
    assert re.findall(r"{% url '[a-z_]+:", navbar) == []


def test_every_app_declares_its_rule_defaults():
    """Each rule key belongs to the app whose rules use it (`rule_defaults` on its AppConfig)."""
    from dangvu.core.registry import registry

    home = {
        "org": "organizations",
        "discipline": "members",
        "removal": "members",
        "residence": "members",
        "seniority": "members",
        "transfer": "members",
        "meetings": "meetings",
        "visits": "meetings",
        "admission": "admissions",
        "probation": "admissions",
        "recognition": "admissions",
        "readmission": "admissions",
        "evaluation": "evaluations",
    }
    owners = registry().rule_apps
    assert len(owners) == len(registry().rule_defaults) > 60
    for key, config in owners.items():
        if not config.name.startswith("dangvu."):
            continue  # tests/registry_app, the registry's probe
        assert config.label == home[key.split(".")[0]], key
    for label in set(home.values()):
        assert (SRC / label / "rules" / "defaults.py").exists(), label


def test_architecture_figures_script_runs(tmp_path):
    """The figures the notes quote are reproducible from any checkout."""
    result = _architecture().measure(SRC)
    assert set(result) >= {
        "lines_views_vs_services",
        "median_view_class_lines",
        "files_over_400_lines",
        "profile_reads_outside_rules_homes",
        "app_cycles",
    }
    assert result["view_classes"] > 0
