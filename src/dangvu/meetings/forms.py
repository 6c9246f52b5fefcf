"""Meeting forms. Writes go through meetings.services; these only shape the input (phone-first:
a date box and native time pickers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import parse_id
from dangvu.core.forms import BootstrapFormMixin, bootstrap_form
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .choices import ENTERED_CRITERIA, MeetingKind
from .models import Meeting


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def combine(day: dt.date, time: dt.time | None) -> dt.datetime | None:
    if time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time))


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return obj.full_name


class MeetingForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    topic = forms.CharField(
        label=_("Topic"),
        max_length=255,
        required=False,
        help_text=_("Required for a thematic meeting."),
    )
    date = forms.DateField(label=_("Date"))
    start = forms.TimeField(label=_("Start"), widget=TimeInput)
    end = forms.TimeField(label=_("Planned end"), widget=TimeInput, required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # R3.1: shown once the service warns of a second regular meeting in the month.
    confirm_second = forms.BooleanField(
        label=_("I still want to schedule it"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, branches=None, **kwargs) -> None:
        """`branches`: the branches to choose from, when the page is not about one."""
        super().__init__(*args, **kwargs)
        if branches is not None:
            self.fields["organization"] = forms.ModelChoiceField(
                label=_("Branch"), queryset=branches
            )
            self.order_fields(["organization"])
            bootstrap_form(self)
        if self.is_bound and self.data.get("confirm_second") not in (None, "", "False"):
            self.ask_confirmation()  # ticked once: keep showing the box

    def ask_confirmation(self) -> None:
        """Show the R3.1 checkbox (the service refused a second regular meeting)."""
        invalid = " is-invalid" if self._errors and "confirm_second" in self._errors else ""
        self.fields["confirm_second"].widget = forms.CheckboxInput(
            attrs={"class": "form-check-input" + invalid}
        )

    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirm_second"))

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.scheduled_at)
        end = timezone.localtime(meeting.planned_end_at) if meeting.planned_end_at else None
        return {
            "kind": meeting.kind,
            "topic": meeting.topic,
            "date": start.date(),
            "start": start.time(),
            "end": end.time() if end else None,
            "place": meeting.place,
            "agenda": meeting.agenda,
            "version": meeting.version,
        }

    def meeting_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "topic": data["topic"],
            "scheduled_at": combine(data["date"], data["start"]),
            "planned_end_at": combine(data["date"], data.get("end")),
            "place": data["place"],
            "agenda": data["agenda"],
        }


class DocumentForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"))


class ApologyForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(forms.Form):
    """A button's POST (notice, cancel, remove): nothing to fill in; the meeting's version when
    the page sent one."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def expected_version(self) -> int | None:
        form = VersionForm(self.data)
        return form.cleaned_data["version"] if form.is_valid() else None


