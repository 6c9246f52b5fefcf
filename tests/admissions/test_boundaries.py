"""Admission rules (rules.md §2) at their boundaries: the exact day or count where the outcome
flips, and the day (or vote) on either side.

Every number comes from the rule profile in force (`core.profiles.values_on`) and every
deadline from `core.calendar`, so the tests follow a changed profile or holiday table. Checks
that compare with today run under a pinned clock (time_machine). Messages are translated and
carry numbers, so the tests read error codes only.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.admissions import rules, services
from dangvu.admissions.choices import Action, Stage
from dangvu.admissions.models import Candidate
from dangvu.admissions.rules import CERTIFICATE_WARNING_DAYS
from dangvu.core import worklist
from dangvu.core.calendar import add_months, add_working_days
from dangvu.core.profiles import values_on
from dangvu.members.choices import Status
from tests.admissions.conftest import add_officials, codes, walk

pytestmark = pytest.mark.django_db
D = dt.date
ONE_DAY = dt.timedelta(days=1)
# A fixed "today" for the services that refuse future dates (the walk's dates are 2024-2025).
TODAY = D(2026, 6, 1)


def at(day: dt.date):
    """Pin the clock to noon of `day` in the project's time zone."""
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 12, tzinfo=timezone.get_default_timezone()),
        tick=False,
    )


@pytest.fixture
def pinned():
    with at(TODAY):
        yield


def values(on: dt.date) -> dict:
    return values_on(on)[1]


def refused_codes(callable_) -> dict[str, set[str]]:
    with pytest.raises(ValidationError) as exc:
        callable_()
    return codes(exc.value)


def ceil_share(count: int, vals: dict) -> int:
    numerator, denominator = vals["admission.vote_min_share"]
    return math.ceil(Fraction(numerator, denominator) * count)


# ---- R2.1 age, in completed months ------------------------------------------------------------

BIRTH = D(2006, 6, 15)
OLD_BIRTH = D(1964, 3, 10)


def test_R2_1_eligible_on_the_exact_day_the_minimum_age_is_reached():
    """R2.1 (QĐ 294/232/24-QĐ/TW §3.1, "đủ 18 tuổi … tính theo tháng"): on the day the
    candidate completes the profile's minimum months (216 by default) they are old enough;
    the day before they are not."""
    on = D(2024, 6, 15)
    vals = values(on)
    assert add_months(BIRTH, vals["admission.min_age_months"]) == on
    rules.check_age(BIRTH, on, vals)  # exactly the minimum: eligible
    assert refused_codes(lambda: rules.check_age(BIRTH, on - ONE_DAY, vals)) == {
        "vote_on": {"too_young"}
    }


def test_R2_1_one_month_short_of_the_minimum_is_too_young():
    """R2.1 (QĐ 294/232/24-QĐ/TW §3.1): a candidate one completed month short of the minimum
    is refused, and the check uses the profile's number, not a constant."""
    on = D(2024, 6, 15)
    vals = dict(values(on), **{"admission.min_age_months": 217})
    assert refused_codes(lambda: rules.check_age(BIRTH, on, vals)) == {"vote_on": {"too_young"}}
    rules.check_age(BIRTH, on + dt.timedelta(days=31), vals)


def test_R2_1_the_last_day_of_the_maximum_age_needs_no_central_approval():
    """R2.1 (QĐ 294/232/24-QĐ/TW §3.1, "đến đủ 60 tuổi"): up to the profile's maximum months
    (720) the branch may admit; on the day the next month is completed the committee directly
    under the Central Committee must approve."""
    vals = values(D(2024, 4, 10))
    first_over = add_months(OLD_BIRTH, vals["admission.max_age_months"] + 1)
    assert first_over == D(2024, 4, 10)
    rules.check_age(OLD_BIRTH, first_over - ONE_DAY, vals)  # 720 months and 30 days
    assert refused_codes(lambda: rules.check_age(OLD_BIRTH, first_over, vals)) == {
        "over_age_approval": {"too_old"}
    }
    # Exactly the maximum (60th birthday) is still the branch's decision.
    rules.check_age(OLD_BIRTH, add_months(OLD_BIRTH, vals["admission.max_age_months"]), vals)


