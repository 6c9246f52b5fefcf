"""Candidates: the list, the create and edit forms, the candidate's page and each step's form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from dangvu.core.filters import parse_id
from dangvu.core.forms import add_service_errors
from dangvu.core.profiles import values_on
from dangvu.core.services import StaleVersion
from dangvu.core.views import ScopedDetailView, ScopedMixin, audit_history
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .. import forms, policy, queries, services
from ..choices import TRANSITIONS, Action, Stage
from ..filters import CandidateFilterSet
from ..models import Candidate, Certificate
from ._base import (
    PagedFilterView,
    StaffOnlyMixin,
)


class CandidateListView(PagedFilterView):
    model = Candidate
    select_related = ("organization",)
    filterset_class = CandidateFilterSet
    template_name = "admissions/list.html"
    filter_names = ("stage", "category", "introduced_by")

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = self.request.user.is_editor
        return context


class CandidateCreateView(StaffOnlyMixin, ScopedMixin, FormView):
    model = Candidate
    form_class = forms.CandidateForm
    template_name = "admissions/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_editor:
            raise PermissionDenied(_("You cannot add candidates."))
        return super().dispatch(request, *args, **kwargs)

    def branches(self):
        return (
            Organization.objects.visible_to(self.request.user).branches().active().order_by("path")
        )

    def former_member(self) -> Member | None:
        chosen = self.request.GET.get("readmission_of") or self.request.POST.get("readmission_of")
        if parse_id(chosen) is None:
            return None
        return (
            Member.objects.visible_to(self.request.user)
            .filter(pk=parse_id(chosen), status__in=policy.OUT_OF_PARTY)
            .first()
        )

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        chosen = self.request.GET.get("organization", "")
        if parse_id(chosen):
            branch = self.branches().filter(pk=parse_id(chosen)).first()
            if branch is not None:
                initial["organization"] = branch
        member = self.former_member()
        if member is not None:
            for name in services.PERSON_FIELDS:
                if hasattr(member, name):
                    initial[name] = getattr(member, name)
            initial["citizen_id"] = member.citizen_id or ""
            if self.branches().filter(pk=member.organization_id).exists():
                initial.setdefault("organization", member.organization)
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["branches"] = self.branches()
        kwargs["former_member"] = self.former_member()
        return kwargs

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New candidate")
        context["former_member"] = self.former_member()
        return context

    def form_valid(self, form):
        try:
            candidate = services.create_candidate(
                user=self.request.user, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The candidate was added."))
        return HttpResponseRedirect(reverse("admissions:detail", args=[candidate.pk]))


# action → (url name, form class, service, who acts: "branch" or the authorized "authority")
STEP_VIEWS: dict[str, tuple[str, type, Any, str]] = {
    Action.COURSE: ("course", forms.CourseForm, services.record_course, "branch"),
    Action.INTRODUCERS: (
        "introducers",
        forms.IntroducersForm,
        services.assign_introducers,
        "branch",
    ),
    Action.VOTE: ("vote", forms.VoteForm, services.record_vote, "branch"),
    Action.DECISION: ("decide", forms.DecisionForm, services.decide_admission, "authority"),
    Action.CEREMONY: ("ceremony", forms.CeremonyForm, services.hold_ceremony, "branch"),
    Action.RECOGNIZED: ("recognize", forms.RecognitionForm, services.recognize, "authority"),
    Action.RECOGNITION_VOTE_FAILED: (
        "failed_vote",
        forms.FailedVoteForm,
        services.record_failed_recognition_vote,
        "branch",
    ),
    Action.NOT_RECOGNIZED: (
        "not_recognized",
        forms.NotRecognizedForm,
        services.not_recognize,
        "authority",
    ),
    Action.WITHDRAWN: ("withdraw", forms.WithdrawForm, services.withdraw, "branch"),
}


# The main next step of each stage, shown as a form on the candidate's page.
NEXT_ACTION = {
    Stage.INTRODUCED: Action.COURSE,
    Stage.TRAINED: Action.INTRODUCERS,
    Stage.INTRODUCERS: Action.VOTE,
    Stage.VOTED: Action.DECISION,
    Stage.DECIDED: Action.CEREMONY,
    Stage.ADMITTED: Action.RECOGNIZED,
}


def _acting_organization(candidate: Candidate, who: str) -> Organization:
    if who == "authority":
        return policy.authorized_organization(candidate.organization)
    return candidate.organization


def available_actions(candidate: Candidate, user) -> list[dict[str, Any]]:
    """The steps possible at the candidate's stage, and whether this user may take each."""
    authority = None
    rows = []
    for action, (url_name, _form, _service, who) in STEP_VIEWS.items():
        sources, _target = TRANSITIONS[action]
        if candidate.stage not in sources:
            continue
        if who == "authority":
            authority = authority or policy.authorized_organization(candidate.organization)
            organization = authority
        else:
            organization = candidate.organization
        rows.append(
            {
                "action": action,
                "label": Action(action).label,
                "url": reverse(f"admissions:{url_name}", args=[candidate.pk]),
                "allowed": user.can_manage(organization),
                "organization": organization,
                "main": NEXT_ACTION.get(candidate.stage) == action,
            }
        )
    return rows


