"""The sign-in page, which sends a brand-new installation to its first-run page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse

from dangvu.core.scope import organization_model


class LoginView(auth_views.LoginView):
    def dispatch(self, request, *args, **kwargs):
        # No organization and no account yet: nobody can sign in, the first run comes first
        # (organizations.first_run; the page itself answers 404 once anything exists).
        if not organization_model().objects.exists() and not get_user_model().objects.exists():
            return HttpResponseRedirect(reverse("organizations:first_run"))
        return super().dispatch(request, *args, **kwargs)
