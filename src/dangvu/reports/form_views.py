"""The statistics forms of HD 11-HD/BTCTW on the reports pages: the list of forms 1–7 with the
organization and period chosen, and each form as xlsx or PDF.

The organization is read as every report reads it (`params.organization_for`: inside the
user's scope); a download for an organization outside it answers 404, as an object page does.
A bad period, an organization that did not exist then, or a form whose figures do not
reconcile shows the page again with the message (400), never a 500."""

from __future__ import annotations

import tempfile

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dangvu.core.pdf import pdf_response
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization

from .forms import FORMS, build_form, form_pdf, parse_period, period_choices, write_xlsx
from .forms.periods import Period
from .forms.records import scope_for
from .params import default_organization, may_see_reports, organization_for

TEMPLATE = "reports/forms/index.html"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _default_period(today) -> str:
    """The last complete period: H1 of this year from July, else last year."""
    return f"{today.year}H1" if today.month > 6 else str(today.year - 1)


def _choose(request) -> tuple[Organization, Period]:
    """The organization and period of the request (ValidationError with Vietnamese messages)."""
    if not may_see_reports(request.user):
        raise PermissionDenied(_("Only party committees and their staff see reports."))
    today = timezone.localdate()
    errors: dict[str, str] = {}
    raw_org = (request.GET.get("org") or "").strip()
    organization = None
    try:
        organization = (
            organization_for(raw_org, request.user)
            if raw_org
            else default_organization(request.user)
        )
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if organization is None and "org" not in errors:
        errors["org"] = _("There is no organization in your scope.")
    period = None
    try:
        period = parse_period(request.GET.get("period") or _default_period(today), today)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    if not scope_for(organization, period).existed:
        raise ValidationError(
            {
                "org": _("This organization did not exist on %(date)s.")
                % {"date": f"{period.on:%d/%m/%Y}"}
            }
        )
    return organization, period


def _page(request, status: int = 200, errors: dict | None = None, **context):
    today = timezone.localdate()
    return render(
        request,
        TEMPLATE,
        {
            "forms": [(key, title) for key, (title, _build) in FORMS.items()],
            "periods": period_choices(today),
            "params": request.GET,
            "errors": errors or {},
            **context,
        },
        status=status,
    )


def _choices(organization: Organization, user) -> list[Organization]:
    """The organization, its visible ancestors and its current sub-organizations."""
    visible = Organization.objects.visible_to(user)
    ancestors = list(
        visible.filter(pk__in=[a.pk for a in Organization.objects.get_ancestors(organization)])
    )
    children = list(
        visible.filter(
            subtree_q("path", organization.path),
            depth=organization.depth + 1,
            dissolved_on__isnull=True,
        ).order_by("position", "path")[:200]
    )
    return [*ancestors, organization, *children]


class FormsView(LoginRequiredMixin, View):
    """The list of the forms for the chosen organization and period."""

    def get(self, request):
        try:
            organization, period = _choose(request)
        except ValidationError as error:
            return _page(request, 400, error.message_dict)
        return _page(
            request,
            organization=organization,
            period=period,
            organizations=_choices(organization, request.user),
            query=f"org={organization.pk}&period={period.code}",
        )


class FormDownloadView(LoginRequiredMixin, View):
    """One form as xlsx or PDF: `/reports/forms/<key>.<xlsx|pdf>?org=…&period=…`."""

    def get(self, request, key: str, fmt: str):
        if key not in FORMS or fmt not in ("xlsx", "pdf"):
            raise Http404(_("There is no such form."))
        raw_org = (request.GET.get("org") or "").strip()
        if raw_org and may_see_reports(request.user):
            try:
                organization_for(raw_org, request.user)
            except ValidationError as error:
                raise Http404(error.message_dict["org"][0]) from error
        try:
            organization, period = _choose(request)
            form = build_form(key, organization, period)
        except ValidationError as error:
            return _page(request, 400, error.message_dict)
        filename = f"bieu-{key.split('-')[1]}-btctw-{organization.code}-{period.code}.{fmt}"
        if fmt == "pdf":
            return pdf_response(filename, form_pdf(form))
        buffer = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        write_xlsx(form, buffer)
        buffer.seek(0)
        return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
