"""View bricks: the scope mixin every page uses, audit history, and the rule-profile pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from . import profiles
from .calendar import holidays_between, statutory_holidays
from .filters import parse_id, parse_year
from .forms import HolidayForm, RuleProfileForm, add_service_errors
from .models import Holiday, HolidayYear, RuleProfile
from .registry import registry
from .rule_defaults import CONFIDENCE, CONFIDENCE_HELP, all_defaults
from .services import add_holiday, confirm_holiday_year, delete_holiday


class ScopedMixin(LoginRequiredMixin):
    """Every page reads through `Model.objects.visible_to(user)` (ARCHITECTURE, principle 1).

    A detail page of an object outside the user's subtree is therefore a 404, and a list can
    never show a row of a sibling subtree.
    """

    model: type[models.Model]
    select_related: tuple[str, ...] = ()

    def get_queryset(self) -> models.QuerySet:
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset


class ScopedListView(ScopedMixin, ListView):
    pass


class ScopedDetailView(ScopedMixin, DetailView):
    pass


class RuleAdminMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Rule settings are national: administrators only (403 for everyone else)."""

    def test_func(self) -> bool:
        return bool(getattr(self.request.user, "is_rule_admin", False))


# --- Audit history (django-auditlog), shown on detail pages of objects the user can see.

