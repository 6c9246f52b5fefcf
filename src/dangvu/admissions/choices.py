"""Choices of member development (phát triển đảng viên); rules.md §2."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.members.choices import MAJORITY_ETHNICITY, Gender, Occupation, Religion


class Stage(models.TextChoices):
    """Where a candidate stands; each move is a service writing a CandidateStep."""

    INTRODUCED = "introduced", _("Introduced")
    TRAINED = "trained", _("Awareness course done")
    INTRODUCERS = "introducers", _("Introducers assigned")
    VOTED = "voted", _("Branch voted")
    DECIDED = "decided", _("Admission decided")
    ADMITTED = "admitted", _("Admitted (probationary)")
    RECOGNIZED = "recognized", _("Recognized as official member")
    NOT_RECOGNIZED = "not_recognized", _("Not recognized")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The stages after the admission ceremony: the candidate is (or was) a party member.
ADMITTED_STAGES = (Stage.ADMITTED, Stage.RECOGNIZED, Stage.NOT_RECOGNIZED)
# Stages before the ceremony (still a candidate, not yet a member).
OPEN_STAGES = (Stage.INTRODUCED, Stage.TRAINED, Stage.INTRODUCERS, Stage.VOTED, Stage.DECIDED)


class Action(models.TextChoices):
    """What a step did (the log line's verb)."""

    INTRODUCED = "introduced", _("Introduced to the branch")
    COURSE = "course", _("Awareness course certificate recorded")
    INTRODUCERS = "introducers", _("Introducers assigned")
    VOTE = "vote", _("Branch resolution on admission")
    DECISION = "decision", _("Admission decision")
    CEREMONY = "ceremony", _("Admission ceremony")
    RECOGNITION_VOTE_FAILED = "recognition_vote_failed", _("Recognition vote failed")
    RECOGNIZED = "recognized", _("Recognized as official member")
    NOT_RECOGNIZED = "not_recognized", _("Not recognized")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The state machine over these stages is `rules/transitions.py` (TRANSITIONS).


class IntroducedBy(models.TextChoices):
    """Who introduced the candidate to the branch (QĐ 24 §3.1)."""

    BRANCH = "branch", _("The party branch")
    YOUTH_UNION = "youth_union", _("Ho Chi Minh Communist Youth Union")
    WOMEN_UNION = "women_union", _("Women's Union")
    FARMERS_UNION = "farmers_union", _("Farmers' Union")
    VETERANS = "veterans", _("Veterans' Association")
    TRADE_UNION = "trade_union", _("Trade union")
    FRONT = "front", _("Fatherland Front")


class UnionResolution(models.TextChoices):
    """An executive-committee resolution that replaces one introducer (R2.5)."""

    YOUTH_UNION = "youth_union", _("Grassroots Youth Union executive committee")
    TRADE_UNION = "trade_union", _("Grassroots trade-union executive committee")


class LeavingReason(models.TextChoices):
    """How a former member left the party; some ways exclude re-admission (R2.12)."""

    ABANDONED_ACTIVITY = "abandoned_activity", _("Abandoned party activity")
    APPLIED_TO_LEAVE = "applied_to_leave", _("Applied to leave the party")
    APPLIED_TO_LEAVE_HARDSHIP = (
        "applied_to_leave_hardship",
        _("Applied to leave because of extreme family hardship"),
    )
    DISUNITY = "disunity", _("Caused serious disunity")
    CORRUPTION_OR_SERIOUS_CRIME = (
        "corruption_or_serious_crime",
        _("Convicted of corruption or a serious crime"),
    )
    LESS_SERIOUS_CRIME = "less_serious_crime", _("Convicted of a less serious crime")
    FEES_OR_OTHER = "fees_or_other", _("Struck off for other reasons (fees, meetings)")
    EXPELLED_OTHER = "expelled_other", _("Expelled for other violations")
    NOT_RECOGNIZED = "not_recognized", _("Not recognized after probation")


class Category(models.TextChoices):
    """The groups party statistics report admissions for."""

    WOMEN = "women", _("Women")
    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic minorities")
    RELIGIOUS = "religious", _("Religious followers")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Private-enterprise workers")
    STUDENT = "student", _("Students")
    VILLAGE_HEAD = "village_head", _("Village heads")


# Each category as a condition on Candidate's own columns (one place for lists and statistics).
CATEGORY_Q = {
    Category.WOMEN: Q(gender=Gender.FEMALE),
    Category.ETHNIC_MINORITY: ~Q(ethnicity=MAJORITY_ETHNICITY),
    Category.RELIGIOUS: ~Q(religion=Religion.NONE),
    Category.PRIVATE_ENTERPRISE: Q(occupation=Occupation.PRIVATE_ENTERPRISE),
    Category.STUDENT: Q(occupation=Occupation.STUDENT),
    Category.VILLAGE_HEAD: Q(is_village_head=True),
}
