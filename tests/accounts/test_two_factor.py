"""Two-factor authentication for staff (issue 15, django-otp TOTP): set up at first sign-in
with the QR code's key, then a code at each sign-in, recovery codes once each, members and
branch secretaries not forced, no API token without the code, an administrator's reset, and
every event in the security log."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvu.accounts.security import SecurityEvent

PASSWORD = "mat-khau-thu-nghiem"
LOGIN = reverse("accounts:login")
TWO_FACTOR = reverse("accounts:two_factor")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("enforced")]


@pytest.fixture
def enforced():
    with override_settings(DANGVU_REQUIRE_2FA=True):
        yield


def sign_in(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    return response


def code_for(device, when=None) -> str:
    """The code the phone's app shows at `when` (django-otp's own TOTP)."""
    clock = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    clock.time = (when or timezone.now()).timestamp()
    return f"{clock.token():06d}"


def kinds(user) -> list[str]:
    return list(
        SecurityEvent.objects.filter(user=user).order_by("pk").values_list("kind", flat=True)
    )


def set_up(client, user) -> list[str]:
    sign_in(client, user)
    page = client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(TWO_FACTOR, {"code": code_for(device)})
    assert response.status_code == 200
    return re.findall(r'<li class="col">(\d{8})</li>', response.content.decode()), page


def test_staff_are_sent_to_set_up_the_app_at_first_sign_in(client, world):
    officer = world.users.officer_a
    sign_in(client, officer)
    response = client.get(reverse("members:list"))
    assert response.status_code == 302
    assert response["Location"] == f"{TWO_FACTOR}?next=%2Fmembers%2F"
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and 'data-testid="secret"' in page  # the QR code, drawn here
    assert "Xác thực hai lớp" in page
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    secret = re.search(r'data-testid="secret">([A-Z2-7]+)<', page).group(1)
    from base64 import b32decode

    assert b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    wrong = client.post(TWO_FACTOR, {"code": "000000", "next": "/members/"})
    assert "Mã không đúng" in wrong.content.decode()
    assert client.get(reverse("members:list")).status_code == 302  # still owed
    later = timezone.now() + dt.timedelta(seconds=5)  # django-otp throttles after a failure
    with time_machine.travel(later, tick=False):
        done = client.post(TWO_FACTOR, {"code": code_for(device, later), "next": "/members/"})
    codes = re.findall(r'<li class="col">(\d{8})</li>', done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert 'href="/members/"' in done.content.decode()
    assert client.get(reverse("members:list")).status_code == 200
    assert kinds(officer) == ["login", "otp_failed", "otp_setup"]


def test_next_sign_in_asks_the_code_and_a_recovery_code_works_once(client, world):
    officer = world.users.officer_a
    codes, _page = set_up(client, officer)
    client.post(reverse("accounts:logout"))
    later = timezone.now() + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        sign_in(client, officer)
        page = client.get(TWO_FACTOR).content.decode()
        assert "<svg" not in page  # no new key: enter the code
        device = TOTPDevice.objects.get(user=officer, confirmed=True)
        assert client.post(TWO_FACTOR, {"code": code_for(device, later)}).status_code == 302
        assert client.get(reverse("members:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    sign_in(client, officer)
    assert client.post(TWO_FACTOR, {"code": codes[0]}).status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in(client, officer)
    again = client.post(TWO_FACTOR, {"code": codes[0]})
    assert again.status_code == 200 and "Mã không đúng" in again.content.decode()
    assert "recovery_used" in kinds(officer)


@pytest.mark.parametrize("who", ["member_a1", "secretary_a1"])
def test_members_and_branch_secretaries_are_not_forced(client, world, who):
    user = getattr(world.users, who)
    sign_in(client, user)
    assert client.get(reverse("meetings:mine")).status_code == 200


@pytest.mark.parametrize("who", ["grassroots_a", "provincial", "inspector", "admin"])
def test_every_staff_role_owes_the_second_factor(client, world, who):
    sign_in(client, getattr(world.users, who))
    response = client.get(reverse("members:list"))
    assert response.status_code == 302 and response["Location"].startswith(TWO_FACTOR)


def test_an_unverified_session_reads_no_api(client, world):
    sign_in(client, world.users.officer_a)
    response = client.get("/api/me/")
    assert response.status_code == 403
    assert "mã xác thực hai lớp" in response.json()["detail"]


def test_no_api_token_without_the_code(client, world):
    officer = world.users.officer_a
    url = "/api/token/"
    body = {"username": officer.username, "password": PASSWORD}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 400 and "otp" in refused.json()
    set_up(client, officer)
    device = TOTPDevice.objects.get(user=officer, confirmed=True)
    later = timezone.now() + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        wrong = client.post(url, {**body, "otp": "123"}, content_type="application/json")
        assert wrong.status_code == 400
    later += dt.timedelta(seconds=5)  # past the throttle of the wrong code
    with time_machine.travel(later, tick=False):
        ok = client.post(
            url, {**body, "otp": code_for(device, later)}, content_type="application/json"
        )
        assert ok.status_code == 201 and ok.json()["token"]


def test_the_administrators_reset_is_recorded(client, world):
    officer, admin = world.users.officer_a, world.users.admin
    set_up(client, officer)
    client.post(reverse("accounts:logout"))
    client.force_login(admin)  # the admin site itself (is_staff); verified below
    with override_settings(DANGVU_REQUIRE_2FA=False):
        response = client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "reset_two_factor", "_selected_action": [officer.pk]},
        )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    event = SecurityEvent.objects.get(user=officer, kind="otp_reset")
    assert event.actor == admin


def test_sign_ins_failures_and_lockouts_are_in_the_security_log(client, world):
    officer = world.users.officer_b
    for _ in range(5):
        client.post(LOGIN, {"username": officer.username, "password": "sai"})
    failed = SecurityEvent.objects.filter(username=officer.username, kind="login_failed")
    assert failed.count() >= 4
    assert SecurityEvent.objects.filter(username=officer.username, kind="locked_out").exists()
    assert all(e.ip == "127.0.0.1" for e in failed)
