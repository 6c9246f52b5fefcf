from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.views import View


class ProbeView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("registry probe page")


# --- core.generic declared on the tree's own model (the probe has no model of its own).

from django import forms  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from dangvu.core import generic  # noqa: E402
from dangvu.core.exports import Column  # noqa: E402
from dangvu.core.filters import FilterSet  # noqa: E402
from dangvu.organizations.models import Organization  # noqa: E402


class ProbeFilterSet(FilterSet):
    class Meta:
        model = Organization
        fields = ["kind"]


class ProbeListView(generic.ListView):
    model = Organization
    filterset_class = ProbeFilterSet
    ordering = ("path",)
    paginate_by = 2
    template_name = "registry_app/list.html"
    export_columns = [Column(_("Name"), lambda o: o.name), Column(_("Code"), lambda o: o.code)]
    export_filename = "to-chuc"


def may_rename(user, organization) -> bool:
    """The probe's 'service' permission: the user manages the organization."""
    return user.can_manage(organization)


def rename(*, user, organization: Organization, name: str) -> Organization:
    """The probe's one service call: refuses a name with digits, as a service would."""
    if any(c.isdigit() for c in name):
        raise ValidationError({"name": "A name has no digits."})
    organization.name = name
    organization.save(update_fields=["name"])
    return organization


class RenameForm(forms.Form):
    name = forms.CharField(max_length=100)


class ProbeRenameView(generic.ActionView):
    model = Organization
    permission = staticmethod(may_rename)
    form_class = RenameForm
    template_name = "registry_app/form.html"
    success_message = "Renamed."

    def perform(self, form):
        return rename(user=self.request.user, organization=self.object, **form.cleaned_data)

    def get_success_url(self, result=None) -> str:
        return "/registry-probe/"


class ProbeRenameButton(generic.ButtonMixin, ProbeRenameView):
    pass
