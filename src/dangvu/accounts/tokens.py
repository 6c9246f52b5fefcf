"""API tokens: created with a new random key on each request, stored as a hash, expiring,
listed and revoked by their owner, all revoked when the owner's password changes. Every
creation and revocation is in the audit log (django-auditlog, `AccountsConfig.audited`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets

from auditlog.context import auditlog_value, set_actor
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .models import ApiToken, password_changed_signal

# Writing `last_used_at` on every request would turn every read into a write.
LAST_USED_PRECISION = dt.timedelta(minutes=5)


def hash_key(key: str) -> str:
    # The key has 256 random bits: a plain SHA-256 cannot be reversed or guessed.
    return hashlib.sha256(key.encode()).hexdigest()


def max_days() -> int:
    return max(1, int(getattr(settings, "API_TOKEN_DAYS", 90)))


@contextlib.contextmanager
def audit_actor(user):
    """Log entries written inside are attributed to `user`: the token's owner creates it, even
    when the request came without a session or from someone else's browser session."""
    try:
        context = auditlog_value.get()
    except LookupError:
        with set_actor(user):
            yield
        return
    previous = context.get("actor")
    context["actor"] = user
    try:
        yield
    finally:
        context["actor"] = previous


@transaction.atomic
def create_token(*, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key (shown once, never stored)."""
    days = min(days or max_days(), max_days())
    key = secrets.token_urlsafe(32)
    with audit_actor(user):
        token = ApiToken.objects.create(
            user=user,
            name=name,
            key_hash=hash_key(key),
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
    return token, key


@transaction.atomic
def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def revoke_all(user) -> int:
    """Revoke every live token of `user` (a password change): one audit entry each."""
    tokens = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    with transaction.atomic():
        for token in tokens:
            revoke(token)
    return len(tokens)


def _revoke_on_password_change(sender, user, **kwargs) -> None:
    revoke_all(user)


password_changed_signal.connect(_revoke_on_password_change, dispatch_uid="revoke-api-tokens")


def live_tokens(user):
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`: a live token (not revoked, not expired) of an active user.
    The user becomes the audit log's actor of what the request changes."""

    def authenticate_credentials(self, key: str):
        now = timezone.now()
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            # A plain UPDATE: use is not a change of the token worth an audit entry.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        try:
            context = auditlog_value.get()
        except LookupError:
            pass
        else:
            if context.get("actor") is None:
                context["actor"] = token.user
        return token.user, token
