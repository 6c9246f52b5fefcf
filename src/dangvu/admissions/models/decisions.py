"""Decisions on a candidate (admission, recognition) and the yearly admission targets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel, recorded_by_field, rule_profile_field
from dangvu.core.scope import ScopedQuerySet

from .candidate import Candidate


class DecisionQuerySet(ScopedQuerySet):
    # The candidate's branch: the commune sees the decisions of its branches' candidates.
    scope_path_field = "org_path"
    self_field = None


class AdmissionDecision(TimeStampedModel):
    """The admission decision (quyết định kết nạp) of the authorized committee (R2.7, R2.8)."""

    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="decision", verbose_name=_("candidate")
    )
    org_path = models.CharField(max_length=255, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="admission_decisions",
        verbose_name=_("deciding organization"),
    )
    number = models.CharField(_("decision number"), max_length=64)
    signed_on = models.DateField(_("signed on"))
    received_on = models.DateField(_("received by the branch on"))
    body = models.CharField(_("issuing body"), max_length=255)
    deadline = models.DateField(_("decision deadline"))
    late = models.BooleanField(_("decided after the deadline"), default=False)
    rule_profile = rule_profile_field()
    recorded_by = recorded_by_field()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("admission decision")
        verbose_name_plural = _("admission decisions")
        ordering = ["-signed_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "signed_on"], name="admdecision_path_signed"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class Recognition(TimeStampedModel):
    """The decision after probation: recognized as official member, or not (R2.11)."""

    class Outcome(models.TextChoices):
        RECOGNIZED = "recognized", _("Recognized as official member")
        NOT_RECOGNIZED = "not_recognized", _("Not recognized (struck off)")

    candidate = models.OneToOneField(
        Candidate,
        on_delete=models.CASCADE,
        related_name="recognition",
        verbose_name=_("candidate"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="recognitions",
        verbose_name=_("deciding organization"),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    probation_end = models.DateField(_("end of probation"))
    resolution_on = models.DateField(_("branch resolution date"))
    yes_votes = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    official_count = models.PositiveIntegerField(
        _("official members of the branch"), null=True, blank=True
    )
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    decision_body = models.CharField(_("issuing body"), max_length=255)
    effective_on = models.DateField(_("effective from"))
    late_consideration = models.BooleanField(_("considered after the deadline"), default=False)
    late_decision = models.BooleanField(_("decided after the deadline"), default=False)
    escalated = models.BooleanField(_("decided by the superior committee"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    rule_profile = rule_profile_field()
    recorded_by = recorded_by_field()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        ordering = ["-decision_date", "-id"]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decision_date:%d/%m/%Y})"


class TargetQuerySet(ScopedQuerySet):
    scope_path_field = "organization__path"
    self_field = None


class AdmissionTarget(TimeStampedModel):
    """A yearly admission target (chỉ tiêu kết nạp) of an organization for its subtree."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="admission_targets",
        verbose_name=_("party organization"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.PositiveIntegerField(_("members to admit"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("admission target")
        verbose_name_plural = _("admission targets")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="target_org_year")
        ]
        indexes = [models.Index(fields=["year", "organization"], name="target_year_org")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}: {self.target}"
