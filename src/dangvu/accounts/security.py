"""The security log (issue 15): every sign-in, failed sign-in, sign-out, lockout and
two-factor event, with who, when and from where. Written by signal handlers (apps.py) and by
the two-factor views; shown read-only in the admin."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        LOCKED_OUT = "locked_out", _("Locked out after failed sign-ins")
        OTP_SETUP = "otp_setup", _("Two-factor authentication set up")
        OTP_VERIFIED = "otp_verified", _("Two-factor code accepted")
        OTP_FAILED = "otp_failed", _("Wrong two-factor code")
        RECOVERY_USED = "recovery_used", _("Recovery code used")
        RECOVERY_CODES = "recovery_codes", _("New recovery codes made")
        OTP_RESET = "otp_reset", _("Two-factor authentication reset by an administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_kind_display()}"


def record(kind: str, *, request=None, user=None, username: str = "", actor=None) -> None:
    from dangvu.core.middleware import client_ip

    if user is not None and not getattr(user, "pk", None):
        user = None
    address = client_ip(request) if request is not None else None
    try:
        address = str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        address = None
    SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        ip=address,
        actor=actor if getattr(actor, "pk", None) else None,
    )


def _logged_in(sender, request, user, **kwargs) -> None:
    record(SecurityEvent.Kind.LOGIN, request=request, user=user)


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(SecurityEvent.Kind.LOGOUT, request=request, user=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    record(
        SecurityEvent.Kind.LOGIN_FAILED,
        request=request,
        username=str((credentials or {}).get("username", "")),
    )


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    record(SecurityEvent.Kind.LOCKED_OUT, request=request, username=username or "")


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(_logged_in, dispatch_uid="dangvu-security-login")
    user_logged_out.connect(_logged_out, dispatch_uid="dangvu-security-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="dangvu-security-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="dangvu-security-locked")
