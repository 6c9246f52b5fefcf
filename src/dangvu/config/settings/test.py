"""Tests: the same database engine as configured (SQLite or DANGVU_DATABASE_URL)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = True
# Tests sign in with force_login; the two-factor tests turn enforcement on themselves
# (tests/accounts/test_two_factor.py, tests/browser/test_two_factor.py).
DANGVU_REQUIRE_2FA = False

# The app registry's proof (tests/registry_app, importable from the checkout's root): an app
# that plugs in from its own folder. Installed by the test settings only.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.registry_app"]  # noqa: F405
