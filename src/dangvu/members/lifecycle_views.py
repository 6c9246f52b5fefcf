"""Lifecycle pages: the actions on a member, the lists of events, transfers, disciplines and
residence contacts (with their detail pages), and the events' xlsx export.

Every queryset starts from `Model.objects.visible_to(user)` (ScopedMixin): an object outside
the user's scope is a 404; a visible object the user may not change is a 403 (the service's
`require_manage`). Services raise ValidationError, shown on the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView
from django_filters.views import FilterView

from dangvu.core.exports import XLSX_TYPE, Column, csv_response, xlsx_bytes
from dangvu.core.forms import add_service_errors, bootstrap_form
from dangvu.core.views import ScopedDetailView, ScopedMixin, audit_history

from . import lifecycle, rules, transfers
from . import lifecycle_forms as f
from .choices import ACTIVE_STATUSES, Status
from .filters import DisciplineFilterSet, MemberEventFilterSet, TransferFilterSet
from .models import Discipline, Member, MemberEvent, ResidenceComment, ResidenceContact, Transfer
from .views import _label_empty_choices

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


class StablePagesMixin:
    """Pages never swap rows, and a bad `?page=` shows the first or last page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class LifecycleListView(StablePagesMixin, ScopedMixin, FilterView):
    paginate_by = PAGE_SIZE
    filter_names: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ()

    def get_queryset(self):
        return super().get_queryset().order_by(*self.ordering)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = bootstrap_form(self.filterset.form)
        _label_empty_choices(form)
        cleaned = getattr(form, "cleaned_data", {})
        context.update(
            filter_form=form,
            filter_fields=[form[name] for name in self.filter_names if name in form.fields],
            chosen_organization=cleaned.get("organization"),
            total=context["paginator"].count if context.get("paginator") else 0,
        )
        return context


# --- events ---------------------------------------------------------------------------------


class MemberEventListView(LifecycleListView):
    """Biến động đảng viên: by kind, period and organization subtree."""

    model = MemberEvent
    select_related = ("member", "organization", "other_organization")
    filterset_class = MemberEventFilterSet
    template_name = "members/events.html"
    filter_names = ("kind", "date_from", "date_to")
    ordering = ("-occurred_on", "-id")