def test_R2_1_an_over_age_candidate_is_accepted_with_the_central_approval():
    """R2.1 (QĐ 294/232/24-QĐ/TW §3.1): over 60 the file goes on with the approval of the
    committee directly under the Central Committee; a blank approval is no approval."""
    on = D(2024, 4, 10)
    vals = values(on)
    rules.check_age(OLD_BIRTH, on, vals, over_age_approval="QĐ 5-QĐ/TU")
    assert refused_codes(lambda: rules.check_age(OLD_BIRTH, on, vals, over_age_approval="   ")) == {
        "over_age_approval": {"too_old"}
    }


# ---- R2.2 education ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "grade, passes",
    [
        ("9/12", True),
        ("8/12", False),
        ("7/10", True),
        ("6/10", False),
        ("9/9", True),
        ("8/9", False),  # another system: the grade as written
    ],
)
def test_R2_2_lower_secondary_boundary_in_both_school_systems(grade, passes):
    """R2.2 (QĐ 294/232/24-QĐ/TW §3.1, tốt nghiệp THCS): grade 9 of the 12-year system, or
    grade 7 of the northern 10-year system, is the lowest accepted; one grade less is not."""
    vals = values(D(2025, 1, 1))
    if passes:
        rules.check_education(grade, vals)
    else:
        assert refused_codes(lambda: rules.check_education(grade, vals)) == {
            "general_education": {"education"}
        }


def test_R2_2_free_text_education_and_recorded_exceptions_are_not_refused():
    """R2.2 (QĐ 294/232/24-QĐ/TW §3.1): free text ("đại học") is read by the committee, and a
    recorded exception for hardship areas lets a lower grade through."""
    vals = values(D(2025, 1, 1))
    rules.check_education("đại học", vals)
    rules.check_education("", vals)
    rules.check_education("5/12", vals, exception="HD 01 §3: vùng cao")
    assert refused_codes(lambda: rules.check_education("5/12", vals, exception="  ")) == {
        "general_education": {"education"}
    }


# ---- R2.3 the branch's two-thirds vote --------------------------------------------------------


@pytest.mark.parametrize("official", [4, 5, 7, 10, 1, 2])
def test_R2_3_two_thirds_rounds_up(official):
    """R2.3 (Điều lệ Đ4.3): at least 2/3 of the official members must approve. With counts
    where 2/3 is not whole (4, 5, 7, 10 …) the needed votes round up: 3 of 4, 4 of 5, 5 of 7,
    7 of 10; one vote fewer fails."""
    vals = values(D(2025, 1, 1))
    needed = ceil_share(official, vals)
    assert rules.votes_needed(official, vals) == needed
    rules.check_vote(needed, official, vals)
    assert refused_codes(lambda: rules.check_vote(needed - 1, official, vals)) == {
        "vote_yes": {"vote_below_two_thirds"}
    }


def test_R2_3_two_thirds_rounds_up_with_7_members():
    """R2.3 (Điều lệ Đ4.3): 7 official members need 5 votes (⌈14/3⌉), 4 is below 2/3."""
    vals = values(D(2025, 1, 1))
    assert rules.votes_needed(7, vals) == 5
    rules.check_vote(5, 7, vals)
    assert refused_codes(lambda: rules.check_vote(4, 7, vals)) == {
        "vote_yes": {"vote_below_two_thirds"}
    }


def test_R2_3_more_votes_than_members_or_no_members_are_refused():
    """R2.3 (Điều lệ Đ4.3): votes in favour cannot exceed the official members, and a branch
    with no official member cannot pass a resolution; all members voting yes passes."""
    vals = values(D(2025, 1, 1))
    rules.check_vote(7, 7, vals)
    assert refused_codes(lambda: rules.check_vote(8, 7, vals)) == {"vote_yes": {"too_many_votes"}}
    assert refused_codes(lambda: rules.check_vote(0, 0, vals)) == {
        "vote_yes": {"vote_below_two_thirds"}
    }
    error = refused_codes(lambda: rules.check_vote(3, 2, vals, field="yes_votes"))
    assert error == {"yes_votes": {"too_many_votes"}}


