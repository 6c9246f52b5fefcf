"""Chuyển sinh hoạt đảng (R9.1–R9.3): the transfer record, written only by
`members.transfer.services` in the transaction that moves the member and appends its events.

Scope: a transfer concerns two organizations (sending and receiving); both sides see it, so its
queryset ORs two subtree ranges.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel, rule_profile_field

from ..choices import TransferKind, TransferScope, TransferStatus
from ..querysets import TwoSidedQuerySet


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
