"""Member development for the demo province (runs inside the demo's transaction, bulk only).

- Every probationary member and every official member admitted in the last three years gets
  the admission file that made them a member: candidate, course certificate, introducers,
  branch vote, decision, ceremony (and recognition for the official ones), the step log and
  the ADMITTED/RECOGNIZED events. A probationary member's status date and open placement move
  to the ceremony (R2.10) while party age stays at the decision (R2.13).
- Official members admitted in the last three years had their ceremony on the decision's day
  (the foundation recognized them 12 months after admission); probationary members' ceremonies
  fall 3–25 days after the decision.
- Open candidates in every stage across the province (some overdue: decisions past 60 working
  days, ceremonies past 30, certificates about to expire or expired), a few withdrawn.
- Admission targets for every grassroots organization, this year and last.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from dangvu.core.calendar import add_months
from dangvu.core.text import fold, sort_key
from dangvu.demo.names import NameMaker
from dangvu.members.choices import EventKind, Occupation, PlacementKind, Religion, Status
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS

from .choices import Action, IntroducedBy, Stage, UnionResolution
from .models import (
    AdmissionDecision,
    AdmissionTarget,
    Candidate,
    CandidateStep,
    Certificate,
    Course,
    Introduction,
    Recognition,
)
from .rules import WorkingDays

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


class AdmissionsDemo:
    def __init__(self, generator) -> None:
        self.g = generator
        self.rng = random.Random(f"{generator.seed}-admissions")
        self.today: dt.date = generator.today
        self.days = WorkingDays(self.today, years_back=HISTORY_YEARS + 3)
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
        """R2.8: the grassroots organization if authorized to admit, else the one above it."""
        current = node
        while current is not None and current.org.kind not in GRASSROOTS_KINDS:
            current = current.parent
        if current is None:
            return node.parent or node
        if current.org.may_admit or current.parent is None:
            return current
        return current.parent

    def course_for(self, node, issued_on: dt.date) -> Course:
        authority = self.authority(node).org
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
            valid_until=add_months(issued_on, 60),
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
        candidate.vote_yes = max(-(-officials * 2 // 3), officials - rng.randint(0, 2))
        self._step(candidate, Action.VOTE, Stage.INTRODUCERS, Stage.VOTED, vote_on)
        candidate.stage, candidate.stage_since = Stage.VOTED, vote_on
        if stage == Stage.VOTED:
            return
        authority = self.authority(node).org
        self.decision_numbers[authority.pk] += 1
        deadline = self.days.add(vote_on, 60)
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
        authority = self.authority(node).org
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
            late_consideration=resolution_on > self.days.add(end, 30),
            late_decision=decision_date > self.days.add(resolution_on, 30),
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

    # ---- histories of existing members -------------------------------------------------------

    def person_of(self, member: Member) -> dict:
        return {
            "full_name": member.full_name,
            "birth_date": member.birth_date,
            "gender": member.gender,
            "ethnicity": member.ethnicity,
            "religion": member.religion,
            "citizen_id": member.citizen_id or "",
            "phone": member.phone,
            "hometown": member.hometown,
            "residence": member.residence,
            "general_education": member.general_education or "12/12",
            "professional_level": member.professional_level,
            "occupation": member.occupation,
            "workplace": member.workplace,
        }

    def member_histories(self) -> None:
        rng, today = self.rng, self.today
        since = today - dt.timedelta(days=365 * HISTORY_YEARS)
        for member in self.g.members:
            node = self.branch_of.get(member.pk)
            if node is None or member.admitted_on < since:
                continue
            if member.status not in (Status.PROBATIONARY, Status.OFFICIAL):
                continue
            decided_on = member.admitted_on
            if member.status == Status.PROBATIONARY:
                ceremony_on = min(decided_on + dt.timedelta(days=rng.randint(3, 25)), today)
            else:
                # The foundation's official members were recognized 12 months after their
                # admission date: their ceremony was held the day the decision was signed.
                ceremony_on = decided_on
            candidate = self._candidate(
                node,
                self.person_of(member),
                introduced_by=_pick(rng, MASS_ORGS),
                introduced_on=decided_on,
                stage=Stage.INTRODUCED,
                stage_since=decided_on,
                is_village_head=False,
                member=member,
            )
            self.file_until(node, candidate, Stage.DECIDED, decided_on)
            self.admitted(node, candidate, member, ceremony_on)
            if member.status == Status.OFFICIAL:
                self.recognized(node, candidate, member, member.recognized_on)
                continue
            member.status_since = ceremony_on
            member.demo_ceremony = ceremony_on
            self.changed_members.append(member)

    # ---- open files --------------------------------------------------------------------------

    def new_person(self, node) -> dict:
        rng, g = self.rng, self.g
        female = rng.random() < 0.45
        age = rng.choice([19, 20, 21, 22, 23, 24, 25, 26, 28, 30, 32, 35, 38, 42, 47])
        birth = dt.date(self.today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        ethnic = node.ethnic or {"Kinh": 1}
        ethnicity = _pick(rng, ethnic) if isinstance(ethnic, dict) else "Kinh"
        name = self.names.full_name(female, birth.year, ethnicity)
        occupation = {
            "rural": _pick(rng, {Occupation.FARMER: 50, Occupation.STUDENT: 15,
                                 Occupation.PRIVATE_ENTERPRISE: 20, Occupation.SELF_EMPLOYED: 15}),
            "urban": _pick(rng, {Occupation.PRIVATE_ENTERPRISE: 40, Occupation.STUDENT: 20,
                                 Occupation.SELF_EMPLOYED: 40}),
            "private_enterprise": Occupation.PRIVATE_ENTERPRISE,
            "school": Occupation.TEACHER,
            "military": Occupation.ARMED_FORCES,
            "police": Occupation.ARMED_FORCES,
        }.get(node.profile, Occupation.CIVIL_SERVANT)  # fmt: skip
        if age < 23 and occupation not in (Occupation.ARMED_FORCES,) and rng.random() < 0.5:
            occupation = Occupation.STUDENT
        serial = next(self.free_serials)
        century = (birth.year // 100 - 19) * 2 + (1 if female else 0)
        religion = Religion.CATHOLIC if rng.random() < node.catholic * 3 else Religion.NONE
        residence = g.nodes[0].org.name
        if node.locality is not None and node.commune is not None:
            residence = f"{node.locality[1]}, {node.commune.unit} {node.commune.place}"
        return {
            "full_name": name,
            "birth_date": birth,
            "gender": "female" if female else "male",
            "ethnicity": ethnicity,
            "religion": religion,
            "citizen_id": f"022{century}{birth.year % 100:02d}{serial:06d}",
            "phone": f"09{rng.randrange(10**8):08d}",
            "hometown": residence,
            "residence": residence,
            "general_education": "12/12" if rng.random() < 0.9 else "9/12",
            "occupation": occupation,
            "workplace": node.workplace,
        }

    def open_files(self) -> None:
        rng, today = self.rng, self.today
        self.names = NameMaker(rng, self.g.seed)
        total = max(len(OPEN_STAGES) * 5, len(self.g.members) // 300)
        stages = [s for s, _w in OPEN_STAGES]
        weights = [w for _s, w in OPEN_STAGES]
        for index in range(total):
            stage = stages[index] if index < len(stages) else rng.choices(stages, weights)[0]
            node = rng.choice(self.branches)
            person = self.new_person(node)
            candidate = self._candidate(
                node,
                person,
                introduced_by=_pick(rng, MASS_ORGS),
                introduced_on=today,
                stage=Stage.INTRODUCED,
                stage_since=today,
                is_village_head=node.locality is not None and rng.random() < 0.06,
            )
            target = stage if stage != Stage.WITHDRAWN else Stage.TRAINED
            first = index < len(stages)  # the first file of each stage shows every case
            overdue = first or rng.random() < 0.2
            # Days ago the current stage was reached; overdue files are past their deadline
            # (R2.7: 60 working days to decide, R2.9: 30 to hold the ceremony), and some
            # certificates are about to lapse or have lapsed (R2.6: 60 months).
            if target == Stage.TRAINED and (first or rng.random() < 0.25):
                ago = (today - add_months(today, -60)).days - rng.randint(-10, 50)
            else:
                ago = rng.randint(
                    *{
                        Stage.INTRODUCED: (3, 90),
                        Stage.TRAINED: (3, 120),
                        Stage.INTRODUCERS: (3, 60),
                        Stage.VOTED: (95, 140) if overdue else (2, 50),
                        Stage.DECIDED: (50, 90) if overdue else (1, 25),
                    }[target]
                )
            self.file_until(node, candidate, target, today - dt.timedelta(days=ago))
            if stage == Stage.WITHDRAWN:
                on = min(today, candidate.stage_since + dt.timedelta(days=rng.randint(5, 60)))
                self._step(
                    candidate,
                    Action.WITHDRAWN,
                    candidate.stage,
                    Stage.WITHDRAWN,
                    on,
                    note="Chuyển đi nơi khác làm ăn",
                )
                candidate.stage, candidate.stage_since = Stage.WITHDRAWN, on

    # ---- targets -----------------------------------------------------------------------------

    def targets(self) -> list[AdmissionTarget]:
        rng = self.rng
        sizes: dict[int, int] = defaultdict(int)
        grassroots = {}
        for node in self.branches:
            current = node
            while current is not None and current.org.kind not in GRASSROOTS_KINDS:
                current = current.parent
            if current is not None:
                grassroots[current.org.pk] = current.org
                sizes[current.org.pk] += len(node.members)
        rows = []
        for year in (self.today.year - 1, self.today.year):
            for pk, org in grassroots.items():
                target = max(1, round(sizes[pk] * rng.uniform(0.025, 0.05)))
                rows.append(AdmissionTarget(organization=org, year=year, target=target))
        return rows

    # ---- writing -----------------------------------------------------------------------------

    def write(self) -> dict[str, int]:
        Course.objects.bulk_create(list(self.courses.values()), batch_size=BATCH)
        if self.changed_members:
            Member.objects.bulk_update(self.changed_members, ["status_since"], batch_size=500)
            self._move_placements()
        Candidate.objects.bulk_create(self.candidates, batch_size=BATCH)
        for rows in (self.certificates, self.introductions, self.decisions, self.recognitions):
            for candidate, row in rows:
                row.candidate = candidate
        CandidateStep.objects.bulk_create([self._bind(s) for s in self.steps], batch_size=BATCH)
        Certificate.objects.bulk_create([r for _c, r in self.certificates], batch_size=BATCH)
        Introduction.objects.bulk_create([r for _c, r in self.introductions], batch_size=BATCH)
        AdmissionDecision.objects.bulk_create([r for _c, r in self.decisions], batch_size=BATCH)
        Recognition.objects.bulk_create([r for _c, r in self.recognitions], batch_size=BATCH)
        MemberEvent.objects.bulk_create(self.events, batch_size=BATCH)
        targets = self.targets()
        AdmissionTarget.objects.bulk_create(targets, batch_size=BATCH)
        return {
            "candidates": len(self.candidates),
            "candidates_open": sum(1 for c in self.candidates if c.member_id is None),
            "admission_decisions": len(self.decisions),
            "recognitions": len(self.recognitions),
            "candidate_steps": len(self.steps),
            "admission_events": len(self.events),
            "admission_targets": len(targets),
        }

    @staticmethod
    def _bind(step: CandidateStep) -> CandidateStep:
        step.candidate_id = step.candidate.pk
        return step

    def _move_placements(self) -> None:
        """A probationary member's open placement starts at the ceremony, not the decision."""
        by_member = {m.pk: m for m in self.changed_members}
        placements = list(
            Placement.objects.filter(
                member_id__in=list(by_member), kind=PlacementKind.OFFICIAL
            ).only("id", "member_id", "valid_from", "valid_to")
        )
        moved = []
        for placement in placements:
            member = by_member[placement.member_id]
            if placement.valid_to is None and placement.valid_from < member.demo_ceremony:
                placement.valid_from = member.demo_ceremony
                moved.append(placement)
        Placement.objects.bulk_update(moved, ["valid_from"], batch_size=500)


def generate(generator) -> dict[str, int]:
    demo = AdmissionsDemo(generator)
    demo.member_histories()
    demo.open_files()
    return demo.write()
