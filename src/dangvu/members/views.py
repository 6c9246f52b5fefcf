"""Member pages: the filtered list and its xlsx export, the profile, edit and create forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ModelChoiceField, NullBooleanSelect
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, UpdateView
from django_filters.views import FilterView

from dangvu.core.exports import XLSX_TYPE, Column, csv_response, xlsx_bytes
from dangvu.core.filters import parse_id
from dangvu.core.forms import add_service_errors, bootstrap_form
from dangvu.core.services import StaleVersion
from dangvu.core.views import ScopedDetailView, ScopedMixin, audit_history
from dangvu.organizations.models import CommitteeSeat, Organization

from .filters import MemberFilterSet
from .forms import MemberCreateForm, MemberForm, SelfMemberForm
from .models import Member, MemberPost, Placement
from .queries import member_timeline
from .seniority import seniority
from .services import create_member, update_member

EXPORT_LIMIT = 100_000
PAGE_SIZE = 50

# Sortable columns: the FilterSet's `ordering` parameter names.
SORTABLE_COLUMNS = (
    ("name", gettext_lazy("Name")),
    ("birth_date", gettext_lazy("Date of birth")),
    ("admitted_on", gettext_lazy("Admission date")),
    ("card_number", gettext_lazy("Card number")),
)


class MemberListView(ScopedMixin, FilterView):
    model = Member
    select_related = ("organization",)
    filterset_class = MemberFilterSet
    template_name = "members/list.html"
    paginate_by = PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        # A tie-breaker keeps pages stable when sorting by a non-unique column.
        if queryset.query.order_by:
            queryset = queryset.order_by(*queryset.query.order_by, "pk")
        paginator = self.get_paginator(queryset, page_size)
        # get_page() falls back to the first/last page instead of a 404 for a bad ?page=.
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = bootstrap_form(self.filterset.form)
        _label_empty_choices(form)
        cleaned = getattr(form, "cleaned_data", {})
        current = self.request.GET.get("ordering", "")
        columns = {}
        for key, label in SORTABLE_COLUMNS:
            if current == key:
                columns[key] = {"label": label, "next": f"-{key}", "icon": "bi-sort-up"}
            elif current == f"-{key}":
                columns[key] = {"label": label, "next": key, "icon": "bi-sort-down"}
            else:
                columns[key] = {"label": label, "next": key, "icon": ""}
        filter_names = [
            "status",
            "gender",
            "ethnicity",
            "ethnic_minority",
            "age_band",
            "theory_level",
            "occupation",
        ]
        context.update(
            filter_form=form,
            filter_fields=[form[name] for name in filter_names if name in form.fields],
            chosen_organization=cleaned.get("organization"),
            filters_active=any(self.request.GET.get(name) for name in filter_names),
            columns=columns,
            # The paginator's cached COUNT: the list is counted once per request.
            total=context["paginator"].count if context.get("paginator") else 0,
            can_create=self.request.user.is_editor,
        )
        return context


def _label_empty_choices(form) -> None:
    """Filter selects start with "All" rather than a row of dashes."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, NullBooleanSelect):
            widget.choices = [
                (value, _("All") if value == "unknown" else label)
                for value, label in widget.choices
            ]
        elif hasattr(field, "empty_label") and not isinstance(field, ModelChoiceField):
            # django-filter's choice fields add their empty choice from this label.
            field.empty_label = _("All")
            field.widget.choices = field.choices


class MemberExportView(ScopedMixin, View):
    """The list's filtered rows as xlsx, or csv with `?format=csv` (same FilterSet, same
    scope); core.exports neutralizes text a spreadsheet would run as a formula."""

    model = Member
    select_related = ("organization",)

    def columns(self) -> list[Column]:
        def label(name: str) -> str:
            return capfirst(str(Member._meta.get_field(name).verbose_name))

        def text(name: str, get, width: int = 14) -> Column:
            return Column(label(name), get, width=width)

        def day(name: str) -> Column:
            return Column(label(name), lambda m: getattr(m, name), kind="date", width=12)

        return [
            text("full_name", lambda m: m.full_name, 28),
            day("birth_date"),
            text("gender", lambda m: m.get_gender_display(), 8),
            text("ethnicity", lambda m: m.ethnicity, 10),
            text("religion", lambda m: m.get_religion_display(), 12),
            text("organization", lambda m: m.organization.name, 30),
            text("status", lambda m: m.get_status_display()),
            day("status_since"),
            day("admitted_on"),
            day("recognized_on"),
            text("card_number", lambda m: m.card_number, 13),
            text("citizen_id", lambda m: m.citizen_id),
            text("phone", lambda m: m.phone, 13),
            text("hometown", lambda m: m.hometown),
            text("residence", lambda m: m.residence),
            text("general_education", lambda m: m.general_education),
            text("professional_level", lambda m: m.get_professional_level_display()),
            text("theory_level", lambda m: m.get_theory_level_display()),
            text("occupation", lambda m: m.get_occupation_display()),
            text("workplace", lambda m: m.workplace),
        ]

    def get(self, request, *args, **kwargs) -> HttpResponse:
        filterset = MemberFilterSet(request.GET, queryset=self.get_queryset(), request=request)
        queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        rows = queryset[:EXPORT_LIMIT].iterator(chunk_size=2000)
        if request.GET.get("format") == "csv":
            return csv_response("dang-vien.csv", self.columns(), rows)

        def footer():
            if queryset[EXPORT_LIMIT : EXPORT_LIMIT + 1].exists():
                yield [
                    _("Only the first %(limit)s rows were exported; narrow the filters.")
                    % {"limit": number_format(EXPORT_LIMIT, force_grouping=True)}
                ]

        content = xlsx_bytes(self.columns(), rows, sheet_title=_("Party members"), footer=footer())
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="dang-vien.xlsx"'
        return response


