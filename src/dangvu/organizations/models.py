"""The organization tree (current shape on treebeard), its dated history, localities, committees."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from dangvu.core.models import TimeStampedModel, recorded_by_field
from dangvu.core.scope import ScopedQuerySet
from dangvu.core.text import fold

from .choices import (
    ALLOWED_PARENT_KINDS,
    BRANCH_KINDS,
    GRASSROOTS_KINDS,
    KIND_LEVEL,
    Kind,
    Level,
    LocalityKind,
    ReorganizationKind,
    SeatRole,
    Sector,
)


def active_on_q(on: dt.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_to) interval contains `on`."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": on})
    )


class OrganizationQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    scope_path_field = "path"
    self_field = None  # a plain member sees organizations through their own branch only

    def visible_to(self, user):
        if user is not None and user.is_authenticated and user.is_active:
            if getattr(user, "is_plain_member", False):
                member = user.member
                if member is None or member.organization_id is None:
                    return self.none()
                return self.filter(pk=member.organization_id)
        return super().visible_to(user)

    def active(self):
        return self.filter(dissolved_on__isnull=True)

    def branches(self):
        return self.filter(kind__in=BRANCH_KINDS)


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self):
        # treebeard's manager hard-codes its own queryset class; keep ours (scope methods).
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class Organization(MP_Node, TimeStampedModel):
    """A party organization. Dissolved organizations stay in the tree with their history."""

    steplen = 4
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    node_order_by: list[str] = []  # explicit `position`, not names (STACK-NOTES)

    name = models.CharField(_("name"), max_length=255)
    name_key = models.CharField(_("search key"), max_length=255, db_index=True, editable=False)
    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    sector = models.CharField(
        _("sector"), max_length=32, choices=Sector.choices, default=Sector.OTHER
    )
    may_admit = models.BooleanField(
        _("authorized to admit members"),
        default=False,
        help_text=_("A grassroots committee authorized to decide admissions (R2.8)."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    position = models.PositiveIntegerField(_("display order"), default=0)

    objects = OrganizationManager()

    class Meta:
        verbose_name = _("party organization")
        verbose_name_plural = _("party organizations")
        indexes = [models.Index(fields=["kind", "path"], name="org_kind_path")]

    def __str__(self) -> str:
        return self.name

    @property
    def level(self) -> str:
        return KIND_LEVEL[self.kind]

    def get_level_display(self) -> str:
        return Level(self.level).label

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    def clean(self) -> None:
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            raise ValidationError(
                {"dissolved_on": _("The dissolution date is before the founding date.")}
            )
        if self.founded_on and self.founded_on > timezone.localdate():
            raise ValidationError({"founded_on": _("The founding date is in the future.")})

    def save(self, *args, **kwargs):
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)

    def check_parent_kind(self, parent: Organization | None) -> None:
        """R1.1–R1.4: a node's kind decides which kinds may hold it."""
        allowed = ALLOWED_PARENT_KINDS[Kind(self.kind)]
        if parent is None:
            if allowed:
                raise ValidationError(_("This kind of organization needs a superior organization."))
            return
        if parent.kind not in allowed:
            raise ValidationError(
                _("A %(child)s cannot be placed under a %(parent)s.")
                % {"child": self.get_kind_display(), "parent": parent.get_kind_display()}
            )


class OrganizationLink(models.Model):
    """Where an organization sat in the tree, under which kind and name, from/to a date.

    The treebeard tree holds only today's shape; these intervals rebuild any past date's tree
    (e.g. districts before 1/7/2025). `valid_to` is exclusive; open-ended means current.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="links", verbose_name=_("organization")
    )
    parent = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_links",
        verbose_name=_("superior organization"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("organization history")
        verbose_name_plural = _("organization history")
        ordering = ["organization", "valid_from"]
        indexes = [
            models.Index(fields=["parent", "valid_from"], name="orglink_parent_from"),
            models.Index(fields=["organization", "valid_from"], name="orglink_org_from"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="orglink_interval_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y}–{self.valid_to or '…'})"


class LocalityQuerySet(ScopedQuerySet):
    scope_path_field = "commune__path"
    self_field = None


class Locality(TimeStampedModel):
    """A residential unit (thôn, bản, khu phố, tổ dân phố) of a commune-level organization."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=LocalityKind.choices)
    commune = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="localities",
        verbose_name=_("commune-level organization"),
    )
    branch = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="covered_localities",
        verbose_name=_("branch covering it"),
    )
    head_name = models.CharField(_("head of the locality"), max_length=255, blank=True)
    head_member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head, if a party member"),
    )
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)

    objects = LocalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["commune", "name"]

    def __str__(self) -> str:
        return self.name


class TermQuerySet(ScopedQuerySet):
    scope_path_field = "organization__path"


class Term(TimeStampedModel):
    """A committee's term (nhiệm kỳ), opened by a congress."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="terms", verbose_name=_("organization")
    )
    name = models.CharField(_("term"), max_length=64, help_text=_("e.g. 2025–2030"))
    congress_on = models.DateField(_("congress date"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["organization", "-starts_on"]

    def __str__(self) -> str:
        return f"{self.organization} {self.name}"


class CommitteeSeatQuerySet(ScopedQuerySet):
    scope_path_field = "organization__path"
    self_field = "member"

    def current(self, on: dt.date | None = None):
        return self.filter(active_on_q(on or timezone.localdate()))


class CommitteeSeat(TimeStampedModel):
    """A dated seat on an organization's committee (cấp ủy): secretary, deputy, member."""

    term = models.ForeignKey(
        Term,
        on_delete=models.CASCADE,
        related_name="seats",
        verbose_name=_("term"),
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="seats", verbose_name=_("organization")
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="seats",
        verbose_name=_("party member"),
    )
    role = models.CharField(_("role"), max_length=16, choices=SeatRole.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = CommitteeSeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        ordering = ["organization", "role", "valid_from"]
        indexes = [models.Index(fields=["organization", "valid_to"], name="seat_org_to")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.organization}: {self.member}"


class ReorganizationQuerySet(ScopedQuerySet):
    # The deepest organization containing everything the operation touched: only users whose
    # subtree holds all of it could run it, and only they see the record.
    scope_path_field = "org_path"
    self_field = None


class Reorganization(models.Model):
    """One atomic, effective-dated reorganization (sắp xếp tổ chức): its decision, the plan that
    was run and a summary of what changed. The dated OrganizationLinks keep the trees of past
    dates; this record says why and when the tree changed."""

    kind = models.CharField(_("kind"), max_length=16, choices=ReorganizationKind.choices)
    effective_on = models.DateField(_("effective date"))
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    plan = models.JSONField(_("plan"), default=dict)
    summary = models.JSONField(_("summary"), default=dict)
    org_path = models.CharField(max_length=255, editable=False)
    recorded_by = recorded_by_field()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ReorganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reorganization")
        verbose_name_plural = _("reorganizations")
        ordering = ["-effective_on", "-id"]
        indexes = [models.Index(fields=["org_path", "effective_on"], name="reorg_path_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"
