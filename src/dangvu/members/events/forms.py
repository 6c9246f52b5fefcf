"""Forms of the lifecycle actions on a member. They only shape the input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import StrikeOffGround
from ..placement.forms import OrganizationChoiceField, visible_branches


class ActionForm(BootstrapFormMixin, forms.Form):
    """Shared by every member action: the version the user read (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version", None)
        return data


class DecisionMixin(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False)
    decision_body = forms.CharField(label=_("Issuing body"), max_length=255, required=False)


class DatedForm(ActionForm):
    occurred_on = forms.DateField(label=_("Effective date"), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        data["on"] = data.pop("occurred_on")  # the services' name; errors come back on the field
        return data


class AwayForm(DatedForm):
    place = forms.CharField(label=_("Where"), max_length=255, required=False)


class ExemptForm(DecisionMixin, DatedForm):
    pass


class StrikeOffForm(DecisionMixin, DatedForm):
    ground = forms.ChoiceField(label=_("Ground (R6.7)"), choices=StrikeOffGround.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The grounds read with the numbers of the profile in force (R6.7).
        self.fields["ground"].choices = rules.strike_off_ground_choices()


class LeaveForm(DecisionMixin, DatedForm):
    pass


class RestoreForm(DecisionMixin, DatedForm):
    branch = OrganizationChoiceField(
        label=_("Branch"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Only if the member's former branch was dissolved."),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["branch"].queryset = visible_branches(user)
