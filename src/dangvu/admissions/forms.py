"""Forms of member development. They shape the input; the services check the rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import parse_id
from dangvu.core.forms import BootstrapFormMixin, PartyNumberField
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Member
from dangvu.members.validators import normalize_digits
from dangvu.organizations.models import Organization

from .choices import UnionResolution
from .models import Candidate, Course
from .queries import courses_for
from .services import PERSON_FIELDS

PERSON_FIELDSETS = (
    (
        _("Identity"),
        ("full_name", "birth_date", "gender", "ethnicity", "religion", "citizen_id", "phone"),
    ),
    (_("Home town and residence"), ("hometown", "residence")),
    (
        _("Education and work"),
        (
            "general_education",
            "education_exception",
            "professional_level",
            "occupation",
            "workplace",
            "is_village_head",
        ),
    ),
)
INTRODUCTION_FIELDSET = (
    _("Introduction"),
    ("organization", "introduced_by", "introduced_on", "note"),
)
READMISSION_FIELDSET = (
    _("Re-admission of a former member"),
    ("readmission_of", "leaving_reason", "conviction_expunged_on"),
)


def _citizen_id_field() -> forms.CharField:
    # Typed as on the card ("001 200 012 345"): the digits are kept and then validated.
    return forms.CharField(
        label=_("Citizen ID (CCCD)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class FieldsetsMixin:
    fieldset_layout: tuple = ()

    def fieldsets(self) -> Iterator[tuple[str, list[forms.BoundField]]]:
        for title, names in self.fieldset_layout:
            fields = [self[name] for name in names if name in self.fields]
            if fields and not all(f.is_hidden for f in fields):
                yield title, fields


class CandidateForm(FieldsetsMixin, BootstrapFormMixin, forms.ModelForm):
    """A new candidate in a branch the user manages."""

    fieldset_layout = (INTRODUCTION_FIELDSET, *PERSON_FIELDSETS, READMISSION_FIELDSET)
    citizen_id = _citizen_id_field()

    class Meta:
        model = Candidate
        fields = [
            "organization",
            "introduced_by",
            "introduced_on",
            "note",
            *[name for _title, names in PERSON_FIELDSETS for name in names],
            "readmission_of",
            "leaving_reason",
            "conviction_expunged_on",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, branches=None, former_member: Member | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            branches if branches is not None else Organization.objects.none()
        )
        self.fields["organization"].label = _("Party branch")
        self.fields["phone"].widget.input_type = "tel"
        self.fields["introduced_on"].initial = timezone.localdate()
        # The former member comes from their profile's link (?readmission_of=): a fixed choice.
        if former_member is not None:
            self.fields["readmission_of"].queryset = Member.objects.filter(pk=former_member.pk)
            self.fields["readmission_of"].initial = former_member.pk
            self.fields["readmission_of"].widget = forms.HiddenInput()
            self.fields["leaving_reason"].required = True
        else:
            for name in ("readmission_of", "leaving_reason", "conviction_expunged_on"):
                del self.fields[name]

    def clean_citizen_id(self) -> str:
        return normalize_digits(self.cleaned_data.get("citizen_id"))

    def former_member(self) -> Member | None:
        return self.cleaned_data.get("readmission_of")


def candidate_initial(branches, chosen: str, former_member: Member | None) -> dict[str, Any]:
    """A new file's initial data: the branch chosen in `?organization=` (among `branches`), and a
    former member's own data for a re-admission (their branch when it is among `branches`)."""
    initial: dict[str, Any] = {}
    if parse_id(chosen):
        branch = branches.filter(pk=parse_id(chosen)).first()
        if branch is not None:
            initial["organization"] = branch
    if former_member is not None:
        for name in PERSON_FIELDS:
            if hasattr(former_member, name):
                initial[name] = getattr(former_member, name)
        initial["citizen_id"] = former_member.citizen_id or ""
        if branches.filter(pk=former_member.organization_id).exists():
            initial.setdefault("organization", former_member.organization)
    return initial


