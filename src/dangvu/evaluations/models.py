"""Annual quality evaluation (rules.md §4; QĐ 366-QĐ/TW of 30/8/2025, HD 43-HD/BTCTW).

A cycle is opened for a year over an organization's subtree. Each member and each branch or
grassroots organization taking part has one evaluation row that moves through the steps of
R4.7 (self-assessment → proposal → decision); every step is also appended to
EvaluationRecord so that who/when/level/reason of each step survives a reopening.
Rows are written only by services.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import (
    TimeStampedModel,
    VersionedModel,
    recorded_by_field,
    rule_profile_field,
)
from dangvu.core.scope import ScopedQuerySet

from .choices import Action, CycleStatus, EvaluationStep, Framework, Rating


class EvaluationCycleQuerySet(ScopedQuerySet):
    # A cycle is visible to users inside its subtree and to those above it (a branch
    # secretary sees the province's cycle they take part in): see services.cycles_for.
    scope_path_field = "org_path"
    self_field = None


class EvaluationCycle(TimeStampedModel):
    """R4.7/R4.9: the year's review, opened by the provincial or a direct-level board."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="evaluation_cycles",
        verbose_name=_("organization"),
    )
    org_path = models.CharField(
        _("organization path"), max_length=255, editable=False, db_index=True
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    self_from = models.DateField(_("self-assessment from"))
    self_until = models.DateField(_("self-assessment until"))
    propose_until = models.DateField(_("branch proposals until"))
    decide_until = models.DateField(_("decisions until"))
    status = models.CharField(
        _("status"), max_length=8, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    uses_points = models.BooleanField(
        _("scored out of 100"),
        default=True,
        help_text=_(
            "QĐ 366 (from the 2025 review): scores out of 100; earlier years: levels only."
        ),
    )
    rule_profile = rule_profile_field()
    recorded_by = recorded_by_field()

    objects = EvaluationCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")
        ordering = ["-year", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="evaluation_cycle_year")
        ]

    def __str__(self) -> str:
        return self.title or _("Evaluation %(year)s") % {"year": self.year}

    def save(self, *args, **kwargs):
        self.org_path = self.organization.path
        super().save(*args, **kwargs)


class _Steps(VersionedModel):
    """The three steps of R4.7, shared by member and organization evaluations."""

    cycle = models.ForeignKey(
        EvaluationCycle, on_delete=models.PROTECT, related_name="+", verbose_name=_("cycle")
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    org_path = models.CharField(_("organization path"), max_length=255, editable=False)
    step = models.CharField(
        _("step"), max_length=10, choices=EvaluationStep.choices, default=EvaluationStep.PENDING
    )
    framework = models.CharField(_("criteria framework"), max_length=12, choices=Framework.choices)
    # Self-assessment: R4.3 general criteria (max 30) + task results (max 70); the per-criterion
    # scores are kept as entered ({criterion key: points}).
    self_scores = models.JSONField(_("scores by criterion"), default=dict, blank=True)
    self_general = models.DecimalField(
        _("general criteria"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    self_tasks = models.DecimalField(
        _("task results"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(70)],
    )
    self_total = models.DecimalField(
        _("total points"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    self_rating = models.CharField(
        _("self-assessed level"), max_length=16, choices=Rating.choices, blank=True
    )
    self_text = models.TextField(_("self-assessment"), blank=True)
    self_at = models.DateTimeField(_("self-assessed at"), null=True, blank=True)
    self_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("self-assessed by"),
    )
    proposed_rating = models.CharField(
        _("proposed level"), max_length=16, choices=Rating.choices, blank=True
    )
    proposed_reason = models.TextField(_("reason for the proposal"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    # The deciding committee's draft (issue 14): levels recorded branch by branch before the
    # decision is issued for the whole organization; cleared when the row is decided.
    draft_rating = models.CharField(
        _("draft level"), max_length=16, choices=Rating.choices, blank=True
    )
    drafted_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    rating = models.CharField(_("level"), max_length=16, choices=Rating.choices, blank=True)
    decided_reason = models.TextField(_("reason for the decision"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    deciding_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deciding organization"),
    )
    # Warnings of the pre-check at decision time (e.g. missing residence comment, R5.5).
    flags = models.JSONField(_("warnings"), default=list, blank=True)
    rule_profile = rule_profile_field()

    class Meta:
        abstract = True


class MemberEvaluationQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = "member"

    def decided(self):
        return self.filter(step=EvaluationStep.DECIDED)

    def rated(self):
        """Those who receive a level (R4.8: exempted and suspended members are not rated)."""
        return self.filter(excluded=False)


class MemberEvaluation(_Steps):
    """One member's evaluation in a cycle (forms 2A/2B/2C of HD 43)."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("party member"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("party branch"),
    )
    # The grassroots organization that decides (R4.7) and over which the quota of R4.5 counts.
    grassroots = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("grassroots organization"),
    )
    probationary = models.BooleanField(_("probationary member"), default=False)
    excluded = models.BooleanField(_("not rated"), default=False)
    excluded_reason = models.CharField(_("why not rated"), max_length=255, blank=True)

    objects = MemberEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("member evaluation")
        verbose_name_plural = _("member evaluations")
        ordering = ["cycle", "org_path", "member__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "member"], name="member_evaluation_once")
        ]
        indexes = [
            models.Index(fields=["year", "org_path"], name="member_eval_year_path"),
            models.Index(fields=["grassroots", "year", "rating"], name="member_eval_quota"),
            # The results' GROUP BY is answered from this index alone on SQLite.
            models.Index(
                fields=["year", "step", "excluded", "rating", "org_path"],
                name="member_eval_results",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"


class OrganizationEvaluationQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = None


class OrganizationEvaluation(_Steps):
    """A branch's or a grassroots organization's evaluation (collective, form 01).

    Branches are decided by their grassroots committee, grassroots organizations by the
    standing committee of the directly superior committee (R4.7, HD 43)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("organization"),
    )
    # "branch" or "grassroots" (from the kind at the time, never from the depth).
    level = models.CharField(_("level"), max_length=16)

    objects = OrganizationEvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization evaluation")
        verbose_name_plural = _("organization evaluations")
        ordering = ["cycle", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organization"], name="organization_evaluation_once"
            )
        ]
        indexes = [
            models.Index(fields=["year", "level", "org_path"], name="org_eval_year_path"),
            models.Index(
                fields=["year", "step", "level", "rating", "org_path"], name="org_eval_results"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"


class EvaluationRecordQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = "member_evaluation__member"


class EvaluationRecord(models.Model):
    """Append-only history of the steps: who, when, which level, why (issue 5)."""

    member_evaluation = models.ForeignKey(
        MemberEvaluation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("member evaluation"),
    )
    organization_evaluation = models.ForeignKey(
        OrganizationEvaluation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("organization evaluation"),
    )
    org_path = models.CharField(_("organization path"), max_length=255, editable=False)
    action = models.CharField(_("step"), max_length=10, choices=Action.choices)
    rating = models.CharField(_("level"), max_length=16, choices=Rating.choices, blank=True)
    points = models.DecimalField(
        _("total points"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    recorded_by = recorded_by_field()

    objects = EvaluationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation step")
        verbose_name_plural = _("evaluation steps")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_evaluation__isnull=False)
                | models.Q(organization_evaluation__isnull=False),
                name="evaluation_record_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.rating}"
