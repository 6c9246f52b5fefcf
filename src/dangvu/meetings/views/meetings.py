"""Meeting pages: list, schedule, the meeting's page, notice, documents, minutes, resolutions,
tasks, quality score, visitors, and a member's own meetings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from dangvu.core.filters import parse_id
from dangvu.core.forms import add_service_errors, bootstrap_form
from dangvu.core.profiles import values_on
from dangvu.core.views import ScopedDetailView, ScopedMixin, audit_history
from dangvu.organizations.models import Organization

from .. import queries, rules, services
from ..choices import CRITERIA, CRITERION_LABELS, MeetingStatus
from ..filters import MeetingFilterSet
from ..forms import (
    ApologyForm,
    DocumentForm,
    DoneForm,
    MeetingForm,
    MinutesForm,
    ResolutionForm,
    ScoreForm,
    TaskForm,
    VersionForm,
    VisitForm,
)
from ..models import Attendance, Meeting, MeetingDocument, MeetingResolution, Task, Visit
from .base import ObjectMixin, service_error_message, to_meeting

PAGE_SIZE = 50


class MeetingListView(ScopedMixin, FilterView):
    model = Meeting
    select_related = ("organization",)
    filterset_class = MeetingFilterSet
    template_name = "meetings/list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return super().get_queryset().order_by("-scheduled_at", "-id")

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = bootstrap_form(self.filterset.form)
        user = self.request.user
        chosen = getattr(form, "cleaned_data", {}).get("organization")
        branch = chosen if chosen is not None and chosen.is_branch else None
        if branch is None and user.organization is not None and user.organization.is_branch:
            branch = user.organization
        context.update(
            filter_form=form,
            chosen_organization=chosen,
            branch=branch,
            can_schedule=user.is_editor and (branch is None or user.can_manage(branch)),
            total=context["paginator"].count if context.get("paginator") else 0,
        )
        return context


def _branch_choices(user):
    return Organization.objects.visible_to(user).branches().active().order_by("path")


class MeetingCreateView(ScopedMixin, FormView):
    """Schedule a meeting for a branch (the user's own, or `?organization=`)."""

    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_editor:
            raise PermissionDenied(_("You cannot schedule meetings."))
        return super().dispatch(request, *args, **kwargs)

    def branch(self) -> Organization | None:
        user = self.request.user
        chosen = self.request.GET.get("organization") or self.request.POST.get("organization")
        if parse_id(chosen):
            return get_object_or_404(_branch_choices(user), pk=parse_id(chosen))
        if user.organization is not None and user.organization.is_branch:
            return user.organization
        return None

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.branch() is None:
            from django import forms

            form.fields["organization"] = forms.ModelChoiceField(
                label=_("Branch"), queryset=_branch_choices(self.request.user)
            )
            form.order_fields(["organization"])
            bootstrap_form(form)
        return form

    def get_initial(self) -> dict[str, Any]:
        today = timezone.localdate()
        return {"kind": "regular", "date": today, "start": "07:30"}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(branch=self.branch(), title=_("Schedule a meeting"))
        return context

    def form_valid(self, form: MeetingForm):
        branch = self.branch() or form.cleaned_data["organization"]
        try:
            meeting = services.schedule_meeting(
                user=self.request.user, organization=branch, data=form.meeting_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was scheduled."))
        return to_meeting(meeting)


class MeetingEditView(ObjectMixin, FormView):
    form_class = MeetingForm
    template_name = "meetings/form.html"

    def get_initial(self) -> dict[str, Any]:
        return MeetingForm.initial_for(self.object)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(branch=self.object.organization, title=_("Edit the meeting"))
        return context

    def form_valid(self, form: MeetingForm):
        try:
            services.update_meeting(
                user=self.request.user,
                meeting=self.object,
                data=form.meeting_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was saved."))
        return to_meeting(self.object)


class MeetingDetailView(ScopedDetailView):
    model = Meeting
    select_related = ("organization", "chair", "minute_taker", "quality_profile")
    template_name = "meetings/detail.html"
    context_object_name = "meeting"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meeting: Meeting = self.object
        user = self.request.user
        can_manage = user.can_manage(meeting.organization)
        member = user.member if user.member_id else None
        mine = None
        if member is not None:
            mine = Attendance.objects.filter(meeting=meeting, member=member).first()
        upcoming = meeting.status == MeetingStatus.PLANNED and meeting.scheduled_at > timezone.now()
        tasks = Task.objects.visible_to(user).filter(meeting=meeting).select_related("assignee")
        _profile, values = values_on(meeting.date)
        details = meeting.quality_details or {}
        # the demo and older scores keep only points: the weights are the profile's
        weights = rules.criterion_weights(values)
        context.update(
            can_manage=can_manage,
            summary=queries.summary(meeting),
            documents=MeetingDocument.objects.visible_to(user).filter(meeting=meeting),
            resolutions=MeetingResolution.objects.visible_to(user).filter(meeting=meeting),
            tasks=tasks,
            visits=Visit.objects.filter(meeting=meeting).select_related("member", "committee"),
            notified=meeting.notified.all() if can_manage else [],
            my_attendance=mine,
            may_apologize=upcoming
            and member is not None
            and queries.meeting_eligible(meeting).filter(pk=member.pk).exists(),
            quality_rows=[
                {
                    "label": CRITERION_LABELS[name],
                    "points": details.get("points", {}).get(name),
                    "weight": details.get("weights", weights).get(name),
                }
                for name in CRITERIA
            ]
            if meeting.quality_score is not None
            else [],
            minimum_minutes=rules.minimum_minutes(meeting.kind, values),
            version_form=VersionForm(initial={"version": meeting.version}),
            show_roll=can_manage or not user.is_plain_member,
            history=audit_history(meeting, user) if can_manage else [],
        )
        return context


class MeetingActionView(ObjectMixin, View):
    """A POST-only action on a meeting (GET is 405)."""

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except ValidationError as error:
            service_error_message(request, error)
        else:
            messages.success(request, message)
        return to_meeting(self.object)


class NoticeView(MeetingActionView):
    def act(self) -> str:
        services.send_notice(user=self.request.user, meeting=self.object)
        return _("The notice was sent to the members and the superior committee members.")


class CancelView(MeetingActionView):
    def act(self) -> str:
        form = VersionForm(self.request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else None
        services.cancel_meeting(
            user=self.request.user, meeting=self.object, expected_version=version
        )
        return _("The meeting was cancelled.")


class DocumentCreateView(ObjectMixin, FormView):
    form_class = DocumentForm
    template_name = "meetings/simple_form.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=_("Post a document"), multipart=True)
        return context

    def form_valid(self, form: DocumentForm):
        try:
            services.add_document(
                user=self.request.user,
                meeting=self.object,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The document was posted."))
        return to_meeting(self.object, "#documents")


class DocumentDownloadView(ObjectMixin, View):
    model = MeetingDocument
    manage = False

    def get(self, request, *args, **kwargs):
        document: MeetingDocument = self.object
        try:
            handle = document.file.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404(_("The file is missing.")) from exc
        return FileResponse(handle, as_attachment=True, filename=document.filename)


class ApologyView(ObjectMixin, FormView):
    """A member tells the branch they cannot attend (vắng có lý do)."""

    manage = False
    form_class = ApologyForm
    template_name = "meetings/simple_form.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=_("Send an apology"))
        return context

    def form_valid(self, form: ApologyForm):
        try:
            services.send_apology(
                user=self.request.user, meeting=self.object, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your apology was sent to the branch."))
        return HttpResponseRedirect(reverse("meetings:mine"))


class MinutesView(ObjectMixin, FormView):
    template_name = "meetings/minutes.html"

    def earlier(self):
        """The previous meeting's resolutions and the branch's open tasks, with whatever was
        already marked reviewed here."""
        meeting = self.object
        previous = queries.previous_meeting(meeting)
        reviewed_here = Q(followed_up_at=meeting)
        resolutions = MeetingResolution.objects.filter(
            reviewed_here | Q(meeting=previous) if previous else reviewed_here
        )
        tasks = Task.objects.filter(
            reviewed_here
            | Q(
                organization_id=meeting.organization_id,
                meeting__scheduled_at__lt=meeting.scheduled_at,
                done_on__isnull=True,
            )
        )
        return resolutions.order_by("id")[:50], tasks.order_by("due_on", "id")[:100]

    def get_form(self, form_class=None) -> MinutesForm:
        resolutions, tasks = self.earlier()
        return MinutesForm(
            **self.get_form_kwargs(),
            meeting=self.object,
            members=queries.meeting_eligible(self.object),
            resolutions=resolutions,
            tasks=tasks,
        )

    def get_initial(self) -> dict[str, Any]:
        meeting = self.object
        start = timezone.localtime(meeting.started_at or meeting.scheduled_at)
        end = meeting.ended_at or meeting.planned_end_at
        return {
            "start": start.time(),
            "end": timezone.localtime(end).time() if end else None,
            "chair": meeting.chair_id,
            "minute_taker": meeting.minute_taker_id,
            "guests": meeting.guests,
            "conclusions": meeting.conclusions,
            "reviewed_resolutions": [
                str(pk) for pk in meeting.reviewed_resolutions.values_list("pk", flat=True)
            ],
            "reviewed_tasks": [
                str(pk) for pk in meeting.reviewed_tasks.values_list("pk", flat=True)
            ],
            "version": meeting.version,
        }

    def form_valid(self, form: MinutesForm):
        try:
            services.record_minutes(
                user=self.request.user,
                meeting=self.object,
                data=form.minutes_data(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The minutes were saved."))
        return to_meeting(self.object, "#minutes")


class ResolutionCreateView(ObjectMixin, FormView):
    form_class = ResolutionForm
    template_name = "meetings/simple_form.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=_("Add a resolution"))
        return context

    def form_valid(self, form: ResolutionForm):
        try:
            services.add_resolution(
                user=self.request.user, meeting=self.object, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The resolution was added."))
        return to_meeting(self.object, "#resolutions")


class TaskCreateView(ObjectMixin, FormView):
    form_class = TaskForm
    template_name = "meetings/simple_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["members"] = queries.meeting_eligible(self.object)
        return kwargs

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=_("Assign a task"))
        return context

    def form_valid(self, form: TaskForm):
        try:
            services.add_task(user=self.request.user, meeting=self.object, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The task was assigned."))
        return to_meeting(self.object, "#tasks")


class TaskDoneView(ObjectMixin, FormView):
    """The branch, or the member it was assigned to, marks a task done."""

    model = Task
    context_name = "task"
    form_class = DoneForm
    template_name = "meetings/simple_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.manage = not (request.user.is_authenticated and request.user.member_id)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"done_on": timezone.localdate()}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=_("Mark the task done"), meeting=self.object.meeting)
        return context

    def form_valid(self, form: DoneForm):
        try:
            services.complete_task(
                user=self.request.user, task=self.object, done_on=form.cleaned_data["done_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The task was marked done."))
        if self.request.user.can_manage(self.object.organization):
            return to_meeting(self.object.meeting, "#tasks")
        return HttpResponseRedirect(reverse("meetings:mine"))


class ScoreView(ObjectMixin, FormView):
    """R3.5/R3.6: the computed criteria are shown; the secretary enters the others."""

    template_name = "meetings/score.html"

    def get_form(self, form_class=None) -> ScoreForm:
        _profile, values = values_on(self.object.date)
        self.values = values
        return ScoreForm(
            **self.get_form_kwargs(),
            weights=rules.criterion_weights(values),
            labels=CRITERION_LABELS,
        )

    def get_initial(self) -> dict[str, Any]:
        points = (self.object.quality_details or {}).get("points", {})
        return {"version": self.object.version, **points}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        weights = rules.criterion_weights(self.values)
        computed = []
        if self.object.status == MeetingStatus.HELD and self.object.is_member_meeting:
            met = queries.computed_criteria(self.object, self.values)
            computed = [
                {"label": CRITERION_LABELS[name], "met": ok, "weight": weights[name]}
                for name, ok in met.items()
            ]
        context.update(
            computed=computed,
            scale=(
                self.values["meetings.score_good_min"],
                self.values["meetings.score_fair_min"],
                self.values["meetings.score_average_min"],
            ),
        )
        return context

    def form_valid(self, form: ScoreForm):
        entered = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.score_meeting(
                user=self.request.user,
                meeting=self.object,
                entered=entered,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was scored."))
        return to_meeting(self.object, "#quality")


class VisitCreateView(ObjectMixin, FormView):
    form_class = VisitForm
    template_name = "meetings/simple_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["candidates"] = queries.visitor_candidates(self.object)
        return kwargs

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=_("Record a higher-level committee member who attended"))
        return context

    def form_valid(self, form: VisitForm):
        try:
            services.record_visit(
                user=self.request.user, meeting=self.object, member=form.cleaned_data["member"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The visit was recorded."))
        return to_meeting(self.object, "#visits")


class VisitDeleteView(ObjectMixin, View):
    model = Visit

    def managed_organization(self):
        return self.object.meeting.organization

    def post(self, request, *args, **kwargs):
        meeting = self.object.meeting
        services.remove_visit(user=request.user, visit=self.object)
        messages.success(request, _("The visit was removed."))
        return to_meeting(meeting, "#visits")


class MyMeetingsView(ScopedMixin, TemplateView):
    """A member's own page: notices of upcoming meetings, recent attendance, open tasks."""

    model = Meeting
    template_name = "meetings/mine.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        member = self.request.user.member if self.request.user.member_id else None
        if member is not None:
            context.update(queries.member_meetings(member, timezone.localdate()))
        context["member"] = member
        return context
