"""One admission file at a time, for the demo: the candidate and every step up to a stage, the
ceremony and the recognition, with the rules' own dates (rules home)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from dangvu.core.calendar import add_months
from dangvu.core.text import fold, sort_key
from dangvu.members.choices import EventKind, Status
from dangvu.members.models import Member, MemberEvent
from dangvu.organizations.choices import BRANCH_KINDS

from .. import rules
from ..choices import Action, IntroducedBy, Stage, UnionResolution
from ..models import (
    AdmissionDecision,
    Candidate,
    CandidateStep,
    Certificate,
    Course,
    Introduction,
    Recognition,
)
from ..rules import WorkingDays

BATCH = 2000
HISTORY_YEARS = 3
# Open candidates per stage, as shares of all open files.
OPEN_STAGES = [
    (Stage.INTRODUCED, 25),
    (Stage.TRAINED, 22),
    (Stage.INTRODUCERS, 20),
    (Stage.VOTED, 14),
    (Stage.DECIDED, 10),
    (Stage.WITHDRAWN, 5),
]
MASS_ORGS = {
    IntroducedBy.YOUTH_UNION: 45,
    IntroducedBy.WOMEN_UNION: 15,
    IntroducedBy.FARMERS_UNION: 10,
    IntroducedBy.VETERANS: 3,
    IntroducedBy.TRADE_UNION: 12,
    IntroducedBy.FRONT: 5,
    IntroducedBy.BRANCH: 10,
}


def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class FileDemo:
    """Builds admission files in memory (written in bulk by `AdmissionsDemo.write`)."""

    def __init__(self, generator) -> None:
        self.g = generator
        self.rng = random.Random(f"{generator.seed}-admissions")
        self.today: dt.date = generator.today
        self.days = WorkingDays(self.today, years_back=HISTORY_YEARS + 3)
        # The demo's dates follow the rules home with the profile in force today.
        self.values = rules.in_force(self.today)[1]
        self.branches = [
            n for n in generator.nodes if n.org.kind in BRANCH_KINDS and not n.org.dissolved_on
        ]
        self.branch_of: dict[int, object] = {}
        for node in self.branches:
            for member in node.members:
                self.branch_of[member.pk] = node
        self.courses: dict[tuple[int, int], Course] = {}
        self.candidates: list[Candidate] = []
        self.steps: list[CandidateStep] = []
        self.certificates: list[tuple[Candidate, Certificate]] = []
        self.introductions: list[tuple[Candidate, Introduction]] = []
        self.decisions: list[tuple[Candidate, AdmissionDecision]] = []
        self.recognitions: list[tuple[Candidate, Recognition]] = []
        self.events: list[MemberEvent] = []
        self.changed_members: list[Member] = []
        self.decision_numbers: dict[int, int] = defaultdict(int)
        used = getattr(generator.people, "_serials", set())
        self.free_serials = (s for s in range(999_999, 0, -1) if s not in used)

    # ---- the tree ----------------------------------------------------------------------------

    def authority(self, node):
        """R2.8 (`rules.authority_in`) over the in-memory tree: the branch's chain upwards."""
        chain = []
        while node is not None:
            chain.append(node.org)
            node = node.parent
        return rules.authority_in(chain)

    def course_for(self, node, issued_on: dt.date) -> Course:
        authority = self.authority(node)
        key = (authority.pk, issued_on.year, (issued_on.month - 1) // 6)
        course = self.courses.get(key)
        if course is None:
            starts = dt.date(issued_on.year, 1 if key[2] == 0 else 7, 1)
            starts = min(starts + dt.timedelta(days=self.rng.randint(5, 60)), issued_on)
            ends = min(starts + dt.timedelta(days=4), issued_on)
            course = Course(
                name=f"Lớp bồi dưỡng nhận thức về Đảng đợt {key[2] + 1}/{issued_on.year}",
                organizer=f"Trung tâm chính trị – {authority.name}",
                organization=authority,
                starts_on=starts,
                ends_on=ends,
            )
            self.courses[key] = course
        return course

    # ---- one file ----------------------------------------------------------------------------

    def _candidate(self, node, person: dict, **fields) -> Candidate:
        candidate = Candidate(
            **person,
            name_key=fold(person["full_name"]),
            sort_key=sort_key(person["full_name"]),
            organization=node.org,
            org_path=node.org.path,
            **fields,
        )
        self.candidates.append(candidate)
        return candidate

    def _step(self, candidate, action, from_stage, to_stage, on, note="") -> None:
        self.steps.append(
            CandidateStep(
                candidate=candidate,
                action=action,
                from_stage=from_stage,
                to_stage=to_stage,
                occurred_on=on,
                note=note,
            )
        )

    def _introducers(self, node, candidate: Candidate, vote_on: dt.date, introduced_on) -> None:
        eligible = [
            m
            for m in node.members
            if m.status == Status.OFFICIAL
            and m.recognized_on is not None
            and add_months(m.recognized_on, 12) <= vote_on
            and m.pk != getattr(candidate.member, "pk", None)
        ]
        young = (vote_on - candidate.birth_date).days < 30 * 365
        chosen = self.rng.sample(eligible, min(len(eligible), 1 if young else 2))
        if young or len(chosen) < 2:
            candidate.union_resolution = UnionResolution.YOUTH_UNION
            candidate.union_resolution_number = f"{self.rng.randint(1, 40)}-NQ/ĐTN"
            candidate.union_resolution_on = introduced_on
        for member in chosen:
            known = introduced_on - dt.timedelta(days=self.rng.randint(400, 2500))
            self.introductions.append(
                (
                    candidate,
                    Introduction(
                        member=member,
                        known_since=known,
                        introduced_on=introduced_on,
                    ),
                )
            )

    def file_until(self, node, candidate: Candidate, stage: str, last_on: dt.date) -> None:
        """Fill a file up to `stage`, reached on `last_on`; earlier steps fall before it in
        the regulation's order (introduction, course, introducers, vote, decision)."""
        rng = self.rng
        gaps = [
            rng.randint(20, 120),
            rng.randint(10, 150),
            rng.randint(20, 70),
            rng.randint(12, 55),
        ]
        # Dates relative to the introduction, then shifted so that `stage` falls on last_on.
        offsets = [0]
        for gap in gaps:
            offsets.append(offsets[-1] + gap)
        order = [Stage.INTRODUCED, Stage.TRAINED, Stage.INTRODUCERS, Stage.VOTED, Stage.DECIDED]
        start = last_on - dt.timedelta(days=offsets[order.index(stage)])
        introduced_on, issued_on, application_on, vote_on, decided_on = (
            start + dt.timedelta(days=o) for o in offsets
        )
        candidate.introduced_on = introduced_on
        self._step(candidate, Action.INTRODUCED, "", Stage.INTRODUCED, introduced_on)
        candidate.stage, candidate.stage_since = Stage.INTRODUCED, introduced_on
        if stage == Stage.INTRODUCED:
            return
        course = self.course_for(node, issued_on)
        certificate = Certificate(
            course=course,
            number=f"{rng.randint(1, 999):03d}/CN-TTCT",
            issued_on=issued_on,
            valid_until=rules.certificate_valid_until(issued_on, self.values),
        )
        self.certificates.append((candidate, certificate))
        candidate.certificate_valid_until = certificate.valid_until
        self._step(candidate, Action.COURSE, Stage.INTRODUCED, Stage.TRAINED, issued_on)
        candidate.stage, candidate.stage_since = Stage.TRAINED, issued_on
        if stage == Stage.TRAINED:
            return
        candidate.application_on = application_on
        self._introducers(node, candidate, vote_on, application_on)
        self._step(candidate, Action.INTRODUCERS, Stage.TRAINED, Stage.INTRODUCERS, application_on)
        candidate.stage, candidate.stage_since = Stage.INTRODUCERS, application_on
        if stage == Stage.INTRODUCERS:
            return
        officials = sum(1 for m in node.members if m.status == Status.OFFICIAL) or 3
        candidate.vote_on, candidate.vote_official_count = vote_on, officials
        needed = rules.votes_needed(officials, self.values)
        candidate.vote_yes = max(needed, officials - rng.randint(0, 2))
        self._step(candidate, Action.VOTE, Stage.INTRODUCERS, Stage.VOTED, vote_on)
        candidate.stage, candidate.stage_since = Stage.VOTED, vote_on
        if stage == Stage.VOTED:
            return
        authority = self.authority(node)
        self.decision_numbers[authority.pk] += 1
        deadline = rules.decision_deadline(vote_on, self.values, add=self.days.add)
        decision = AdmissionDecision(
            org_path=node.org.path,
            organization=authority,
            number=f"{self.decision_numbers[authority.pk]}-QĐ/ĐU",
            signed_on=decided_on,
            received_on=min(decided_on + dt.timedelta(days=rng.randint(0, 3)), self.today),
            body=authority.name,
            deadline=deadline,
            late=decided_on > deadline,
        )
        self.decisions.append((candidate, decision))
        candidate.decided_on = decided_on
        self._step(
            candidate,
            Action.DECISION,
            Stage.VOTED,
            Stage.DECIDED,
            decided_on,
            note=f"Quyết định {decision.number}",
        )
        candidate.stage, candidate.stage_since = Stage.DECIDED, decided_on

    def admitted(self, node, candidate: Candidate, member: Member, ceremony_on: dt.date) -> None:
        decision = self.decisions[-1][1]
        candidate.ceremony_on, candidate.stage, candidate.stage_since = (
            ceremony_on,
            Stage.ADMITTED,
            ceremony_on,
        )
        self._step(candidate, Action.CEREMONY, Stage.DECIDED, Stage.ADMITTED, ceremony_on)
        self.events.append(
            MemberEvent(
                member=member,
                kind=EventKind.ADMITTED,
                occurred_on=ceremony_on,
                organization=node.org,
                org_path=node.org.path,
                decision_number=decision.number,
                decision_date=decision.signed_on,
                decision_body=decision.body,
            )
        )

    def recognized(self, node, candidate: Candidate, member: Member, end: dt.date) -> None:
        rng = self.rng
        resolution_on = min(end + dt.timedelta(days=rng.randint(3, 45)), self.today)
        decision_date = min(resolution_on + dt.timedelta(days=rng.randint(3, 30)), self.today)
        authority = self.authority(node)
        self.decision_numbers[authority.pk] += 1
        officials = sum(1 for m in node.members if m.status == Status.OFFICIAL) or 3
        recognition = Recognition(
            org_path=node.org.path,
            organization=authority,
            outcome=Recognition.Outcome.RECOGNIZED,
            probation_end=end,
            resolution_on=resolution_on,
            yes_votes=officials,
            official_count=officials,
            decision_number=f"{self.decision_numbers[authority.pk]}-QĐ/ĐU",
            decision_date=decision_date,
            decision_body=authority.name,
            effective_on=end,
            late_consideration=resolution_on
            > rules.recognition_consider_deadline(end, self.values, add=self.days.add),
            late_decision=decision_date
            > rules.recognition_decision_deadline(resolution_on, self.values, add=self.days.add),
        )
        self.recognitions.append((candidate, recognition))
        candidate.stage, candidate.stage_since = Stage.RECOGNIZED, end
        self._step(candidate, Action.RECOGNIZED, Stage.ADMITTED, Stage.RECOGNIZED, decision_date)
        self.events.append(
            MemberEvent(
                member=member,
                kind=EventKind.RECOGNIZED,
                occurred_on=end,
                organization=node.org,
                org_path=node.org.path,
                decision_number=recognition.decision_number,
                decision_date=decision_date,
                decision_body=authority.name,
            )
        )
