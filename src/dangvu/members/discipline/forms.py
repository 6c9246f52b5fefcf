"""Forms of the discipline pages. They only shape the input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import BootstrapFormMixin, PartyNumberField

from ..choices import DisciplineForm
from ..events.forms import ActionForm


class DisciplineRecordForm(ActionForm):
    form = forms.ChoiceField(label=_("Form of discipline"), choices=DisciplineForm.choices)
    reason = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 3}))
    post = forms.CharField(
        label=_("Post removed"),
        max_length=255,
        required=False,
        help_text=_("For a removal from post (cách chức)."),
    )
    decision_number = PartyNumberField(label=_("Decision number"), kinds=("QĐ", "NQ"))
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
    decision_number = PartyNumberField(label=_("Decision number"), kinds=("QĐ", "NQ"))
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
