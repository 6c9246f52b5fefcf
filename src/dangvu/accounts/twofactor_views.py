"""The two-factor pages: set up the app (QR code and key, first code, recovery codes shown
once), enter a code at sign-in, make new recovery codes. The administrator's reset is an
action of the users' admin (accounts/admin.py)."""

from __future__ import annotations

from base64 import b32encode

import segno
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from . import twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "class": "form-control form-control-lg text-center",
            }
        ),
    )


def _qr_svg(device) -> str:
    """The otpauth:// URI as an inline SVG (drawn here: nothing fetched)."""
    qr = segno.make(device.config_url, error="m")
    return mark_safe(qr.svg_inline(scale=4, dark="#000", light="#fff"))  # noqa: S308 - ours


class TwoFactorView(LoginRequiredMixin, View):
    """/accounts/2fa/: set up the app the first time, then enter its code at each sign-in."""

    def get(self, request):
        if request.user.is_verified() and not request.GET.get("setup"):
            return HttpResponseRedirect(twofactor.safe_next(request))
        return self.page(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        setting_up = twofactor.confirmed_totp(request.user) is None
        if form.is_valid():
            code = form.cleaned_data["code"]
            if setting_up:
                codes = twofactor.confirm_setup(request, code)
                if codes is not None:
                    return render(
                        request,
                        "accounts/two_factor_codes.html",
                        {"codes": codes, "next": twofactor.safe_next(request)},
                    )
            elif twofactor.verify(request, code):
                return HttpResponseRedirect(twofactor.safe_next(request))
            form.add_error(
                "code", _("The code is not right: enter the six digits the app shows now.")
            )
        return self.page(request, form)

    def page(self, request, form):
        device = twofactor.confirmed_totp(request.user)
        context = {"form": form, "next": twofactor.safe_next(request, "")}
        if device is None:
            pending = twofactor.pending_totp(request.user)
            context.update(
                setup=True,
                qr=_qr_svg(pending),
                secret=b32encode(pending.bin_key).decode().rstrip("="),
            )
        return render(request, "accounts/two_factor.html", context)


class RecoveryCodesView(LoginRequiredMixin, View):
    """New recovery codes (the old ones stop working), for a verified session."""

    http_method_names = ["post"]

    def post(self, request):
        if twofactor.confirmed_totp(request.user) is None or not request.user.is_verified():
            raise PermissionDenied(_("Set up two-factor authentication first."))
        codes = twofactor.new_recovery_codes(request.user)
        twofactor.record(
            twofactor.SecurityEvent.Kind.RECOVERY_CODES, request=request, user=request.user
        )
        return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": "/"})
