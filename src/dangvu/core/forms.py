"""Form bricks shared by every app: Bootstrap classes, dd/mm/yyyy dates, rule-profile forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Holiday
from .rule_defaults import all_defaults
from .text import nfc, validate_visible


class VnDateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: what offices type, and it works on every phone keyboard.

    The accepted formats come from the vi formats module (DATE_INPUT_FORMATS).
    """

    def __init__(self, attrs: dict | None = None) -> None:
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class PartyNumberField(forms.CharField):
    """A party document's number and symbol typed by hand ("12-QĐ/ĐU"): checked against
    R14.7/R14.8 and written the party's way ("Số 9-qđ/đu" → "09-QĐ/ĐU")."""

    def __init__(self, *, kinds: tuple[str, ...] = (), **kwargs) -> None:
        self.kinds = kinds
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("help_text", _("e.g. 12-QĐ/ĐU: number, hyphen, kind, slash, issuer"))
        super().__init__(**kwargs)

    def clean(self, value):
        from .documents.format import normalize_number

        value = super().clean(value)
        return normalize_number(value, self.kinds) if value else value


def bootstrap_form(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget Bootstrap's class; date fields get the dd/mm/yyyy text box."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and type(field.widget) is forms.DateInput:
            field.widget = VnDateInput(attrs=field.widget.attrs)
            field.widget.is_required = field.required
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "").split()
        if css not in classes:
            widget.attrs["class"] = " ".join([*classes, css])
    return form


def mark_invalid(form: forms.BaseForm) -> None:
    """Add Bootstrap's is-invalid to fields with errors (after validation)."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            classes = widget.attrs.get("class", "").split()
            if "is-invalid" not in classes:
                widget.attrs["class"] = " ".join([*classes, "is-invalid"])


def _is_line_field(field: forms.Field) -> bool:
    """A one-line text box: a name, a code, a number written as text, an identifier."""
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput
    )


class TextHygieneMixin:
    """Every text a form receives is NFC (a name typed in NFD is stored NFC), and one-line
    text fields refuse zero-width and bidi control characters with a Vietnamese message.
    Passwords are left exactly as typed."""

    def full_clean(self) -> None:
        if self.is_bound:
            self.data = self._nfc_data()
        for field in self.fields.values():
            if _is_line_field(field) and validate_visible not in field.validators:
                field.validators.append(validate_visible)
        super().full_clean()

    def _nfc_data(self):
        keep = {
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        }
        data = self.data.copy()  # a QueryDict's copy is mutable
        if isinstance(data, QueryDict):
            for key, values in data.lists():
                if key not in keep:
                    data.setlist(key, [nfc(v) if isinstance(v, str) else v for v in values])
        else:
            for key, value in data.items():
                if key not in keep and isinstance(value, str):
                    data[key] = nfc(value)
        return data


class BootstrapFormMixin(TextHygieneMixin):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_form(self)

    def full_clean(self) -> None:
        super().full_clean()
        mark_invalid(self)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it,
    otherwise at the top of the form (never a 500 for a field the form does not show)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            form.add_error(target, errors)
    else:
        form.add_error(None, error)
    mark_invalid(form)


def _field_name(key: str) -> str:
    # Dots are awkward in HTML ids and CSS selectors.
    return key.replace(".", "__")


class RuleProfileForm(BootstrapFormMixin, forms.Form):
    """One field per rule default (typed from the default's value), a start date and a reason."""

    valid_from = forms.DateField(label=_("Valid from"))
    note = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        help_text=_("For example the regulation that changed the numbers."),
    )

    def __init__(self, *args, current: dict[str, Any] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = current or {}
        self.rule_fields: list[str] = []
        for default in all_defaults():
            name = _field_name(default.key)
            value = current.get(default.key, default.value)
            if default.choices is not None:
                self.fields[name] = self._choice_field_for(default, value)
            else:
                self.fields[name] = self._field_for(default.value, default.label, value)
            # The rule id is a reference (a code, not words); the regulation is read.
            self.fields[name].help_text = format_html(
                '<span translate="no">{}</span> · {}', default.rule, default.source
            )
            self.rule_fields.append(name)
        self.fields["valid_from"].initial = timezone.localdate()
        # Keep the date and the reason after the rule fields.
        self.order_fields([*self.rule_fields, "valid_from", "note"])
        bootstrap_form(self)

    @staticmethod
    def _choice_field_for(default: Any, initial: Any) -> forms.Field:
        """A code (or a list of codes) offered by its labels: the administrator never types one."""
        choices = [(code, label) for code, label in default.choices.items()]
        if isinstance(default.value, list | tuple):
            return forms.MultipleChoiceField(
                label=default.label,
                choices=choices,
                initial=list(initial),
                required=False,
                widget=forms.SelectMultiple,
            )
        return forms.ChoiceField(label=default.label, choices=choices, initial=initial)

    @staticmethod
    def _field_for(default_value: Any, label: Any, initial: Any) -> forms.Field:
        if isinstance(default_value, bool):
            return forms.BooleanField(label=label, required=False, initial=initial)
        if isinstance(default_value, int):
            return forms.IntegerField(label=label, min_value=0, initial=initial)
        if isinstance(default_value, float):
            return forms.FloatField(label=label, min_value=0, initial=initial)
        if isinstance(default_value, list | tuple):
            return forms.CharField(
                label=label,
                initial=", ".join(str(v) for v in initial),
                help_text=_("Separate values with commas."),
            )
        return forms.CharField(label=label, initial=initial)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for default in all_defaults():
            name = _field_name(default.key)
            if name not in cleaned or not isinstance(default.value, list | tuple):
                continue
            if default.choices is not None:  # already a list of codes
                cleaned[name] = list(cleaned[name])
                continue
            items = [item.strip() for item in cleaned[name].split(",") if item.strip()]
            if default.value and all(isinstance(v, int) for v in default.value):
                try:
                    items = [int(item) for item in items]
                except ValueError:
                    self.add_error(name, _("Enter whole numbers separated by commas."))
                    continue
            cleaned[name] = items
        return cleaned

    def rule_values(self) -> dict[str, Any]:
        return {d.key: self.cleaned_data[_field_name(d.key)] for d in all_defaults()}

    def rule_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.rule_fields]


class HolidayForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name", "working"]
