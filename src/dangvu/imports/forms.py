"""The upload form and the column-mapping form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import bootstrap_form
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization

from .columns import IGNORE_LABEL, field_choices
from .models import ImportKind
from .services import MAX_UPLOAD_BYTES


class OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return "\u2003" * max(obj.depth - 1, 0) + obj.name


def manageable_organizations(user):
    """Organizations the user may import into: their subtree (not party groups)."""
    queryset = (
        Organization.objects.visible_to(user)
        .filter(dissolved_on__isnull=True)
        .exclude(kind=Kind.PARTY_GROUP)
        .order_by("path")
    )
    if not user.is_editor:
        return queryset.none()
    return queryset


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=ImportKind.choices,
        help_text=_(
            "Party members: the workbook may also hold their history, sheet by sheet "
            "(placements, posts, committee seats, disciplines, monthly attendance, evaluation "
            "results), as the subtree export writes it; all of it is checked, then written "
            "together."
        ),
    )
    organization = OrganizationChoice(
        label=_("Import into"),
        queryset=Organization.objects.none(),
        help_text=_("Branches in the file are looked up inside this organization."),
    )
    file = forms.FileField(
        label=_("File (.xlsx, .xls, .ods or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("Leave empty: the sheet with recognized column headers is used."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = manageable_organizations(user)
        self.fields["organization"].queryset = queryset
        if user.organization_id and queryset.filter(pk=user.organization_id).exists():
            self.fields["organization"].initial = user.organization_id
        bootstrap_form(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 200 MB)."))
        return upload


class MappingForm(forms.Form):
    """One select per column of the file: which field it holds (or ignore it)."""

    def __init__(self, *args, run, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.run = run
        choices = [("", IGNORE_LABEL), *field_choices(run.kind)]
        mapping = run.mapping or {}
        for index, header in enumerate(run.headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("(no header)"),
                choices=choices,
                required=False,
                initial=mapping.get(str(index), ""),
            )
        bootstrap_form(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        seen: dict[str, str] = {}
        for index, header in enumerate(self.run.headers):
            key = data.get(f"col_{index}")
            if not key:
                continue
            if key in seen:
                raise forms.ValidationError(
                    _("Two columns are mapped to the same field: %(a)s and %(b)s.")
                    % {"a": seen[key], "b": header}
                )
            seen[key] = header
        return data

    def mapping(self) -> dict[int, str]:
        return {
            index: self.cleaned_data[f"col_{index}"]
            for index in range(len(self.run.headers))
            if self.cleaned_data.get(f"col_{index}")
        }

    def rows(self):
        return [(header, self[f"col_{index}"]) for index, header in enumerate(self.run.headers)]
