"""The member registry: profile, dated placements in branches, concurrent posts."""

from __future__ import annotations

import datetime as dt

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

from .choices import (
    ACTIVE_STATUSES,
    ETHNICITY_CHOICES,
    EventKind,
    Gender,
    Occupation,
    PlacementKind,
    PostKind,
    ProfessionalLevel,
    Religion,
    Status,
    TheoryLevel,
)
from .validators import (
    citizen_id_matches,
    normalize_digits,
    validate_card_number,
    validate_citizen_id,
)


class MemberQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = "pk"

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Member(VersionedModel):
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

    def clean_fields(self, exclude=None) -> None:
        # "001 190 123 456" and "12.345.678" are how people type them: keep the digits only,
        # before the field validators see the value.
        self.citizen_id = normalize_digits(self.citizen_id) or None
        self.card_number = normalize_digits(self.card_number) or None
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.birth_date and self.birth_date > today:
            errors.setdefault("birth_date", []).append(_("The date of birth is in the future."))
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


class PlacementQuerySet(ScopedQuerySet):
    scope_path_field = "organization__path"
    self_field = "member"


class Placement(TimeStampedModel):
    """A member's dated membership of a branch: official (counted there) or temporary."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="placements", verbose_name=_("party member")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("party branch"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=PlacementKind.choices, default=PlacementKind.OFFICIAL
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["member", "valid_from"]
        indexes = [
            models.Index(fields=["organization", "valid_from"], name="placement_org_from"),
            models.Index(fields=["member", "valid_from"], name="placement_member_from"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="placement_interval_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.organization}"


class MemberPostQuerySet(ScopedQuerySet):
    scope_path_field = "member__org_path"
    self_field = "member"


class MemberPost(TimeStampedModel):
    """A dated concurrent post: village head, Front work-board head, youth secretary…"""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="posts", verbose_name=_("party member")
    )
    kind = models.CharField(_("post"), max_length=24, choices=PostKind.choices)
    title = models.CharField(_("detail"), max_length=255, blank=True)
    locality = models.ForeignKey(
        "organizations.Locality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("locality"),
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = MemberPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("concurrent post")
        verbose_name_plural = _("concurrent posts")
        ordering = ["member", "-valid_from"]
        indexes = [models.Index(fields=["kind", "valid_to"], name="post_kind_to")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member}"

    def clean(self) -> None:
        if self.valid_to and self.valid_from and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("The end date must be after the start date.")})


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


# Lifecycle records (transfers, discipline, residence contact) live in their own module; importing
# them here registers them with the members app.
from .lifecycle_models import (  # noqa: E402
    Discipline,
    ResidenceComment,
    ResidenceContact,
    Transfer,
)

__all__ = [
    "Discipline",
    "Member",
    "MemberEvent",
    "MemberPost",
    "Placement",
    "ResidenceComment",
    "ResidenceContact",
    "Transfer",
]
