"""The candidate's log and file: steps, introducers, awareness courses and certificates."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel, recorded_by_field, rule_profile_field
from dangvu.core.scope import ScopedQuerySet

from ..choices import Action, Stage
from .candidate import AppendOnlyError, Candidate


class CandidateRelatedQuerySet(ScopedQuerySet):
    scope_path_field = "candidate__org_path"
    self_field = None


class CandidateStep(models.Model):
    """One line of a candidate's log: who moved them from which stage to which, when, under
    which rule profile. Append-only, written by the service that makes the move."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="steps", verbose_name=_("candidate")
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    from_stage = models.CharField(_("from"), max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=16, choices=Stage.choices)
    occurred_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    rule_profile = rule_profile_field()
    recorded_by = recorded_by_field()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = CandidateRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate step")
        verbose_name_plural = _("candidate steps")
        ordering = ["candidate", "occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.occurred_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("candidate steps are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("candidate steps are append-only")


class Introduction(TimeStampedModel):
    """A full member who introduces the candidate (người giới thiệu, R2.4)."""

    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.CASCADE,
        related_name="introductions",
        verbose_name=_("candidate"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="introductions",
        verbose_name=_("introducer"),
    )
    known_since = models.DateField(
        _("worked or lived with the candidate since"),
    )
    introduced_on = models.DateField(_("introduction dated"))
    replacement = models.BooleanField(
        _("replaces an introducer who left"),
        default=False,
        help_text=_("The 12 months with the candidate are not required of a replacement (R2.4)."),
    )
    active = models.BooleanField(_("current"), default=True)

    objects = CandidateRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("introducer")
        verbose_name_plural = _("introducers")
        ordering = ["candidate", "-active", "id"]

    def __str__(self) -> str:
        return f"{self.member} → {self.candidate}"


class CourseQuerySet(ScopedQuerySet):
    scope_path_field = "organization__path"
    self_field = None


class Course(TimeStampedModel):
    """An awareness course about the Party (lớp bồi dưỡng nhận thức về Đảng)."""

    name = models.CharField(_("course"), max_length=255)
    organizer = models.CharField(
        _("organized by"), max_length=255, help_text=_("e.g. the political training centre")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("party organization"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("awareness course")
        verbose_name_plural = _("awareness courses")
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class Certificate(TimeStampedModel):
    """The course certificate (form CN-NTVĐ); valid for a number of months (R2.6)."""

    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("candidate"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("course")
    )
    number = models.CharField(_("certificate number"), max_length=64)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    rule_profile = rule_profile_field()

    objects = CandidateRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("course certificate")
        verbose_name_plural = _("course certificates")
        ordering = ["candidate", "-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number