@pytest.mark.parametrize("official, yes, passes", [(4, 2, False), (4, 3, True), (7, 4, False)])
def test_R2_3_two_thirds_rounds_up_at_the_branch_vote(world, pinned, official, yes, passes):
    """R2.3 (Điều lệ Đ4.3): the branch's resolution on a candidate, with 4 or 7 official
    members: 2 of 4 and 4 of 7 are below 2/3 and refused, 3 of 4 passes."""
    add_officials(world.branch_a1, official - 2)  # Đức and Hoa are already official
    candidate = walk(world, Stage.INTRODUCERS)

    def vote():
        return services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=D(2024, 5, 6), vote_yes=yes
        )

    if passes:
        assert vote().vote_official_count == official
    else:
        assert refused_codes(vote) == {"vote_yes": {"vote_below_two_thirds"}}


def test_R2_3_two_thirds_rounds_up_at_a_failed_recognition_vote(world, pinned):
    """R2.3 / R2.11c (Điều lệ Đ4.3; QĐ 24-QĐ/TW §4.2.1): with 4 official members a 2-vote
    recognition vote is a failed one (below 2/3), but 3 votes reach 2/3 and must be recorded
    as a recognition instead."""
    candidate = walk(world, Stage.ADMITTED)  # probation ended 3/6/2025
    add_officials(world.branch_a1, 2)  # 4 official members at the recognition vote
    on = D(2025, 6, 10)
    candidate = services.record_failed_recognition_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=on, yes_votes=2
    )
    assert candidate.recognition_failed_votes == 1 and not candidate.recognition_escalated
    assert refused_codes(
        lambda: services.record_failed_recognition_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=on, yes_votes=3
        )
    ) == {"yes_votes": {"vote_passes"}}
    assert refused_codes(
        lambda: services.record_failed_recognition_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=on, yes_votes=5
        )
    ) == {"yes_votes": {"too_many_votes"}}


def test_R2_3_a_failed_recognition_vote_needs_official_members_and_a_date_after_probation(
    world, pinned
):
    """R2.11 / R2.3 (QĐ 24-QĐ/TW §4.2.1): a recognition vote is held after probation ends
    (not the day before), and with the whole branch for it, it is a passing vote."""
    candidate = walk(world, Stage.ADMITTED)
    end = rules.probation_end(candidate.ceremony_on, values(candidate.ceremony_on))
    assert "vote_on" in refused_codes(
        lambda: services.record_failed_recognition_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=end - ONE_DAY, yes_votes=1
        )
    )
    assert refused_codes(
        lambda: services.record_failed_recognition_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=end, yes_votes=2
        )
    ) == {"yes_votes": {"vote_passes"}}
    candidate = services.record_failed_recognition_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=end, yes_votes=1
    )
    assert candidate.recognition_failed_votes == 1


def test_R2_11c_the_third_failed_vote_escalates_not_the_second():
    """R2.11c (QĐ 24-QĐ/TW §4.2.1): after the profile's number of failed votes (3) the
    superior committee decides; one fewer does not escalate."""
    vals = values(D(2025, 1, 1))
    limit = vals["recognition.max_failed_votes"]
    assert not rules.recognition_escalates(limit - 1, vals)
    assert rules.recognition_escalates(limit, vals)


# ---- R2.6 certificate and documents -----------------------------------------------------------


def test_R2_6_the_certificate_is_valid_on_its_last_day_at_the_vote(world, pinned):
    """R2.6 (HD 01-HD/TW, secondary: certificate valid 60 months): a vote on the certificate's
    last valid day is accepted; a certificate that lapsed the day before the vote is not."""
    vote_on = D(2024, 5, 6)
    candidate = walk(world, Stage.INTRODUCERS)
    issued = add_months(vote_on, -values(vote_on)["admission.certificate_validity_months"])
    last_day = rules.certificate_valid_until(issued, values(issued))
    assert last_day == vote_on
    Candidate.objects.filter(pk=candidate.pk).update(certificate_valid_until=last_day - ONE_DAY)
    candidate.refresh_from_db()
    assert refused_codes(
        lambda: services.record_vote(
            user=world.users.grassroots_a, candidate=candidate, vote_on=vote_on, vote_yes=2
        )
    ) == {"vote_on": {"certificate_expired"}}
    Candidate.objects.filter(pk=candidate.pk).update(certificate_valid_until=last_day)
    candidate.refresh_from_db()
    voted = services.record_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=vote_on, vote_yes=2
    )
    assert voted.stage == Stage.VOTED


