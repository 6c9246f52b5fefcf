"""Helpers for member development tests: a candidate walked to any stage with valid data.

The fixed cast (tests/conftest.py): branch_a1 (Chi bộ thôn Đông) has two official members
since 2006, Đức and Hoa; base_a (may_admit) decides its admissions, so `grassroots_a` (coso_a)
both manages the branch and decides.
"""

from __future__ import annotations

import datetime as dt

from dangvu.admissions import services
from dangvu.admissions.choices import IntroducedBy, Stage
from dangvu.admissions.models import Candidate
from dangvu.members.choices import Status
from dangvu.members.models import Member
from tests.factories import MemberFactory

D = dt.date
ORDER = [
    Stage.INTRODUCED,
    Stage.TRAINED,
    Stage.INTRODUCERS,
    Stage.VOTED,
    Stage.DECIDED,
    Stage.ADMITTED,
    Stage.RECOGNIZED,
]


def person(world, **overrides) -> dict:
    data = {
        "full_name": "Đỗ Văn Tiến",
        "birth_date": D(2000, 3, 10),
        "gender": "male",
        "ethnicity": "Kinh",
        "religion": "none",
        "citizen_id": "001200012345",
        "general_education": "12/12",
        "occupation": "farmer",
        "residence": "thôn Đông, xã An Bình",
        "organization": world.branch_a1,
        "introduced_by": IntroducedBy.YOUTH_UNION,
        "introduced_on": D(2024, 1, 10),
    }
    data.update(overrides)
    return data


def walk(world, stage: str = Stage.INTRODUCED, user=None, candidate=None, **overrides):
    """Create a candidate (or continue one) and take every step up to `stage`."""
    user = user or world.users.grassroots_a
    if candidate is None:
        candidate = services.create_candidate(user=user, data=person(world, **overrides))
    target = ORDER.index(stage)
    if ORDER.index(candidate.stage) < 1 <= target:
        services.record_course(
            user=user,
            candidate=candidate,
            number="CN-001",
            issued_on=D(2024, 3, 1),
            course_name="Lớp bồi dưỡng nhận thức về Đảng khóa 1/2024",
            organizer="Trung tâm chính trị xã An Bình",
            starts_on=D(2024, 2, 20),
            ends_on=D(2024, 2, 25),
        )
    candidate.refresh_from_db()
    if ORDER.index(candidate.stage) < 2 <= target:
        services.assign_introducers(
            user=user,
            candidate=candidate,
            introducers=[
                {"member": member, "known_since": D(2023, 1, 1), "introduced_on": D(2024, 4, 1)}
                for member in Member.objects.filter(
                    organization=candidate.organization, status=Status.OFFICIAL
                ).order_by("pk")[:2]
            ],
            application_on=D(2024, 4, 1),
        )
    candidate.refresh_from_db()
    if ORDER.index(candidate.stage) < 3 <= target:
        services.record_vote(user=user, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2)
    candidate.refresh_from_db()
    if ORDER.index(candidate.stage) < 4 <= target:
        services.decide_admission(
            user=user, candidate=candidate, number="101-QĐ/ĐU", signed_on=D(2024, 5, 20)
        )
    candidate.refresh_from_db()
    if ORDER.index(candidate.stage) < 5 <= target:
        services.hold_ceremony(user=user, candidate=candidate, ceremony_on=D(2024, 6, 3))
    candidate.refresh_from_db()
    if ORDER.index(candidate.stage) < 6 <= target:
        services.recognize(
            user=user,
            candidate=candidate,
            resolution_on=D(2025, 6, 10),
            yes_votes=2,
            decision_number="55-QĐ/ĐU",
            decision_date=D(2025, 6, 20),
        )
    candidate.refresh_from_db()
    return candidate


def codes(error) -> dict[str, set[str]]:
    """{field: {codes}} of a service's ValidationError (messages are translated; codes are not)."""
    return {field: {e.code for e in errors} for field, errors in error.error_dict.items()}


def add_officials(branch, count: int, **fields) -> list:
    return [MemberFactory(organization=branch, **fields) for _ in range(count)]


def counts() -> tuple:
    """Row counts of everything an admission step may write."""
    from dangvu.admissions.models import (
        AdmissionDecision,
        CandidateStep,
        Certificate,
        Course,
        Introduction,
        Recognition,
    )
    from dangvu.members.models import MemberEvent, Placement

    return tuple(
        m.objects.count()
        for m in (
            Candidate,
            CandidateStep,
            Certificate,
            Course,
            Introduction,
            AdmissionDecision,
            Recognition,
            Member,
            MemberEvent,
            Placement,
        )
    )
