"""Bricks of the meeting pages: the scoped object, the manage check, service errors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.core.views import ScopedMixin

from ..models import Meeting


class ObjectMixin(ScopedMixin):
    """Loads `self.object` from `Model.objects.visible_to(user)` (404 outside the scope) and,
    when `manage` is set, requires `user.can_manage` of its organization (403)."""

    model = Meeting
    manage = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        if self.manage and not request.user.can_manage(self.managed_organization()):
            raise PermissionDenied(_("You cannot change records of this organization."))
        return super().dispatch(request, *args, **kwargs)

    def managed_organization(self):
        return self.object.organization

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context[self.context_name] = self.object
        return context

    context_name = "meeting"


def service_error_message(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def to_meeting(meeting: Meeting, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("meetings:detail", args=[meeting.pk]) + anchor)
