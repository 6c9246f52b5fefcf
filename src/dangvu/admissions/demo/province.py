"""The demo province's admission history: files of recent members, open files, targets."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dangvu.core.calendar import add_months
from dangvu.core.demo_names import NameMaker
from dangvu.members.choices import Occupation, PlacementKind, Religion, Status
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.organizations.choices import GRASSROOTS_KINDS

from ..choices import Action, Stage
from ..models import (
    AdmissionDecision,
    AdmissionTarget,
    Candidate,
    CandidateStep,
    Certificate,
    Course,
    Introduction,
    Recognition,
)
from .files import BATCH, HISTORY_YEARS, MASS_ORGS, OPEN_STAGES, FileDemo, _pick


class AdmissionsDemo(FileDemo):
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
                validity = self.values["admission.certificate_validity_months"]
                ago = (today - add_months(today, -validity)).days - rng.randint(-10, 50)
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