class MemberEventExportView(ScopedMixin, View):
    """The events list's filtered rows as xlsx, or csv with `?format=csv` (same FilterSet,
    same scope; core.exports neutralizes formulas)."""

    model = MemberEvent

    @staticmethod
    def columns() -> list[Column]:
        def other(event: MemberEvent) -> str:
            return (
                event.other_organization.name if event.other_organization_id else event.other_party
            )

        return [
            Column(_("Date"), lambda e: e.occurred_on, kind="date", width=12),
            Column(_("Kind"), lambda e: e.get_kind_display(), width=24),
            Column(_("Party member"), lambda e: e.member.full_name, width=28),
            Column(_("Date of birth"), lambda e: e.member.birth_date, kind="date", width=12),
            Column(_("Party branch"), lambda e: e.organization.name, width=30),
            Column(_("Other organization"), other, width=30),
            Column(_("Decision number"), lambda e: e.decision_number),
            Column(_("Decision date"), lambda e: e.decision_date, kind="date", width=12),
            Column(_("Issuing body"), lambda e: e.decision_body, width=24),
            Column(_("Note"), lambda e: e.note, width=30),
        ]

    def get(self, request, *args, **kwargs) -> HttpResponse:
        base = self.get_queryset().select_related("member", "organization", "other_organization")
        filterset = MemberEventFilterSet(request.GET, queryset=base, request=request)
        queryset = filterset.qs if filterset.is_valid() else base.none()
        queryset = queryset.order_by("-occurred_on", "-id")
        rows = queryset[:EXPORT_LIMIT].iterator(chunk_size=2000)
        if request.GET.get("format") == "csv":
            return csv_response("bien-dong-dang-vien.csv", self.columns(), rows)

        def footer():
            if queryset[EXPORT_LIMIT : EXPORT_LIMIT + 1].exists():
                yield [
                    _("Only the first %(limit)s rows were exported; narrow the filters.")
                    % {"limit": number_format(EXPORT_LIMIT, force_grouping=True)}
                ]

        content = xlsx_bytes(
            self.columns(), rows, sheet_title=_("Membership changes"), footer=footer()
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="bien-dong-dang-vien.xlsx"'
        return response


# --- actions on a member --------------------------------------------------------------------


class MemberActionView(ScopedMixin, FormView):
    """One lifecycle action on a member: a form, then the service, then back to the profile."""

    model = Member
    template_name = "members/action.html"
    title: Any = ""
    icon = "bi-pencil"
    service: Callable[..., Any]
    success_message: Any = gettext_lazy("Recorded.")
    needs_user_in_form = False
    versioned = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.member = get_object_or_404(
            self.get_queryset().select_related("organization"), pk=kwargs["pk"]
        )
        if not request.user.can_manage(self.member.organization):
            raise PermissionDenied(_("You cannot change records of this organization."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.needs_user_in_form:
            kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.member.version}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(member=self.member, title=self.title, icon=self.icon)
        return context

    def call_service(self, form) -> Any:
        return type(self).service(
            user=self.request.user, member=self.member, **form.service_kwargs()
        )

    def form_valid(self, form):
        try:
            self.call_service(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, str(self.success_message))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("members:detail", args=[self.member.pk])


class TransferIssueView(MemberActionView):
    title = gettext_lazy("Transfer party activity")
    icon = "bi-envelope-paper"
    form_class = f.TransferIssueForm
    service = transfers.issue_transfer
    needs_user_in_form = True
    success_message = gettext_lazy("The introduction letter was recorded.")


class AwayStartView(MemberActionView):
    title = gettext_lazy("Started working away")
    icon = "bi-geo-alt"
    form_class = f.AwayForm
    service = lifecycle.start_working_away


class AwayEndView(MemberActionView):
    title = gettext_lazy("Stopped working away")
    icon = "bi-house"
    form_class = f.DatedForm
    service = lifecycle.stop_working_away


class ExemptView(MemberActionView):
    title = gettext_lazy("Exempt from party work")
    icon = "bi-pause-circle"
    form_class = f.ExemptForm
    service = lifecycle.exempt_from_party_work


class ExemptEndView(MemberActionView):
    title = gettext_lazy("End the exemption")
    icon = "bi-play-circle"
    form_class = f.DatedForm
    service = lifecycle.end_exemption


class DisciplineView(MemberActionView):
    title = gettext_lazy("Record a discipline")
    icon = "bi-exclamation-octagon"
    form_class = f.DisciplineRecordForm
    service = lifecycle.record_discipline


class DisciplineCaseView(MemberActionView):
    title = gettext_lazy("Open a discipline case")
    icon = "bi-hourglass-split"
    form_class = f.DisciplineCaseForm
    service = lifecycle.open_discipline_case


class StrikeOffView(MemberActionView):
    title = gettext_lazy("Strike off the roll")
    icon = "bi-x-circle"
    form_class = f.StrikeOffForm
    service = lifecycle.strike_off


class LeaveView(MemberActionView):
    title = gettext_lazy("Allow to leave the party")
    icon = "bi-door-open"
    form_class = f.LeaveForm
    service = lifecycle.allow_to_leave


class DeathView(MemberActionView):
    title = gettext_lazy("Record a death")
    icon = "bi-flower1"
    form_class = f.DatedForm
    service = lifecycle.record_death


class RestoreView(MemberActionView):
    title = gettext_lazy("Restore after a wrongful expulsion")
    icon = "bi-arrow-counterclockwise"
    form_class = f.RestoreForm
    service = lifecycle.restore
    needs_user_in_form = True


class ResidenceAddView(MemberActionView):
    title = gettext_lazy("Residence contact (QĐ 213)")
    icon = "bi-house-heart"
    form_class = f.ResidenceContactForm
    service = lifecycle.add_residence_contact
    needs_user_in_form = True

    def get_initial(self) -> dict[str, Any]:
        return {}

    def call_service(self, form) -> Any:
        return lifecycle.add_residence_contact(
            user=self.request.user, member=self.member, **form.cleaned_data
        )


# (url suffix, url name, view, when it applies) for the profile's actions menu.
MEMBER_ACTIONS: list[tuple[str, str, type[MemberActionView], Callable[[Member], bool]]] = [
    ("transfer/", "transfer", TransferIssueView, lambda m: m.is_active),
    ("away/", "away", AwayStartView, lambda m: m.is_active and not m.away_since),
    ("away/end/", "away_end", AwayEndView, lambda m: m.is_active and bool(m.away_since)),
    ("exempt/", "exempt", ExemptView, lambda m: m.is_active and not m.exempt_since),
    ("exempt/end/", "exempt_end", ExemptEndView, lambda m: m.is_active and bool(m.exempt_since)),
    ("residence/", "residence_add", ResidenceAddView, lambda m: m.is_active),
    ("discipline/", "discipline", DisciplineView, lambda m: m.is_active),
    ("discipline/case/", "discipline_case", DisciplineCaseView, lambda m: m.is_active),
    ("strike-off/", "strike_off", StrikeOffView, lambda m: m.is_active),
    ("leave/", "leave", LeaveView, lambda m: m.is_active),
    ("death/", "death", DeathView, lambda m: m.is_active),
    ("restore/", "restore", RestoreView, lambda m: m.status == Status.EXPELLED),
]


def actions_for(member: Member) -> list[dict[str, Any]]:
    return [
        {
            "url": reverse(f"members:{name}", args=[member.pk]),
            "label": view.title,
            "icon": view.icon,
            "danger": name in ("strike_off", "leave", "death", "discipline"),
        }
        for _suffix, name, view, applies in MEMBER_ACTIONS
        if applies(member)
    ]


# --- transfers ------------------------------------------------------------------------------


class TransferListView(LifecycleListView):
    model = Transfer
    select_related = ("member", "from_organization", "to_organization")
    filterset_class = TransferFilterSet
    template_name = "members/transfers.html"
    filter_names = ("direction", "status", "kind", "overdue", "date_from", "date_to")
    ordering = ("-issued_on", "-id")

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for transfer in context["object_list"]:
            transfer.due_on = (
                rules.transfer_report_deadline(transfer.issued_on)
                if transfer.status == "issued" and transfer.to_organization_id
                else None
            )
            transfer.overdue = transfer.due_on is not None and transfer.due_on < today
            transfer.can_confirm = bool(
                transfer.due_on is not None
                and self.request.user.can_manage(transfer.to_organization)
            )
        context["can_receive"] = self.request.user.is_editor
        return context


class TransferDetailView(ScopedDetailView):
    model = Transfer
    select_related = ("member", "from_organization", "to_organization", "received_in")
    template_name = "members/transfer_detail.html"
    context_object_name = "transfer"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        transfer: Transfer = self.object
        user = self.request.user
        awaiting = transfer.status == "issued" and transfer.to_organization_id is not None
        sides = [o for o in (transfer.from_organization, transfer.to_organization) if o]
        due_on = rules.transfer_report_deadline(transfer.issued_on) if awaiting else None
        context.update(
            due_on=due_on,
            overdue=due_on is not None and due_on < timezone.localdate(),
            confirm_form=f.TransferConfirmForm(transfer=transfer, user=user)
            if awaiting and user.can_manage(transfer.to_organization)
            else None,
            cancel_form=f.TransferCancelForm()
            if awaiting and any(user.can_manage(o) for o in sides)
            else None,
            return_form=f.TransferReturnForm()
            if (
                transfer.is_open_temporary
                or (
                    transfer.kind == "temporary"
                    and transfer.status == "issued"
                    and transfer.to_organization_id is None
                    and transfer.ended_on is None
                )
            )
            and any(user.can_manage(o) for o in sides)
            else None,
            member_visible=Member.objects.visible_to(user).filter(pk=transfer.member_id).exists(),
            history=audit_history(transfer, user),
        )
        return context


class ObjectActionView(ScopedMixin, FormView):
    """A form about one visible object (a transfer, a discipline, a residence contact)."""

    template_name = "members/object_action.html"
    title: Any = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self) -> None:
        raise NotImplementedError

    def detail_url(self) -> str:
        raise NotImplementedError

    def run(self, form) -> None:
        raise NotImplementedError

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, title=self.title, back_url=self.detail_url())
        return context

    def form_valid(self, form):
        try:
            self.run(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recorded."))
        return HttpResponseRedirect(self.detail_url())


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("You cannot change records of this organization."))


