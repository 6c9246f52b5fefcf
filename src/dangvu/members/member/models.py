"""The party member's record (lý lịch summary) and current state."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.core.scope import ScopedQuerySet

from ..choices import (
    ACTIVE_STATUSES,
    ETHNICITY_CHOICES,
    Gender,
    Occupation,
    ProfessionalLevel,
    Religion,
    Status,
    TheoryLevel,
)
from ..validators import validate_card_number, validate_citizen_id
from .person import PersonMixin


class MemberQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = "pk"

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Member(PersonMixin, VersionedModel):
    """A party member's dossier (lý lịch) summary and current state.

    Current branch and status are denormalized here (with `org_path` for subtree filters) in the
    same transaction as the dated Placement that sets them (ARCHITECTURE, principle 2).
    """

    full_name = models.CharField(_("full name"), max_length=255)
    name_key = models.CharField(_("search key"), max_length=255, editable=False, db_index=True)
    sort_key = models.CharField(_("sort key"), max_length=200, editable=False, db_index=True)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=32, choices=ETHNICITY_CHOICES, default="Kinh"
    )
    religion = models.CharField(
        _("religion"), max_length=16, choices=Religion.choices, default=Religion.NONE
    )
    hometown = models.CharField(_("home town"), max_length=255, blank=True)
    residence = models.CharField(_("place of residence"), max_length=255, blank=True)
    general_education = models.CharField(
        _("general education"), max_length=8, blank=True, help_text=_("e.g. 12/12")
    )
    professional_level = models.CharField(
        _("professional qualification"),
        max_length=16,
        choices=ProfessionalLevel.choices,
        default=ProfessionalLevel.NONE,
    )
    theory_level = models.CharField(
        _("political theory"), max_length=16, choices=TheoryLevel.choices, default=TheoryLevel.NONE
    )
    occupation = models.CharField(
        _("occupation"), max_length=24, choices=Occupation.choices, default=Occupation.OTHER
    )
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    admitted_on = models.DateField(_("admission date"))
    recognized_on = models.DateField(_("official membership date"), null=True, blank=True)
    card_number = models.CharField(
        _("party card number"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_card_number],
    )
    citizen_id = models.CharField(
        _("citizen ID (CCCD)"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_citizen_id],
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROBATIONARY
    )
    status_since = models.DateField(_("status since"))
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("party branch"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    away_since = models.DateField(_("working away since"), null=True, blank=True)
    exempt_since = models.DateField(_("exempted from party work since"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["org_path", "status", "gender"], name="member_path_status_gender"),
            models.Index(fields=["org_path", "sort_key"], name="member_path_sort"),
            models.Index(fields=["organization", "status"], name="member_org_status"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def age_on(self, on: dt.date | None = None) -> int:
        on = on or timezone.localdate()
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

    digit_fields = ("citizen_id", "card_number")

    def clean_dates(self, errors: dict[str, list], today: dt.date) -> None:
        if self.admitted_on and self.admitted_on > today:
            errors.setdefault("admitted_on", []).append(_("The admission date is in the future."))
        if self.birth_date and self.admitted_on and self.admitted_on <= self.birth_date:
            errors.setdefault("admitted_on", []).append(
                _("The admission date must be after the date of birth.")
            )
        if self.recognized_on and self.admitted_on and self.recognized_on < self.admitted_on:
            errors.setdefault("recognized_on", []).append(
                _("The official membership date is before the admission date.")
            )
        if self.status == Status.OFFICIAL and not self.recognized_on:
            errors.setdefault("recognized_on", []).append(
                _("An official member needs an official membership date.")
            )
