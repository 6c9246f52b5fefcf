"""Refusals with nothing written, the stage machine, the step log, targets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.admissions import services
from dangvu.admissions.choices import Action, Stage
from dangvu.admissions.models import AdmissionTarget, AppendOnlyError, Candidate, CandidateStep
from dangvu.core.services import StaleVersion
from tests.admissions.conftest import codes, counts, person, walk

pytestmark = pytest.mark.django_db
D = dt.date


def snapshot(candidate):
    return counts(), Candidate.objects.filter(pk=candidate.pk).values().get()


def test_every_step_writes_one_log_line_with_who_when_and_from_to(world):
    candidate = walk(world, Stage.RECOGNIZED)
    steps = list(candidate.steps.order_by("occurred_on", "id"))
    assert [s.action for s in steps] == [
        Action.INTRODUCED,
        Action.COURSE,
        Action.INTRODUCERS,
        Action.VOTE,
        Action.DECISION,
        Action.CEREMONY,
        Action.RECOGNIZED,
    ]
    assert [(s.from_stage, s.to_stage) for s in steps][3] == (Stage.INTRODUCERS, Stage.VOTED)
    assert all(s.recorded_by == world.users.grassroots_a for s in steps)
    with pytest.raises(AppendOnlyError):
        steps[0].save()


def test_a_step_out_of_order_is_refused(world):
    candidate = walk(world, Stage.INTRODUCED)
    before = snapshot(candidate)
    with pytest.raises(ValidationError) as exc:
        services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2
        )
    assert codes(exc.value)["__all__"] == {"wrong_stage"}
    assert snapshot(candidate) == before


@pytest.mark.parametrize(
    ("step", "field"),
    [
        ("course_dates", "ends_on"),
        ("issued_before_course", "issued_on"),
        ("vote_before_application", "vote_on"),
        ("decision_before_vote", "signed_on"),
        ("received_before_signed", "received_on"),
        ("ceremony_before_decision", "ceremony_on"),
        ("future_vote", "vote_on"),
    ],
)
def test_dates_in_the_wrong_order_are_refused_and_nothing_is_written(world, step, field):
    user = world.users.grassroots_a
    stage = {
        "course_dates": Stage.INTRODUCED,
        "issued_before_course": Stage.INTRODUCED,
        "vote_before_application": Stage.INTRODUCERS,
        "future_vote": Stage.INTRODUCERS,
        "decision_before_vote": Stage.VOTED,
        "received_before_signed": Stage.VOTED,
        "ceremony_before_decision": Stage.DECIDED,
    }[step]
    candidate = walk(world, stage)
    course = {"course_name": "Lớp 1", "organizer": "Trung tâm", "number": "CN-9"}
    calls = {
        "course_dates": lambda: services.record_course(
            user=user,
            candidate=candidate,
            issued_on=D(2024, 3, 1),
            starts_on=D(2024, 2, 25),
            ends_on=D(2024, 2, 20),
            **course,
        ),
        "issued_before_course": lambda: services.record_course(
            user=user,
            candidate=candidate,
            issued_on=D(2024, 2, 1),
            starts_on=D(2024, 2, 20),
            ends_on=D(2024, 2, 25),
            **course,
        ),
        "vote_before_application": lambda: services.record_vote(
            user=user, candidate=candidate, vote_on=D(2024, 3, 29), vote_yes=2
        ),
        "future_vote": lambda: services.record_vote(
            user=user, candidate=candidate, vote_on=D(2999, 1, 1), vote_yes=2
        ),
        "decision_before_vote": lambda: services.decide_admission(
            user=user, candidate=candidate, number="1", signed_on=D(2024, 5, 1)
        ),
        "received_before_signed": lambda: services.decide_admission(
            user=user,
            candidate=candidate,
            number="1",
            signed_on=D(2024, 5, 20),
            received_on=D(2024, 5, 19),
        ),
        "ceremony_before_decision": lambda: services.hold_ceremony(
            user=user, candidate=candidate, ceremony_on=D(2024, 5, 19)
        ),
    }
    before = snapshot(candidate)
    with pytest.raises(ValidationError) as exc:
        calls[step]()
    assert field in exc.value.message_dict, exc.value.message_dict
    assert snapshot(candidate) == before


def test_only_managers_of_the_branch_take_its_steps(world):
    with pytest.raises(PermissionDenied):
        services.create_candidate(user=world.users.officer_b, data=person(world))
    with pytest.raises(PermissionDenied):
        services.create_candidate(user=world.users.inspector, data=person(world))
    candidate = walk(world, Stage.INTRODUCED, user=world.users.secretary_a1)
    before = snapshot(candidate)
    with pytest.raises(PermissionDenied):
        services.withdraw(
            user=world.users.officer_b, candidate=candidate, on=D(2024, 2, 1), reason="x"
        )
    assert snapshot(candidate) == before


def test_a_candidate_is_considered_by_a_branch(world):
    with pytest.raises(ValidationError) as exc:
        services.create_candidate(
            user=world.users.grassroots_a, data=person(world, organization=world.base_a)
        )
    assert "organization" in exc.value.message_dict


def test_the_citizen_id_is_checked_like_a_members(world):
    for bad in ("12345", "999200012345", "001300012345"):  # format, province, gender/year
        with pytest.raises(ValidationError) as exc:
            services.create_candidate(
                user=world.users.grassroots_a, data=person(world, citizen_id=bad)
            )
        assert "citizen_id" in exc.value.message_dict
    candidate = services.create_candidate(
        user=world.users.grassroots_a, data=person(world, citizen_id="001 200 012 345")
    )
    assert candidate.citizen_id == "001200012345"


def test_one_open_file_per_person_and_not_an_existing_member(world):
    walk(world, Stage.INTRODUCED)
    with pytest.raises(ValidationError) as exc:
        services.create_candidate(user=world.users.grassroots_a, data=person(world))
    assert codes(exc.value)["citizen_id"] == {"already_candidate"}
    with pytest.raises(ValidationError) as exc:
        services.create_candidate(
            user=world.users.grassroots_a,
            data=person(world, citizen_id=world.duc.citizen_id, birth_date=world.duc.birth_date),
        )
    assert codes(exc.value)["citizen_id"] == {"already_member"}


def test_withdraw_closes_an_open_file(world):
    candidate = walk(world, Stage.TRAINED)
    candidate = services.withdraw(
        user=world.users.secretary_a1, candidate=candidate, on=D(2024, 3, 10), reason="Chuyển đi"
    )
    assert candidate.stage == Stage.WITHDRAWN
    assert candidate.steps.filter(action=Action.WITHDRAWN).get().note == "Chuyển đi"
    with pytest.raises(ValidationError):
        services.record_course(
            user=world.users.secretary_a1,
            candidate=candidate,
            number="2",
            issued_on=D(2024, 4, 1),
            course_name="x",
            organizer="y",
            starts_on=D(2024, 3, 1),
            ends_on=D(2024, 3, 5),
        )


def test_editing_the_person_checks_the_version(world):
    candidate = walk(world, Stage.INTRODUCED)
    updated = services.update_candidate(
        user=world.users.secretary_a1,
        candidate=candidate,
        data={"phone": "0912345678"},
        expected_version=candidate.version,
    )
    assert updated.phone == "0912345678" and updated.version == candidate.version + 1
    with pytest.raises(StaleVersion):
        services.update_candidate(
            user=world.users.secretary_a1,
            candidate=candidate,
            data={"phone": "0900000000"},
            expected_version=candidate.version,
        )


def test_targets_are_set_by_managers_and_replaced_per_year(world):
    target = services.set_target(
        user=world.users.officer_a, organization=world.base_a, year=2025, target=10
    )
    again = services.set_target(
        user=world.users.officer_a, organization=world.base_a, year=2025, target=12
    )
    assert again.pk == target.pk and AdmissionTarget.objects.get().target == 12
    with pytest.raises(PermissionDenied):
        services.set_target(
            user=world.users.officer_b, organization=world.base_a, year=2025, target=1
        )
    with pytest.raises(ValidationError):
        services.set_target(
            user=world.users.officer_a, organization=world.base_a, year=1900, target=1
        )


def test_steps_are_append_only(world):
    candidate = walk(world, Stage.INTRODUCED)
    step = CandidateStep.objects.get(candidate=candidate)
    with pytest.raises(AppendOnlyError):
        step.delete()