def _branch_breadcrumbs(user, branch: Organization) -> list[Organization]:
    step = Organization.steplen
    paths = [branch.path[:i] for i in range(step, len(branch.path) + 1, step)]
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))


def actions_for(member: Member) -> list[dict[str, Any]]:
    from .lifecycle_views import actions_for as lifecycle_actions

    return lifecycle_actions(member)


class MemberDetailView(ScopedDetailView):
    model = Member
    select_related = ("organization",)
    template_name = "members/detail.html"
    context_object_name = "member"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        member: Member = self.object
        user = self.request.user
        today = timezone.localdate()
        # Related rows are scoped too: a seat or placement elsewhere stays invisible.
        posts = list(
            MemberPost.objects.visible_to(user)
            .filter(member=member)
            .select_related("locality")
            .order_by("-valid_from")
        )
        for post in posts:
            post.is_current = post.valid_to is None or post.valid_to > today
        context.update(
            breadcrumbs=_branch_breadcrumbs(user, member.organization),
            age=member.age_on(today),
            seats=CommitteeSeat.objects.visible_to(user)
            .current(today)
            .filter(member=member)
            .select_related("organization")
            .order_by("valid_from"),
            posts=posts,
            placements=Placement.objects.visible_to(user)
            .filter(member=member)
            .select_related("organization")
            .order_by("-valid_from"),
            can_edit=_may_edit(user, member),
            history=audit_history(member, user),
            # Lifecycle (issue 3): party age, timeline and the actions menu.
            seniority=seniority(member, today),
            timeline=member_timeline(member, user),
            actions=actions_for(member) if user.can_manage(member.organization) else [],
        )
        return context


def _may_edit(user, member: Member) -> bool:
    if user.is_plain_member:
        return user.member_id == member.pk
    return user.can_manage(member.organization)


class MemberEditView(ScopedMixin, UpdateView):
    model = Member
    select_related = ("organization",)
    template_name = "members/edit.html"
    context_object_name = "member"

    def get_object(self, queryset=None) -> Member:
        member = super().get_object(queryset)  # 404 outside the user's scope
        if not _may_edit(self.request.user, member):
            raise PermissionDenied(_("You cannot change records of this organization."))
        return member

    def get_form_class(self):
        return SelfMemberForm if self.request.user.is_plain_member else MemberForm

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.object.version}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        # The form's validation writes into its instance; keep the page's object as read.
        kwargs["instance"] = Member.objects.get(pk=self.object.pk)
        return kwargs

    def form_valid(self, form: MemberForm):
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            update_member(
                user=self.request.user, member=self.object, data=data, expected_version=version
            )
        except StaleVersion as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The profile was saved."))
        return HttpResponseRedirect(reverse("members:detail", args=[self.object.pk]))


class MemberCreateView(ScopedMixin, CreateView):
    model = Member
    form_class = MemberCreateForm
    template_name = "members/create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_editor:
            raise PermissionDenied(_("You cannot add party members."))
        return super().dispatch(request, *args, **kwargs)

    def branches(self):
        return (
            Organization.objects.visible_to(self.request.user).branches().active().order_by("path")
        )

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        chosen = self.request.GET.get("organization", "")
        if parse_id(chosen):
            branch = self.branches().filter(pk=int(chosen)).first()
            if branch is not None:
                initial["organization"] = branch
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["branches"] = self.branches()
        return kwargs

    def form_valid(self, form: MemberCreateForm):
        try:
            member = create_member(user=self.request.user, data=dict(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The party member was added."))
        return HttpResponseRedirect(reverse("members:detail", args=[member.pk]))
