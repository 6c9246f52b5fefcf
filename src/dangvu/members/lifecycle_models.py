"""Lifecycle records of a member: transfers, discipline, residence contact (issue 3).

Imported by `members.models` so that Django registers them in the members app. Each record is
written only by the services in `members.transfers` / `members.lifecycle`, in the transaction
that changes the member's state and appends its MemberEvent.

Scope: a transfer and a residence contact concern two organizations (sending and receiving,
workplace and residence); both sides see them, so their querysets OR two subtree ranges.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel, recorded_by_field, rule_profile_field
from dangvu.core.scope import ScopedQuerySet, subtree_q

from .choices import (
    DisciplineForm,
    ResidenceCategory,
    TransferKind,
    TransferScope,
    TransferStatus,
)


class TwoSidedQuerySet(ScopedQuerySet):
    """A row placed in two subtrees: visible from either (`scope_path_fields`)."""

    scope_path_fields: tuple[str, ...] = ()

    def in_subtree(self, path: str) -> ScopedQuerySet:
        condition = Q()
        for field in self.scope_path_fields:
            condition |= subtree_q(field, path)
        return self.filter(condition)


class TransferQuerySet(TwoSidedQuerySet):
    scope_path_fields = ("from_org_path", "to_org_path")
    self_field = "member"

    def open(self):
        return self.filter(status=TransferStatus.ISSUED)

    def awaiting_arrival(self):
        """Issued to an organization in the system and not yet confirmed there."""
        return self.filter(status=TransferStatus.ISSUED, to_organization__isnull=False)


class Transfer(TimeStampedModel):
    """Chuyển sinh hoạt đảng (R9.1–R9.3): the sending side issues the introduction letter, the
    receiving side confirms the arrival; the member's placement moves on confirmation.

    A transfer to an organization outside the system (`to_party`) is recorded as leaving at
    issue; one from outside (`from_party`) is recorded as arriving, already confirmed.
    """

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="transfers",
        verbose_name=_("party member"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=TransferKind.choices, default=TransferKind.OFFICIAL
    )
    scope = models.CharField(
        _("scope"),
        max_length=16,
        choices=TransferScope.choices,
        default=TransferScope.WITHIN_PROVINCE,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TransferStatus.choices, default=TransferStatus.ISSUED
    )
    from_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_out",
        verbose_name=_("sending branch"),
    )
    from_org_path = models.CharField(max_length=255, blank=True, editable=False)
    from_party = models.CharField(
        _("sending party organization (outside the system)"), max_length=255, blank=True
    )
    to_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_in",
        verbose_name=_("receiving organization"),
    )
    to_org_path = models.CharField(max_length=255, blank=True, editable=False)
    to_party = models.CharField(
        _("receiving party organization (outside the system)"), max_length=255, blank=True
    )
    received_in = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("branch the member joined"),
    )
    letter_number = models.CharField(_("introduction letter number"), max_length=64)
    issued_on = models.DateField(_("issued on"))
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    until = models.DateField(
        _("expected end"), null=True, blank=True, help_text=_("For a temporary transfer.")
    )
    received_on = models.DateField(_("arrival date"), null=True, blank=True)
    ended_on = models.DateField(_("returned on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    issued_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    confirmed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    rule_profile = rule_profile_field()

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["from_org_path", "issued_on"], name="transfer_from_path"),
            models.Index(fields=["to_org_path", "issued_on"], name="transfer_to_path"),
            models.Index(fields=["status", "issued_on"], name="transfer_status_date"),
            models.Index(fields=["member", "issued_on"], name="transfer_member_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("issued_on")),
                name="transfer_arrival_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(from_organization__isnull=False) | Q(to_organization__isnull=False),
                name="transfer_touches_the_system",
            ),
        ]

    def __str__(self) -> str:
        return _("Transfer %(number)s: %(member)s") % {
            "number": self.letter_number,
            "member": self.member,
        }

    @property
    def is_outgoing_external(self) -> bool:
        return self.to_organization_id is None

    @property
    def is_incoming_external(self) -> bool:
        return self.from_organization_id is None

    @property
    def destination(self) -> str:
        return self.to_organization.name if self.to_organization_id else self.to_party

    @property
    def origin(self) -> str:
        return self.from_organization.name if self.from_organization_id else self.from_party

    @property
    def is_open_temporary(self) -> bool:
        return (
            self.kind == TransferKind.TEMPORARY
            and self.status == TransferStatus.CONFIRMED
            and self.ended_on is None
        )


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
