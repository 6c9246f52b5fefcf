"""The roll call on one phone screen: one tap per member saves that row (htmx) and refreshes the
quorum, the rate and the version; the full form's save carries the version and is refused whole
when stale."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from dangvu.core.filters import parse_id
from dangvu.core.services import StaleVersion

from .. import queries, services
from ..choices import AttendanceState
from .base import ObjectMixin

STATES = [
    (AttendanceState.PRESENT, gettext_lazy("Present"), "btn-outline-success"),
    (AttendanceState.EXCUSED, gettext_lazy("Excused"), "btn-outline-warning"),
    (AttendanceState.ABSENT, gettext_lazy("Absent"), "btn-outline-danger"),
]


def _int(value: str | None) -> int | None:
    return parse_id(value)


class RollCallView(ObjectMixin, TemplateView):
    template_name = "meetings/roll_call.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = queries.roll_call(self.object)
        context.update(
            rows=rows,
            summary=queries.summary(self.object, eligible=len(rows)),
            states=STATES,
            error=kwargs.get("error"),
        )
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.object
        rows = queries.roll_call(meeting)
        entries = {
            row.member.pk: (
                request.POST.get(f"state_{row.member.pk}", ""),
                request.POST.get(f"reason_{row.member.pk}", ""),
            )
            for row in rows
        }
        try:
            services.save_roll_call(
                user=request.user,
                meeting=meeting,
                entries=entries,
                expected_version=_int(request.POST.get("version")),
            )
        except StaleVersion:
            # Nothing was written. Taps already saved themselves row by row; only this
            # whole-form save is refused, and the page shows what is saved now.
            meeting.refresh_from_db()
            return self.render_to_response(
                self.get_context_data(
                    error=_(
                        "Someone else saved this roll call after you opened it. Nothing was "
                        "overwritten: check the marks below and save again."
                    )
                ),
                status=409,
            )
        except ValidationError as error:
            meeting.refresh_from_db()
            return self.render_to_response(
                self.get_context_data(error=" ".join(error.messages)), status=400
            )
        messages.success(request, _("The roll call was saved."))
        return HttpResponseRedirect(reverse("meetings:detail", args=[meeting.pk]))


class RollCallRowView(ObjectMixin, View):
    """One tap: saves one member's row; answers the row, the summary and the new version."""

    def post(self, request, *args, **kwargs):
        member_id = _int(request.POST.get("member"))
        if member_id is None:
            return HttpResponseBadRequest(_("Choose a member."))
        state = request.POST.get(f"state_{member_id}", request.POST.get("state", ""))
        reason = request.POST.get(f"reason_{member_id}", request.POST.get("reason"))
        try:
            meeting = services.set_attendance(
                user=request.user,
                meeting=self.object,
                member_id=member_id,
                state=state,
                reason=reason,
            )
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages))
        row = next((r for r in queries.roll_call(meeting) if r.member.pk == member_id), None)
        html = render_to_string(
            "meetings/_roll_row_response.html",
            {
                "meeting": meeting,
                "row": row,
                "states": STATES,
                "summary": queries.summary(meeting),
            },
            request=request,
        )
        return HttpResponse(html)
