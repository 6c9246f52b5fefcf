from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin
from dangvu.core.text import normalize_digits

from .choices import Kind, ReorganizationKind, SeatRole
from .models import Organization, Term
from .services import EDITABLE_FIELDS


class OrganizationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = list(EDITABLE_FIELDS)


# --- Committee seats: a select of the subtree's members, or their party card number when there
# are too many to list (a commune or the province).
SEAT_MEMBER_SELECT_LIMIT = 300


class SeatMemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} · {obj.organization.name}"

    def to_python(self, value):
        if self.to_field_name == "card_number" and isinstance(value, str):
            value = normalize_digits(value)
        return super().to_python(value)


class SeatAddForm(BootstrapFormMixin, forms.Form):
    member = SeatMemberChoice(label=_("Party member"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=SeatRole.choices)
    valid_from = forms.DateField(
        label=_("From"), help_text=_("The date of the election or appointment.")
    )
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.none(), required=False)

    def __init__(self, *args, organization: Organization, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.queryset = members.select_related("organization").order_by("sort_key", "id")
        if members.count() > SEAT_MEMBER_SELECT_LIMIT:
            # Too many to list (a commune, the province): the party card number identifies the
            # member, still only among the organization's members.
            field.to_field_name = "card_number"
            field.widget = forms.TextInput(
                attrs={"class": "form-control", "inputmode": "numeric", "autocomplete": "off"}
            )
            field.help_text = _("The member's party card number.")
            field.error_messages["invalid_choice"] = _(
                "No active member of this organization has that party card number."
            )
        if organization.is_branch:
            # A branch committee has no standing committee (R1.5); the service refuses it too.
            self.fields["role"].choices = [
                (value, label) for value, label in SeatRole.choices if value != SeatRole.STANDING
            ]
        terms = Term.objects.filter(organization=organization)
        self.fields["term"].queryset = terms
        if not terms.exists():
            del self.fields["term"]

    def seat(self) -> dict:
        """The service's arguments (`services.add_committee_seat`)."""
        data = self.cleaned_data
        return {
            "member": data["member"],
            "role": data["role"],
            "valid_from": data["valid_from"],
            "term": data.get("term"),
        }


class SeatEndForm(BootstrapFormMixin, forms.Form):
    valid_to = forms.DateField(
        label=_("Ends on"), help_text=_("The first day the member no longer holds the seat.")
    )


class AsOfForm(forms.Form):
    """`?on=` of the tree: a past date (dd/mm/yyyy or yyyy-mm-dd) to rebuild the tree on."""

    on = forms.DateField(
        label=_("Tree as of"),
        required=False,
        error_messages={"invalid": _("Enter the date as dd/mm/yyyy, for example 30/06/2025.")},
    )


# --- Reorganization (sắp xếp tổ chức): one form per kind, sharing the decision fields.


class OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{'· ' * (obj.depth - 1)}{obj.name} ({obj.code})"


class OrganizationMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{'· ' * (obj.depth - 1)}{obj.name} ({obj.code})"


class ReorganizationForm(BootstrapFormMixin, forms.Form):
    """The decision and date shared by every kind; subclasses add the kind's fields and turn
    them into the service's plan (see organizations.reorganization)."""

    kind: str = ""
    effective_on = forms.DateField(label=_("Effective date"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False)
    decision_body = forms.CharField(label=_("Issuing body"), max_length=255, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, organizations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = organizations
        self.order_fields([n for n in self.fields if n not in self.DECISION] + list(self.DECISION))

    DECISION = ("effective_on", "decision_number", "decision_date", "decision_body", "note")

    def decision(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.DECISION if name != "effective_on"}

    def plan(self) -> dict:
        raise NotImplementedError


def _pks(queryset) -> list[int]:
    return [org.pk for org in queryset]


class ReparentForm(ReorganizationForm):
    kind = "reparent"
    organizations = OrganizationMultipleChoice(
        label=_("Organizations to move"), queryset=Organization.objects.none()
    )
    parent = OrganizationChoice(
        label=_("New superior organization"), queryset=Organization.objects.none()
    )

    def plan(self) -> dict:
        return {
            "operations": [
                {
                    "op": "reparent",
                    "organizations": _pks(self.cleaned_data["organizations"]),
                    "parent": self.cleaned_data["parent"].pk,
                }
            ]
        }


class DissolveForm(ReorganizationForm):
    kind = "dissolve"
    organizations = OrganizationMultipleChoice(
        label=_("Organizations to dissolve"), queryset=Organization.objects.none()
    )

    def plan(self) -> dict:
        return {
            "operations": [
                {"op": "dissolve", "organizations": _pks(self.cleaned_data["organizations"])}
            ]
        }


class MergeForm(ReorganizationForm):
    kind = "merge"
    sources = OrganizationMultipleChoice(
        label=_("Organizations merged (dissolved)"), queryset=Organization.objects.none()
    )
    target = OrganizationChoice(label=_("Into"), queryset=Organization.objects.none())

    def plan(self) -> dict:
        return {
            "operations": [
                {
                    "op": "merge",
                    "sources": _pks(self.cleaned_data["sources"]),
                    "target": self.cleaned_data["target"].pk,
                }
            ]
        }


class ReclassifyForm(ReorganizationForm):
    kind = "reclassify"
    organizations = OrganizationMultipleChoice(
        label=_("Organizations"), queryset=Organization.objects.none()
    )
    new_kind = forms.ChoiceField(label=_("New kind"), choices=Kind.choices)
    parent = OrganizationChoice(
        label=_("New superior organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Leave empty to keep the current one."),
    )

    def plan(self) -> dict:
        parent = self.cleaned_data.get("parent")
        return {
            "operations": [
                {
                    "op": "reclassify",
                    "organizations": _pks(self.cleaned_data["organizations"]),
                    "kind": self.cleaned_data["new_kind"],
                    "parent": parent.pk if parent else None,
                }
            ]
        }


class SplitForm(ReorganizationForm):
    """One new organization split off an existing one (repeat for more parts)."""

    kind = "split"
    source = OrganizationChoice(label=_("Organization split"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Name of the new organization"), max_length=255)
    code = forms.CharField(label=_("Code of the new organization"), max_length=32)
    new_kind = forms.ChoiceField(label=_("Kind of the new organization"), choices=Kind.choices)
    parent = OrganizationChoice(
        label=_("Superior organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Leave empty: under the same superior as the organization split."),
    )
    member_ids = forms.CharField(
        label=_("Members who move (ids)"),
        required=False,
        help_text=_("Comma-separated member ids, from the branch's member list."),
    )
    children = OrganizationMultipleChoice(
        label=_("Sub-organizations that move"),
        queryset=Organization.objects.none(),
        required=False,
    )
    dissolve_source = forms.BooleanField(label=_("Dissolve the organization split"), required=False)

    def clean_member_ids(self) -> list[int]:
        raw = self.cleaned_data.get("member_ids") or ""
        try:
            return [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(_("Enter whole numbers separated by commas.")) from error

    def plan(self) -> dict:
        parent = self.cleaned_data.get("parent")
        return {
            "operations": [
                {
                    "op": "split",
                    "source": self.cleaned_data["source"].pk,
                    "dissolve_source": self.cleaned_data["dissolve_source"],
                    "parts": [
                        {
                            "name": self.cleaned_data["name"],
                            "code": self.cleaned_data["code"],
                            "kind": self.cleaned_data["new_kind"],
                            "parent": parent.pk if parent else None,
                            "members": self.cleaned_data["member_ids"],
                            "children": _pks(self.cleaned_data["children"]),
                        }
                    ],
                }
            ]
        }


REORGANIZATION_FORMS = {
    form.kind: form for form in (ReparentForm, MergeForm, SplitForm, DissolveForm, ReclassifyForm)
}
# The kinds the reorganize page offers, in its order, with their labels.
REORGANIZATION_KINDS = [(kind, ReorganizationKind(kind).label) for kind in REORGANIZATION_FORMS]


def reorganization_kind(value: str | None) -> str:
    """The kind asked for (`?kind=`), or re-parenting when it is not one of the forms'."""
    return value if value in REORGANIZATION_FORMS else ReparentForm.kind
