"""Residence contact pages (QĐ 213): the contact from the member's profile, the list, and the
page of a contact with its comment, end and hand-over forms."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from dangvu.core.generic import DetailView, ExtraContextMixin, ScopedQuerysetMixin
from dangvu.core.views import audit_history

from .. import rules
from ..events.views import MemberActionView
from ..member.pages import RecordActionView
from ..member.queries import member_visible
from ..rules.transitions import RESIDENCE
from . import forms as f
from . import queries, services
from .models import ResidenceContact


class ResidenceAddView(MemberActionView):
    title = gettext_lazy("Residence contact (QĐ 213)")
    icon = "bi-house-heart"
    form_class = f.ResidenceContactForm
    form_needs_user = True

    def get_initial(self) -> dict[str, Any]:
        return {}

    def perform(self, form) -> Any:
        return services.add_residence_contact(
            user=self.request.user, member=self.object, **form.cleaned_data
        )


class ResidenceListView(ExtraContextMixin, ScopedQuerysetMixin, ListView):
    model = ResidenceContact
    select_related = ("member", "member__organization", "residence_organization")
    template_name = "members/residence_list.html"
    paginate_by = 50

    def missing_only(self) -> bool:
        return self.request.GET.get("missing") == "1"

    def get_queryset(self):
        return queries.contact_list(
            super().get_queryset(), self.missing_only(), timezone.localdate()
        )

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year, due, _opens = rules.residence_comment_window(timezone.localdate())
        paginator = context.get("paginator")
        total = paginator.count if paginator else 0
        return {**context, "year": year, "due": due, "missing": self.missing_only(), "total": total}


class ResidenceDetailView(DetailView):
    model = ResidenceContact
    select_related = ("member", "member__organization", "residence_organization")
    template_name = "members/residence_detail.html"
    context_object_name = "contact"

    def get_extra_context(self) -> dict[str, Any]:
        contact, user = self.object, self.request.user
        page = queries.detail(contact, user, timezone.localdate())
        actions = page.pop("actions")
        return {
            **page,
            "comment_form": f.ResidenceCommentForm() if actions["comment"] else None,
            "end_form": f.ResidenceEndForm() if actions["end"] else None,
            "assign_form": f.ResidenceAssignForm(contact=contact, user=user)
            if actions["assign"]
            else None,
            "member_visible": member_visible(user, contact.member_id),
            "history": audit_history(contact, user),
        }


class ResidenceActionView(RecordActionView):
    model = ResidenceContact
    select_related = ("member__organization", "residence_organization")
    table = RESIDENCE
    detail_url_name = "members:residence_detail"


class ResidenceCommentView(ResidenceActionView):
    title = gettext_lazy("Yearly comment of the residence branch")
    form_class = f.ResidenceCommentForm
    action = "comment"

    def perform(self, form) -> Any:
        return services.add_residence_comment(
            user=self.request.user, contact=self.object, **form.cleaned_data
        )


class ResidenceEndView(ResidenceActionView):
    title = gettext_lazy("End the residence contact")
    form_class = f.ResidenceEndForm
    action = "end"

    def perform(self, form) -> Any:
        return services.end_residence_contact(
            user=self.request.user, contact=self.object, on=form.cleaned_data["on"]
        )


class ResidenceAssignView(ResidenceActionView):
    title = gettext_lazy("Hand the member to a residence branch")
    form_class = f.ResidenceAssignForm
    action = "assign"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "contact": self.object, "user": self.request.user}

    def perform(self, form) -> Any:
        return services.assign_residence_branch(
            user=self.request.user, contact=self.object, branch=form.cleaned_data["branch"]
        )
