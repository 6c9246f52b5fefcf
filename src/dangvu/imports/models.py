"""ImportRun: one import (or dry run) of a file, who ran it, what it found and what it changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.scope import ScopedQuerySet


class ImportKind(models.TextChoices):
    MEMBERS = "members", _("Party members")
    ORGANIZATIONS = "organizations", _("Party organizations")
    LOCALITIES = "localities", _("Localities")


class RunStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded, columns to check")
    VALIDATING = "validating", _("Checking")
    VALIDATED = "validated", _("Checked, ready to import")
    INVALID = "invalid", _("Checked, problems found")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing written")


class ImportRunQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = None  # plain members never import

    def visible_to(self, user):
        # Each user sees the runs they started, inside their subtree (an administrator bound
        # to no organization sees all of them).
        queryset = super().visible_to(user)
        if user is not None and user.is_authenticated and not user.sees_everything:
            queryset = queryset.filter(created_by=user)
        return queryset


class ImportRun(models.Model):
    """A file brought in by someone, into an organization's subtree.

    Every member row an import writes gets an auditlog entry whose `additional_data` is
    {"import": <this id>}, so each change can be traced back to its run."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    stored_file = models.CharField(max_length=500, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    headers = models.JSONField(_("columns of the file"), default=list, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    valid_only = models.BooleanField(_("only the valid rows"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.UPLOADED
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    invalid = models.PositiveIntegerField(_("rows with errors"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["org_path", "created_at"], name="importrun_path_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"

    @property
    def error_count(self) -> int:
        return self._count("error", "errors")

    @property
    def warning_count(self) -> int:
        return self._count("warning", "warnings")

    def _count(self, severity: str, omitted_key: str) -> int:
        # The record keeps the first problems and a summary of the others ("omitted").
        stored = sum(1 for p in self.problems if p.get("severity") == severity)
        left = sum(
            (p.get("omitted") or {}).get(omitted_key, 0)
            for p in self.problems
            if p.get("severity") == "omitted"
        )
        return stored + left

    @property
    def is_busy(self) -> bool:
        return self.status in (RunStatus.VALIDATING, RunStatus.RUNNING)
