"""Forms of the evaluation steps. They only read input; every rule is checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import parse_id
from dangvu.core.forms import BootstrapFormMixin, PartyNumberField, bootstrap_form
from dangvu.organizations.models import Organization

from . import rules
from .choices import Framework, Rating
from .services.base import OPENING_KINDS

RATING_CHOICES = [("", "—"), *Rating.choices]


class CycleForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    year = forms.IntegerField(label=_("Year reviewed"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    self_from = forms.DateField(label=_("Self-assessment from"))
    self_until = forms.DateField(label=_("Self-assessment until"))
    propose_until = forms.DateField(label=_("Branch proposals until"))
    decide_until = forms.DateField(label=_("Decisions until"))

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        qs = Organization.objects.visible_to(user).filter(
            kind__in=OPENING_KINDS, dissolved_on__isnull=True
        )
        self.fields["organization"].queryset = qs.order_by("path")
        if user is not None and user.organization_id:
            self.fields["organization"].initial = user.organization_id
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        bootstrap_form(self)


class PointsField(forms.DecimalField):
    """Points typed as 7,5 or 7.5 (never a thousands separator: at most 70)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class SelfAssessmentForm(BootstrapFormMixin, forms.Form):
    """R4.3: one box per criterion of the framework, the conditions, or the level alone in
    the years before QĐ 366 (`uses_points` False)."""

    self_text = forms.CharField(
        label=_("Self-assessment (strengths, limitations, commitments)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, framework: str, uses_points: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.framework, self.uses_points = framework, uses_points
        self.criteria = rules.CRITERIA[Framework(framework)] if uses_points else ()
        self.condition_keys = rules.conditions_for(framework) if uses_points else ()
        for criterion in self.criteria:
            self.fields[f"score_{criterion.key}"] = PointsField(
                label=criterion.label,
                min_value=0,
                max_value=criterion.max_points,
                decimal_places=1,
                max_digits=4,
                help_text=_("out of %(max)s") % {"max": criterion.max_points},
                widget=forms.NumberInput(
                    attrs={"step": "0.5", "inputmode": "decimal", "data-part": criterion.part}
                ),
            )
        for key in self.condition_keys:
            self.fields[f"cond_{key}"] = forms.BooleanField(
                label=rules.CONDITIONS[key], required=False
            )
        if not uses_points:
            self.fields["self_rating"] = forms.ChoiceField(
                label=_("Level you propose for yourself"), choices=RATING_CHOICES
            )
        self.order_fields(
            [
                *(f"score_{c.key}" for c in self.criteria),
                *(f"cond_{k}" for k in self.condition_keys),
                "self_rating",
                "self_text",
            ]
        )
        bootstrap_form(self)

    def general_fields(self):
        return [self[f"score_{c.key}"] for c in self.criteria if c.part == rules.GENERAL]

    def task_fields(self):
        return [self[f"score_{c.key}"] for c in self.criteria if c.part == rules.TASKS]

    def condition_fields(self):
        return [self[f"cond_{k}"] for k in self.condition_keys]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "scores": {c.key: data.get(f"score_{c.key}") for c in self.criteria},
            "conditions": {k: data.get(f"cond_{k}", False) for k in self.condition_keys},
            "rating": data.get("self_rating") or None,
            "text": data.get("self_text", ""),
        }


class DecideForm(BootstrapFormMixin, forms.Form):
    rating = forms.ChoiceField(label=_("Level"), choices=RATING_CHOICES)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision_number = PartyNumberField(label=_("Decision number"), required=False, kinds=("QĐ",))


class ProposeOneForm(BootstrapFormMixin, forms.Form):
    rating = forms.ChoiceField(label=_("Level"), choices=RATING_CHOICES)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)


class ReopenForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is this level reopened?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BulkForm(BootstrapFormMixin, forms.Form):
    """The fields shared by a whole list; one level per row (`<prefix><id>` selects) is read
    by `bulk_choices` for each prefix of `allowed` ({"m": member row ids open to the step,
    "o": organization row ids}) into `chosen[prefix]`."""

    decision_number = PartyNumberField(label=_("Decision number"), required=False, kinds=("QĐ",))

    def __init__(self, *args, allowed: dict[str, set[int]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.allowed = allowed or {}
        self.chosen: dict[str, dict[int, tuple[str, str]]] = {}

    def clean(self):
        cleaned = super().clean()
        errors: list = []
        for prefix, ids in self.allowed.items():
            self.chosen[prefix], found = bulk_choices(self.data, prefix, ids)
            errors += found
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class DraftForm(BulkForm):
    """The committee's draft on the decision page (issue 14): `<prefix><id>` selects, where
    "—" clears a row's draft; `chosen[prefix]` is {row id: level or ""}."""

    decision_number = None

    def clean(self):
        errors: list = []
        for prefix, ids in self.allowed.items():
            found, problems = bulk_choices(self.data, prefix, ids, keep_empty=True)
            self.chosen[prefix] = {pk: level for pk, (level, _reason) in found.items()}
            errors += problems
        if errors:
            raise forms.ValidationError(errors)
        return self.cleaned_data


class AcceptForm(forms.Form):
    """ "Accept the proposals": of one branch (`branch`, an organization id) or of all."""

    branch = forms.IntegerField(required=False, min_value=1)


class ProposalsForm(BulkForm):
    """A branch's proposals: the levels only."""

    decision_number = None


def bulk_choices(
    data, prefix: str, allowed: set[int], keep_empty: bool = False
) -> tuple[dict[int, tuple[str, str]], list]:
    """Read `<prefix><id>` selects of a list page: rows left empty are skipped (kept as "" with
    `keep_empty`); an id not on the page or a level outside the four is an error (shown,
    nothing written)."""
    chosen: dict[int, tuple[str, str]] = {}
    errors = []
    for key, value in data.items():
        pk = parse_id(key[len(prefix) :]) if key.startswith(prefix) else None
        if pk is None:
            continue
        if not value and not keep_empty:
            continue
        if pk not in allowed:
            errors.append(_("A row of the list is no longer open to this step."))
            continue
        if value and value not in Rating.values:
            errors.append(_("Choose one of the four levels."))
            continue
        chosen[pk] = (value, "")
    return chosen, errors


class EmptyForm(forms.Form):
    """A confirmation page's form: nothing to fill in."""