class CandidateEditForm(FieldsetsMixin, BootstrapFormMixin, forms.ModelForm):
    fieldset_layout = (*PERSON_FIELDSETS, (_("Note"), ("note",)))
    citizen_id = _citizen_id_field()
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Candidate
        fields = [*[name for _title, names in PERSON_FIELDSETS for name in names], "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean_citizen_id(self) -> str:
        return normalize_digits(self.cleaned_data.get("citizen_id"))


class ActionForm(BootstrapFormMixin, forms.Form):
    """A step's form; `service_kwargs()` maps it onto the service's arguments."""

    def __init__(self, *args, candidate: Candidate, user, **kwargs) -> None:
        self.candidate = candidate
        self.user = user
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class CourseForm(ActionForm):
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.none(),
        required=False,
        empty_label=_("A new course (fill in below)"),
    )
    course_name = forms.CharField(label=_("New course: name"), max_length=255, required=False)
    organizer = forms.CharField(label=_("New course: organized by"), max_length=255, required=False)
    starts_on = forms.DateField(label=_("New course: first day"), required=False)
    ends_on = forms.DateField(label=_("New course: last day"), required=False)
    number = forms.CharField(label=_("Certificate number"), max_length=64)
    issued_on = forms.DateField(label=_("Certificate issued on"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_for(self.candidate, self.user)


def _member_choices(candidate: Candidate):
    # Probationary members are listed too, so that choosing one is refused with its reason.
    return Member.objects.filter(
        organization=candidate.organization, status__in=ACTIVE_STATUSES
    ).order_by("sort_key", "id")


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.full_name} ({obj.get_status_display().lower()})"


class IntroducersForm(ActionForm):
    introducer_1 = MemberChoiceField(label=_("First introducer"), queryset=Member.objects.none())
    known_since_1 = forms.DateField(label=_("Worked or lived with the candidate since"))
    introduced_on_1 = forms.DateField(label=_("Introduction dated"))
    replacement_1 = forms.BooleanField(label=_("Replaces an introducer who left"), required=False)
    introducer_2 = MemberChoiceField(
        label=_("Second introducer"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Leave empty when a union executive committee's resolution replaces one."),
    )
    known_since_2 = forms.DateField(
        label=_("Worked or lived with the candidate since"), required=False
    )
    introduced_on_2 = forms.DateField(label=_("Introduction dated"), required=False)
    replacement_2 = forms.BooleanField(label=_("Replaces an introducer who left"), required=False)
    union_resolution = forms.ChoiceField(
        label=_("Union resolution"),
        choices=[("", _("None")), *UnionResolution.choices],
        required=False,
    )
    union_resolution_number = forms.CharField(
        label=_("Resolution number"), max_length=64, required=False
    )
    union_resolution_on = forms.DateField(label=_("Resolution dated"), required=False)
    application_on = forms.DateField(label=_("Application for admission dated"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members = _member_choices(self.candidate)
        self.fields["introducer_1"].queryset = members
        self.fields["introducer_2"].queryset = members

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("introducer_2") and not (
            cleaned.get("known_since_2") and cleaned.get("introduced_on_2")
        ):
            self.add_error("known_since_2", _("Give both dates for the second introducer."))
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        introducers = []
        for i in (1, 2):
            if data.get(f"introducer_{i}"):
                introducers.append(
                    {
                        "member": data[f"introducer_{i}"],
                        "known_since": data[f"known_since_{i}"],
                        "introduced_on": data[f"introduced_on_{i}"],
                        "replacement": data.get(f"replacement_{i}", False),
                    }
                )
        return {
            "introducers": introducers,
            "application_on": data["application_on"],
            "union_resolution": data.get("union_resolution") or "",
            "union_resolution_number": data.get("union_resolution_number") or "",
            "union_resolution_on": data.get("union_resolution_on"),
        }


class VoteForm(ActionForm):
    vote_on = forms.DateField(label=_("Branch resolution date"))
    vote_yes = forms.IntegerField(label=_("Official members voting in favour"), min_value=0)
    over_age_approval = forms.CharField(
        label=_("Approval to admit above the age limit"),
        max_length=255,
        required=False,
        help_text=_(
            "Only for a candidate above the age limit of the rule profile (R2.1): the "
            "approving committee's decision."
        ),
    )


class DecisionForm(ActionForm):
    number = forms.CharField(label=_("Decision number"), max_length=64)
    signed_on = forms.DateField(label=_("Signed on"))
    received_on = forms.DateField(
        label=_("Received by the branch on"),
        required=False,
        help_text=_("The ceremony deadline counts from this day; empty means the signing day."),
    )
    body = forms.CharField(
        label=_("Issuing body"),
        max_length=255,
        required=False,
        help_text=_("Empty means the authorized committee's name."),
    )


class CeremonyForm(ActionForm):
    ceremony_on = forms.DateField(label=_("Admission ceremony"))
    consent = forms.CharField(
        label=_("Superior committee's consent to a late ceremony"),
        max_length=255,
        required=False,
    )
    mentor = MemberChoiceField(
        label=_("Mentoring member"), queryset=Member.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = _member_choices(self.candidate)


class RecognitionForm(ActionForm):
    resolution_on = forms.DateField(label=_("Branch resolution date"))
    yes_votes = forms.IntegerField(
        label=_("Official members voting in favour"), min_value=0, required=False
    )
    decision_number = PartyNumberField(label=_("Decision number"), kinds=("QĐ",))
    decision_date = forms.DateField(label=_("Decision date"))
    decision_body = forms.CharField(
        label=_("Issuing body"),
        max_length=255,
        required=False,
        help_text=_("Empty means the authorized committee's name."),
    )


class NotRecognizedForm(RecognitionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class FailedVoteForm(ActionForm):
    vote_on = forms.DateField(label=_("Branch resolution date"))
    yes_votes = forms.IntegerField(label=_("Official members voting in favour"), min_value=0)


class WithdrawForm(ActionForm):
    on = forms.DateField(label=_("Date"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class TargetForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Party organization"), queryset=Organization.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    target = forms.IntegerField(label=_("Members to admit"), min_value=0)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, organizations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class StatisticsForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