class RollCallForm(forms.Form):
    """The whole roll call as posted (`state_<member id>`, `reason_<member id>`, `version`) for
    the members on it; the marks go to the service as typed (it validates them)."""

    def __init__(self, *args, member_ids=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.member_ids = list(member_ids)

    def entries(self) -> dict[int, tuple[str, str]]:
        return {
            pk: (self.data.get(f"state_{pk}", ""), self.data.get(f"reason_{pk}", ""))
            for pk in self.member_ids
        }

    def expected_version(self) -> int | None:
        return parse_id(self.data.get("version"))


class RollCallRowForm(forms.Form):
    """One tap: `member` and its `state_<id>` (or `state`) and `reason_<id>` (or `reason`; none
    keeps the recorded reason)."""

    def clean(self) -> dict[str, Any]:
        if self.member_id() is None:
            raise forms.ValidationError(_("Choose a member."))
        return super().clean()

    def member_id(self) -> int | None:
        return parse_id(self.data.get("member"))

    def mark(self) -> dict[str, Any]:
        pk, data = self.member_id(), self.data
        return {
            "member_id": pk,
            "state": data.get(f"state_{pk}", data.get("state", "")),
            "reason": data.get(f"reason_{pk}", data.get("reason")),
        }


class MinutesForm(BootstrapFormMixin, forms.Form):
    """Times, chair and minute taker, one block per agenda item, conclusions, and what of
    earlier meetings was reviewed (R3.7, R3.8)."""

    start = forms.TimeField(label=_("Actual start"), widget=TimeInput)
    end = forms.TimeField(label=_("Actual end"), widget=TimeInput)
    chair = MemberChoiceField(label=_("Chair"), queryset=Member.objects.none(), required=False)
    minute_taker = MemberChoiceField(
        label=_("Minute taker"), queryset=Member.objects.none(), required=False
    )
    guests = forms.CharField(label=_("Guests"), max_length=500, required=False)
    conclusions = forms.CharField(
        label=_("Conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reviewed_resolutions = forms.MultipleChoiceField(
        label=_("Resolutions of earlier meetings reviewed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reviewed_tasks = forms.MultipleChoiceField(
        label=_("Tasks reviewed"), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting: Meeting, members, resolutions, tasks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["chair"].queryset = members
        self.fields["minute_taker"].queryset = members
        self.fields["reviewed_resolutions"].choices = [(str(r.pk), r.title) for r in resolutions]
        self.fields["reviewed_tasks"].choices = [(str(t.pk), t.title) for t in tasks]
        recorded = {item.get("item"): item for item in meeting.minutes_items or []}
        self.item_blocks = []
        for index, item in enumerate(meeting.agenda_items or [_("Meeting contents")]):
            names = {}
            old = recorded.get(str(item), {})
            for key, field in (
                ("content", forms.CharField(label=_("Contents"), required=False,
                                            widget=forms.Textarea(attrs={"rows": 3}))),
                ("opinions", forms.CharField(label=_("Opinions"), required=False,
                                             widget=forms.Textarea(attrs={"rows": 2}))),
                ("for", forms.IntegerField(label=_("For"), required=False, min_value=0)),
                ("against", forms.IntegerField(label=_("Against"), required=False, min_value=0)),
                ("abstain", forms.IntegerField(label=_("Abstain"), required=False, min_value=0)),
            ):  # fmt: skip
                name = f"item{index}_{key}"
                field.initial = old.get(key)
                self.fields[name] = field
                names[key] = name
            self.item_blocks.append((str(item), names))
        self.order_fields(["start", "end", "chair", "minute_taker", "guests"])
        bootstrap_form(self)

    @classmethod
    def initial_for(cls, meeting: Meeting, reviewed: tuple[list[str], list[str]]) -> dict:
        """The form as the minutes stand (`reviewed`: the ids marked reviewed there)."""
        start = timezone.localtime(meeting.started_at or meeting.scheduled_at)
        end = meeting.ended_at or meeting.planned_end_at
        return {
            "start": start.time(),
            "end": timezone.localtime(end).time() if end else None,
            "chair": meeting.chair_id,
            "minute_taker": meeting.minute_taker_id,
            "guests": meeting.guests,
            "conclusions": meeting.conclusions,
            "reviewed_resolutions": reviewed[0],
            "reviewed_tasks": reviewed[1],
            "version": meeting.version,
        }

    def blocks(self):
        for item, names in self.item_blocks:
            yield (
                item,
                [self[names[k]] for k in ("content", "opinions")],
                [self[names[k]] for k in ("for", "against", "abstain")],
            )

    def minutes_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "started_at": combine(self.meeting.date, data["start"]),
            "ended_at": combine(self.meeting.date, data["end"]),
            "chair": data.get("chair"),
            "minute_taker": data.get("minute_taker"),
            "guests": data.get("guests", ""),
            "conclusions": data.get("conclusions", ""),
            "items": [
                {"item": item, **{key: data.get(name) for key, name in names.items()}}
                for item, names in self.item_blocks
            ],
            "reviewed_resolutions": [int(pk) for pk in data.get("reviewed_resolutions", [])],
            "reviewed_tasks": [int(pk) for pk in data.get("reviewed_tasks", [])],
        }


class ResolutionForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(label=_("Number"), max_length=64, required=False)
    title = forms.CharField(label=_("Title"), max_length=255)
    content = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    votes_for = forms.IntegerField(label=_("Votes for"), required=False, min_value=0)
    votes_against = forms.IntegerField(label=_("Votes against"), required=False, min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), required=False, min_value=0)


class TaskForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Task"), max_length=255)
    assignee = MemberChoiceField(
        label=_("Assigned to"), queryset=Member.objects.none(), required=False
    )
    group = forms.CharField(
        label=_("or to a group"),
        max_length=255,
        required=False,
        help_text=_("e.g. the branch committee, the party group of hamlet 2"),
    )
    due_on = forms.DateField(label=_("Due on"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, members=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["assignee"].queryset = members


class DoneForm(BootstrapFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"))


class VisitForm(BootstrapFormMixin, forms.Form):
    member = MemberChoiceField(
        label=_("Higher-level committee member"),
        queryset=Member.objects.none(),
        help_text=_("Members of a committee above the branch on the meeting date."),
    )

    def __init__(self, *args, candidates=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["member"].queryset = candidates


class ScoreForm(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, weights: dict[str, int], labels: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ENTERED_CRITERIA:
            self.fields[name] = forms.IntegerField(
                label=labels[name],
                min_value=0,
                max_value=weights[name],
                help_text=_("0 to %(max)s points") % {"max": weights[name]},
            )
        bootstrap_form(self)


class DutyForm(BootstrapFormMixin, forms.Form):
    member = MemberChoiceField(label=_("Committee member"), queryset=Member.objects.none())
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Organization.objects.none())
    valid_from = forms.DateField(label=_("From"))

    def __init__(self, *args, members=None, branches=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["member"].queryset = members
        if branches is not None:
            self.fields["branch"].queryset = branches


class PeriodForm(forms.Form):
    """`?organization=&year=` or `?from=&to=` (dd/mm/yyyy)."""

    organization = forms.IntegerField(required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end is before the start."))
        elif start and end and (end - start).days > 366 * 5:
            self.add_error("date_to", _("Choose a period of at most five years."))
        return data
