"""Bricks of the meeting pages, on `core.generic`: a form on one meeting, a POST-only action
answered with the meeting's page, and the committees' pages (not for plain members)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.core.generic import ActionView, ButtonMixin, PermissionMixin

from .. import services
from ..forms import ActionForm
from ..models import Meeting


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meetings:detail", args=[meeting.pk]) + anchor


class MeetingFormView(ActionView):
    """A form on one meeting the user manages; back to the meeting's page (at `anchor`)."""

    model = Meeting
    permission = staticmethod(services.may_manage)
    context_object_name = "meeting"
    template_name = "meetings/simple_form.html"
    title = ""
    anchor = ""

    def meeting(self) -> Meeting:
        return self.object

    def get_extra_context(self) -> dict[str, Any]:
        return {"title": self.title} if self.title else {}

    def get_success_url(self, result: Any = None) -> str:
        return meeting_url(self.meeting(), self.anchor)


class PostActionView(ButtonMixin, MeetingFormView):
    """A button on the meeting's page: the service's refusal comes back as a message."""

    form_class = ActionForm


class CommitteePageMixin(PermissionMixin, LoginRequiredMixin):
    """Statistics and visit compliance are for the committees and their offices (403 for a
    plain member)."""

    permission = staticmethod(services.may_see_statistics)
    permission_denied_message = _("Statistics are for the committees and their offices.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_permission(None)
        return super().dispatch(request, *args, **kwargs)