def test_R2_6_certificate_check_at_the_boundary_and_without_certificate():
    """R2.6 (HD 01-HD/TW): valid through `valid_until` inclusive; none at all is refused."""
    last = D(2029, 3, 1)
    rules.check_certificate(last, last)
    assert refused_codes(lambda: rules.check_certificate(last, last + ONE_DAY)) == {
        "vote_on": {"certificate_expired"}
    }
    assert refused_codes(lambda: rules.check_certificate(None, last, field="issued_on")) == {
        "issued_on": {"no_certificate"}
    }


@pytest.mark.parametrize("days_after, accepted", [(0, True), (1, False)])
def test_R2_6_a_certificate_recorded_on_its_last_valid_day_is_accepted(world, days_after, accepted):
    """R2.6 (HD 01-HD/TW): a certificate may be recorded while it is still valid today: on its
    last valid day it is, the next day it has lapsed."""
    candidate = walk(world, Stage.INTRODUCED)
    issued = add_months(TODAY, -values(TODAY)["admission.certificate_validity_months"])
    assert rules.certificate_valid_until(issued, values(issued)) == TODAY

    def record():
        return services.record_course(
            user=world.users.grassroots_a,
            candidate=candidate,
            number="CN-9",
            issued_on=issued,
            course_name="Lớp bồi dưỡng nhận thức về Đảng",
            organizer="Trung tâm chính trị",
            starts_on=issued - dt.timedelta(days=5),
            ends_on=issued,
        )

    with at(TODAY + dt.timedelta(days=days_after)):
        if accepted:
            assert record().valid_until == TODAY
        else:
            assert refused_codes(record) == {"issued_on": {"certificate_expired"}}


def test_R2_6_documents_are_valid_on_the_last_day_of_their_12_months(world, pinned):
    """R2.6 (HD 01-HD/TW §3: documents valid 12 months): the application and the introduction
    letters dated 1/4/2024 are still valid for a vote on 1/4/2025."""
    candidate = walk(world, Stage.INTRODUCERS)  # application and introductions on 1/4/2024
    months = values(D(2024, 4, 1))["admission.documents_validity_months"]
    last_day = add_months(D(2024, 4, 1), months)
    voted = services.record_vote(
        user=world.users.grassroots_a, candidate=candidate, vote_on=last_day, vote_yes=2
    )
    assert voted.stage == Stage.VOTED


def test_R2_6_documents_age_at_the_boundary():
    """R2.6 (HD 01-HD/TW §3): a document is valid through the same day 12 months later; the
    next day it must be redone; an absent document is not checked."""
    vals = values(D(2025, 1, 1))
    dated = D(2024, 1, 31)
    last = add_months(dated, vals["admission.documents_validity_months"])
    rules.check_documents_age({"application_on": dated, "union_resolution_on": None}, last, vals)
    assert refused_codes(
        lambda: rules.check_documents_age(
            {"application_on": dated, "union_resolution_on": last}, last + ONE_DAY, vals
        )
    ) == {"application_on": {"documents_expired"}}


def test_R2_6_the_work_list_warns_from_the_warning_horizon_and_expires_after_the_last_day(world):
    """R2.6 (HD 01-HD/TW): the reminder appears when the certificate's last day is within the
    warning window (not a day earlier), still says "expires soon" on the last valid day and
    "expired" from the next day."""
    walk(world, Stage.TRAINED)
    candidate = Candidate.objects.get()
    last = candidate.certificate_valid_until
    check = "admissions.certificate_expiring"
    user = world.users.officer_a
    first_warning = last - dt.timedelta(days=CERTIFICATE_WARNING_DAYS)
    assert worklist.work_list(user, on=first_warning - ONE_DAY, only=[check]) == []
    [early] = worklist.work_list(user, on=first_warning, only=[check])
    [on_last_day] = worklist.work_list(user, on=last, only=[check])
    [expired] = worklist.work_list(user, on=last + ONE_DAY, only=[check])
    assert early.title == on_last_day.title != expired.title
    assert on_last_day.due_on == last and not on_last_day.is_overdue(last)
    assert expired.is_overdue(last + ONE_DAY)


# ---- R2.7 the authorized committee's decision -------------------------------------------------


