"""Actions on one meeting: the notice, cancelling, documents, an apology, the minutes,
resolutions, tasks, the quality score and the visitors. Each is a form → one service call."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from dangvu.core.generic import ObjectMixin

from .. import queries, services
from ..choices import CRITERION_LABELS
from ..forms import (
    ApologyForm,
    DocumentForm,
    DoneForm,
    MinutesForm,
    ResolutionForm,
    ScoreForm,
    TaskForm,
    VisitForm,
)
from ..models import MeetingDocument, Task, Visit
from .base import MeetingFormView, PostActionView


class NoticeView(PostActionView):
    success_message = _("The notice was sent to the members and the superior committee members.")

    def perform(self, form):
        return services.send_notice(user=self.request.user, meeting=self.object)


class CancelView(PostActionView):
    success_message = _("The meeting was cancelled.")

    def perform(self, form):
        version = form.expected_version()
        user, meeting = self.request.user, self.object
        return services.cancel_meeting(user=user, meeting=meeting, expected_version=version)


class DocumentCreateView(MeetingFormView):
    form_class = DocumentForm
    title = _("Post a document")
    anchor = "#documents"
    success_message = _("The document was posted.")

    def get_extra_context(self) -> dict[str, Any]:
        return {**super().get_extra_context(), "multipart": True}

    def perform(self, form: DocumentForm):
        title, file = form.cleaned_data["title"], form.cleaned_data["file"]
        user, meeting = self.request.user, self.object
        return services.add_document(user=user, meeting=meeting, title=title, file=file)


class DocumentDownloadView(ObjectMixin, View):
    model = MeetingDocument

    def get(self, request, *args, **kwargs):
        try:
            handle = self.object.file.open("rb")
        except (FileNotFoundError, ValueError) as exc:
            raise Http404(_("The file is missing.")) from exc
        return FileResponse(handle, as_attachment=True, filename=self.object.filename)


class ApologyView(MeetingFormView):
    """A member tells the branch they cannot attend (vắng có lý do)."""

    permission = None  # the service checks that the user is on the roll call
    form_class = ApologyForm
    title = _("Send an apology")
    success_message = _("Your apology was sent to the branch.")

    def perform(self, form: ApologyForm):
        reason = form.cleaned_data["reason"]
        return services.send_apology(user=self.request.user, meeting=self.object, reason=reason)

    def get_success_url(self, result: Any = None) -> str:
        return reverse("meetings:mine")


class MinutesView(MeetingFormView):
    form_class = MinutesForm
    template_name = "meetings/minutes.html"
    anchor = "#minutes"
    success_message = _("The minutes were saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        resolutions, tasks = queries.minutes_reviewable(self.object)
        members = queries.meeting_eligible(self.object)
        kwargs = {"meeting": self.object, "resolutions": resolutions, "tasks": tasks}
        return {**super().get_form_kwargs(), **kwargs, "members": members}

    def get_initial(self) -> dict[str, Any]:
        initial = MinutesForm.initial_for(self.object, queries.reviewed_ids(self.object))
        if self.object.minutes_recorded_at is None:
            # Not recorded yet: the branch's secretary and deputy, from the seats.
            for name, member_id in queries.minutes_officers(self.object).items():
                if initial.get(name) is None:
                    initial[name] = member_id
        return initial

    def perform(self, form: MinutesForm):
        data, version = form.minutes_data(), form.cleaned_data["version"]
        return services.record_minutes(
            user=self.request.user, meeting=self.object, data=data, expected_version=version
        )


class ResolutionCreateView(MeetingFormView):
    form_class = ResolutionForm
    title = _("Add a resolution")
    anchor = "#resolutions"
    success_message = _("The resolution was added.")

    def perform(self, form: ResolutionForm):
        user, meeting = self.request.user, self.object
        return services.add_resolution(user=user, meeting=meeting, data=form.cleaned_data)


class TaskCreateView(MeetingFormView):
    form_class = TaskForm
    title = _("Assign a task")
    anchor = "#tasks"
    success_message = _("The task was assigned.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "members": queries.meeting_eligible(self.object)}

    def perform(self, form: TaskForm):
        user, meeting = self.request.user, self.object
        return services.add_task(user=user, meeting=meeting, data=form.cleaned_data)


class TaskDoneView(MeetingFormView):
    """The branch, or the member it was assigned to, marks a task done."""

    model = Task
    permission = staticmethod(services.may_open_task)
    context_object_name = "task"
    form_class = DoneForm
    title = _("Mark the task done")
    anchor = "#tasks"
    success_message = _("The task was marked done.")

    def meeting(self):
        return self.object.meeting

    def get_initial(self) -> dict[str, Any]:
        return {"done_on": timezone.localdate()}

    def get_extra_context(self) -> dict[str, Any]:
        return {**super().get_extra_context(), "meeting": self.object.meeting}

    def perform(self, form: DoneForm):
        done_on = form.cleaned_data["done_on"]
        return services.complete_task(user=self.request.user, task=self.object, done_on=done_on)

    def get_success_url(self, result: Any = None) -> str:
        if services.may_manage(self.request.user, self.object):
            return super().get_success_url(result)
        return reverse("meetings:mine")


class ScoreView(MeetingFormView):
    """R3.5/R3.6: the computed criteria are shown; the secretary enters the others."""

    form_class = ScoreForm
    template_name = "meetings/score.html"
    anchor = "#quality"
    success_message = _("The meeting was scored.")

    def get_form_kwargs(self) -> dict[str, Any]:
        weights = queries.score_weights(self.object)
        return {**super().get_form_kwargs(), "weights": weights, "labels": CRITERION_LABELS}

    def get_initial(self) -> dict[str, Any]:
        points = (self.object.quality_details or {}).get("points", {})
        return {"version": self.object.version, **points}

    def get_extra_context(self) -> dict[str, Any]:
        return queries.score_page(self.object)

    def perform(self, form: ScoreForm):
        entered = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.score_meeting(
            user=self.request.user,
            meeting=self.object,
            entered=entered,
            expected_version=form.cleaned_data["version"],
        )


class VisitCreateView(MeetingFormView):
    form_class = VisitForm
    title = _("Record a higher-level committee member who attended")
    anchor = "#visits"
    success_message = _("The visit was recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        candidates = queries.visitor_candidates(self.object)
        return {**super().get_form_kwargs(), "candidates": candidates}

    def perform(self, form: VisitForm):
        member = form.cleaned_data["member"]
        return services.record_visit(user=self.request.user, meeting=self.object, member=member)


class VisitDeleteView(PostActionView):
    model = Visit
    permission = staticmethod(services.may_manage_visit)
    anchor = "#visits"
    success_message = _("The visit was removed.")

    def meeting(self):
        return self.object.meeting

    def perform(self, form):
        return services.remove_visit(user=self.request.user, visit=self.object)
