"""Member development: candidates (quần chúng ưu tú) from introduction to official membership.

A Candidate moves through explicit stages (les-emplois' job-application pattern); every move is
a service in `services.py` that checks the rules of rules.md §2 and writes one append-only
`CandidateStep`. On the admission ceremony the candidate becomes a `members.Member`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import (
    TimeStampedModel,
    VersionedModel,
    recorded_by_field,
    rule_profile_field,
)
from dangvu.core.scope import ScopedQuerySet
from dangvu.core.text import fold, sort_key
from dangvu.members.choices import (
    ETHNICITY_CHOICES,
    Gender,
    Occupation,
    ProfessionalLevel,
    Religion,
)
from dangvu.members.validators import citizen_id_matches, normalize_digits, validate_citizen_id

from .choices import Action, IntroducedBy, LeavingReason, Stage, UnionResolution


class AppendOnlyError(Exception):
    pass


class CandidateQuerySet(ScopedQuerySet):
    # Placed by the branch that considers the candidate; members never see candidates' files.
    scope_path_field = "org_path"
    self_field = None


class Candidate(VersionedModel):
    """A person the branch prepares for admission, and their admission file's key dates."""

    # --- the person (lý lịch summary)
    full_name = models.CharField(_("full name"), max_length=255)
    name_key = models.CharField(_("search key"), max_length=255, editable=False, db_index=True)
    sort_key = models.CharField(_("sort key"), max_length=200, editable=False)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=32, choices=ETHNICITY_CHOICES, default="Kinh"
    )
    religion = models.CharField(
        _("religion"), max_length=16, choices=Religion.choices, default=Religion.NONE
    )
    citizen_id = models.CharField(
        _("citizen ID (CCCD)"), max_length=12, blank=True, validators=[validate_citizen_id]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    hometown = models.CharField(_("home town"), max_length=255, blank=True)
    residence = models.CharField(_("place of residence"), max_length=255, blank=True)
    general_education = models.CharField(
        _("general education"), max_length=8, help_text=_("e.g. 12/12 or 9/12")
    )
    education_exception = models.CharField(
        _("education exception"),
        max_length=255,
        blank=True,
        help_text=_(
            "The guidance that allows a lower education level in mountain, island, "
            "ethnic-minority or hardship areas (R2.2)."
        ),
    )
    professional_level = models.CharField(
        _("professional qualification"),
        max_length=16,
        choices=ProfessionalLevel.choices,
        default=ProfessionalLevel.NONE,
    )
    occupation = models.CharField(
        _("occupation"), max_length=24, choices=Occupation.choices, default=Occupation.OTHER
    )
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    is_village_head = models.BooleanField(_("head of village / quarter"), default=False)

    # --- the branch that considers them, and who introduced them
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("party branch"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    introduced_by = models.CharField(
        _("introduced by"), max_length=16, choices=IntroducedBy.choices
    )
    introduced_on = models.DateField(_("introduced on"))
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.INTRODUCED
    )
    stage_since = models.DateField(_("stage since"))

    # --- re-admission of a former member (R2.12)
    readmission_of = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="readmission_candidacies",
        verbose_name=_("re-admission of"),
    )
    leaving_reason = models.CharField(
        _("how they left the party"), max_length=32, choices=LeavingReason.choices, blank=True
    )
    conviction_expunged_on = models.DateField(
        _("conviction expunged on"),
        null=True,
        blank=True,
        help_text=_("Only for a former member convicted of a less serious crime (R2.12)."),
    )

    # --- the file: application, introducers, union resolution, certificate (R2.4–R2.6)
    application_on = models.DateField(_("application dated"), null=True, blank=True)
    union_resolution = models.CharField(
        _("union resolution"), max_length=16, choices=UnionResolution.choices, blank=True
    )
    union_resolution_number = models.CharField(
        _("union resolution number"), max_length=64, blank=True
    )
    union_resolution_on = models.DateField(_("union resolution dated"), null=True, blank=True)
    certificate_valid_until = models.DateField(
        _("certificate valid until"), null=True, blank=True, editable=False
    )

    # --- branch vote (R2.1–R2.3)
    vote_on = models.DateField(_("branch resolution date"), null=True, blank=True)
    vote_yes = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    vote_official_count = models.PositiveIntegerField(
        _("official members of the branch"), null=True, blank=True
    )
    over_age_approval = models.CharField(
        _("approval to admit above the age limit"),
        max_length=255,
        blank=True,
        help_text=_("Decision of the committee directly under the Central Committee (R2.1)."),
    )

    # --- decision and ceremony (R2.7–R2.9)
    decided_on = models.DateField(_("admission decision date"), null=True, blank=True)
    ceremony_on = models.DateField(_("admission ceremony"), null=True, blank=True)
    ceremony_consent = models.CharField(
        _("superior committee's consent to a late ceremony"), max_length=255, blank=True
    )
    mentor = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentees",
        verbose_name=_("mentoring member"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admission_records",
        verbose_name=_("party member"),
    )

    # --- recognition (R2.11c)
    recognition_failed_votes = models.PositiveSmallIntegerField(
        _("failed recognition votes"), default=0
    )
    recognition_escalated = models.BooleanField(
        _("recognition referred to the superior committee"), default=False
    )
    note = models.TextField(_("note"), blank=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["org_path", "stage"], name="candidate_path_stage"),
            models.Index(fields=["org_path", "decided_on"], name="candidate_path_decided"),
            models.Index(fields=["stage", "certificate_valid_until"], name="candidate_stage_cert"),
            models.Index(fields=["stage", "vote_on"], name="candidate_stage_vote"),
            models.Index(fields=["citizen_id"], name="candidate_citizen_id"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_readmission(self) -> bool:
        return self.readmission_of_id is not None

    @property
    def is_open(self) -> bool:
        from .choices import OPEN_STAGES

        return self.stage in OPEN_STAGES

    def clean_fields(self, exclude=None) -> None:
        self.citizen_id = normalize_digits(self.citizen_id)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.birth_date and self.birth_date > today:
            errors.setdefault("birth_date", []).append(_("The date of birth is in the future."))
        if self.introduced_on and self.introduced_on > today:
            errors.setdefault("introduced_on", []).append(_("This date is in the future."))
        if self.birth_date and self.introduced_on and self.introduced_on <= self.birth_date:
            errors.setdefault("introduced_on", []).append(
                _("The introduction date must be after the date of birth.")
            )
        if (
            self.citizen_id
            and self.gender
            and not citizen_id_matches(
                self.citizen_id, self.birth_date, self.gender == Gender.FEMALE
            )
        ):
            errors.setdefault("citizen_id", []).append(
                _("The citizen ID does not match the gender and year of birth.")
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.name_key = fold(self.full_name)
        self.sort_key = sort_key(self.full_name)
        if self.organization_id and not self.org_path:
            self.org_path = self.organization.path
        super().save(*args, **kwargs)


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
