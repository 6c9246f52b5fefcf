"""Forms of the transfer pages. They only shape the input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin, PartyNumberField
from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.organizations.models import Organization

from ..choices import TransferKind, TransferScope
from ..events.forms import ActionForm
from ..member.forms import MemberCreateForm
from ..placement.forms import OrganizationChoiceField, destinations, visible_branches


class TransferIssueForm(ActionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=TransferKind.choices)
    scope = forms.ChoiceField(label=_("Destination"), choices=TransferScope.choices)
    to_organization = OrganizationChoiceField(
        label=_("Receiving organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("In the system: a branch, or the committee that will choose the branch."),
    )
    to_party = forms.CharField(
        label=_("Receiving party organization (outside the system)"),
        max_length=255,
        required=False,
    )
    letter_number = PartyNumberField(label=_("Introduction letter number"), kinds=("GGT",))
    issued_on = forms.DateField(label=_("Issued on"), initial=timezone.localdate)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255, required=False)
    until = forms.DateField(
        label=_("Expected end"), required=False, help_text=_("For a temporary transfer.")
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["to_organization"].queryset = destinations(user)


class TransferConfirmForm(BootstrapFormMixin, forms.Form):
    received_on = forms.DateField(label=_("Arrival date"), initial=timezone.localdate)
    branch = OrganizationChoiceField(
        label=_("Branch the member joins"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args, transfer=None, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if transfer is not None and user is not None and transfer.to_organization_id:
            target = transfer.to_organization
            self.fields["branch"].queryset = visible_branches(user).filter(
                path__startswith=target.path
            )
            if target.kind in BRANCH_KINDS:
                self.fields["branch"].initial = target.pk


class TransferCancelForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("Cancelled on"), initial=timezone.localdate)
    note = forms.CharField(label=_("Reason"), max_length=500, required=False)


class TransferReturnForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("Returned on"), initial=timezone.localdate)


class ReceiveForm(MemberCreateForm):
    """An arrival from outside the system: the member's profile and the introduction letter."""

    from_party = forms.CharField(label=_("Sending party organization"), max_length=255)
    scope = forms.ChoiceField(
        label=_("From"),
        choices=[
            (TransferScope.OTHER_PROVINCE, TransferScope.OTHER_PROVINCE.label),
            (TransferScope.ABROAD, TransferScope.ABROAD.label),
        ],
    )
    letter_number = PartyNumberField(label=_("Introduction letter number"), kinds=("GGT",))
    issued_on = forms.DateField(label=_("Letter issued on"))
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Arrival date"), initial=timezone.localdate)

    TRANSFER_FIELDS = ("from_party", "scope", "letter_number", "issued_on", "issuing_body")

    def transfer_fields(self):
        return [self[name] for name in (*self.TRANSFER_FIELDS, "received_on")]

    def service_kwargs(self) -> dict:
        """`receive_from_outside`'s arguments: the branch, the letter and the member's data."""
        data = dict(self.cleaned_data)
        letter = {name: data.pop(name) for name in (*self.TRANSFER_FIELDS, "received_on")}
        return {"branch": data.pop("organization"), "member_data": data, **letter}