@pytest.mark.parametrize("days_after, late", [(0, False), (1, True)])
def test_R2_7_a_decision_on_the_deadline_is_not_late(world, pinned, days_after, late):
    """R2.7 (QĐ 232-QĐ/TW §4.3.1: within 60 working days of the branch's resolution): a
    decision signed on the last working day counted is in time; the day after it is late."""
    candidate = walk(world, Stage.VOTED)  # vote 6/5/2024
    deadline = add_working_days(
        candidate.vote_on, values(candidate.vote_on)["admission.decision_deadline_working_days"]
    )
    assert rules.decision_deadline(candidate.vote_on, values(candidate.vote_on)) == deadline
    decision = services.decide_admission(
        user=world.users.grassroots_a,
        candidate=candidate,
        number="9-QĐ/ĐU",
        signed_on=deadline + dt.timedelta(days=days_after),
    )
    assert decision.deadline == deadline
    assert decision.late is late
    step = candidate.steps.get(action=Action.DECISION)
    assert ("·" in step.note) is late  # the delay is appended to the log line


@pytest.mark.parametrize("days_after, late", [(0, False), (1, True)])
def test_R2_7_a_recognition_decision_on_the_deadline_is_not_late(world, pinned, days_after, late):
    """R2.7 (QĐ 232-QĐ/TW §4.3.1: 30 working days to decide a recognition): decided on the
    last working day after the branch's resolution is in time, the day after is late."""
    candidate = walk(world, Stage.ADMITTED)
    end = rules.probation_end(candidate.ceremony_on, values(candidate.ceremony_on))
    resolution_on = end
    deadline = add_working_days(
        resolution_on, values(resolution_on)["recognition.decision_deadline_working_days"]
    )
    assert rules.recognition_decision_deadline(resolution_on, values(resolution_on)) == deadline
    recognition = services.recognize(
        user=world.users.grassroots_a,
        candidate=candidate,
        resolution_on=resolution_on,
        yes_votes=2,
        decision_number="55-QĐ/ĐU",
        decision_date=deadline + dt.timedelta(days=days_after),
    )
    assert recognition.late_decision is late
    assert recognition.late_consideration is False


def test_R2_7_the_work_list_shows_the_decision_the_day_after_the_deadline(world):
    """R2.7 (QĐ 232-QĐ/TW §4.3.1): overdue only once the deadline has passed."""
    candidate = walk(world, Stage.VOTED)
    deadline = rules.decision_deadline(candidate.vote_on, values(candidate.vote_on))
    check = "admissions.decision_overdue"
    assert worklist.work_list(world.users.officer_a, on=deadline, only=[check]) == []
    [item] = worklist.work_list(world.users.officer_a, on=deadline + ONE_DAY, only=[check])
    assert item.due_on == deadline and item.rule == "R2.7"


# ---- R2.9 the ceremony ------------------------------------------------------------------------


def _decided(world, received_on: dt.date):
    candidate = walk(world, Stage.VOTED)
    services.decide_admission(
        user=world.users.grassroots_a,
        candidate=candidate,
        number="77-QĐ/ĐU",
        signed_on=received_on - dt.timedelta(days=5),
        received_on=received_on,
    )
    candidate.refresh_from_db()
    return candidate


def test_R2_9_a_ceremony_on_the_deadline_needs_no_consent(world, pinned):
    """R2.9 (QĐ 232-QĐ/TW §4.1: within 30 working days of receiving the decision): a ceremony
    on the last working day counted needs no consent and records no delay."""
    received = D(2025, 10, 6)
    candidate = _decided(world, received)
    deadline = add_working_days(
        received, values(received)["admission.ceremony_deadline_working_days"]
    )
    member = services.hold_ceremony(
        user=world.users.grassroots_a, candidate=candidate, ceremony_on=deadline
    )
    assert member.status == Status.PROBATIONARY
    assert candidate.steps.get(action=Action.CEREMONY).note == ""


def test_R2_9_a_ceremony_the_day_after_the_deadline_needs_consent(world, pinned):
    """R2.9 (QĐ 232-QĐ/TW §4.1): the day after the deadline a ceremony needs the directly
    superior committee's consent, and the delay is written in the log."""
    received = D(2025, 10, 6)
    candidate = _decided(world, received)
    deadline = rules.ceremony_deadline(received, values(received))
    late = deadline + ONE_DAY
    assert refused_codes(
        lambda: services.hold_ceremony(
            user=world.users.grassroots_a, candidate=candidate, ceremony_on=late
        )
    ) == {"ceremony_consent": {"ceremony_late"}}
    services.hold_ceremony(
        user=world.users.grassroots_a, candidate=candidate, ceremony_on=late, consent="CV 15"
    )
    assert candidate.steps.get(action=Action.CEREMONY).note != ""


