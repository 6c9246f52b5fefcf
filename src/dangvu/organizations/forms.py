from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin

from .models import Organization
from .services import EDITABLE_FIELDS


class OrganizationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = list(EDITABLE_FIELDS)


class AsOfForm(forms.Form):
    """`?on=` of the tree: a past date (dd/mm/yyyy or yyyy-mm-dd) to rebuild the tree on."""

    on = forms.DateField(
        label=_("Tree as of"),
        required=False,
        error_messages={"invalid": _("Enter the date as dd/mm/yyyy, for example 30/06/2025.")},
    )
