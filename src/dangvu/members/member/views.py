"""Member pages: the filtered list and its export, the create and edit forms (the profile page
is `members.profile`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from dangvu.core.generic import ActionView, CreateView

from ..placement.forms import visible_branches
from . import services
from .exports import member_columns
from .filters import MemberFilterSet
from .forms import MemberCreateForm, MemberForm, SelfMemberForm
from .models import Member
from .pages import FilteredExportView, FilteredListView
from .queries import chosen_branch, sort_columns

# Sortable columns: the FilterSet's `ordering` parameter names.
SORTABLE_COLUMNS = (
    ("name", gettext_lazy("Name")),
    ("birth_date", gettext_lazy("Date of birth")),
    ("admitted_on", gettext_lazy("Admission date")),
    ("card_number", gettext_lazy("Card number")),
)


class MemberListView(FilteredListView):
    model = Member
    select_related = ("organization",)
    filterset_class = MemberFilterSet
    template_name = "members/list.html"
    ordering = ()  # the model's (name, id) or the FilterSet's `?ordering=`, with the id
    filter_names = (
        "status",
        "gender",
        "ethnicity",
        "ethnic_minority",
        "age_band",
        "theory_level",
        "occupation",
    )

    def get_extra_context(self) -> dict[str, Any]:
        return {
            "filters_active": any(self.request.GET.get(name) for name in self.filter_names),
            "columns": sort_columns(self.request.GET.get("ordering", ""), SORTABLE_COLUMNS),
            "can_create": services.may_create(self.request.user),
        }


class MemberExportView(FilteredExportView):
    model = Member
    select_related = ("organization",)
    filterset_class = MemberFilterSet
    columns = staticmethod(member_columns)
    filename = "dang-vien"
    sheet_title = gettext_lazy("Party members")


class MemberEditView(ActionView):
    model = Member
    select_related = ("organization",)
    permission = staticmethod(services.may_edit)
    template_name = "members/edit.html"
    context_object_name = "member"
    success_message = gettext_lazy("The profile was saved.")

    def get_form_class(self):
        return SelfMemberForm if self.request.user.is_plain_member else MemberForm

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.object.version}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": services.editable_copy(self.object)}

    def perform(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        user, member = self.request.user, self.object
        return services.update_member(user=user, member=member, data=data, expected_version=version)

    def get_success_url(self, result=None) -> str:
        return reverse("members:detail", args=[self.object.pk])


class MemberCreateView(CreateView):
    model = Member
    permission = staticmethod(services.may_create)
    permission_denied_message = gettext_lazy("You cannot add party members.")
    form_class = MemberCreateForm
    template_name = "members/create.html"
    success_message = gettext_lazy("The party member was added.")

    def get_initial(self) -> dict[str, Any]:
        branch = chosen_branch(
            visible_branches(self.request.user), self.request.GET.get("organization")
        )
        return {"organization": branch} if branch is not None else {}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "branches": visible_branches(self.request.user)}

    def perform(self, form):
        return services.create_member(user=self.request.user, data=dict(form.cleaned_data))

    def get_success_url(self, result=None) -> str:
        return reverse("members:detail", args=[result.pk])
