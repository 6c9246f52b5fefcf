"""The members app's structure (issue 11): the transition tables that both the services and the
pages read, the person base shared with admissions' candidates, and the rules home's R9.3."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from dangvu.admissions.models import Candidate
from dangvu.members import rules
from dangvu.members.choices import Status, TransferKind, TransferStatus
from dangvu.members.member.person import PersonMixin
from dangvu.members.models import Member
from dangvu.members.profile.actions import MEMBER_ACTIONS
from dangvu.members.rules.transitions import MEMBER, TRANSFER, applies, available, may_act

MEMBERS = Path(__file__).resolve().parents[2] / "src" / "dangvu" / "members"


class FakeUser:
    def __init__(self, *managed):
        self.managed = managed

    def can_manage(self, org) -> bool:
        return org in self.managed


def transfer(**fields):
    defaults = {
        "status": TransferStatus.ISSUED,
        "kind": TransferKind.OFFICIAL,
        "from_organization": "sender",
        "to_organization": "receiver",
        "to_organization_id": 2,
        "ended_on": None,
    }
    return SimpleNamespace(**{**defaults, **fields})


def test_every_member_action_has_its_transition_and_the_other_way_round():
    assert [name for _suffix, name, _view in MEMBER_ACTIONS] == list(MEMBER)


def test_the_transfer_table_says_who_acts_on_which_side():
    awaiting = transfer()
    receiver, sender, other = FakeUser("receiver"), FakeUser("sender"), FakeUser("elsewhere")
    assert available(TRANSFER, "confirm", receiver, awaiting)
    assert not may_act(TRANSFER, "confirm", sender, awaiting)
    assert available(TRANSFER, "cancel", sender, awaiting)
    assert not may_act(TRANSFER, "cancel", other, awaiting)
    confirmed = transfer(status=TransferStatus.CONFIRMED)
    assert not applies(TRANSFER, "confirm", confirmed)
    assert not applies(TRANSFER, "return", confirmed)  # an official transfer has no return
    temporary = transfer(status=TransferStatus.CONFIRMED, kind=TransferKind.TEMPORARY)
    assert available(TRANSFER, "return", sender, temporary)
    external = transfer(kind=TransferKind.TEMPORARY, to_organization=None, to_organization_id=None)
    assert applies(TRANSFER, "return", external) and not applies(TRANSFER, "confirm", external)
    assert not may_act(TRANSFER, "confirm", receiver, external)  # nobody receives it here


def test_the_member_table_follows_the_member_state():
    active = SimpleNamespace(is_active=True, away_since=None, exempt_since=None, status="official")
    assert applies(MEMBER, "away", active) and not applies(MEMBER, "away_end", active)
    assert not applies(MEMBER, "restore", active)
    expelled = SimpleNamespace(
        is_active=False, away_since=None, exempt_since=None, status=Status.EXPELLED
    )
    assert [name for name in MEMBER if applies(MEMBER, name, expelled)] == ["restore"]


def test_r9_3_has_one_deadline_for_the_page_the_filter_and_the_work_list(db):
    issued = dt.date(2025, 3, 1)
    deadline = rules.transfer_report_deadline(issued)
    assert deadline == issued + dt.timedelta(days=rules.report_days(issued))

    def overdue_on(day: dt.date) -> bool:  # the filter's and the work list's condition
        return issued < dict(rules.overdue_q(day).children)["issued_on__lt"]

    assert not overdue_on(deadline) and overdue_on(deadline + dt.timedelta(days=1))


@pytest.mark.parametrize("model", [Member, Candidate])
def test_members_and_candidates_share_the_person_base(model):
    assert issubclass(model, PersonMixin)
    for method in ("clean", "clean_fields", "save"):
        assert method not in vars(model), f"{model.__name__}.{method} duplicates the base"


def test_the_rule_profile_is_read_only_in_the_rules_home():
    readers = {"rule_value", "values_on", "profile_on"}
    found = []
    for path in MEMBERS.rglob("*.py"):
        relative = path.relative_to(MEMBERS)
        if relative.parts[0] in ("rules", "migrations", "reporting"):
            continue  # reporting/ is the reports' sections (their own rule reads)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "dangvu.core.profiles":
                found += [f"{relative}: {a.name}" for a in node.names if a.name in readers]
    assert found == []
