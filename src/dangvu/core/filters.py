"""Filter bricks shared by every FilterSet: ids checked before any query.

A record id typed into a URL (`?member=99999999999999999999`, `?organization=-1`, `?cycle=²`)
must be a 400 or an empty list, never a 500: SQLite cannot even bind an integer above 2**63-1,
and Django's own overflow guard covers plain integer columns, not foreign keys. Every app's
FilterSet derives from `FilterSet` below, which turns a number filter on an id column into an
`IdFilter`; views reading an id from the query string use `parse_id`.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.utils import get_model_field
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

# Ids are 64-bit signed integers on every engine (BigAutoField); 0 and below never exist.
MIN_ID = 1
MAX_ID = 2**63 - 1


def parse_id(raw: Any) -> int | None:
    """The record id in `raw` (a query-string value), or None if it cannot be one: empty, not
    plain ASCII digits ("²" passes str.isdigit() but not int()), zero, negative or too big."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw if raw is not None else "").strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 19:
            return None
        value = int(text)
    return value if MIN_ID <= value <= MAX_ID else None


def parse_year(raw: Any, low: int = 1900, high: int = 2200) -> int | None:
    """The year in `raw` if it is one between `low` and `high`, else None (never an error)."""
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) != 4:
        return None
    value = int(text)
    return value if low <= value <= high else None


class IdField(forms.IntegerField):
    """A form field for a record id: a whole number from 1 to 2**63-1, checked before any
    query (narrower bounds given by the caller are kept)."""

    default_error_messages = {
        "invalid": _("Enter the record's id: a whole number."),
    }

    def __init__(self, *, min_value=None, max_value=None, **kwargs) -> None:
        min_value = MIN_ID if min_value is None else max(int(min_value), MIN_ID)
        max_value = MAX_ID if max_value is None else min(int(max_value), MAX_ID)
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        kwargs.pop("step_size", None)
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
        self.widget.attrs.pop("max", None)  # a 19-digit max attribute helps nobody

    def to_python(self, value):
        # "1.0" or "1e3" are not ids; IntegerField would accept the first.
        if isinstance(value, str) and value.strip() and not value.strip().isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """`?member=<id>`: filters on an id column with the value checked by `IdField`."""

    field_class = IdField


def is_id_field(model: type[models.Model] | None, field_name: str) -> bool:
    """Does `field_name` (possibly `a__b_id`) name a primary key or a relation's id?"""
    if model is None or not field_name:
        return False
    field = get_model_field(model, field_name)
    if field is None:
        return field_name == "id" or field_name.endswith("_id")
    return bool(
        field.primary_key
        or field.is_relation
        or isinstance(field, models.AutoField | models.BigAutoField | models.SmallAutoField)
    )


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet; a NumberFilter on an id (declared or generated from
    `Meta.fields`) reads its value with `IdField`, so no id filter can overflow a query."""

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        model = cls._meta.model
        for filter_ in filters.values():
            if (
                isinstance(filter_, django_filters.NumberFilter)
                and not issubclass(filter_.field_class, IdField)
                and is_id_field(model, filter_.field_name)
            ):
                filter_.field_class = IdField
        return filters

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            label_empty_choices(super().form)
        return self._form


def label_empty_choices(form: forms.Form) -> None:
    """A filter's empty choice reads "All" ("Tất cả"), not a row of dashes nor "Unknown".

    FILTERS_EMPTY_CHOICE_LABEL gives django-filter's choice and model selects that label; a
    filter declared with Django's own "---------" and the yes/no selects of boolean filters
    are relabelled here (the fields' choice iterators read `empty_label` when rendered)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.NullBooleanSelect):
            widget.choices = [
                (value, _("All") if value == "unknown" else label)
                for value, label in widget.choices
            ]
        elif str(getattr(field, "empty_label", None)) == "---------":
            field.empty_label = _("All")