class TransferActionView(ObjectActionView):
    model = Transfer

    def get_queryset(self):
        return (
            super().get_queryset().select_related("member", "from_organization", "to_organization")
        )

    def detail_url(self) -> str:
        return reverse("members:transfer_detail", args=[self.object.pk])

    def sides(self):
        return [o for o in (self.object.from_organization, self.object.to_organization) if o]


class TransferConfirmView(TransferActionView):
    title = gettext_lazy("Confirm the arrival")
    form_class = f.TransferConfirmForm

    def check_permission(self) -> None:
        _require(
            self.object.to_organization is not None
            and self.request.user.can_manage(self.object.to_organization)
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "transfer": self.object, "user": self.request.user}

    def run(self, form) -> None:
        transfers.confirm_transfer(
            user=self.request.user,
            transfer=self.object,
            received_on=form.cleaned_data["received_on"],
            branch=form.cleaned_data["branch"],
        )


class TransferCancelView(TransferActionView):
    title = gettext_lazy("Cancel the transfer")
    form_class = f.TransferCancelForm

    def check_permission(self) -> None:
        _require(any(self.request.user.can_manage(o) for o in self.sides()))

    def run(self, form) -> None:
        transfers.cancel_transfer(
            user=self.request.user,
            transfer=self.object,
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )


