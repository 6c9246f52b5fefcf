"""Discipline pages: the decision or case from the member's profile, the list, and the page of
a case with its decide, announce and drop forms."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from dangvu.core.generic import DetailView
from dangvu.core.views import audit_history

from ..events.views import MemberActionView
from ..member.pages import FilteredListView, RecordActionView
from ..member.queries import member_visible
from ..rules.transitions import DISCIPLINE, available
from . import forms as f
from . import services
from .filters import DisciplineFilterSet
from .models import Discipline


class DisciplineView(MemberActionView):
    title = gettext_lazy("Record a discipline")
    icon = "bi-exclamation-octagon"
    form_class = f.DisciplineRecordForm
    service = services.record_discipline


class DisciplineCaseView(MemberActionView):
    title = gettext_lazy("Open a discipline case")
    icon = "bi-hourglass-split"
    form_class = f.DisciplineCaseForm
    service = services.open_discipline_case


class DisciplineListView(FilteredListView):
    model = Discipline
    select_related = ("member", "organization")
    filterset_class = DisciplineFilterSet
    template_name = "members/disciplines.html"
    filter_names = ("form", "state", "date_from", "date_to")
    ordering = ("-signed_on", "-id")

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for discipline in context["object_list"]:
            discipline.in_force = discipline.is_in_force(today)
        return context


class DisciplineDetailView(DetailView):
    model = Discipline
    select_related = ("member", "organization")
    template_name = "members/discipline_detail.html"
    context_object_name = "discipline"

    def get_extra_context(self) -> dict[str, Any]:
        discipline, user = self.object, self.request.user

        def may(action: str) -> bool:
            return available(DISCIPLINE, action, user, discipline)

        return {
            "in_force": discipline.is_in_force(timezone.localdate()),
            "decide_form": f.DecideForm() if may("decide") else None,
            "drop_form": f.DropCaseForm() if may("drop") else None,
            # Offered once; a later correction goes through the same page.
            "announce_form": f.AnnounceForm()
            if may("announce") and not discipline.announced_on
            else None,
            "member_visible": member_visible(user, discipline.member_id),
            "history": audit_history(discipline, user),
        }


class DisciplineActionView(RecordActionView):
    model = Discipline
    table = DISCIPLINE
    detail_url_name = "members:discipline_detail"


class DisciplineDecideView(DisciplineActionView):
    title = gettext_lazy("Decide the case")
    form_class = f.DecideForm
    action = "decide"

    def perform(self, form) -> Any:
        return services.decide_discipline(
            user=self.request.user, discipline=self.object, **form.cleaned_data
        )


class DisciplineAnnounceView(DisciplineActionView):
    title = gettext_lazy("Record the announcement")
    form_class = f.AnnounceForm
    action = "announce"

    def perform(self, form) -> Any:
        return services.record_announcement(
            user=self.request.user, discipline=self.object, **form.cleaned_data
        )


class DisciplineDropView(DisciplineActionView):
    title = gettext_lazy("Close the case without discipline")
    form_class = f.DropCaseForm
    action = "drop"

    def perform(self, form) -> Any:
        return services.drop_discipline_case(
            user=self.request.user, discipline=self.object, on=form.cleaned_data["on"]
        )