def test_R2_9_check_ceremony_date_at_the_boundary():
    """R2.9 (QĐ 232-QĐ/TW §4.1): on the deadline no consent; after it a blank consent is none."""
    received = D(2025, 10, 6)
    vals = values(received)
    deadline = rules.ceremony_deadline(received, vals)
    assert deadline == add_working_days(received, vals["admission.ceremony_deadline_working_days"])
    rules.check_ceremony_date(deadline, received, vals, "")
    rules.check_ceremony_date(deadline + ONE_DAY, received, vals, "CV 15-CV/ĐU")
    assert refused_codes(
        lambda: rules.check_ceremony_date(deadline + ONE_DAY, received, vals, "  ")
    ) == {"ceremony_consent": {"ceremony_late"}}


def test_R2_9_the_work_list_shows_the_ceremony_the_day_after_the_deadline(world):
    """R2.9 (QĐ 232-QĐ/TW §4.1): overdue only once the deadline has passed."""
    candidate = walk(world, Stage.DECIDED)
    deadline = rules.ceremony_deadline(
        candidate.decision.received_on, values(candidate.decision.received_on)
    )
    check = "admissions.ceremony_overdue"
    assert worklist.work_list(world.users.officer_a, on=deadline, only=[check]) == []
    [item] = worklist.work_list(world.users.officer_a, on=deadline + ONE_DAY, only=[check])
    assert item.due_on == deadline and item.rule == "R2.9"


# ---- R2.10 / R2.11 probation and recognition --------------------------------------------------


@pytest.mark.parametrize("days_after, late", [(0, False), (1, True)])
def test_R2_11a_recognition_considered_on_the_deadline_is_not_late(world, pinned, days_after, late):
    """R2.11a (QĐ 24-QĐ/TW §4.2.1: the branch considers recognition within 30 working days
    after probation ends): a resolution on the last working day counted is in time, the day
    after is late; either way the member is official from the end of probation (R2.11b)."""
    candidate = walk(world, Stage.ADMITTED)
    end = rules.probation_end(candidate.ceremony_on, values(candidate.ceremony_on))
    assert end == add_months(candidate.ceremony_on, values(end)["probation.months"])
    deadline = add_working_days(end, values(end)["recognition.consider_working_days"])
    assert rules.recognition_consider_deadline(end, values(end)) == deadline
    resolution_on = deadline + dt.timedelta(days=days_after)
    recognition = services.recognize(
        user=world.users.grassroots_a,
        candidate=candidate,
        resolution_on=resolution_on,
        yes_votes=2,
        decision_number="88-QĐ/ĐU",
        decision_date=resolution_on,
    )
    assert recognition.late_consideration is late
    assert recognition.late_decision is False
    assert recognition.effective_on == end == rules.recognized_from(end)


def test_R2_11_recognition_can_be_considered_on_the_day_probation_ends(world, pinned):
    """R2.10 / R2.11 (Điều lệ Đ5.1; QĐ 24-QĐ/TW §4.2.1): probation ends 12 months after the
    ceremony; the branch may consider on that day, not the day before."""
    candidate = walk(world, Stage.ADMITTED)
    end = rules.probation_end(candidate.ceremony_on, values(candidate.ceremony_on))

    def recognize(on):
        return services.recognize(
            user=world.users.grassroots_a,
            candidate=candidate,
            resolution_on=on,
            yes_votes=2,
            decision_number="1-QĐ/ĐU",
            decision_date=on,
        )

    assert "resolution_on" in refused_codes(lambda: recognize(end - ONE_DAY))
    assert recognize(end).effective_on == end


def test_R2_11_the_work_list_shows_recognition_from_the_end_of_probation(world):
    """R2.10 / R2.11a (Điều lệ Đ5.1; QĐ 24-QĐ/TW §4.2.1): a probationary member appears on
    the day probation ends (not before), due 30 working days later."""
    candidate = walk(world, Stage.ADMITTED)
    end = rules.probation_end(candidate.ceremony_on, values(candidate.ceremony_on))
    check = "admissions.recognition_due"

    def mine(on):
        return [
            i
            for i in worklist.work_list(world.users.officer_a, on=on, only=[check])
            if i.subject == candidate.full_name
        ]

    assert mine(end - ONE_DAY) == []
    [item] = mine(end)
    assert item.due_on == rules.recognition_consider_deadline(end, values(end))
    assert item.rule == "R2.11"