class TransferReturnView(TransferActionView):
    title = gettext_lazy("Return from the temporary transfer")
    form_class = f.TransferReturnForm

    def check_permission(self) -> None:
        _require(any(self.request.user.can_manage(o) for o in self.sides()))

    def run(self, form) -> None:
        transfers.end_temporary_transfer(
            user=self.request.user, transfer=self.object, on=form.cleaned_data["on"]
        )


class TransferReceiveView(ScopedMixin, FormView):
    """An arrival from a party organization outside the system (creates the member)."""

    model = Transfer
    form_class = f.ReceiveForm
    template_name = "members/receive.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_editor:
            raise PermissionDenied(_("You cannot add party members."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["branches"] = f.visible_branches(self.request.user)
        return kwargs

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        transfer_data = {name: data.pop(name) for name in (*form.TRANSFER_FIELDS, "received_on")}
        branch = data.pop("organization")
        try:
            transfer = transfers.receive_from_outside(
                user=self.request.user, branch=branch, member_data=data, **transfer_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The arrival was recorded."))
        return HttpResponseRedirect(reverse("members:detail", args=[transfer.member_id]))


# --- disciplines ----------------------------------------------------------------------------


class DisciplineListView(LifecycleListView):
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


class DisciplineDetailView(ScopedDetailView):
    model = Discipline
    select_related = ("member", "organization")
    template_name = "members/discipline_detail.html"
    context_object_name = "discipline"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        discipline: Discipline = self.object
        user = self.request.user
        manage = user.can_manage(discipline.organization)
        context.update(
            in_force=discipline.is_in_force(timezone.localdate()),
            decide_form=f.DecideForm() if manage and discipline.is_open else None,
            drop_form=f.DropCaseForm() if manage and discipline.is_open else None,
            announce_form=f.AnnounceForm()
            if manage and discipline.signed_on and not discipline.announced_on
            else None,
            member_visible=Member.objects.visible_to(user).filter(pk=discipline.member_id).exists(),
            history=audit_history(discipline, user),
        )
        return context


class DisciplineActionView(ObjectActionView):
    model = Discipline

    def check_permission(self) -> None:
        _require(self.request.user.can_manage(self.object.organization))

    def detail_url(self) -> str:
        return reverse("members:discipline_detail", args=[self.object.pk])


class DisciplineDecideView(DisciplineActionView):
    title = gettext_lazy("Decide the case")
    form_class = f.DecideForm

    def run(self, form) -> None:
        lifecycle.decide_discipline(
            user=self.request.user, discipline=self.object, **form.cleaned_data
        )


class DisciplineAnnounceView(DisciplineActionView):
    title = gettext_lazy("Record the announcement")
    form_class = f.AnnounceForm

    def run(self, form) -> None:
        lifecycle.record_announcement(
            user=self.request.user,
            discipline=self.object,
            announced_on=form.cleaned_data["announced_on"],
        )


class DisciplineDropView(DisciplineActionView):
    title = gettext_lazy("Close the case without discipline")
    form_class = f.DropCaseForm

    def run(self, form) -> None:
        lifecycle.drop_discipline_case(
            user=self.request.user, discipline=self.object, on=form.cleaned_data["on"]
        )


# --- residence contacts ---------------------------------------------------------------------


class ResidenceListView(StablePagesMixin, ScopedMixin, ListView):
    model = ResidenceContact
    select_related = ("member", "member__organization", "residence_organization")
    template_name = "members/residence_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        queryset = super().get_queryset().order_by("member__sort_key", "-valid_from", "id")
        if self.request.GET.get("missing") == "1":
            year, _due, _opens = rules.residence_comment_window(timezone.localdate())
            commented = ResidenceComment.objects.filter(year=year).values("contact_id")
            queryset = queryset.filter(
                category="none", valid_to__isnull=True, member__status__in=ACTIVE_STATUSES
            ).exclude(pk__in=commented)
        return queryset

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year, due, _opens = rules.residence_comment_window(timezone.localdate())
        context.update(
            year=year,
            due=due,
            missing=self.request.GET.get("missing") == "1",
            total=context["paginator"].count if context.get("paginator") else 0,
        )
        return context


class ResidenceDetailView(ScopedDetailView):
    model = ResidenceContact
    select_related = ("member", "member__organization", "residence_organization")
    template_name = "members/residence_detail.html"
    context_object_name = "contact"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        contact: ResidenceContact = self.object
        user = self.request.user
        manage = user.can_manage(contact.member.organization) or user.can_manage(
            contact.residence_organization
        )
        year, due, _opens = rules.residence_comment_window(timezone.localdate())
        comments = list(contact.comments.order_by("-year"))
        context.update(
            comments=comments,
            required=rules.residence_comment_required(contact.category),
            year=year,
            due=due,
            missing=rules.residence_comment_required(contact.category)
            and not any(c.year == year for c in comments),
            comment_form=f.ResidenceCommentForm() if manage else None,
            end_form=f.ResidenceEndForm() if manage and contact.valid_to is None else None,
            assign_form=f.ResidenceAssignForm(contact=contact, user=user)
            if user.can_manage(contact.residence_organization)
            and not contact.residence_organization.is_branch
            else None,
            member_visible=Member.objects.visible_to(user).filter(pk=contact.member_id).exists(),
            history=audit_history(contact, user),
        )
        return context


class ResidenceActionView(ObjectActionView):
    model = ResidenceContact

    def get_queryset(self):
        return (
            super().get_queryset().select_related("member__organization", "residence_organization")
        )

    def check_permission(self) -> None:
        contact = self.object
        _require(
            self.request.user.can_manage(contact.member.organization)
            or self.request.user.can_manage(contact.residence_organization)
        )

    def detail_url(self) -> str:
        return reverse("members:residence_detail", args=[self.object.pk])


class ResidenceCommentView(ResidenceActionView):
    title = gettext_lazy("Yearly comment of the residence branch")
    form_class = f.ResidenceCommentForm

    def run(self, form) -> None:
        lifecycle.add_residence_comment(
            user=self.request.user, contact=self.object, **form.cleaned_data
        )


class ResidenceEndView(ResidenceActionView):
    title = gettext_lazy("End the residence contact")
    form_class = f.ResidenceEndForm

    def run(self, form) -> None:
        lifecycle.end_residence_contact(
            user=self.request.user, contact=self.object, on=form.cleaned_data["on"]
        )


class ResidenceAssignView(ResidenceActionView):
    title = gettext_lazy("Hand the member to a residence branch")
    form_class = f.ResidenceAssignForm

    def check_permission(self) -> None:
        _require(self.request.user.can_manage(self.object.residence_organization))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "contact": self.object, "user": self.request.user}

    def run(self, form) -> None:
        lifecycle.assign_residence_branch(
            user=self.request.user, contact=self.object, branch=form.cleaned_data["branch"]
        )
