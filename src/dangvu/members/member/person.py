"""What a party member and a candidate have in common as a person (lý lịch): the shared
validation and the derived keys written on save. Used by `members.Member` and
`admissions.Candidate`; a plain mixin (no fields), so neither model's fields change.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.text import fold, sort_key

from ..choices import Gender
from ..validators import citizen_id_matches, normalize_digits


class PersonMixin:
    """Shared `clean_fields()`, `clean()` and `save()` of a person's record.

    The model has `full_name`, `name_key`, `sort_key`, `birth_date`, `gender`, `citizen_id`,
    `organization` and `org_path`; it lists the identity numbers people type with spaces or
    dots in `digit_fields`, and adds its own date checks in `clean_dates()`.
    """

    digit_fields: tuple[str, ...] = ("citizen_id",)

    def clean_fields(self, exclude=None) -> None:
        # "001 190 123 456" and "12.345.678" are how people type them: keep the digits only,
        # before the field validators see the value (None on a nullable field).
        for name in self.digit_fields:
            digits = normalize_digits(getattr(self, name))
            setattr(self, name, digits or (None if self._meta.get_field(name).null else ""))
        super().clean_fields(exclude=exclude)

    def clean_dates(self, errors: dict[str, list], today: dt.date) -> None:
        """The model's own date checks, after the date of birth's."""

    def clean(self) -> None:
        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.birth_date and self.birth_date > today:
            errors.setdefault("birth_date", []).append(_("The date of birth is in the future."))
        self.clean_dates(errors, today)
        if (
            self.citizen_id
            and self.gender
            and not citizen_id_matches(
                self.citizen_id, self.birth_date, self.gender == Gender.FEMALE
            )
        ):
            errors.setdefault("citizen_id", []).append(
                _("The citizen ID does not match the gender and year of birth.")
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.name_key = fold(self.full_name)
        self.sort_key = sort_key(self.full_name)
        if self.organization_id and not self.org_path:
            self.org_path = self.organization.path
        super().save(*args, **kwargs)