def deadlines(candidate: Candidate) -> list[tuple[str, dt.date, str]]:
    """The dates the rules derive from the file so far (label, date, rule id)."""
    rows: list[tuple[str, dt.date, str]] = []
    if candidate.vote_on and candidate.stage == Stage.VOTED:
        _p, values = values_on(candidate.vote_on)
        rows.append(
            (_("Decision due by"), policy.decision_deadline(candidate.vote_on, values), "R2.7")
        )
    decision = getattr(candidate, "decision", None)
    if decision is not None and candidate.stage == Stage.DECIDED:
        _p, values = values_on(decision.received_on)
        rows.append(
            (
                _("Ceremony due by"),
                policy.ceremony_deadline(decision.received_on, values),
                "R2.9",
            )
        )
    if candidate.ceremony_on:
        _p, values = values_on(candidate.ceremony_on)
        end = policy.probation_end(candidate.ceremony_on, values)
        rows.append((_("End of probation"), end, "R2.10"))
        if candidate.stage == Stage.ADMITTED:
            rows.append(
                (
                    _("Recognition to consider by"),
                    policy.recognition_consider_deadline(end, values_on(end)[1]),
                    "R2.11",
                )
            )
    if candidate.certificate_valid_until and candidate.is_open:
        rows.append((_("Certificate valid until"), candidate.certificate_valid_until, "R2.6"))
    return rows


class CandidateDetailView(StaffOnlyMixin, ScopedDetailView):
    model = Candidate
    select_related = ("organization", "member", "readmission_of", "mentor")
    template_name = "admissions/detail.html"
    context_object_name = "candidate"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        candidate: Candidate = self.object
        user = self.request.user
        actions = available_actions(candidate, user)
        probation_until = None
        if candidate.stage == Stage.ADMITTED and candidate.ceremony_on:
            end = policy.probation_end(candidate.ceremony_on, values_on(candidate.ceremony_on)[1])
            if end > timezone.localdate():
                # R2.10: nothing to decide before the probation ends.
                probation_until, actions = end, []
        main = next((a for a in actions if a["main"] and a["allowed"]), None)
        if main is not None:
            form_class = STEP_VIEWS[main["action"]][1]
            main["form"] = form_class(candidate=candidate, user=user)
        context.update(
            actions=actions,
            probation_until=probation_until,
            main_action=main,
            other_actions=[a for a in actions if a is not main and a["allowed"]],
            waiting_for=[a for a in actions if a["main"] and not a["allowed"]],
            steps=candidate.steps.select_related("recorded_by", "rule_profile").order_by(
                "occurred_on", "id"
            ),
            introductions=candidate.introductions.select_related("member").order_by(
                "-active", "id"
            ),
            certificates=Certificate.objects.filter(candidate=candidate).select_related("course"),
            decision=getattr(candidate, "decision", None),
            recognition=getattr(candidate, "recognition", None),
            deadlines=deadlines(candidate),
            can_edit=candidate.is_open and user.can_manage(candidate.organization),
            history=audit_history(candidate, user),
            authority=policy.authorized_organization(candidate.organization),
        )
        return context


class CandidateEditView(StaffOnlyMixin, ScopedMixin, SingleObjectMixin, FormView):
    model = Candidate
    select_related = ("organization",)
    form_class = forms.CandidateEditForm
    template_name = "admissions/form.html"
    context_object_name = "candidate"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.object = self.get_object()  # 404 outside the scope
        if not request.user.can_manage(self.object.organization):
            raise PermissionDenied(_("You cannot change records of this organization."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Candidate.objects.get(pk=self.object.pk)
        kwargs["initial"] = {"version": self.object.version}
        return kwargs

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit the candidate's data")
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.update_candidate(
                user=self.request.user,
                candidate=self.object,
                data=data,
                expected_version=version,
            )
        except StaleVersion as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The candidate's data was saved."))
        return HttpResponseRedirect(reverse("admissions:detail", args=[self.object.pk]))


class CandidateStepView(StaffOnlyMixin, ScopedMixin, SingleObjectMixin, FormView):
    """One step's form (GET) and its service call (POST); `action` picks the step."""

    model = Candidate
    select_related = ("organization",)
    template_name = "admissions/action.html"
    context_object_name = "candidate"
    action: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.object = self.get_object()  # 404 outside the scope
        _url, self.step_form, self.service, who = STEP_VIEWS[self.action]
        self.acting = _acting_organization(self.object, who)
        if not request.user.can_manage(self.acting):
            raise PermissionDenied(
                _("This step is taken by %(organization)s.") % {"organization": self.acting}
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.step_form

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(candidate=self.object, user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sources, _target = TRANSITIONS[self.action]
        context.update(
            title=Action(self.action).label,
            possible=self.object.stage in sources,
            acting=self.acting,
            official_count=queries.official_members_on(
                self.object.organization, timezone.localdate()
            ),
            deadlines=deadlines(self.object),
        )
        return context

    def form_valid(self, form):
        try:
            self.service(user=self.request.user, candidate=self.object, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(step)s.") % {"step": Action(self.action).label})
        return HttpResponseRedirect(reverse("admissions:detail", args=[self.object.pk]))
