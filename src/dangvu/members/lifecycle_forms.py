"""Forms of the lifecycle actions. They only shape the input; the services decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin
from dangvu.core.profiles import values_on
from dangvu.organizations.choices import BRANCH_KINDS, DIRECT_KINDS, Kind
from dangvu.organizations.models import Organization

from .choices import (
    DisciplineForm,
    ResidenceCategory,
    StrikeOffGround,
    TransferKind,
    TransferScope,
)
from .forms import MemberCreateForm
from .rules import strike_off_ground_choices


def visible_branches(user) -> QuerySet:
    return Organization.objects.visible_to(user).branches().active().order_by("path")


def destinations(user) -> QuerySet:
    """Where a letter may be addressed: any active organization the user sees, plus the
    commune-level and agency committees of their province (the receiving committees of a
    transfer or a residence introduction, whose names are public; their members stay
    invisible)."""
    visible = Organization.objects.visible_to(user).active().exclude(kind=Kind.PARTY_GROUP)
    if user.sees_everything or not user.organization_id:
        return visible.order_by("path")
    province = user.organization.path[: Organization.steplen]
    committees = Organization.objects.active().filter(
        kind__in=DIRECT_KINDS, path__startswith=province
    )
    return Organization.objects.filter(
        Q(pk__in=visible.values("pk")) | Q(pk__in=committees.values("pk"))
    ).order_by("path")


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} ({obj.code})"


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
        self.fields["ground"].choices = strike_off_ground_choices(values_on()[1])


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


class DisciplineRecordForm(ActionForm):
    form = forms.ChoiceField(label=_("Form of discipline"), choices=DisciplineForm.choices)
    reason = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 3}))
    post = forms.CharField(
        label=_("Post removed"),
        max_length=255,
        required=False,
        help_text=_("For a removal from post (cách chức)."),
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_body = forms.CharField(label=_("Issuing body"), max_length=255)
    signed_on = forms.DateField(label=_("Signed on"))
    announced_on = forms.DateField(
        label=_("Announced on"),
        required=False,
        help_text=_("The discipline's period of effect runs from the announcement (R6.2, R6.10)."),
    )
    self_remedied = forms.BooleanField(
        label=_("Self-detected and remedied"),
        required=False,
        help_text=_(
            "The member detected the violation and remedied it themselves (QĐ 124-QĐ/TW): "
            "the year's rating is then not capped (R4.4)."
        ),
    )


class DisciplineCaseForm(ActionForm):
    form = forms.ChoiceField(label=_("Proposed form"), choices=DisciplineForm.choices)
    reason = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 3}))
    post = forms.CharField(label=_("Post"), max_length=255, required=False)
    opened_on = forms.DateField(label=_("Case opened on"), initial=timezone.localdate)

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        data.pop("expected_version", None)
        return data


class DecideForm(BootstrapFormMixin, forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_body = forms.CharField(label=_("Issuing body"), max_length=255)
    signed_on = forms.DateField(label=_("Signed on"))
    announced_on = forms.DateField(label=_("Announced on"), required=False)
    self_remedied = forms.BooleanField(
        label=_("Self-detected and remedied"),
        required=False,
        help_text=_(
            "The member detected the violation and remedied it themselves (QĐ 124-QĐ/TW): "
            "the year's rating is then not capped (R4.4)."
        ),
    )


class AnnounceForm(BootstrapFormMixin, forms.Form):
    announced_on = forms.DateField(label=_("Announced on"))


class DropCaseForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("Closed on"), initial=timezone.localdate)


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
    letter_number = forms.CharField(label=_("Introduction letter number"), max_length=64)
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
    letter_number = forms.CharField(label=_("Introduction letter number"), max_length=64)
    issued_on = forms.DateField(label=_("Letter issued on"))
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Arrival date"), initial=timezone.localdate)

    TRANSFER_FIELDS = ("from_party", "scope", "letter_number", "issued_on", "issuing_body")

    def transfer_fields(self):
        return [self[name] for name in (*self.TRANSFER_FIELDS, "received_on")]


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
