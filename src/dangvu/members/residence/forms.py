"""Forms of the residence contact pages. They only shape the input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin
from dangvu.organizations.models import Organization

from ..choices import ResidenceCategory
from ..placement.forms import OrganizationChoiceField, destinations, visible_branches


class ResidenceContactForm(BootstrapFormMixin, forms.Form):
    residence_organization = OrganizationChoiceField(
        label=_("Residence branch or committee"), queryset=Organization.objects.none()
    )
    category = forms.ChoiceField(label=_("Category (R5.5)"), choices=ResidenceCategory.choices)
    valid_from = forms.DateField(label=_("From"), initial=timezone.localdate)
    letter_number = forms.CharField(
        label=_("Introduction letter number"), max_length=64, required=False
    )
    letter_date = forms.DateField(label=_("Introduction letter date"), required=False)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["residence_organization"].queryset = destinations(user)


class ResidenceCommentForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2999)
    content = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    signed_by = forms.CharField(label=_("Signed by"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Received on"), initial=timezone.localdate)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        # A year is not a quantity: no thousands separator ("2.026").
        self.fields["year"].localize = False
        self.fields["year"].widget.is_localized = False


class ResidenceEndForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("Ended on"), initial=timezone.localdate)


class ResidenceAssignForm(BootstrapFormMixin, forms.Form):
    branch = OrganizationChoiceField(
        label=_("Residence branch"), queryset=Organization.objects.none()
    )

    def __init__(self, *args, contact=None, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if contact is not None and user is not None:
            self.fields["branch"].queryset = visible_branches(user).filter(
                path__startswith=contact.residence_org_path
            )
