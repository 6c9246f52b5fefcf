"""Core's pages for every declared document: a preview, the PDF and the DOCX (the draft, or
the registered version once it is entered), entering it in the register, and the register
of documents itself (sổ đăng ký văn bản) with re-print and cancel."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from .. import generic
from ..exports import Column
from ..filters import FilterSet, parse_id
from ..pdf import docx_response, pdf_response
from . import declared as d
from .format import KINDS
from .models import RegisteredDocument
from .register import cancel, issue, registered_for, reprint
from .render import document_docx, document_pdf

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class IssueForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Date of the document"),
        input_formats=DATE_FORMATS,
        required=False,
        error_messages={"invalid": gettext_lazy("Enter a date as dd/mm/yyyy.")},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for cancelling"), max_length=255)


class _DocumentMixin(LoginRequiredMixin):
    """Loads the declaration, the object (scoped) and its live registration."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.declaration = d.declared(kwargs["key"])
        self.object = d.load(self.declaration, request.user, kwargs["pk"])
        self.registered = registered_for(self.object, self.declaration.key)
        return super().dispatch(request, *args, **kwargs)

    def document(self):
        """The registered document, or today's draft; a builder that cannot print the paper
        (ValidationError: e.g. a letter issued outside the system) says why."""
        if self.registered is not None:
            return reprint(self.registered)
        return d.build(
            self.declaration, self.object, on=timezone.localdate(), user=self.request.user
        )

    def refused(self, error: ValidationError) -> HttpResponse:
        for message in error.messages:
            messages.error(self.request, message)
        target = self.object.get_absolute_url() if hasattr(self.object, "get_absolute_url") else ""
        return HttpResponseRedirect(target or reverse("documents:register"))

    def name(self, ext: str) -> str:
        number = self.registered.number_text if self.registered else ""
        return d.filename(str(self.declaration.title), number, ext)


class DocumentPreviewView(_DocumentMixin, TemplateView):
    template_name = "core/documents/preview.html"

    def get(self, request, *args, **kwargs) -> HttpResponse:
        try:
            self.built = self.document()
        except ValidationError as error:
            return self.refused(error)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            declaration=self.declaration,
            object=self.object,
            document=self.built,
            registered=self.registered,
            may_issue=self.registered is None
            and d.may_issue(self.declaration, self.request.user, self.object),
            issue_form=IssueForm(initial={"date": timezone.localdate().strftime("%d/%m/%Y")}),
        )
        return context


class DocumentPdfView(_DocumentMixin, View):
    def get(self, request, *args, **kwargs) -> HttpResponse:
        try:
            document = self.document()
        except ValidationError as error:
            return self.refused(error)
        return pdf_response(self.name("pdf"), document_pdf(document))


class DocumentDocxView(_DocumentMixin, View):
    def get(self, request, *args, **kwargs) -> HttpResponse:
        try:
            document = self.document()
        except ValidationError as error:
            return self.refused(error)
        return docx_response(self.name("docx"), document_docx(document))