@pytest.mark.parametrize("days_after, late", [(0, False), (1, True)])
def test_R2_11a_not_recognizing_on_the_deadlines_is_not_late(world, pinned, days_after, late):
    """R2.11a / R2.7 (QĐ 24-QĐ/TW §4.2.1; QĐ 232-QĐ/TW §4.3.1): a proposal not to recognize
    (xóa tên) follows the same deadlines: the branch within 30 working days after probation,
    the committee within 30 working days of the resolution; on the last day in time, the day
    after late."""
    candidate = walk(world, Stage.ADMITTED)
    end = rules.probation_end(candidate.ceremony_on, values(candidate.ceremony_on))
    resolution_on = rules.recognition_consider_deadline(end, values(end)) + dt.timedelta(
        days=days_after
    )
    decision_date = rules.recognition_decision_deadline(
        resolution_on, values(resolution_on)
    ) + dt.timedelta(days=days_after)
    recognition = services.not_recognize(
        user=world.users.grassroots_a,
        candidate=candidate,
        resolution_on=resolution_on,
        decision_number="90-QĐ/ĐU",
        decision_date=decision_date,
        reason="Không đủ tư cách",
    )
    assert recognition.late_consideration is late
    assert recognition.late_decision is late
    assert recognition.effective_on == decision_date


# ---- the work lists' working-day calendar -----------------------------------------------------


def test_R2_9_each_overdue_ceremony_has_its_own_deadline(world, pinned):
    """R2.9 (QĐ 232-QĐ/TW §4.1): in one work list, two decisions received on different days
    are due 30 working days after their own receipt (the calendar is shared, not the date)."""
    from dangvu.admissions.models import AdmissionDecision

    first = walk(world, Stage.DECIDED)
    second = walk(world, Stage.DECIDED, full_name="Vũ Văn Hải", citizen_id="001200012399")
    AdmissionDecision.objects.filter(candidate=second).update(received_on=D(2024, 5, 27))
    on = D(2024, 9, 2)
    found = {
        i.subject: i.due_on
        for i in worklist.work_list(
            world.users.officer_a, on=on, only=["admissions.ceremony_overdue"]
        )
    }
    assert found == {
        first.full_name: rules.ceremony_deadline(D(2024, 5, 20), values(D(2024, 5, 20))),
        second.full_name: rules.ceremony_deadline(D(2024, 5, 27), values(D(2024, 5, 27))),
    }
    assert found[first.full_name] != found[second.full_name]


def test_R2_9_the_work_list_counts_holidays_of_a_deadline_years_back(world):
    """R2.9 (QĐ 232-QĐ/TW §4.1; rules.md: working days skip public holidays): a decision
    received on 29/12/2023 is due 30 working days later, skipping the New Year holiday of
    1/1/2024, also on a work list of January 2027 (three calendar years on)."""
    from dangvu.admissions.models import AdmissionDecision

    candidate = walk(world, Stage.DECIDED)
    received = D(2023, 12, 29)
    AdmissionDecision.objects.filter(candidate=candidate).update(received_on=received)
    due = rules.ceremony_deadline(received, values(received))
    assert due == add_working_days(received, 30) and due != add_working_days(received, 29)
    on = D(2027, 1, 4)
    [item] = worklist.work_list(world.users.officer_a, on=on, only=["admissions.ceremony_overdue"])
    assert item.due_on == due


# ---- R2.8 who decides -------------------------------------------------------------------------


def test_R2_8_without_a_grassroots_level_the_direct_level_or_the_top_decides(world):
    """R2.8 (QĐ 24/29-QĐ/TW §4.3.2): above a grassroots organization that may not admit, the
    directly superior committee decides; where there is no grassroots level in the chain, the
    direct-level committee, and at the top the province."""
    assert rules.authorized_organization(world.branch_b1) == world.commune_b
    assert rules.authorized_organization(world.commune_a) == world.commune_a
    assert rules.authorized_organization(world.province) == world.province
