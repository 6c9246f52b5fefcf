"""The roll call on one phone screen: one tap per member saves that row (htmx) and refreshes the
quorum, the rate and the version; the full form's save carries the version and is refused whole
when stale."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.generic import ButtonMixin

from .. import queries, services
from ..choices import AttendanceState
from ..forms import ActionForm, RollCallForm, RollCallRowForm
from .base import MeetingFormView

STATES = [
    (AttendanceState.PRESENT, gettext_lazy("Present"), "btn-outline-success"),
    (AttendanceState.EXCUSED, gettext_lazy("Excused"), "btn-outline-warning"),
    (AttendanceState.ABSENT, gettext_lazy("Absent"), "btn-outline-danger"),
]


def _refused(form) -> tuple[str, int]:
    """The message and status of a refused save: 409 when someone saved in between."""
    if any(error.code == "stale" for error in form.non_field_errors().as_data()):
        # Nothing was written. Taps already saved themselves row by row; only this
        # whole-form save is refused, and the page shows what is saved now.
        message = _(
            "Someone else saved this roll call after you opened it. Nothing was "
            "overwritten: check the marks below and save again."
        )
        return message, 409
    return " ".join(form.non_field_errors()), 400


class RollCallView(MeetingFormView):
    form_class = RollCallForm
    template_name = "meetings/roll_call.html"
    success_message = gettext_lazy("The roll call was saved.")
    error = None  # a refused save's message

    def rows(self) -> list[queries.RollCallRow]:
        if getattr(self, "_rows", None) is None:
            self._rows = queries.roll_call(self.object)
        return self._rows

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "member_ids": [r.member.pk for r in self.rows()]}

    def get_extra_context(self) -> dict[str, Any]:
        rows = self.rows()
        summary = queries.summary(self.object, eligible=len(rows))
        return {"rows": rows, "summary": summary, "states": STATES, "error": self.error}

    def perform(self, form: RollCallForm):
        return services.save_roll_call(
            user=self.request.user,
            meeting=self.object,
            entries=form.entries(),
            expected_version=form.expected_version(),
        )

    def form_invalid(self, form):
        self.object.refresh_from_db()
        self._rows = None  # what is saved now
        self.error, status = _refused(form)
        return self.render_to_response(self.get_context_data(form=form), status=status)


class RollCallRowView(MeetingFormView):
    """One tap: saves one member's row; answers the row, the summary and the new version."""

    http_method_names = ["post"]
    form_class = RollCallRowForm

    def perform(self, form: RollCallRowForm):
        self.member_id = form.member_id()
        self.saved = services.set_attendance(
            user=self.request.user, meeting=self.object, **form.mark()
        )
        return self.saved

    def success_response(self, result) -> HttpResponse:
        return self.row(self.member_id)  # a tap is answered with its row, not a redirect

    def form_invalid(self, form):
        return HttpResponseBadRequest(" ".join(form.non_field_errors()))

    def row(self, member_id: int) -> HttpResponse:
        meeting = self.saved
        row = next((r for r in queries.roll_call(meeting) if r.member.pk == member_id), None)
        context = {"meeting": meeting, "row": row, "states": STATES}
        context["summary"] = queries.summary(meeting)
        return HttpResponse(
            render_to_string("meetings/_roll_row_response.html", context, self.request)
        )


class AllPresentView(ButtonMixin, MeetingFormView):
    """ "All present": everyone not marked yet is marked present (one service call); then the
    secretary taps the exceptions. Without JS the button posts and comes back to the roll
    call; with htmx the answer is the list, the counts and the new version."""

    form_class = ActionForm

    def perform(self, form: ActionForm):
        return services.mark_all_present(user=self.request.user, meeting=self.object)

    def get_success_message(self, result) -> str:
        n = result.newly_present
        if not n:
            return _("Everyone on the roll call was already marked.")
        return _("Marked present: %(n)s members.") % {"n": n}

    def get_success_url(self, result=None) -> str:
        return reverse("meetings:roll_call", args=[self.object.pk])

    def success_response(self, result) -> HttpResponse:
        if not self.request.htmx:
            return super().success_response(result)
        rows = queries.roll_call(result)
        context = {
            "meeting": result,
            "rows": rows,
            "states": STATES,
            "summary": queries.summary(result, eligible=len(rows)),
            "notice": self.get_success_message(result),
        }
        html = render_to_string("meetings/_roll_all_response.html", context, self.request)
        return HttpResponse(html)

    def form_invalid(self, form):
        if self.request.htmx:  # shown in the page's error box
            return HttpResponseBadRequest(" ".join(form.non_field_errors()))
        return super().form_invalid(form)
