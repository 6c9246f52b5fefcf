import datetime as dt

import pytest

from dangvu.core.models import RuleProfile
from dangvu.core.profiles import profile_on, publish_profile, rule_value, values_on
from dangvu.core.rule_defaults import DEFAULTS


def test_every_default_cites_a_rule_and_a_source():
    for d in DEFAULTS:
        assert d.rule.startswith("R") and d.source and d.confidence in {"C", "S", "U"}


@pytest.mark.django_db
def test_defaults_apply_without_a_profile():
    assert profile_on(dt.date(2026, 1, 1)) is None
    assert rule_value("probation.months") == 12


@pytest.mark.django_db
def test_a_new_version_applies_from_its_date_and_old_dates_keep_the_old_value(world):
    first = publish_profile(
        values={"transfer.report_days": 30},
        valid_from=dt.date(2025, 1, 1),
        note="mặc định",
        user=world.users.admin,
    )
    second = publish_profile(
        values={"transfer.report_days": 42},
        valid_from=dt.date(2026, 1, 1),
        note="QĐ mới",
        user=world.users.admin,
    )
    assert rule_value("transfer.report_days", dt.date(2025, 6, 1)) == 30
    assert rule_value("transfer.report_days", dt.date(2026, 6, 1)) == 42
    profile, values = values_on(dt.date(2026, 6, 1))
    assert profile == second and values["probation.months"] == 12
    assert RuleProfile.objects.filter(pk=first.pk).exists()


@pytest.mark.django_db
def test_unknown_keys_are_refused(world):
    with pytest.raises(KeyError):
        publish_profile(
            values={"nope": 1}, valid_from=dt.date(2026, 1, 1), note="x", user=world.users.admin
        )
    assert not RuleProfile.objects.exists()


def test_every_rule_default_is_defined_once():
    """A key defined twice shows twice on /rules/ and an edit to one copy is lost."""
    from dangvu.core.rule_defaults import BY_KEY, DEFAULTS

    keys = [d.key for d in DEFAULTS]
    assert len(keys) == len(BY_KEY), sorted(k for k in keys if keys.count(k) > 1)


def test_every_rule_default_is_read_by_the_code():
    """A profile value an administrator can edit must change something (issue: five keys were
    defined and never read)."""
    from pathlib import Path

    import dangvu
    from dangvu.core.rule_defaults import DEFAULTS

    root = Path(dangvu.__file__).parent
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in root.rglob("*.py")
        # the declarations themselves (core's collector, each app's rules/defaults.py) do not
        # count as reading a key
        if "migrations" not in path.parts and path.name not in ("rule_defaults.py", "defaults.py")
    )

    def read(key: str) -> bool:
        # literally, or through an f-string over a family ("meetings.weight_{name}")
        families = [key[: i + 1] for i, char in enumerate(key) if char == "_"]
        return f'"{key}"' in sources or any(f'"{f}{{' in sources for f in families)

    from dangvu.core.registry import registry

    owners = registry().rule_apps
    ours = [d for d in DEFAULTS if owners[d.key].name.startswith("dangvu.")]  # not the probe's
    unread = [d.key for d in ours if not read(d.key)]
    assert unread == []
