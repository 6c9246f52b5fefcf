"""Lifecycle pages: one page per action on a member (its form, then one service call, then
back to the profile), and the list of membership changes with its export.

An object outside the user's scope is a 404 (`core.generic`); a visible member the user may not
change is a 403 (`members.member.services.may_manage`); services' refusals show on the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from dangvu.core.generic import ActionView

from ..member.models import Member
from ..member.pages import FilteredExportView, FilteredListView
from ..member.services import may_manage
from . import forms as f
from . import services
from .exports import event_columns
from .filters import MemberEventFilterSet
from .models import MemberEvent


class MemberActionView(ActionView):
    """One lifecycle action on a member; `service(user=, member=, **form.service_kwargs())`."""

    model = Member
    select_related = ("organization",)
    permission = staticmethod(may_manage)
    template_name = "members/action.html"
    context_object_name = "member"
    success_message = gettext_lazy("Recorded.")
    title: Any = ""
    icon = "bi-pencil"
    service: Callable[..., Any]
    form_needs_user = False  # the form's choices depend on the user's scope

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        return {**kwargs, "user": self.request.user} if self.form_needs_user else kwargs

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.object.version}

    def get_extra_context(self) -> dict[str, Any]:
        return {"title": self.title, "icon": self.icon}

    def perform(self, form) -> Any:
        kwargs = form.service_kwargs()
        return type(self).service(user=self.request.user, member=self.object, **kwargs)

    def get_success_url(self, result: Any = None) -> str:
        return reverse("members:detail", args=[self.object.pk])


class AwayStartView(MemberActionView):
    title = gettext_lazy("Started working away")
    icon = "bi-geo-alt"
    form_class = f.AwayForm
    service = services.start_working_away


class AwayEndView(MemberActionView):
    title = gettext_lazy("Stopped working away")
    icon = "bi-house"
    form_class = f.DatedForm
    service = services.stop_working_away


class ExemptView(MemberActionView):
    title = gettext_lazy("Exempt from party work")
    icon = "bi-pause-circle"
    form_class = f.ExemptForm
    service = services.exempt_from_party_work


class ExemptEndView(MemberActionView):
    title = gettext_lazy("End the exemption")
    icon = "bi-play-circle"
    form_class = f.DatedForm
    service = services.end_exemption


class StrikeOffView(MemberActionView):
    title = gettext_lazy("Strike off the roll")
    icon = "bi-x-circle"
    form_class = f.StrikeOffForm
    service = services.strike_off


class LeaveView(MemberActionView):
    title = gettext_lazy("Allow to leave the party")
    icon = "bi-door-open"
    form_class = f.LeaveForm
    service = services.allow_to_leave


class DeathView(MemberActionView):
    title = gettext_lazy("Record a death")
    icon = "bi-flower1"
    form_class = f.DatedForm
    service = services.record_death


class RestoreView(MemberActionView):
    title = gettext_lazy("Restore after a wrongful expulsion")
    icon = "bi-arrow-counterclockwise"
    form_class = f.RestoreForm
    service = services.restore
    form_needs_user = True


# --- the list of membership changes ---------------------------------------------------------


class MemberEventListView(FilteredListView):
    """Biến động đảng viên: by kind, period and organization subtree."""

    model = MemberEvent
    select_related = ("member", "organization", "other_organization")
    filterset_class = MemberEventFilterSet
    template_name = "members/events.html"
    filter_names = ("kind", "date_from", "date_to")
    ordering = ("-occurred_on", "-id")


class MemberEventExportView(FilteredExportView):
    model = MemberEvent
    select_related = ("member", "organization", "other_organization")
    filterset_class = MemberEventFilterSet
    ordering = ("-occurred_on", "-id")
    columns = staticmethod(event_columns)
    filename = "bien-dong-dang-vien"
    sheet_title = gettext_lazy("Membership changes")
