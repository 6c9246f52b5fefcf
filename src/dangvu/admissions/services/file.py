"""The admission file before the decision: course certificate (R2.6), introducers (R2.4,
R2.5) and the branch vote (R2.1–R2.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.organizations.models import Organization

from .. import rules
from ..choices import Action
from ..models import (
    Candidate,
    Certificate,
    Course,
    Introduction,
)
from ..queries import official_members_on
from ..rules import invalid
from ._common import (
    _d,
    _lock,
    _log,
    _not_before,
    _not_future,
    _require_step,
    _save,
)


def _course_organization(candidate: Candidate) -> Organization:
    # Courses are run for the level that decides admissions (R2.8), usually the commune's
    # political training centre; the course is filed there so the branches below share it.
    return rules.authorized_organization(candidate.organization)


@transaction.atomic
def record_course(
    *,
    user,
    candidate: Candidate,
    number: str,
    issued_on: dt.date,
    course: Course | None = None,
    course_name: str = "",
    organizer: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> Certificate:
    """Record the awareness-course certificate (R2.6); a renewal replaces an older one."""
    candidate = _lock(candidate)
    _require_step(user, candidate, Action.COURSE)
    from_stage = candidate.stage
    target = rules.target_stage(candidate, Action.COURSE)
    profile, values = rules.in_force(issued_on)
    valid_until = rules.certificate_valid_until(issued_on, values)

    def dates() -> None:
        _not_future(issued_on, "issued_on")
        if course is None:
            if not (course_name.strip() and organizer.strip() and starts_on and ends_on):
                raise invalid(
                    "course",
                    _("Choose a course, or give the new course's name, organizer and dates."),
                    "course_missing",
                )
            _not_before(ends_on, starts_on, "ends_on", _("the course's first day"))
            _not_before(issued_on, ends_on, "issued_on", _("the course's last day"))
        else:
            _not_before(issued_on, course.ends_on, "issued_on", _("the course's last day"))

    def still_valid() -> None:
        rules.check_certificate(valid_until, timezone.localdate(), field="issued_on")

    def number_given() -> None:
        if not number.strip():
            raise invalid("number", _("This field is required."), "required")

    rules.collect([dates, still_valid, number_given])
    if course is None:
        course = Course.objects.create(
            name=course_name.strip(),
            organizer=organizer.strip(),
            organization=_course_organization(candidate),
            starts_on=starts_on,
            ends_on=ends_on,
        )
    certificate = Certificate.objects.create(
        candidate=candidate,
        course=course,
        number=number.strip(),
        issued_on=issued_on,
        valid_until=valid_until,
        rule_profile=profile,
    )
    candidate.certificate_valid_until = valid_until
    fields = ["certificate_valid_until"]
    if target != candidate.stage:
        candidate.stage, candidate.stage_since = target, max(issued_on, candidate.introduced_on)
        fields += ["stage", "stage_since"]
    _save(candidate, fields)
    _log(
        candidate,
        action=Action.COURSE,
        from_stage=from_stage,
        on=issued_on,
        user=user,
        profile=profile,
        note=_("Certificate %(number)s, valid until %(date)s")
        % {"number": certificate.number, "date": _d(valid_until)},
    )
    return certificate


@transaction.atomic
def assign_introducers(
    *,
    user,
    candidate: Candidate,
    introducers: list[dict[str, Any]],
    application_on: dt.date,
    union_resolution: str = "",
    union_resolution_number: str = "",
    union_resolution_on: dt.date | None = None,
) -> list[Introduction]:
    """Two full members of the branch introduce the candidate, or one with a union executive
    committee's resolution (R2.4, R2.5). Assigning again replaces the current introducers.

    `introducers`: [{"member", "known_since", "introduced_on", "replacement"}].
    """
    candidate = _lock(candidate)
    _require_step(user, candidate, Action.INTRODUCERS)
    from_stage = candidate.stage
    target = rules.target_stage(candidate, Action.INTRODUCERS)
    profile, _values = rules.in_force(application_on or timezone.localdate())
    branch = candidate.organization
    has_resolution = bool(union_resolution)

    def count() -> None:
        rules.check_introducer_count(len(introducers), has_resolution)

    def each() -> None:
        seen = set()
        for item in introducers:
            member = item["member"]
            if member.pk in seen:
                raise invalid("introducers", _("The same introducer is named twice."), "duplicate")
            seen.add(member.pk)
            rules.check_introducer_member(member, branch)
            _not_future(item["introduced_on"], "introducers")
            _not_before(
                item["introduced_on"], item["known_since"], "introducers", _("the date they met")
            )

    def resolution() -> None:
        if has_resolution and not (union_resolution_number.strip() and union_resolution_on):
            raise invalid(
                "union_resolution_number",
                _("Give the resolution's number and date."),
                "resolution_missing",
            )
        _not_future(union_resolution_on, "union_resolution_on")

    def application() -> None:
        _not_future(application_on, "application_on")
        _not_before(application_on, candidate.birth_date, "application_on", _("the birth date"))

    rules.collect([count, each, resolution, application])
    candidate.introductions.filter(active=True).update(active=False)
    made = [
        Introduction.objects.create(
            candidate=candidate,
            member=item["member"],
            known_since=item["known_since"],
            introduced_on=item["introduced_on"],
            replacement=bool(item.get("replacement")),
        )
        for item in introducers
    ]
    candidate.application_on = application_on
    candidate.union_resolution = union_resolution if has_resolution else ""
    candidate.union_resolution_number = union_resolution_number.strip() if has_resolution else ""
    candidate.union_resolution_on = union_resolution_on if has_resolution else None
    fields = [
        "application_on",
        "union_resolution",
        "union_resolution_number",
        "union_resolution_on",
    ]
    on = max([application_on, *(i["introduced_on"] for i in introducers)])
    if target != candidate.stage:
        candidate.stage, candidate.stage_since = target, on
        fields += ["stage", "stage_since"]
    _save(candidate, fields)
    names = ", ".join(i["member"].full_name for i in introducers)
    if has_resolution:
        names += " + " + str(candidate.get_union_resolution_display())
    _log(
        candidate,
        action=Action.INTRODUCERS,
        from_stage=from_stage,
        on=on,
        user=user,
        profile=profile,
        note=names,
    )
    return made


@transaction.atomic
def record_vote(
    *,
    user,
    candidate: Candidate,
    vote_on: dt.date,
    vote_yes: int,
    over_age_approval: str = "",
) -> Candidate:
    """The branch's resolution to propose admission (R2.1–R2.6, checked on the vote date)."""
    candidate = _lock(candidate)
    _require_step(user, candidate, Action.VOTE)
    from_stage = candidate.stage
    target = rules.target_stage(candidate, Action.VOTE)
    profile, values = rules.in_force(vote_on)
    introductions = list(
        candidate.introductions.filter(active=True).select_related("member", "member__organization")
    )
    official_count = official_members_on(candidate.organization, vote_on)
    documents = {"application_on": candidate.application_on}
    if candidate.union_resolution_on:
        documents["union_resolution_on"] = candidate.union_resolution_on

    def dates() -> None:
        _not_future(vote_on, "vote_on")
        _not_before(vote_on, candidate.introduced_on, "vote_on", _("the introduction"))
        _not_before(vote_on, candidate.application_on, "vote_on", _("the application"))
        for item in introductions:
            _not_before(vote_on, item.introduced_on, "vote_on", _("an introduction letter"))

    def introducers() -> None:
        rules.check_introducer_count(len(introductions), bool(candidate.union_resolution))
        for item in introductions:
            rules.check_introducer_member(item.member, candidate.organization)
            rules.check_introducer_at_vote(item, vote_on, values)

    def letters() -> None:
        rules.check_documents_age(
            {"introducers": min((i.introduced_on for i in introductions), default=None)},
            vote_on,
            values,
        )

    rules.collect(
        [
            dates,
            lambda: rules.check_age(
                candidate.birth_date, vote_on, values, over_age_approval=over_age_approval
            ),
            lambda: rules.check_education(
                candidate.general_education, values, exception=candidate.education_exception
            ),
            lambda: rules.check_vote(vote_yes, official_count, values),
            introducers,
            lambda: rules.check_certificate(candidate.certificate_valid_until, vote_on),
            lambda: rules.check_documents_age(documents, vote_on, values),
            letters,
        ]
    )
    candidate.vote_on, candidate.vote_yes = vote_on, vote_yes
    candidate.vote_official_count = official_count
    candidate.over_age_approval = over_age_approval.strip()
    candidate.stage, candidate.stage_since = target, vote_on
    _save(
        candidate,
        ["vote_on", "vote_yes", "vote_official_count", "over_age_approval", "stage", "stage_since"],
    )
    _log(
        candidate,
        action=Action.VOTE,
        from_stage=from_stage,
        on=vote_on,
        user=user,
        profile=profile,
        note=_("%(yes)s of %(count)s official members in favour")
        % {"yes": vote_yes, "count": official_count},
    )
    return candidate
