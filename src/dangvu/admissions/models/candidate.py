"""Member development: candidates (quần chúng ưu tú) from introduction to official membership.

A Candidate moves through explicit stages (les-emplois' job-application pattern); every move is
a service in `services/` that checks the rules of rules.md §2 and writes one append-only
`CandidateStep`. On the admission ceremony the candidate becomes a `members.Member`.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.core.scope import ScopedQuerySet
from dangvu.members.choices import (
    ETHNICITY_CHOICES,
    Gender,
    Occupation,
    ProfessionalLevel,
    Religion,
)
from dangvu.members.member.person import PersonMixin
from dangvu.members.validators import validate_citizen_id

from ..choices import OPEN_STAGES, IntroducedBy, LeavingReason, Stage, UnionResolution


class AppendOnlyError(Exception):
    pass


class CandidateQuerySet(ScopedQuerySet):
    # Placed by the branch that considers the candidate; members never see candidates' files.
    scope_path_field = "org_path"
    self_field = None


class Candidate(PersonMixin, VersionedModel):
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
        return self.stage in OPEN_STAGES

    def clean_dates(self, errors: dict[str, list], today: dt.date) -> None:
        if self.introduced_on and self.introduced_on > today:
            errors.setdefault("introduced_on", []).append(_("This date is in the future."))
        if self.birth_date and self.introduced_on and self.introduced_on <= self.birth_date:
            errors.setdefault("introduced_on", []).append(
                _("The introduction date must be after the date of birth.")
            )