class DocumentIssueView(_DocumentMixin, View):
    """Enter the document in the issuer's register: its number is taken in the same
    transaction (R14.6); an object's document is entered once (cancel it to enter again)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs) -> HttpResponse:
        target = reverse("documents:show", args=[self.declaration.key, self.object.pk])
        if not d.may_issue(self.declaration, request.user, self.object):
            raise PermissionDenied(_("You may not enter this document in the register."))
        if self.registered is not None:
            messages.info(
                request,
                _("This document is already in the register as number %(number)s.")
                % {"number": self.registered.number_text},
            )
            return HttpResponseRedirect(target)
        form = IssueForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return HttpResponseRedirect(target)
        on = form.cleaned_data["date"] or timezone.localdate()
        organization = d.issuing_organization(self.declaration, self.object)
        try:
            document = d.build(self.declaration, self.object, on=on, user=request.user)
            registered = issue(
                organization, document, user=request.user, obj=self.object, key=self.declaration.key
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(target)
        messages.success(
            request,
            _("Entered in the register as number %(number)s.") % {"number": registered.number_text},
        )
        return HttpResponseRedirect(target)


def _kind_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{code} · {title.capitalize()}" if title else code) for code, title in KINDS.items()
    ]


class RegisterFilter(FilterSet):  # core's: ids checked, empty choices read "All"
    q = django_filters.CharFilter(method="search", label=gettext_lazy("Search"))
    kind = django_filters.ChoiceFilter(
        choices=_kind_choices, label=gettext_lazy("Kind"), empty_label=gettext_lazy("All kinds")
    )
    year = django_filters.NumberFilter(
        field_name="issued_on",
        lookup_expr="year",
        label=gettext_lazy("Year"),
        min_value=1900,
        max_value=2200,
    )
    cancelled = django_filters.BooleanFilter(
        method="filter_cancelled", label=gettext_lazy("Cancelled")
    )

    class Meta:
        model = RegisteredDocument
        fields: list[str] = []

    def search(self, queryset, _name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(number_text__icontains=value) | Q(title__icontains=value))

    def filter_cancelled(self, queryset, _name, value):
        if value is None:
            return queryset
        return queryset.filter(cancelled_at__isnull=not value)


def _kind_label(row: RegisteredDocument) -> str:
    return (KINDS.get(row.kind) or row.kind).capitalize()


class RegisterView(generic.ListView):
    """The register of documents of the user's organization and below."""

    model = RegisteredDocument
    filterset_class = RegisterFilter
    template_name = "core/documents/register.html"
    select_related = ("organization", "issued_by")
    ordering = ("-issued_on", "-pk")
    export_filename = "so-dang-ky-van-ban"
    export_sheet = gettext_lazy("Register of documents")
    export_columns = (
        Column(gettext_lazy("Number and symbol"), "number_text"),
        Column(gettext_lazy("Date"), "issued_on"),
        Column(gettext_lazy("Kind"), _kind_label),
        Column(gettext_lazy("Summary"), "title"),
        Column(gettext_lazy("Issuing organization"), lambda r: r.organization.name),
        Column(
            gettext_lazy("Entered by"),
            lambda r: r.issued_by.get_full_name() or r.issued_by.username if r.issued_by else "",
        ),
        Column(gettext_lazy("Cancelled"), lambda r: r.cancel_reason if r.cancelled_at else ""),
    )

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["cancellable"] = {
            row.pk for row in context["object_list"] if user.can_manage(row.organization)
        }
        return context


class _RegisteredMixin(LoginRequiredMixin):
    model = RegisteredDocument  # the scope crawler reads it

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        pk = parse_id(kwargs["pk"])
        if pk is None:
            raise Http404
        self.registered = (
            RegisteredDocument.objects.visible_to(request.user)
            .select_related("organization")
            .filter(pk=pk)
            .first()
        )
        if self.registered is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def name(self, ext: str) -> str:
        return d.filename(self.registered.title or "van-ban", self.registered.number_text, ext)


class RegisteredPdfView(_RegisteredMixin, View):
    def get(self, request, *args, **kwargs) -> HttpResponse:
        return pdf_response(self.name("pdf"), document_pdf(reprint(self.registered)))


class RegisteredDocxView(_RegisteredMixin, View):
    def get(self, request, *args, **kwargs) -> HttpResponse:
        return docx_response(self.name("docx"), document_docx(reprint(self.registered)))


class RegisteredCancelView(_RegisteredMixin, View):
    """Cancel a registered document: it stays in the register, marked, with the reason; its
    number is never given again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs) -> HttpResponse:
        if not request.user.can_manage(self.registered.organization):
            raise PermissionDenied(_("You may not cancel documents of this organization."))
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason for cancelling the document."))
        else:
            try:
                cancel(self.registered, form.cleaned_data["reason"])
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("Document %(number)s was cancelled; it stays in the register.")
                    % {"number": self.registered.number_text},
                )
        return HttpResponseRedirect(reverse("documents:register"))


def links_for(obj, user) -> list[dict[str, Any]]:
    """The documents of `obj` for its page: title, preview URL, and its registration."""
    if obj is None or getattr(obj, "pk", None) is None:
        return []
    found = []
    for declaration in d.for_model(obj._meta.label_lower):
        registered = registered_for(obj, declaration.key)
        found.append(
            {
                "title": declaration.title,
                "url": reverse("documents:show", args=[declaration.key, obj.pk]),
                "pdf": reverse("documents:pdf", args=[declaration.key, obj.pk]),
                "docx": reverse("documents:docx", args=[declaration.key, obj.pk]),
                "registered": registered,
            }
        )
    return found
