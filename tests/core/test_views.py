"""Rule-profile and holiday pages (administrators only) and the Vietnamese number filters."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from dangvu.core import profiles
from dangvu.core.models import Holiday, RuleProfile
from dangvu.core.rule_defaults import DEFAULTS
from dangvu.core.templatetags.vn import vn_percent, vn_ratio

PROFILE = reverse("core:profile")
PROFILE_EDIT = reverse("core:profile_edit")
HOLIDAYS = reverse("core:holidays")


# --- number filters


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (99.744, "99,74%"),
        (99.745, "99,75%"),
        (100, "100,00%"),
        (0, "0,00%"),
        ("12.5", "12,50%"),
        (None, ""),
        ("x", ""),
    ],
)
def test_vn_percent(value, expected):
    with translation.override("vi"):
        assert vn_percent(value) == expected


def test_vn_ratio_and_template_use():
    with translation.override("vi"):
        assert vn_ratio(1561, 1565) == "1.561/1.565 (99,74%)"
        assert vn_ratio(3, 0) == "3/0"
        html = Template("{% load vn %}{{ a|vn_ratio:b }} {{ p|vn_percent:1 }} {{ n }}").render(
            Context({"a": 1561, "b": 1565, "p": 12.345, "n": 1561})
        )
        assert html == "1.561/1.565 (99,74%) 12,3% 1.561"


# --- rule profile


def rule_form(**overrides) -> dict:
    data = {d.key.replace(".", "__"): d.value for d in DEFAULTS}
    data.update(valid_from="01/01/2026", note="Quy định mới")
    data.update(overrides)
    return data


def test_the_rule_profile_page_lists_every_rule(world, login):
    response = login(world.users.admin).get(PROFILE)
    assert response.status_code == 200
    html = response.content.decode()
    for default in DEFAULTS:
        assert default.key in html
        assert default.rule in html
    assert {r["default"].key for r in response.context["rules"]} == {d.key for d in DEFAULTS}
    assert "text-bg-warning" in html  # the U confidence legend


@pytest.mark.parametrize("user", ["officer_a", "provincial", "member_a1", "inspector"])
def test_rule_pages_are_for_administrators_only(world, login, user):
    client = login(getattr(world.users, user))
    for url in (PROFILE, PROFILE_EDIT, HOLIDAYS):
        assert client.get(url).status_code == 403
    assert client.post(PROFILE_EDIT, rule_form()).status_code == 403
    assert client.post(HOLIDAYS, {"date": "15/03/2031", "name": "Nghỉ bù"}).status_code == 403
    assert not RuleProfile.objects.exists()
    assert not Holiday.objects.filter(date=dt.date(2031, 3, 15)).exists()


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_publishing_a_new_version(world, login):
    client = login(world.users.admin)
    page = client.get(PROFILE_EDIT)
    assert page.status_code == 200
    assert page.context["form"]["probation__months"].value() == 12
    response = client.post(PROFILE_EDIT, rule_form(probation__months=18, valid_from="01/01/2020"))
    assert response.status_code == 302
    profile = RuleProfile.objects.get()
    assert profile.values["probation.months"] == 18
    assert profile.created_by == world.users.admin
    assert profile.valid_from == dt.date(2020, 1, 1)
    assert profiles.rule_value("probation.months") == 18
    assert LogEntry.objects.get_for_object(profile).exists()
    listing = client.get(PROFILE)
    assert listing.context["profile"] == profile
    assert "Quy định mới" in listing.content.decode()
    assert next(r for r in listing.context["rules"] if r["default"].key == "probation.months")[
        "changed"
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"note": ""},
        {"valid_from": "31/02/2026"},
        {"probation__months": "-1"},
        {"probation__months": "mười"},
    ],
)
def test_an_invalid_version_is_not_published(world, login, bad):
    response = login(world.users.admin).post(PROFILE_EDIT, rule_form(**bad))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not RuleProfile.objects.exists()


# --- holidays


def test_holidays_add_list_delete(world, login):
    client = login(world.users.admin)
    assert client.get(HOLIDAYS).status_code == 200
    response = client.post(HOLIDAYS, {"date": "15/03/2031", "name": "Nghỉ bù thử nghiệm"})
    assert response.status_code == 302
    holiday = Holiday.objects.get(date=dt.date(2031, 3, 15))
    assert holiday.name == "Nghỉ bù thử nghiệm"
    assert "Nghỉ bù thử nghiệm" in client.get(HOLIDAYS).content.decode()
    assert LogEntry.objects.get_for_object(holiday).exists()
    duplicate = client.post(HOLIDAYS, {"date": "15/03/2031", "name": "Trùng"})
    assert duplicate.status_code == 200 and duplicate.context["form"].errors["date"]
    assert client.post(HOLIDAYS, {"date": "", "name": "x"}).context["form"].errors["date"]
    assert client.post(HOLIDAYS, {"delete": "999999"}).status_code == 404
    assert client.post(HOLIDAYS, {"delete": "abc"}).status_code == 404
    response = client.post(HOLIDAYS, {"delete": holiday.pk})
    assert response.status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


def test_others_cannot_delete_holidays(world, login):
    holiday = Holiday.objects.create(date=dt.date(2031, 3, 15), name="Nghỉ bù")
    assert login(world.users.officer_a).post(HOLIDAYS, {"delete": holiday.pk}).status_code == 403
    assert Holiday.objects.filter(pk=holiday.pk).exists()
