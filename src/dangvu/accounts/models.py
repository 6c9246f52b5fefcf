"""Users, bound to one organization with one role; the organization's subtree is their scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

# Sent after a user's password changed (not on a re-hash of the same one): the API tokens
# end then (accounts/tokens.py listens; a signal keeps the models free of the token logic).
password_changed_signal = Signal()


class Role(models.TextChoices):
    MEMBER = "member", _("Party member")
    BRANCH_SECRETARY = "branch_secretary", _("Branch secretary")
    GRASSROOTS_STAFF = "grassroots_staff", _("Grassroots committee staff")
    DIRECT_BOARD = "direct_board", _("Direct-level organization board")
    PROVINCIAL_BOARD = "provincial_board", _("Provincial organization board")
    INSPECTION = "inspection", _("Inspection committee")
    ADMIN = "admin", _("Administrator")


# Roles that may change member and organization records inside their subtree.
EDITOR_ROLES = {
    Role.BRANCH_SECRETARY,
    Role.GRASSROOTS_STAFF,
    Role.DIRECT_BOARD,
    Role.PROVINCIAL_BOARD,
    Role.ADMIN,
}


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.MEMBER)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The organization this user works for; they see only its subtree."),
    )
    member = models.OneToOneField(
        "members.Member",
        verbose_name=_("party member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def sees_everything(self) -> bool:
        """Only a superuser or an administrator bound to no organization sees all."""
        return self.is_superuser or (self.role == Role.ADMIN and self.organization_id is None)

    @property
    def is_plain_member(self) -> bool:
        return not self.sees_everything and self.role == Role.MEMBER

    @property
    def is_editor(self) -> bool:
        return self.sees_everything or self.role in EDITOR_ROLES

    @property
    def is_rule_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    def can_manage(self, organization) -> bool:
        """May this user write records placed in `organization`?"""
        if not self.is_active or not self.is_editor:
            return False
        if self.sees_everything:
            return True
        if self.organization_id is None or organization is None:
            return False
        return organization.path.startswith(self.organization.path)

    def save(self, *args, **kwargs) -> None:
        # `set_password()` keeps the new raw password until the save (Django's own
        # password_changed hook works the same way); a login that only re-hashes the same
        # password clears it first, so it does not count as a change.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            password_changed_signal.send(sender=type(self), user=self)


class ApiToken(models.Model):
    """A named API token of one user (`Authorization: Token <key>`). Only a SHA-256 hash of the
    key is stored: the key is shown once, when it is created. A token ends when it expires,
    when its owner revokes it, or when the owner's password changes."""

    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "revoked_at"], name="apitoken_user_revoked")]

    def __str__(self) -> str:
        return self.name


from .security import SecurityEvent  # noqa: E402,F401  (the security log lives in accounts)