# Bookkeeping columns that change on every save and say nothing to a reader.
_NOISE_FIELDS = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "name_key",
    "sort_key",
    "org_path",
    "path",
    "depth",
    "numchild",
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    timestamp: dt.datetime
    actor: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _display_value(model_field: models.Field, raw: Any, user) -> str:
    if raw is None or raw in ("None", ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(model_field, models.BooleanField):
        return _("yes") if str(raw) in ("True", "1", "true") else _("no")
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        try:
            return formats.date_format(dt.date.fromisoformat(str(raw)[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return str(raw)
    if isinstance(model_field, models.ForeignKey):
        # Name the related object only when the reader may see it (scope, principle 1).
        related = model_field.related_model
        manager = related._default_manager
        queryset = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.none()
        obj = queryset.filter(pk=raw).first()
        return str(obj) if obj is not None else "—"
    return str(raw)


def _action_labels() -> dict[int, str]:
    # Our own words for auditlog's actions: its labels ("create", "update") are English.
    return {
        LogEntry.Action.CREATE: _("Created"),
        LogEntry.Action.UPDATE: _("Changed"),
        LogEntry.Action.DELETE: _("Deleted"),
        LogEntry.Action.ACCESS: _("Viewed"),
    }


def audit_history(obj: models.Model, user, limit: int = 50) -> list[HistoryRow]:
    """Who changed what on `obj`, newest first, with old → new values per field."""
    model = type(obj)
    entries = LogEntry.objects.get_for_object(obj).select_related("actor")[:limit]
    action_labels = _action_labels()
    rows: list[HistoryRow] = []
    for entry in entries:
        changes: list[Change] = []
        if entry.action == LogEntry.Action.UPDATE:
            for name, values in (entry.changes_dict or {}).items():
                if name in _NOISE_FIELDS:
                    continue
                try:
                    model_field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                old, new = (list(values) + [None, None])[:2]
                changes.append(
                    Change(
                        label=capfirst(str(model_field.verbose_name)),
                        old=_display_value(model_field, old, user),
                        new=_display_value(model_field, new, user),
                    )
                )
            if not changes:
                continue  # only bookkeeping columns changed
        actor = entry.actor
        rows.append(
            HistoryRow(
                timestamp=entry.timestamp,
                actor=(actor.get_full_name() or actor.username) if actor else _("system"),
                action=action_labels.get(entry.action, ""),
                changes=changes,
            )
        )
    return rows


# --- Rule profile pages (administrators).


class RuleProfileView(RuleAdminMixin, TemplateView):
    template_name = "core/profile.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        profile, values = profiles.values_on(today)
        in_force = profile.values if profile else {}
        context["today"] = today
        context["profile"] = profile
        owners = registry().rule_apps
        context["rules"] = [
            {
                "default": default,
                "app": owners[default.key].verbose_name,  # the app that declares the rule
                "value": default.display(values[default.key]),
                "default_value": default.display(default.value),
                "changed": default.key in in_force and in_force[default.key] != default.value,
            }
            for default in all_defaults()
        ]
        context["confidence"] = [(code, CONFIDENCE[code], CONFIDENCE_HELP[code]) for code in "CSU"]
        context["versions"] = RuleProfile.objects.select_related("created_by")[:100]
        context["future_versions"] = sum(1 for v in context["versions"] if v.valid_from > today)
        return context


class RuleProfileEditView(RuleAdminMixin, FormView):
    template_name = "core/profile_form.html"
    form_class = RuleProfileForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["current"] = profiles.values_on()[1]
        return kwargs

    def form_valid(self, form: RuleProfileForm):
        profiles.publish_profile(
            values=form.rule_values(),
            valid_from=form.cleaned_data["valid_from"],
            note=form.cleaned_data["note"],
            user=self.request.user,
        )
        messages.success(self.request, _("The new rule profile version was saved."))
        return HttpResponseRedirect(reverse("core:profile"))


class HolidayListView(RuleAdminMixin, FormView):
    """The public-holiday table of the working-day calendar: list, add and delete on one page.

    Deleting posts `delete=<id>` here rather than to a URL per holiday: a row has no page of its
    own, so there is nothing to GET.
    """

    template_name = "core/holidays.html"
    form_class = HolidayForm

    def year(self) -> int:
        raw = self.request.GET.get("year", "")
        today = timezone.localdate().year
        return parse_year(raw, 2000, 2100) or today

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = self.year()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        days_off = holidays_between(start, end)
        names = statutory_holidays(year)
        table = {h.date: h for h in Holiday.objects.filter(date__gte=start, date__lte=end)}
        context.update(
            year=year,
            years=range(year - 2, year + 4),
            days=[
                {
                    "date": day,
                    "name": table[day].name if day in table else names.get(day, ""),
                    "working": day in days_off.working,
                    "off": day in days_off,
                    "row": table.get(day),
                }
                for day in sorted(days_off | days_off.working | set(table))
            ],
            confirmed=HolidayYear.objects.filter(year=year).first(),
            holidays=Holiday.objects.order_by("-date")[:500],
        )
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            raw = request.POST["confirm"]
            try:
                confirm_holiday_year(user=request.user, year=parse_year(raw, 1, 9999) or 0)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(reverse("core:holidays"))
            messages.success(
                request, _("The holiday list of %(year)s is confirmed.") % {"year": raw}
            )
            return HttpResponseRedirect(f"{reverse('core:holidays')}?year={raw}")
        if "delete" in request.POST:
            pk = request.POST["delete"]
            holiday = get_object_or_404(Holiday, pk=parse_id(pk))
            delete_holiday(user=request.user, holiday=holiday)
            messages.success(request, _("The holiday was deleted."))
            return HttpResponseRedirect(reverse("core:holidays"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: HolidayForm):
        try:
            add_holiday(
                user=self.request.user,
                date=form.cleaned_data["date"],
                name=form.cleaned_data["name"],
                working=form.cleaned_data["working"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The holiday was added."))
        return HttpResponseRedirect(reverse("core:holidays"))


def csrf_failure(request, reason: str = "", template_name: str = "403_csrf.html"):
    """The CSRF refusal in Vietnamese (Django's own page is English and technical)."""
    return render(request, template_name, status=403)


def server_error(request, template_name: str = "500.html") -> HttpResponseServerError:
    """The 500 page, rendered as Django's own (no context processors: they may be what
    failed), with only the CSP nonce its one inline style needs."""
    nonce = getattr(request, "csp_nonce", "")
    return HttpResponseServerError(loader.get_template(template_name).render({"csp_nonce": nonce}))
