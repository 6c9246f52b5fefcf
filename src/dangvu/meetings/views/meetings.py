"""Meeting pages: the list, scheduling, editing, the meeting's page and a member's own meetings.
Declarations on `core.generic`: reads through `queries`, permissions and writes through
`services`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from dangvu.core.generic import CreateView, DetailView, ExtraContextMixin, ListView
from dangvu.core.views import audit_history

from .. import queries, services
from ..filters import MeetingFilterSet
from ..forms import MeetingForm, VersionForm
from ..models import Meeting
from .base import MeetingFormView, meeting_url


class MeetingListView(ListView):
    model = Meeting
    select_related = ("organization",)
    filterset_class = MeetingFilterSet
    template_name = "meetings/list.html"
    ordering = ("-scheduled_at", "-id")
    paginate_by = 20  # a phone screen's worth of scrolling, not years of meetings

    def get_extra_context(self) -> dict[str, Any]:
        user = self.request.user
        chosen = getattr(self.filterset.form, "cleaned_data", {}).get("organization")
        branch = queries.list_branch(user, chosen)
        return {
            "chosen_organization": chosen,
            "branch": branch,
            "can_schedule": services.may_schedule(user, branch),
        }


class MeetingCreateView(CreateView):
    """Schedule a meeting for a branch (the user's own, or `?organization=`)."""

    model = Meeting
    permission = staticmethod(services.may_schedule)
    permission_denied_message = _("You cannot schedule meetings.")
    form_class = MeetingForm
    template_name = "meetings/form.html"
    success_message = _("The meeting was scheduled.")

    def branch(self):
        chosen = self.request.GET.get("organization") or self.request.POST.get("organization")
        return queries.branch_to_schedule(self.request.user, chosen)

    def get_form_kwargs(self) -> dict[str, Any]:
        choices = queries.branch_choices(self.request.user) if self.branch() is None else None
        return {**super().get_form_kwargs(), "branches": choices}

    def get_initial(self) -> dict[str, Any]:
        return {"kind": "regular", "date": timezone.localdate(), "start": "07:30"}

    def get_extra_context(self) -> dict[str, Any]:
        return {"branch": self.branch(), "title": _("Schedule a meeting")}

    def perform(self, form: MeetingForm) -> Meeting:
        branch = self.branch() or form.cleaned_data["organization"]
        return services.schedule_meeting(
            user=self.request.user,
            organization=branch,
            data=form.meeting_data(),
            confirm_second=form.confirmed(),
        )

    def form_invalid(self, form: MeetingForm):
        if services.CONFIRM_SECOND in form.errors:
            form.ask_confirmation()  # R3.1's warning: the box to confirm
        return super().form_invalid(form)

    def get_success_url(self, result: Meeting | None = None) -> str:
        return meeting_url(result)


class MeetingEditView(MeetingFormView):
    form_class = MeetingForm
    template_name = "meetings/form.html"
    success_message = _("The meeting was saved.")

    def get_initial(self) -> dict[str, Any]:
        return MeetingForm.initial_for(self.object)

    def get_extra_context(self) -> dict[str, Any]:
        return {"branch": self.object.organization, "title": _("Edit the meeting")}

    def perform(self, form: MeetingForm) -> Meeting:
        version = form.cleaned_data.get("version")
        return services.update_meeting(
            user=self.request.user,
            meeting=self.object,
            data=form.meeting_data(),
            expected_version=version,
            confirm_second=form.confirmed(),
        )

    def form_invalid(self, form: MeetingForm):
        if services.CONFIRM_SECOND in form.errors:
            form.ask_confirmation()
        return super().form_invalid(form)


class MeetingDetailView(DetailView):
    model = Meeting
    select_related = ("organization", "chair", "minute_taker", "quality_profile")
    template_name = "meetings/detail.html"
    context_object_name = "meeting"

    def get_extra_context(self) -> dict[str, Any]:
        meeting, user = self.object, self.request.user
        allowed = services.meeting_actions(user, meeting)
        manager = allowed["can_manage"]
        return {
            **allowed,
            **queries.meeting_records(meeting, user, manager=manager),
            "version_form": VersionForm(initial={"version": meeting.version}),
            "history": audit_history(meeting, user) if manager else [],
        }


class MyMeetingsView(ExtraContextMixin, LoginRequiredMixin, TemplateView):
    """A member's own page: notices of upcoming meetings, recent attendance, open tasks."""

    template_name = "meetings/mine.html"

    def get_extra_context(self) -> dict[str, Any]:
        return queries.my_meetings(self.request.user, timezone.localdate())
