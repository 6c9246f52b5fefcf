"""Each admission rule of rules.md §2, named after its id; §12's numbered cases as written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.admissions import rules, services
from dangvu.admissions.choices import LeavingReason, Stage
from dangvu.admissions.models import AdmissionDecision, Candidate, Recognition
from dangvu.admissions.queries import official_members_on
from dangvu.core.profiles import publish_profile
from dangvu.core.rule_defaults import default_values
from dangvu.members.choices import EventKind, Status
from dangvu.members.models import Member, MemberEvent
from tests.admissions.conftest import add_officials, codes, counts, walk
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = dt.date
VALUES = default_values()


def refused(callable_, *fields) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        callable_()
    for field in fields:
        assert field in exc.value.message_dict, exc.value.message_dict
    return exc.value


# ---- R2.1 age ---------------------------------------------------------------------------------


def test_r2_1_case_1_under_216_months_is_too_young():
    error = refused(lambda: rules.check_age(D(2006, 6, 15), D(2024, 5, 30), VALUES), "vote_on")
    assert codes(error)["vote_on"] == {"too_young"}
    rules.check_age(D(2006, 6, 15), D(2024, 7, 1), VALUES)  # 216 months: eligible


def test_r2_1_case_2_over_720_months_needs_the_central_level_committee():
    rules.check_age(D(1964, 3, 10), D(2024, 3, 20), VALUES)  # 720 months: the branch may
    refused(lambda: rules.check_age(D(1964, 3, 10), D(2024, 4, 15), VALUES), "over_age_approval")
    # recorded, not refused, once the approval is provided
    rules.check_age(
        D(1964, 3, 10), D(2024, 4, 15), VALUES, over_age_approval="QĐ 12-QĐ/TU ngày 1/4/2024"
    )


def test_r2_1_a_too_young_candidate_is_refused_at_the_vote_and_nothing_is_written(world):
    candidate = walk(world, Stage.INTRODUCERS, birth_date=D(2006, 6, 15), citizen_id="")
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 30), vote_yes=2
        )
    assert "vote_on" in exc.value.message_dict
    assert counts() == before
    candidate.refresh_from_db()
    assert candidate.stage == Stage.INTRODUCERS and candidate.vote_on is None


def test_r2_1_the_age_limit_comes_from_the_rule_profile(world):
    publish_profile(
        values={"admission.min_age_months": 240},
        valid_from=D(2020, 1, 1),
        note="test",
        user=world.users.admin,
    )
    candidate = walk(world, Stage.INTRODUCERS, birth_date=D(2005, 1, 1), citizen_id="")
    refused(
        lambda: services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2
        ),
        "vote_on",
    )


# ---- R2.2 education ---------------------------------------------------------------------------


def test_r2_2_lower_secondary_education_is_required_unless_an_exception_applies():
    rules.check_education("9/12", VALUES)
    rules.check_education("7/10", VALUES)  # the northern 10-year system
    refused(lambda: rules.check_education("8/12", VALUES), "general_education")
    rules.check_education("8/12", VALUES, exception="HD 01 §3: vùng cao")


# ---- R2.3 vote --------------------------------------------------------------------------------


def test_r2_3_case_3_two_thirds_of_the_official_members_only(world):
    branch = world.branch_a2  # already holds Lê Văn Bình, probationary
    add_officials(branch, 12)
    add_officials(
        branch,
        2,
        status=Status.PROBATIONARY,
        admitted_on=D(2024, 1, 5),
        recognized_on=None,
        status_since=D(2024, 1, 5),
    )
    on = D(2025, 10, 1)
    assert official_members_on(branch, on) == 12  # probationary members do not vote
    assert rules.votes_needed(12, VALUES) == 8
    rules.check_vote(8, 12, VALUES)
    refused(lambda: rules.check_vote(7, 12, VALUES), "vote_yes")


def test_r2_3_a_vote_below_two_thirds_is_refused_and_nothing_is_written(world):
    add_officials(world.branch_a1, 1)  # 3 official members: 2 votes are needed
    candidate = walk(world, Stage.INTRODUCERS)
    before = counts()
    error = refused(
        lambda: services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=1
        ),
        "vote_yes",
    )
    assert codes(error)["vote_yes"] == {"vote_below_two_thirds"}
    assert counts() == before


def test_r2_3_the_official_count_is_taken_on_the_vote_date(world):
    MemberFactory(
        organization=world.branch_a1, admitted_on=D(2024, 6, 1), recognized_on=D(2025, 6, 1)
    )
    assert official_members_on(world.branch_a1, D(2025, 5, 31)) == 2
    assert official_members_on(world.branch_a1, D(2025, 6, 1)) == 3


# ---- R2.4 / R2.5 introducers ------------------------------------------------------------------


def _introduce(world, candidate, introducers, **kwargs):
    return services.assign_introducers(
        user=world.users.grassroots_a,
        candidate=candidate,
        introducers=introducers,
        application_on=kwargs.pop("application_on", D(2024, 4, 1)),
        **kwargs,
    )


KNOWN, INTRODUCED = D(2023, 1, 1), D(2024, 4, 1)


def _intro(member, known=KNOWN, on=INTRODUCED, replacement=False):
    return {"member": member, "known_since": known, "introduced_on": on, "replacement": replacement}


def test_r2_4_case_4_introducer_with_the_candidate_for_12_months_by_the_vote(world):
    candidate = walk(world, Stage.TRAINED)
    _introduce(
        world,
        candidate,
        [
            _intro(world.duc, known=D(2024, 8, 1), on=D(2025, 7, 1)),
            _intro(world.hoa, on=D(2025, 7, 1)),
        ],
        application_on=D(2025, 7, 1),
    )
    candidate.refresh_from_db()
    before = counts()
    error = refused(
        lambda: services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2025, 7, 15), vote_yes=2
        ),
        "introducers",
    )
    assert codes(error)["introducers"] == {"introducer_tenure"}
    assert counts() == before
    services.record_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=D(2025, 8, 1), vote_yes=2
    )


def test_r2_4_an_introducer_from_another_branch_is_refused(world):
    candidate = walk(world, Stage.TRAINED)
    before = counts()
    error = refused(
        lambda: _introduce(world, candidate, [_intro(world.duc), _intro(world.probationer)]),
        "introducers",
    )
    assert codes(error)["introducers"] == {"introducer_other_branch"}
    assert counts() == before


def test_r2_4_a_probationary_introducer_is_refused(world):
    young = MemberFactory(
        organization=world.branch_a1,
        status=Status.PROBATIONARY,
        admitted_on=D(2025, 9, 2),
        recognized_on=None,
        status_since=D(2025, 9, 2),
    )
    candidate = walk(world, Stage.TRAINED)
    before = counts()
    error = refused(
        lambda: _introduce(world, candidate, [_intro(world.duc), _intro(young)]), "introducers"
    )
    assert codes(error)["introducers"] == {"introducer_not_official"}
    assert counts() == before
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.TRAINED


def test_r2_4_introducer_seniority_is_off_by_default_and_configurable(world):
    # R2.4 (QĐ 24-QĐ/TW §3.2.1) sets no minimum time as an official member; a province may set
    # one ([U] admission.introducer_min_official_months, default 0).
    Member.objects.filter(pk=world.hoa.pk).update(recognized_on=D(2023, 12, 1))
    world.hoa.refresh_from_db()
    assert default_values()["admission.introducer_min_official_months"] == 0
    candidate = walk(world, Stage.INTRODUCERS)
    publish_profile(
        values={"admission.introducer_min_official_months": 12},
        valid_from=D(2020, 1, 1),
        note="a province's seniority rule",
        user=world.users.admin,
    )
    error = refused(
        lambda: services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2
        ),
        "introducers",
    )
    assert codes(error)["introducers"] == {"introducer_seniority"}
    publish_profile(
        values={"admission.introducer_min_official_months": 5},
        valid_from=D(2020, 1, 2),
        note="five months",
        user=world.users.admin,
    )
    services.record_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2
    )


def test_r2_4_a_replacement_introducer_needs_no_12_months(world):
    candidate = walk(world, Stage.TRAINED)
    _introduce(
        world,
        candidate,
        [_intro(world.duc), _intro(world.hoa, known=D(2024, 3, 1), replacement=True)],
    )
    candidate.refresh_from_db()
    services.record_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2
    )


def test_r2_5_one_introducer_and_a_youth_union_resolution(world):
    candidate = walk(world, Stage.TRAINED)
    refused(lambda: _introduce(world, candidate, [_intro(world.duc)]), "introducers")
    _introduce(
        world,
        candidate,
        [_intro(world.duc)],
        union_resolution="youth_union",
        union_resolution_number="05-NQ/ĐTN",
        union_resolution_on=D(2024, 4, 2),
    )
    candidate.refresh_from_db()
    assert candidate.stage == Stage.INTRODUCERS and candidate.union_resolution == "youth_union"
    services.record_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2
    )


# ---- R2.6 certificate and documents -----------------------------------------------------------


def test_r2_6_the_certificate_is_valid_60_months():
    assert rules.certificate_valid_until(D(2024, 3, 1), VALUES) == D(2029, 3, 1)


def test_r2_6_an_expired_certificate_is_refused_at_the_vote(world):
    candidate = walk(world, Stage.INTRODUCERS)
    Candidate.objects.filter(pk=candidate.pk).update(certificate_valid_until=D(2024, 5, 1))
    candidate.refresh_from_db()
    before = counts()
    error = refused(
        lambda: services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=2
        ),
        "vote_on",
    )
    assert codes(error)["vote_on"] == {"certificate_expired"}
    assert counts() == before


def test_r2_6_an_already_expired_certificate_cannot_be_recorded(world):
    candidate = walk(world, Stage.INTRODUCED)
    before = counts()
    refused(
        lambda: services.record_course(
            user=world.users.grassroots_a,
            candidate=candidate,
            number="CN-1",
            issued_on=D(2015, 3, 1),
            course_name="Lớp 2015",
            organizer="Trung tâm",
            starts_on=D(2015, 2, 1),
            ends_on=D(2015, 2, 5),
        ),
        "issued_on",
    )
    assert counts() == before


def test_r2_6_documents_older_than_12_months_must_be_redone_before_the_vote(world):
    candidate = walk(world, Stage.INTRODUCERS)
    refused(
        lambda: services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2025, 4, 2), vote_yes=2
        ),
        "application_on",
        "introducers",
    )


# ---- R2.7 / R2.8 decision ---------------------------------------------------------------------


def test_r2_7_case_5_decision_within_60_working_days_late_is_flagged(world):
    assert rules.decision_deadline(D(2025, 10, 6), VALUES) == D(2025, 12, 29)
    candidate = walk(world, Stage.VOTED)
    # the vote was on 6/5/2024: the deadline is 60 working days later
    deadline = rules.decision_deadline(D(2024, 5, 6), VALUES)
    decision = services.decide_admission(
        user=world.users.grassroots_a,
        candidate=candidate,
        number="9-QĐ/ĐU",
        signed_on=deadline + dt.timedelta(days=3),
    )
    assert decision.late and decision.deadline == deadline


def test_r2_8_the_grassroots_committee_authorized_to_admit_decides(world):
    assert rules.authorized_organization(world.branch_a1) == world.base_a  # may_admit
    assert rules.authorized_organization(world.school_a) == world.commune_a  # chi bộ cơ sở
    assert rules.authorized_organization(world.branch_b1) == world.commune_b  # not authorized


def test_r2_8_a_user_who_does_not_manage_the_authorized_level_cannot_decide(world):
    candidate = walk(world, Stage.VOTED)
    before = counts()
    with pytest.raises(PermissionDenied):
        services.decide_admission(
            user=world.users.secretary_a1,
            candidate=candidate,
            number="1-QĐ",
            signed_on=D(2024, 5, 20),
        )
    with pytest.raises(PermissionDenied):
        services.decide_admission(
            user=world.users.officer_b, candidate=candidate, number="1-QĐ", signed_on=D(2024, 5, 20)
        )
    assert counts() == before
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.VOTED
    # the commune above the authorized committee manages it too
    services.decide_admission(
        user=world.users.officer_a, candidate=candidate, number="1-QĐ", signed_on=D(2024, 5, 20)
    )


def test_r2_8_the_decision_records_the_rule_profile_applied(world):
    profile = publish_profile(
        values={"admission.decision_deadline_working_days": 60},
        valid_from=D(2020, 1, 1),
        note="QĐ 294",
        user=world.users.admin,
    )
    candidate = walk(world, Stage.DECIDED)
    assert AdmissionDecision.objects.get(candidate=candidate).rule_profile == profile
    assert set(candidate.steps.values_list("rule_profile", flat=True)) == {profile.pk}


# ---- R2.9 ceremony ----------------------------------------------------------------------------


def test_r2_9_case_6_ceremony_within_30_working_days_later_needs_consent(world):
    assert rules.ceremony_deadline(D(2025, 10, 6), VALUES) == D(2025, 11, 17)
    candidate = walk(world, Stage.VOTED)
    services.decide_admission(
        user=world.users.grassroots_a,
        candidate=candidate,
        number="77-QĐ/ĐU",
        signed_on=D(2025, 10, 1),
        received_on=D(2025, 10, 6),
    )
    candidate.refresh_from_db()
    before = counts()
    refused(
        lambda: services.hold_ceremony(
            user=world.users.grassroots_a, candidate=candidate, ceremony_on=D(2025, 11, 18)
        ),
        "ceremony_consent",
    )
    assert counts() == before
    member = services.hold_ceremony(
        user=world.users.grassroots_a,
        candidate=candidate,
        ceremony_on=D(2025, 11, 18),
        consent="CV 15-CV/ĐU ngày 10/11/2025",
    )
    assert member.status == Status.PROBATIONARY


def test_r2_9_the_ceremony_makes_the_member_and_the_event_in_one_transaction(world):
    candidate = walk(world, Stage.DECIDED)
    member = services.hold_ceremony(
        user=world.users.grassroots_a, candidate=candidate, ceremony_on=D(2024, 6, 3)
    )
    assert member.status == Status.PROBATIONARY
    assert member.admitted_on == D(2024, 5, 20)  # R2.13: the decision's date
    assert member.status_since == D(2024, 6, 3)  # the ceremony
    assert member.organization == world.branch_a1
    event = MemberEvent.objects.get(member=member)
    assert event.kind == EventKind.ADMITTED and event.occurred_on == D(2024, 6, 3)
    assert event.decision_number == "101-QĐ/ĐU" and event.decision_date == D(2024, 5, 20)
    assert event.recorded_by == world.users.grassroots_a
    candidate.refresh_from_db()
    assert candidate.member == member and candidate.stage == Stage.ADMITTED


def test_r2_9_a_ceremony_that_cannot_create_the_member_writes_nothing(world):
    candidate = walk(world, Stage.DECIDED)
    # someone registered the same person as a member meanwhile: the citizen ID is taken
    Member.objects.filter(pk=world.duc.pk).update(citizen_id=candidate.citizen_id)
    before = counts()
    with pytest.raises(ValidationError):
        services.hold_ceremony(
            user=world.users.grassroots_a, candidate=candidate, ceremony_on=D(2024, 6, 3)
        )
    assert counts() == before
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.DECIDED


# ---- R2.10 / R2.11 probation and recognition --------------------------------------------------


def test_r2_10_probation_ends_12_months_after_the_ceremony():
    assert rules.probation_end(D(2024, 5, 19), VALUES) == D(2025, 5, 19)


def test_r2_11_case_7_official_from_the_end_of_probation_whatever_the_decision_date(world):
    assert rules.recognition_consider_deadline(D(2025, 5, 19), VALUES) == D(2025, 6, 30)
    candidate = walk(world, Stage.VOTED)
    services.decide_admission(
        user=world.users.grassroots_a, candidate=candidate, number="7-QĐ", signed_on=D(2024, 5, 10)
    )
    candidate.refresh_from_db()
    member = services.hold_ceremony(
        user=world.users.grassroots_a, candidate=candidate, ceremony_on=D(2024, 5, 19)
    )
    candidate.refresh_from_db()
    recognition = services.recognize(
        user=world.users.grassroots_a,
        candidate=candidate,
        resolution_on=D(2025, 7, 20),  # after the 30 working days of R2.11a: flagged
        yes_votes=2,
        decision_number="88-QĐ/ĐU",
        decision_date=D(2025, 8, 15),
    )
    member.refresh_from_db()
    assert recognition.probation_end == D(2025, 5, 19)
    assert member.status == Status.OFFICIAL
    assert member.recognized_on == D(2025, 5, 19) == member.status_since
    assert member.admitted_on == D(2024, 5, 10)  # R2.13: party age from the decision
    assert recognition.late_consideration and not recognition.late_decision
    event = MemberEvent.objects.get(member=member, kind=EventKind.RECOGNIZED)
    assert event.occurred_on == D(2025, 5, 19) and event.decision_date == D(2025, 8, 15)


def test_r2_11_recognition_cannot_be_considered_before_probation_ends(world):
    candidate = walk(world, Stage.ADMITTED)
    before = counts()
    refused(
        lambda: services.recognize(
            user=world.users.grassroots_a,
            candidate=candidate,
            resolution_on=D(2025, 5, 30),
            yes_votes=2,
            decision_number="1",
            decision_date=D(2025, 6, 5),
        ),
        "resolution_on",
    )
    assert counts() == before


def test_r2_11c_three_failed_votes_refer_the_case_to_the_superior_committee(world):
    add_officials(world.branch_a1, 1)  # 3 official members: 2 votes are needed
    candidate = walk(world, Stage.ADMITTED)
    for day in (D(2025, 6, 10), D(2025, 7, 10), D(2025, 8, 11)):
        candidate = services.record_failed_recognition_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=day, yes_votes=1
        )
    assert candidate.recognition_failed_votes == 3 and candidate.recognition_escalated
    refused(
        lambda: services.record_failed_recognition_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2025, 9, 1), yes_votes=2
        ),
        "yes_votes",
    )
    # the superior committee decides without the branch's 2/3
    recognition = services.recognize(
        user=world.users.officer_a,
        candidate=candidate,
        resolution_on=D(2025, 9, 1),
        yes_votes=None,
        decision_number="3-QĐ/ĐU",
        decision_date=D(2025, 9, 15),
    )
    assert recognition.escalated


def test_r2_11_not_recognized_strikes_the_probationary_member_off(world):
    candidate = walk(world, Stage.ADMITTED)
    recognition = services.not_recognize(
        user=world.users.grassroots_a,
        candidate=candidate,
        resolution_on=D(2025, 6, 10),
        decision_number="60-QĐ/ĐU",
        decision_date=D(2025, 6, 20),
        reason="Không đủ tư cách đảng viên",
    )
    member = Member.objects.get(pk=candidate.member_id)
    assert recognition.outcome == Recognition.Outcome.NOT_RECOGNIZED
    assert member.status == Status.STRUCK_OFF and member.status_since == D(2025, 6, 20)
    assert MemberEvent.objects.filter(member=member, kind=EventKind.NOT_RECOGNIZED).exists()
    assert not member.placements.filter(valid_to__isnull=True).exists()


# ---- R2.12 re-admission -----------------------------------------------------------------------


def _former_member(world):
    return MemberFactory(
        full_name="Trịnh Văn Cũ",
        organization=world.branch_a1,
        birth_date=D(1985, 2, 2),
        status=Status.STRUCK_OFF,
        status_since=D(2022, 4, 1),
    )


def test_r2_12_case_10_readmission_36_months_after_leaving_only_once(world):
    old = _former_member(world)
    assert rules.readmission_earliest(D(2022, 4, 1), VALUES) == D(2025, 4, 1)
    candidate = walk(
        world,
        Stage.VOTED,
        full_name=old.full_name,
        birth_date=old.birth_date,
        citizen_id=old.citizen_id,
        readmission_of=old,
        leaving_reason=LeavingReason.FEES_OR_OTHER,
        introduced_on=D(2024, 1, 10),
    )
    before = counts()
    refused(
        lambda: services.decide_admission(
            user=world.users.grassroots_a, candidate=candidate, number="1", signed_on=D(2025, 3, 31)
        ),
        "signed_on",
    )
    assert counts() == before
    services.decide_admission(
        user=world.users.grassroots_a, candidate=candidate, number="2", signed_on=D(2025, 4, 1)
    )
    candidate.refresh_from_db()
    member = services.hold_ceremony(
        user=world.users.grassroots_a, candidate=candidate, ceremony_on=D(2025, 4, 10)
    )
    # the same record serves probation again, first admission kept for party age (R2.13)
    assert member.pk == old.pk
    assert member.status == Status.PROBATIONARY and member.status_since == D(2025, 4, 10)
    assert member.admitted_on == old.admitted_on and member.recognized_on is None
    assert MemberEvent.objects.get(member=member).kind == EventKind.READMITTED
    assert member.placements.filter(valid_to__isnull=True).get().valid_from == D(2025, 4, 10)
    assert Member.objects.count() == before[7]  # no new member
    # a second re-admission is rejected
    Member.objects.filter(pk=old.pk).update(status=Status.STRUCK_OFF, status_since=D(2025, 5, 1))
    refused(
        lambda: services.create_candidate(
            user=world.users.grassroots_a,
            data={
                **_person_of(world, old),
                "readmission_of": Member.objects.get(pk=old.pk),
                "leaving_reason": LeavingReason.FEES_OR_OTHER,
            },
        ),
        "readmission_of",
    )


def _person_of(world, member):
    from tests.admissions.conftest import person

    return person(
        world,
        full_name=member.full_name,
        birth_date=member.birth_date,
        citizen_id=member.citizen_id,
        introduced_on=D(2025, 6, 1),
    )


def test_r2_12_some_ways_of_leaving_exclude_readmission(world):
    old = _former_member(world)
    before = counts()
    refused(
        lambda: services.create_candidate(
            user=world.users.grassroots_a,
            data={
                **_person_of(world, old),
                "readmission_of": old,
                "leaving_reason": LeavingReason.APPLIED_TO_LEAVE,
            },
        ),
        "leaving_reason",
    )
    refused(
        lambda: services.create_candidate(
            user=world.users.grassroots_a,
            data={
                **_person_of(world, world.duc),
                "readmission_of": world.duc,
                "leaving_reason": "",
            },
        ),
        "readmission_of",
    )
    assert counts() == before


def test_r2_12_sixty_months_after_an_expunged_conviction(world):
    """R2.12 (QĐ 232-QĐ/TW §3.5): convicted of a less serious crime, the former member waits
    60 months after the conviction is expunged (and at least 36 after leaving)."""
    old = _former_member(world)  # left 1/4/2022
    reason = LeavingReason.LESS_SERIOUS_CRIME
    expunged = D(2021, 6, 15)
    earliest = rules.readmission_earliest(D(2022, 4, 1), VALUES, expunged, reason)
    assert earliest == D(2026, 6, 15)
    # expunged long ago: the 36 months after leaving decide
    assert rules.readmission_earliest(D(2022, 4, 1), VALUES, D(2015, 1, 1), reason) == D(2025, 4, 1)
    rules.check_readmission_date(D(2022, 4, 1), D(2026, 6, 15), VALUES, expunged, reason=reason)
    with pytest.raises(ValidationError) as error:
        rules.check_readmission_date(D(2022, 4, 1), D(2026, 6, 14), VALUES, expunged, reason=reason)
    assert codes(error.value)["signed_on"] == {"readmission_too_early"}
    assert old.status == Status.STRUCK_OFF


def test_r2_12_a_conviction_without_its_expungement_date_is_refused(world):
    """With the expungement date blank the 60-month wait cannot be counted: the file cannot
    start (it used to fall back to the 36-month rule)."""
    old = _former_member(world)
    before = counts()
    error = refused(
        lambda: services.create_candidate(
            user=world.users.grassroots_a,
            data={
                **_person_of(world, old),
                "readmission_of": old,
                "leaving_reason": LeavingReason.LESS_SERIOUS_CRIME,
            },
        ),
        "conviction_expunged_on",
    )
    assert codes(error)["conviction_expunged_on"] == {"conviction_expunged_required"}
    assert counts() == before
    with pytest.raises(ValidationError):
        rules.readmission_earliest(D(2022, 4, 1), VALUES, None, LeavingReason.LESS_SERIOUS_CRIME)
    services.create_candidate(
        user=world.users.grassroots_a,
        data={
            **_person_of(world, old),
            "readmission_of": old,
            "leaving_reason": LeavingReason.LESS_SERIOUS_CRIME,
            "conviction_expunged_on": D(2021, 6, 15),
        },
    )


def test_r2_12_the_waits_come_from_the_profile():
    values = {**VALUES, "readmission.min_months": 24, "readmission.after_conviction_months": 48}
    assert rules.readmission_earliest(D(2022, 4, 1), values) == D(2024, 4, 1)
    reason = LeavingReason.LESS_SERIOUS_CRIME
    assert rules.readmission_earliest(D(2022, 4, 1), values, D(2021, 6, 15), reason) == D(
        2025, 6, 15
    )


# ---- R2.13 party age --------------------------------------------------------------------------


def test_r2_13_case_8_party_age_counts_from_the_decision_not_the_ceremony(world):
    candidate = walk(world, Stage.ADMITTED)
    member = Member.objects.get(pk=candidate.member_id)
    assert member.admitted_on == D(2024, 5, 20) and candidate.ceremony_on == D(2024, 6, 3)
