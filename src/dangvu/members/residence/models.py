"""QĐ 213-QĐ/TW: a working member's contact with their residence branch and its yearly
comments. The workplace side and the residence side both see them (two subtree ranges)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel, recorded_by_field

from ..choices import ResidenceCategory
from ..querysets import TwoSidedQuerySet


class ResidenceContactQuerySet(TwoSidedQuerySet):
    # The workplace side (the member's branch) and the residence side both see the contact.
    scope_path_fields = ("member__org_path", "residence_org_path")
    self_field = "member"


class ResidenceContact(TimeStampedModel):
    """QĐ 213-QĐ/TW (R5.1–R5.5): a working member keeps contact with their residence branch."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="residence_contacts",
        verbose_name=_("party member"),
    )
    residence_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="resident_contacts",
        verbose_name=_("residence branch"),
    )
    residence_org_path = models.CharField(max_length=255, editable=False)
    letter_number = models.CharField(_("introduction letter number"), max_length=64, blank=True)
    letter_date = models.DateField(_("introduction letter date"), null=True, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    category = models.CharField(
        _("category"),
        max_length=8,
        choices=ResidenceCategory.choices,
        default=ResidenceCategory.NONE,
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ResidenceContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("residence contact")
        verbose_name_plural = _("residence contacts")
        ordering = ["-valid_from", "-id"]
        indexes = [
            models.Index(fields=["residence_org_path"], name="residence_path"),
            models.Index(fields=["member", "valid_from"], name="residence_member_from"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="residence_interval_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.residence_organization}"


class ResidenceCommentQuerySet(TwoSidedQuerySet):
    scope_path_fields = ("contact__member__org_path", "contact__residence_org_path")
    self_field = "contact__member"


class ResidenceComment(TimeStampedModel):
    """The residence branch's yearly comment on a working member (R5.4, QĐ 213 Đ3.4)."""

    contact = models.ForeignKey(
        ResidenceContact,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("residence contact"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    content = models.TextField(_("comment"))
    signed_by = models.CharField(_("signed by"), max_length=255, blank=True)
    received_on = models.DateField(_("received on"))
    recorded_by = recorded_by_field()

    objects = ResidenceCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("residence comment")
        verbose_name_plural = _("residence comments")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "year"], name="residence_comment_year")
        ]

    def __str__(self) -> str:
        return f"{self.contact.member} {self.year}"
