"""Realistic party members for the demo, by the kind of branch they belong to.

Shapes (all approximate, for a northern-mountain/coastal province): rural residential branches
are old (many retirees, mostly elementary political theory), agencies and schools are
middle-aged and better qualified, the armed forces young and male. Admission happens at 18 or
later and one year before official membership; about 3–4% are probationary (admitted within
the last twelve months). Random draws never depend on today's date, so a seed reproduces the
same people on any day (only the dates shift with "today").
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dangvu.core.calendar import add_months
from dangvu.core.demo_names import PLACE_SYLLABLES, PROVINCE_CODES, NameMaker
from dangvu.members.choices import (
    Gender,
    Occupation,
    ProfessionalLevel,
    Religion,
    Status,
    TheoryLevel,
)

# Age bands (low, high, weight) per profile.
AGES = {
    "rural": [
        (20, 30, 8),
        (31, 40, 12),
        (41, 50, 14),
        (51, 60, 16),
        (61, 70, 22),
        (71, 80, 17),
        (81, 95, 11),
    ],
    "urban": [
        (20, 30, 5),
        (31, 40, 9),
        (41, 50, 12),
        (51, 60, 15),
        (61, 70, 25),
        (71, 80, 21),
        (81, 95, 13),
    ],
    "agency": [(23, 30, 12), (31, 40, 33), (41, 50, 32), (51, 60, 23)],
    "school": [(22, 30, 15), (31, 40, 35), (41, 50, 30), (51, 59, 20)],
    "enterprise": [(20, 30, 20), (31, 40, 40), (41, 50, 28), (51, 60, 12)],
    "armed": [(20, 30, 32), (31, 40, 35), (41, 50, 24), (51, 57, 9)],
}
FEMALE_SHARE = {
    "rural": 0.30,
    "urban": 0.40,
    "agency": 0.42,
    "school": 0.72,
    "health": 0.62,
    "enterprise": 0.25,
    "military": 0.07,
    "police": 0.13,
}
_T, _P = TheoryLevel, ProfessionalLevel
THEORY = {
    "rural": {_T.NONE: 42, _T.PRIMARY: 52, _T.INTERMEDIATE: 5, _T.ADVANCED: 1},
    "urban": {_T.NONE: 30, _T.PRIMARY: 52, _T.INTERMEDIATE: 13, _T.ADVANCED: 5},
    "commune": {_T.PRIMARY: 30, _T.INTERMEDIATE: 57, _T.ADVANCED: 9, _T.BACHELOR: 4},
    "agency": {_T.PRIMARY: 33, _T.INTERMEDIATE: 37, _T.ADVANCED: 25, _T.BACHELOR: 5},
    "school": {_T.PRIMARY: 72, _T.INTERMEDIATE: 24, _T.ADVANCED: 4},
    "health": {_T.PRIMARY: 70, _T.INTERMEDIATE: 25, _T.ADVANCED: 5},
    "enterprise": {_T.NONE: 18, _T.PRIMARY: 66, _T.INTERMEDIATE: 14, _T.ADVANCED: 2},
    "armed": {_T.PRIMARY: 40, _T.INTERMEDIATE: 40, _T.ADVANCED: 18, _T.BACHELOR: 2},
}
PROFESSIONAL = {
    "rural": {_P.NONE: 55, _P.VOCATIONAL: 24, _P.COLLEGE: 8, _P.UNIVERSITY: 13},
    "urban": {_P.NONE: 30, _P.VOCATIONAL: 25, _P.COLLEGE: 12, _P.UNIVERSITY: 30, _P.MASTER: 3},
    "commune": {_P.COLLEGE: 8, _P.UNIVERSITY: 82, _P.MASTER: 10},
    "agency": {_P.COLLEGE: 4, _P.UNIVERSITY: 70, _P.MASTER: 23, _P.DOCTOR: 3},
    "school": {_P.COLLEGE: 14, _P.UNIVERSITY: 76, _P.MASTER: 10},
    "health": {_P.VOCATIONAL: 10, _P.COLLEGE: 24, _P.UNIVERSITY: 50, _P.MASTER: 13, _P.DOCTOR: 3},
    "enterprise": {_P.NONE: 8, _P.VOCATIONAL: 35, _P.COLLEGE: 15, _P.UNIVERSITY: 40, _P.MASTER: 2},
    "armed": {_P.VOCATIONAL: 10, _P.COLLEGE: 20, _P.UNIVERSITY: 60, _P.MASTER: 10},
}
HOME_CODE = "022"


@dataclass(frozen=True)
class Profile:
    """How a branch's members look: `ages`/`gender` keys above, theory/professional keys,
    and the occupation rule."""

    ages: str
    gender: str
    levels: str
    occupation: str


PROFILES = {
    "rural": Profile("rural", "rural", "rural", "rural"),
    "urban": Profile("urban", "urban", "urban", "urban"),
    "commune": Profile("agency", "agency", "commune", "civil_servant"),
    "agency": Profile("agency", "agency", "agency", "civil_servant"),
    "public_service": Profile("agency", "agency", "agency", "public_employee"),
    "school": Profile("school", "school", "school", "teacher"),
    "health": Profile("agency", "health", "health", "public_employee"),
    "state_enterprise": Profile("enterprise", "enterprise", "enterprise", "worker"),
    "private_enterprise": Profile("enterprise", "enterprise", "enterprise", "private"),
    "military": Profile("armed", "military", "armed", "armed_forces"),
    "police": Profile("armed", "police", "armed", "armed_forces"),
}


def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class PersonMaker:
    """Builds member field dicts; identity numbers are unique across the whole run."""

    def __init__(self, rng: random.Random, names: NameMaker, today: dt.date) -> None:
        self.rng = rng
        self.names = names
        self.today = today
        self._serials: set[int] = set()
        self._cards: set[int] = set()

    def _unique(self, used: set[int], low: int, high: int) -> int:
        while True:
            value = self.rng.randrange(low, high)
            if value not in used:
                used.add(value)
                return value

    def _age(self, profile: Profile) -> int:
        bands = AGES[profile.ages]
        low, high, _ = self.rng.choices(bands, weights=[b[2] for b in bands])[0]
        return self.rng.randint(low, high)

    def _occupation(self, rule: str, age: int) -> str:
        rng = self.rng
        if rule == "rural":
            if age >= 60:
                return Occupation.RETIRED if rng.random() < 0.55 else Occupation.FARMER
            if age < 25 and rng.random() < 0.2:
                return Occupation.STUDENT
            return _pick(
                rng,
                {
                    Occupation.FARMER: 55,
                    Occupation.SELF_EMPLOYED: 18,
                    Occupation.WORKER: 10,
                    Occupation.PRIVATE_ENTERPRISE: 10,
                    Occupation.CIVIL_SERVANT: 2,
                    Occupation.OTHER: 5,
                },
            )
        if rule == "urban":
            if age >= 60:
                return Occupation.RETIRED if rng.random() < 0.85 else Occupation.SELF_EMPLOYED
            return _pick(
                rng,
                {
                    Occupation.SELF_EMPLOYED: 35,
                    Occupation.PRIVATE_ENTERPRISE: 25,
                    Occupation.WORKER: 18,
                    Occupation.CIVIL_SERVANT: 5,
                    Occupation.PUBLIC_EMPLOYEE: 4,
                    Occupation.OTHER: 13,
                },
            )
        if rule == "civil_servant":
            return Occupation.CIVIL_SERVANT if rng.random() < 0.8 else Occupation.PUBLIC_EMPLOYEE
        if rule == "teacher":
            return Occupation.TEACHER if rng.random() < 0.9 else Occupation.PUBLIC_EMPLOYEE
        if rule == "worker":
            return Occupation.WORKER if rng.random() < 0.7 else Occupation.OTHER
        if rule == "private":
            return Occupation.PRIVATE_ENTERPRISE
        if rule == "armed_forces":
            return Occupation.ARMED_FORCES
        return Occupation.PUBLIC_EMPLOYEE

    def _education(self, birth_year: int, levels: str) -> str:
        rng = self.rng
        if birth_year < 1965:  # the northern 10-year school system
            return _pick(rng, {"10/10": 68, "7/10": 18, "12/12": 10, "9/10": 4})
        if levels in ("rural",):
            return _pick(rng, {"12/12": 78, "9/12": 20, "11/12": 2})
        if levels in ("urban", "enterprise"):
            return _pick(rng, {"12/12": 92, "9/12": 8})
        return "12/12"

    def _religion(self, catholic_share: float) -> str:
        r = self.rng.random()
        if r < catholic_share:
            return Religion.CATHOLIC
        r = self.rng.random()
        if r < 0.04:
            return Religion.BUDDHISM
        if r < 0.042:
            return Religion.OTHER
        return Religion.NONE

    def make(
        self,
        kind: str,
        *,
        ethnicities: dict[str, float],
        catholic_share: float = 0.004,
        hometown: str,
        residence: str,
        workplace: str = "",
        earliest_placement: dt.date | None = None,
    ) -> dict:
        """One member's fields, plus `placed_on` (start of the open placement)."""
        rng, today = self.rng, self.today
        profile = PROFILES[kind]
        age = self._age(profile)
        female = rng.random() < FEMALE_SHARE[profile.gender]
        ethnicity = _pick(rng, ethnicities)
        if ethnicity == "H'Mông" and rng.random() < 0.3:
            religion = Religion.PROTESTANT
        else:
            religion = self._religion(catholic_share)
        birth_year = today.year - age
        birth = dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        full_name = self.names.full_name(female, birth_year, ethnicity)

        # Young members are much likelier to be probationary (admitted this past year).
        p_probation = 0.09 if age < 35 else (0.025 if age < 46 else 0.002)
        probation_draw = rng.random()
        adm_month, adm_day = rng.randint(1, 12), rng.randint(1, 28)
        days_ago = rng.randint(20, 350)
        # Official membership needs admission at 18+ two calendar years ago, so the youngest
        # (19–20) are always probationary.
        if probation_draw < p_probation or age < 21:
            status = Status.PROBATIONARY
            admitted = today - dt.timedelta(days=days_ago)
            recognized = None
            status_since = admitted
        else:
            status = Status.OFFICIAL
            low, high, _ = rng.choices(
                [(19, 25, 40), (26, 35, 42), (36, 45, 14), (46, 55, 4)],
                weights=[40, 42, 14, 4],
            )[0]
            adm_age = rng.randint(low, high)
            ceiling = min(age - 2, 55)
            if adm_age > ceiling:
                adm_age = rng.randint(19, max(19, ceiling))
            # Official members were admitted at least two calendar years ago: 18 or older at
            # admission (year difference ≥ 19) and recognized twelve months later, in the past.
            admitted = dt.date(birth_year + adm_age, adm_month, adm_day)
            if age < 46 and rng.random() < 0.035:
                # Last year's cohort, recognized since: every year has its admissions.
                admitted = today - dt.timedelta(days=rng.randint(380, 720))
            recognized = add_months(admitted, 12)
            status_since = recognized

        card_draw = self._unique(self._cards, 10_000_000, 100_000_000)
        serial = self._unique(self._serials, 0, 1_000_000)
        from_elsewhere = rng.random() < 0.12
        other_province = rng.choice(list(PROVINCE_CODES))
        if from_elsewhere:
            first, second = rng.sample(PLACE_SYLLABLES, 2)
            hometown = f"xã {first} {second}, tỉnh {other_province}"
            code = PROVINCE_CODES[other_province]
        else:
            code = HOME_CODE
        century_digit = (birth_year // 100 - 19) * 2 + (1 if female else 0)
        citizen_id = f"{code}{century_digit}{birth_year % 100:02d}{serial:06d}"

        phone_draw = rng.random()
        phone_digits = rng.randrange(10**8)
        phone_prefix = rng.choice("3789")
        has_phone = phone_draw < (0.96 if age < 60 else 0.78)

        # Placement: since admission, or since a later move into this branch.
        moved = rng.random() < 0.3
        move_fraction = rng.random()
        placed_on = admitted
        if moved and status == Status.OFFICIAL:
            span = (today - admitted).days
            placed_on = admitted + dt.timedelta(days=int(span * move_fraction * 0.9))
        if earliest_placement and placed_on < earliest_placement:
            placed_on = max(earliest_placement, admitted)

        # A few left the registry recently (for realistic status filters), some work away
        # from home, the oldest are often exempted from party work and meetings.
        fate = rng.random()
        fate_days = rng.randint(30, 600)
        away = exempt = None
        residential = profile.ages in ("rural", "urban")
        if status == Status.OFFICIAL:
            if age >= 72 and fate < 0.015:
                status, status_since = Status.DECEASED, today - dt.timedelta(days=fate_days)
            elif age < 50 and fate < 0.005:
                status = Status.TRANSFERRED_OUT
                status_since = today - dt.timedelta(days=fate_days)
            elif residential and age < 45 and fate < 0.07:
                away = max(placed_on, today - dt.timedelta(days=fate_days * 2))
            elif residential and age >= 75 and fate < 0.3:
                exempt = max(placed_on, today - dt.timedelta(days=fate_days * 4))
        if status in (Status.DECEASED, Status.TRANSFERRED_OUT):
            # Left after becoming official; the closed placement must end after it starts.
            status_since = min(today, max(status_since, recognized + dt.timedelta(days=30)))
            placed_on = max(admitted, min(placed_on, status_since - dt.timedelta(days=30)))
        elif status_since < placed_on and status == Status.PROBATIONARY:
            placed_on = admitted

        return {
            "full_name": full_name,
            "birth_date": birth,
            "gender": Gender.FEMALE if female else Gender.MALE,
            "ethnicity": ethnicity,
            "religion": religion,
            "hometown": hometown,
            "residence": residence,
            "general_education": self._education(birth_year, profile.levels),
            "professional_level": self._professional(profile, age),
            "theory_level": _pick(rng, THEORY[profile.levels]),
            "occupation": self._occupation(profile.occupation, age),
            "workplace": workplace,
            "admitted_on": admitted,
            "recognized_on": recognized,
            "card_number": str(card_draw) if recognized else None,
            "citizen_id": citizen_id,
            "phone": f"0{phone_prefix}{phone_digits:08d}" if has_phone else "",
            "status": status,
            "status_since": status_since,
            "away_since": away,
            "exempt_since": exempt,
            "placed_on": placed_on,
        }

    def _professional(self, profile: Profile, age: int) -> str:
        level = _pick(self.rng, PROFESSIONAL[profile.levels])
        # Older rural members rarely went to university.
        if profile.levels == "rural" and age >= 65 and level == _P.UNIVERSITY:
            return _P.NONE if self.rng.random() < 0.7 else level
        return level
