from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import AppContributions, Audited


class AccountsConfig(AppContributions, AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    # Who created or revoked which API token, and when (the key's hash stays out of the log;
    # `last_used_at` is written with a plain UPDATE and never logged).
    audited = [Audited("accounts.ApiToken", exclude=["key_hash", "last_used_at"])]

    def ready(self) -> None:
        from . import security, tokens  # noqa: F401  (tokens: revoked when a password changes)

        security.connect()
