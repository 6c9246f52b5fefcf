"""Shared bricks: timestamps, optimistic versions, rule profiles, the working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """Optimistic concurrency: a save must name the version it read (see core.services)."""

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        """Services bump the version with `version = F("version") + 1` (atomic in the database).
        The audit log reads the values before the UPDATE and would record the expression's
        text ('F(version) + Value(1)'): the new number is computed here instead, from the row
        locked for the rest of the transaction, so the UPDATE stays safe under concurrency and
        the log holds the number."""
        if isinstance(self.version, models.expressions.Combinable) and not self._state.adding:
            with transaction.atomic(using=kwargs.get("using")):
                number = (
                    type(self)
                    ._base_manager.using(kwargs.get("using") or router.db_for_write(type(self)))
                    .select_for_update()
                    .filter(pk=self.pk)
                    .annotate(_next_version=self.version)
                    .values_list("_next_version", flat=True)
                    .first()
                )
                if number is not None:
                    self.version = number
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)


class RuleProfile(models.Model):
    """One dated, immutable version of every number the rules use.

    Regulations change (rules.md §0), so a rule never hard-codes its numbers: it reads them from
    the profile in force on the date it checks, and the decision records this row's id.
    Editing creates a new version; old versions stay so that past decisions stay explainable.
    """

    valid_from = models.DateField(_("valid from"))
    values = models.JSONField(_("values"), default=dict)
    note = models.CharField(_("reason for change"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("rule profile")
        verbose_name_plural = _("rule profiles")

    def __str__(self) -> str:
        return _("Rule profile v%(id)s from %(date)s") % {
            "id": self.pk,
            "date": self.valid_from.strftime("%d/%m/%Y"),
        }


class Holiday(models.Model):
    """A day the Government adds to the computed public holidays (an extra day off), or a
    day it makes a working day (làm bù); administrators edit the table."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    working = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("A make-up working day (làm bù) instead of a day off."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    @property
    def weekday(self) -> int:
        return dt.date.weekday(self.date)


def rule_profile_field() -> models.ForeignKey:
    """The rule profile a decision was checked against (rules.md, top): every decision row
    records it; None while only the regulation defaults are in force."""
    return models.ForeignKey(
        "core.RuleProfile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rule profile applied"),
    )


def recorded_by_field() -> models.ForeignKey:
    """Who recorded a decision or event (kept even if the account is later deactivated)."""
    return models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )


class HolidayYear(models.Model):
    """A year whose holiday list an administrator checked against the Government's
    announcement (its make-up days recorded in `Holiday`)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("confirmed holiday year")
        verbose_name_plural = _("confirmed holiday years")

    def __str__(self) -> str:
        return str(self.year)


from .documents.models import (  # noqa: E402,F401  (the register's models, found by Django)
    DocumentCounter,
    DocumentIssuer,
    RegisteredDocument,
)
