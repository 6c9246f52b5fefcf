"""Two-factor authentication (issue 15; django-otp): a TOTP app for every staff role (the
roles of `DANGVU_2FA_ROLES`: those who see a commune's or a province's personal data), with
ten single-use recovery codes; optional for members. `TwoFactorMiddleware` sends a signed-in
user who needs a second factor and has not given it in this session to set it up or to
enter it; an administrator's reset is recorded in the security log."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .security import SecurityEvent, record

RECOVERY_CODES = 10
DEVICE_NAME = "dangvu"


def required_for(user) -> bool:
    """Must this user give a second factor? Staff roles and superusers, when enabled."""
    if not getattr(settings, "DANGVU_REQUIRE_2FA", True):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.role in settings.DANGVU_2FA_ROLES


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user) -> TOTPDevice:
    """The device being set up (unconfirmed): one per user, kept until confirmed so a reload
    shows the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ten new ones (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def confirm_setup(request, token: str) -> list[str] | None:
    """Check the first code of the app being set up; on success confirm the device, make the
    recovery codes and mark the session verified. None when the code is wrong."""
    device = pending_totp(request.user)
    if not device.verify_token(digits(token)):
        record(SecurityEvent.Kind.OTP_FAILED, request=request, user=request.user)
        return None
    TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(request.user)
    otp_login(request, device)
    record(SecurityEvent.Kind.OTP_SETUP, request=request, user=request.user)
    return codes


def verify(request, token: str) -> bool:
    """A code from the app, or a recovery code (used up)."""
    user = request.user
    code = digits(token)
    device = confirmed_totp(user)
    if device is not None and len(code) == 6 and device.verify_token(code):
        otp_login(request, device)
        record(SecurityEvent.Kind.OTP_VERIFIED, request=request, user=user)
        return True
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_token(code):
            otp_login(request, static)
            record(SecurityEvent.Kind.RECOVERY_USED, request=request, user=user)
            return True
    record(SecurityEvent.Kind.OTP_FAILED, request=request, user=user)
    return False


@transaction.atomic
def reset(*, actor, user) -> None:
    """An administrator's reset (a lost phone): the user sets up a new app at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(SecurityEvent.Kind.OTP_RESET, user=user, actor=actor)


def digits(token: str) -> str:
    return "".join(ch for ch in str(token or "") if ch.isdigit())


def safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Paths a user who still owes the second factor may open: the two-factor pages themselves,
# signing out, static files, the health check and the language switch.
_OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/health/", "/i18n/")


class TwoFactorMiddleware:
    """After AuthenticationMiddleware and django_otp's OTPMiddleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and required_for(user)
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                # A browser session owing its second factor reads no API either (a token is
                # asked for with the code: accounts/api.py).
                return JsonResponse(
                    {"detail": gettext("Enter your two-factor code on the website first.")},
                    status=403,
                )
            target = reverse("accounts:two_factor")
            if request.method == "GET":
                from urllib.parse import urlencode

                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)
