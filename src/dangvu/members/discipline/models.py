"""Discipline cases and decisions (R6.1–R6.10), written only by
`members.discipline.services`."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel, recorded_by_field, rule_profile_field
from dangvu.core.scope import ScopedQuerySet

from ..choices import DisciplineForm


class DisciplineQuerySet(ScopedQuerySet):
    # Placed by the member's branch when the case was opened (like events).
    scope_path_field = "org_path"
    self_field = "member"

    def decided(self):
        return self.filter(signed_on__isnull=False)

    def open_cases(self):
        """R6.5: a case under consideration: no decision yet, not dropped."""
        return self.filter(signed_on__isnull=True, closed_on__isnull=True)

    def in_force(self, on: dt.date):
        """Decided on or before `on`, not annulled, not yet expired (R6.2)."""
        return self.filter(
            Q(signed_on__lte=on),
            Q(annulled_on__isnull=True) | Q(annulled_on__gt=on),
            Q(expires_on__isnull=True) | Q(expires_on__gt=on),
        )


class Discipline(TimeStampedModel):
    """A discipline case and its decision (R6.1–R6.10).

    A case opened without a decision (`signed_on` empty) is "under consideration" (R6.5: it
    already blocks transfers). The 12 months of R6.2 run from the announcement (R6.10: both
    dates are stored); `expires_on` is computed from the rule profile when decided.
    """

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="disciplines",
        verbose_name=_("party member"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("party branch"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    form = models.CharField(_("form of discipline"), max_length=16, choices=DisciplineForm.choices)
    reason = models.TextField(_("violation"))
    post = models.CharField(
        _("post removed"),
        max_length=255,
        blank=True,
        help_text=_("For a removal from post: the post the member held."),
    )
    opened_on = models.DateField(_("case opened on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    expires_on = models.DateField(_("ceases to have effect on"), null=True, blank=True)
    annulled_on = models.DateField(_("annulled on"), null=True, blank=True)
    # QĐ 124-QĐ/TW (R4.4): a violation the member detected and remedied themselves does not
    # cap their annual rating when `evaluation.self_remedied_exception` is on.
    self_remedied = models.BooleanField(
        _("self-detected and remedied"),
        default=False,
        help_text=_("The member detected the violation and remedied it themselves (R4.4)."),
    )
    closed_on = models.DateField(
        _("case closed without discipline on"), null=True, blank=True, editable=False
    )
    rule_profile = rule_profile_field()
    recorded_by = recorded_by_field()

    objects = DisciplineQuerySet.as_manager()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["-signed_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "signed_on"], name="discipline_path_date"),
            models.Index(fields=["member", "signed_on"], name="discipline_member_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(announced_on__isnull=True)
                | Q(signed_on__isnull=False, announced_on__gte=models.F("signed_on")),
                name="discipline_announced_after_signed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()}: {self.member}"

    @property
    def is_open(self) -> bool:
        return self.signed_on is None and self.closed_on is None

    def is_in_force(self, on: dt.date) -> bool:
        return (
            self.signed_on is not None
            and self.signed_on <= on
            and (self.annulled_on is None or self.annulled_on > on)
            and (self.expires_on is None or self.expires_on > on)
        )
