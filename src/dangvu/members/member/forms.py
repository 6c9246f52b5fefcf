"""Member profile forms. Writes go through members.services; these only shape the input."""

from __future__ import annotations

from collections.abc import Iterator

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin
from dangvu.organizations.models import Organization

from ..choices import Status
from ..validators import normalize_digits
from .models import Member
from .services import SELF_EDITABLE_FIELDS

# The profile (lý lịch summary), grouped as on the paper form. Branch and status are not here:
# they change through placements and lifecycle events, not by editing.
FIELDSETS = (
    (
        _("Identity"),
        ("full_name", "birth_date", "gender", "ethnicity", "religion", "citizen_id", "phone"),
    ),
    (_("Home town and residence"), ("hometown", "residence")),
    (_("Education"), ("general_education", "professional_level", "theory_level")),
    (_("Work"), ("occupation", "workplace")),
    (
        _("Party membership"),
        (
            "organization",
            "status",
            "admitted_on",
            "recognized_on",
            "card_number",
            "away_since",
            "exempt_since",
        ),
    ),
)
PROFILE_FIELDS = [
    name for _title, names in FIELDSETS for name in names if name not in ("organization", "status")
]


class MemberForm(BootstrapFormMixin, forms.ModelForm):
    # The version the user read; the service refuses the save if someone saved in between.
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Member
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "phone" in self.fields:
            self.fields["phone"].widget.input_type = "tel"
            self.fields["phone"].widget.attrs.setdefault("autocomplete", "tel")

    def _clean_digits(self, name: str) -> str | None:
        # Accept "001 080 012 345" or "001.080.012.345" as people copy them from cards.
        return normalize_digits(self.cleaned_data.get(name)) or None

    def clean_citizen_id(self) -> str | None:
        return self._clean_digits("citizen_id")

    def clean_card_number(self) -> str | None:
        return self._clean_digits("card_number")

    def fieldsets(self) -> Iterator[tuple[str, list[forms.BoundField]]]:
        for title, names in FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield title, fields


class SelfMemberForm(MemberForm):
    """What a plain member may change on their own profile."""

    class Meta(MemberForm.Meta):
        fields = list(SELF_EDITABLE_FIELDS)


class MemberCreateForm(MemberForm):
    """A new member in a branch the user manages; saved by services.create_member."""

    version = None
    organization = forms.ModelChoiceField(
        label=_("Party branch"), queryset=Organization.objects.none()
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Status.PROBATIONARY, Status.PROBATIONARY.label),
            (Status.OFFICIAL, Status.OFFICIAL.label),
        ],
        initial=Status.PROBATIONARY,
    )

    class Meta(MemberForm.Meta):
        fields = ["organization", "status", *PROFILE_FIELDS]

    def __init__(self, *args, branches=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if branches is not None:
            self.fields["organization"].queryset = branches
