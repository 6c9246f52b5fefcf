"""The register of documents (sổ đăng ký văn bản, R14.6): per issuing body, kind and
numbering period (the committee term, or the year), numbers from 01 without gaps or
duplicates; a cancelled document stays in the register. Issuer profiles override the lines
of the header (R14.5, R14.9, R14.10 [U]). Imported by core.models so Django finds them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..scope import ORGANIZATION_MODEL, ScopedQuerySet


class DocumentIssuer(models.Model):
    """How an organization's documents name it, when the default derivation is wrong."""

    organization = models.OneToOneField(
        ORGANIZATION_MODEL,
        on_delete=models.CASCADE,
        related_name="document_issuer",
        verbose_name=_("organization"),
    )
    name = models.CharField(
        _("issuing body"), max_length=255, blank=True, help_text=_("e.g. Đảng ủy phường X")
    )
    superior_name = models.CharField(
        _("name as a superior body"), max_length=255, blank=True, help_text=_("e.g. Đảng bộ xã Y")
    )
    symbol = models.CharField(_("document symbol"), max_length=16, blank=True)
    place = models.CharField(_("place name of the date line"), max_length=128, blank=True)
    authority = models.CharField(_("authority to sign"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("document issuer")
        verbose_name_plural = _("document issuers")

    def __str__(self) -> str:
        return self.name or str(self.organization)


class DocumentCounter(models.Model):
    """The last number given per issuer, kind and period; incremented in the issuing
    transaction (an UPDATE … SET last = last + 1 locks the row on PostgreSQL; SQLite
    serializes writers)."""

    organization = models.ForeignKey(ORGANIZATION_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8)
    period = models.CharField(max_length=32)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "period"], name="doc_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}: {self.last}"


class RegisteredDocumentQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"


class RegisteredDocument(models.Model):
    organization = models.ForeignKey(
        ORGANIZATION_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issuing organization"),
    )
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=8)
    period = models.CharField(_("numbering period"), max_length=32)
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("document symbol"), max_length=16)
    number_text = models.CharField(_("number and symbol"), max_length=64)
    issued_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    document_key = models.CharField(_("document"), max_length=64, blank=True)
    object_type = models.CharField(max_length=100, blank=True)  # "app_label.model"
    object_id = models.CharField(max_length=64, blank=True)
    content = models.JSONField(_("content"), default=dict)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)

    objects = RegisteredDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("registered document")
        verbose_name_plural = _("register of documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "period", "number"], name="doc_number_unique"
            )
        ]
        indexes = [models.Index(fields=["object_type", "object_id"], name="doc_object")]

    def __str__(self) -> str:
        return f"{self.number_text} {self.title}"
