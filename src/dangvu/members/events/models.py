"""The append-only log of membership changes (biến động đảng viên)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import recorded_by_field, rule_profile_field
from dangvu.core.scope import ScopedQuerySet

from ..choices import EventKind
from ..member.models import Member


class AppendOnlyError(Exception):
    pass


class MemberEventQuerySet(ScopedQuerySet):
    # Placed by the branch the member belonged to when the event happened, so a district's
    # list of a year's events stays the same after members move on.
    scope_path_field = "org_path"
    self_field = "member"


class MemberEvent(models.Model):
    """An append-only record of one membership change, written by a service in the same
    transaction as the state it changes (ARCHITECTURE, principle 2)."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="events", verbose_name=_("party member")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    occurred_on = models.DateField(_("effective date"))
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="member_events",
        verbose_name=_("party branch"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    other_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("other organization"),
        help_text=_("Where the member went to or came from, when inside the system."),
    )
    other_party = models.CharField(
        _("other party organization"),
        max_length=255,
        blank=True,
        help_text=_("Where the member went to or came from, when outside the system."),
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    rule_profile = rule_profile_field()
    recorded_by = recorded_by_field()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = MemberEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["member", "occurred_on", "id"]
        indexes = [
            models.Index(fields=["org_path", "occurred_on"], name="event_path_date"),
            models.Index(fields=["kind", "occurred_on"], name="event_kind_date"),
            models.Index(fields=["member", "occurred_on"], name="event_member_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}: {self.member}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("membership changes are append-only")
        if not self.org_path:
            self.org_path = self.organization.path
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("membership changes are append-only")
