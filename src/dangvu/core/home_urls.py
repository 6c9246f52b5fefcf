"""The home page at "/" (named `home`, without a namespace: every template links it)."""

from django.urls import path

from .home import HomeView

urlpatterns = [path("", HomeView.as_view(), name="home")]
