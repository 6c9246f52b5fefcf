"""Candidates: the list, the create and edit forms, the candidate's page and each step's form."""

from __future__ import annotations

import copy
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import generic
from dangvu.core.views import audit_history

from .. import forms, queries, rules, services
from ..choices import Action
from ..filters import CandidateFilterSet
from ..models import Candidate
from ._base import FilteredListView, StaffOnlyMixin

# action → (url name, form class, service); who takes each step is `rules.ACTED_BY`.
STEP_VIEWS: dict[str, tuple[str, type, Any]] = {
    Action.COURSE: ("course", forms.CourseForm, services.record_course),
    Action.INTRODUCERS: ("introducers", forms.IntroducersForm, services.assign_introducers),
    Action.VOTE: ("vote", forms.VoteForm, services.record_vote),
    Action.DECISION: ("decide", forms.DecisionForm, services.decide_admission),
    Action.CEREMONY: ("ceremony", forms.CeremonyForm, services.hold_ceremony),
    Action.RECOGNIZED: ("recognize", forms.RecognitionForm, services.recognize),
    Action.RECOGNITION_VOTE_FAILED: (
        "failed_vote",
        forms.FailedVoteForm,
        services.record_failed_recognition_vote,
    ),
    Action.NOT_RECOGNIZED: ("not_recognized", forms.NotRecognizedForm, services.not_recognize),
    Action.WITHDRAWN: ("withdraw", forms.WithdrawForm, services.withdraw),
}


def _detail_url(candidate: Candidate) -> str:
    return reverse("admissions:detail", args=[candidate.pk])


def available_actions(candidate: Candidate, user) -> list[dict[str, Any]]:
    """The steps the transition table allows at the candidate's stage, with their pages."""
    steps = rules.available_steps(candidate, user)
    for step in steps:
        step["url"] = reverse(f"admissions:{STEP_VIEWS[step['action']][0]}", args=[candidate.pk])
    return steps


def candidate_page(candidate: Candidate, user) -> dict[str, Any]:
    """The candidate's page: the next step as a form, the other steps, the file, the dates."""
    actions = available_actions(candidate, user)
    probation_until = rules.probation_until(candidate, timezone.localdate())
    if probation_until is not None:
        actions = []  # R2.10: nothing to decide before the probation ends.
    main = next((a for a in actions if a["main"] and a["allowed"]), None)
    if main is not None:
        main["form"] = STEP_VIEWS[main["action"]][1](candidate=candidate, user=user)
    return {
        "actions": actions,
        "probation_until": probation_until,
        "main_action": main,
        "other_actions": [a for a in actions if a is not main and a["allowed"]],
        "waiting_for": [a for a in actions if a["main"] and not a["allowed"]],
        **queries.candidate_file(candidate),
        "deadlines": rules.candidate_deadlines(candidate),
        "can_edit": services.may_edit(user, candidate),
        "history": audit_history(candidate, user),
        "authority": rules.authorized_organization(candidate.organization),
    }


def step_page(candidate: Candidate, action: str, acting) -> dict[str, Any]:
    """A step's page: whether the stage allows it, who takes it, the branch's official members
    today (R2.3's denominator) and the file's dates."""
    return {
        "title": Action(action).label,
        "possible": rules.is_possible(candidate, action),
        "acting": acting,
        "official_count": queries.official_members_on(candidate.organization, timezone.localdate()),
        "deadlines": rules.candidate_deadlines(candidate),
    }


class CandidateListView(FilteredListView):
    model = Candidate
    select_related = ("organization",)
    filterset_class = CandidateFilterSet
    template_name = "admissions/list.html"
    filter_names = ("stage", "category", "introduced_by")

    def get_extra_context(self) -> dict[str, Any]:
        can_create = services.may_add_candidates(self.request.user)
        return {**super().get_extra_context(), "can_create": can_create}


class CandidateCreateView(StaffOnlyMixin, generic.CreateView):
    model = Candidate
    permission = staticmethod(services.may_add_candidates)
    permission_denied_message = gettext_lazy("You cannot add candidates.")
    form_class = forms.CandidateForm
    template_name = "admissions/form.html"
    success_message = gettext_lazy("The candidate was added.")

    def get_initial(self) -> dict[str, Any]:
        chosen, former = self.request.GET.get("organization", ""), self.former_member()
        return {**super().get_initial(), **forms.candidate_initial(self.branches(), chosen, former)}

    def get_form_kwargs(self) -> dict[str, Any]:
        former = self.former_member()
        return {**super().get_form_kwargs(), "branches": self.branches(), "former_member": former}

    def get_extra_context(self) -> dict[str, Any]:
        return {"title": _("New candidate"), "former_member": self.former_member()}

    def branches(self):
        return queries.branches_for(self.request.user)

    def former_member(self):
        chosen = self.request.GET.get("readmission_of") or self.request.POST.get("readmission_of")
        return queries.former_member(self.request.user, chosen)

    def perform(self, form) -> Candidate:
        return services.create_candidate(user=self.request.user, data=dict(form.cleaned_data))

    def get_success_url(self, result=None) -> str:
        return _detail_url(result)


class CandidateDetailView(StaffOnlyMixin, generic.DetailView):
    model = Candidate
    select_related = ("organization", "member", "readmission_of", "mentor")
    template_name = "admissions/detail.html"
    context_object_name = "candidate"

    def get_extra_context(self) -> dict[str, Any]:
        return candidate_page(self.object, self.request.user)


class CandidateEditView(StaffOnlyMixin, generic.ActionView):
    model = Candidate
    select_related = ("organization",)
    permission = staticmethod(services.may_manage)
    form_class = forms.CandidateEditForm
    template_name = "admissions/form.html"
    context_object_name = "candidate"
    success_message = gettext_lazy("The candidate's data was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # the form edits a copy: the page keeps the name
        kwargs.update(instance=copy.copy(self.object), initial={"version": self.object.version})
        return kwargs

    def get_extra_context(self) -> dict[str, Any]:
        return {"title": _("Edit the candidate's data")}

    def perform(self, form) -> Candidate:
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        return services.update_candidate(
            user=self.request.user, candidate=self.object, data=data, expected_version=version
        )

    def get_success_url(self, result=None) -> str:
        return _detail_url(self.object)


class CandidateStepView(StaffOnlyMixin, generic.ActionView):
    """One step's form (GET) and its service call (POST); `action` picks the step."""

    model = Candidate
    select_related = ("organization",)
    template_name = "admissions/action.html"
    context_object_name = "candidate"
    action: str = ""

    def check_permission(self, candidate: Candidate) -> None:
        self.acting = services.step_taker(self.request.user, candidate, self.action)

    def get_form_class(self):
        return STEP_VIEWS[self.action][1]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "candidate": self.object, "user": self.request.user}

    def get_extra_context(self) -> dict[str, Any]:
        return step_page(self.object, self.action, self.acting)

    def perform(self, form):
        service = STEP_VIEWS[self.action][2]
        return service(user=self.request.user, candidate=self.object, **form.service_kwargs())

    def get_success_message(self, result) -> str:
        return _("Saved: %(step)s.") % {"step": Action(self.action).label}

    def get_success_url(self, result=None) -> str:
        return _detail_url(self.object)
