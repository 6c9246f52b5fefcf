"""The first page of a brand-new installation: its top organization and first administrator.

Open only while the database has no organization and no account (`first_run.first_page_open`);
afterwards it answers 404, so it can never serve to take an installation over. The sign-in page
sends visitors here while it is open (accounts.views.LoginView), and "/" leads to the sign-in
page. On success the administrator is signed in and lands on the import page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from dangvu.core.forms import BootstrapFormMixin, VnDateInput, add_service_errors

from . import first_run


class FirstRunForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Level of the top organization"), choices=())
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("A short code without accents, e.g. T01; imported files refer to it."),
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    founded_on = forms.DateField(
        label=_("Founding date"),
        required=False,
        widget=VnDateInput(),
        help_text=_("Optional."),
    )
    username = forms.CharField(label=_("Administrator's username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = first_run.top_kind_choices()
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, again = data.get("password1"), data.get("password2")
        if first and again and first != again:
            self.add_error("password2", _("The two passwords differ."))
        return data


class FirstRunView(FormView):
    form_class = FirstRunForm
    template_name = "organizations/first_run.html"

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        return never_cache(csrf_protect(sensitive_post_parameters("password1", "password2")(view)))

    def dispatch(self, request, *args, **kwargs):
        if not first_run.first_page_open():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: FirstRunForm):
        data = form.cleaned_data
        try:
            done = first_run.set_up(
                kind=data["kind"],
                code=data["code"],
                name=data["name"],
                founded_on=data.get("founded_on"),
                username=data["username"],
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
                password=data["password1"],
                first_page=True,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "not_empty":
                raise Http404 from error  # someone finished the first run meanwhile
            if hasattr(error, "error_dict") and "password" in error.error_dict:
                error.error_dict["password1"] = error.error_dict.pop("password")
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        login(self.request, done.admin, backend="django.contrib.auth.backends.ModelBackend")
        return HttpResponseRedirect(reverse("imports:index"))

    def form_invalid(self, form: FirstRunForm):
        return self.render_to_response(self.get_context_data(form=form), status=400)
