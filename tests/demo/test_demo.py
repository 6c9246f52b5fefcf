"""The demo province: realistic shape, valid tree and history, reproducible, safe to re-run.

The small province is generated once per module (inside a transaction rolled back at the end);
each test runs in a savepoint on top of it.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from dangvu.accounts.models import Role, User
from dangvu.core.calendar import add_months
from dangvu.demo.generator import DemoGenerator
from dangvu.members.choices import PostKind, Status
from dangvu.members.models import Member, MemberPost, Placement
from dangvu.members.validators import citizen_id_matches, validate_citizen_id
from dangvu.organizations.choices import BRANCH_KINDS, Kind, SeatRole
from dangvu.organizations.models import CommitteeSeat, Locality, Organization
from dangvu.organizations.queries import children_on

SEED = 2025


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("demo", scale="small", seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def province(demo, db) -> Organization:
    return Organization.objects.get_root_nodes().get()


def active_members():
    return Member.objects.filter(status__in=(Status.OFFICIAL, Status.PROBATIONARY))


def test_small_scale_counts_are_in_the_expected_ranges(province):
    live = Organization.objects.filter(dissolved_on__isnull=True)
    assert 5 <= live.filter(kind=Kind.COMMUNE_COMMITTEE).count() <= 8
    assert live.filter(kind=Kind.AGENCY_COMMITTEE).count() == 4
    assert 15 <= live.filter(kind__in=(Kind.BASE_COMMITTEE, Kind.BASE_BRANCH)).count() <= 25
    assert 120 <= live.filter(kind__in=BRANCH_KINDS).count() <= 190
    active = active_members().count()
    assert 2_500 <= active <= 3_600
    assert 0.02 <= active_members().filter(status=Status.PROBATIONARY).count() / active <= 0.06
    assert 0.25 <= active_members().filter(gender="female").count() / active <= 0.40
    assert 0.10 <= active_members().exclude(ethnicity="Kinh").count() / active <= 0.40
    assert 40 <= Locality.objects.count() <= 90


def test_tree_is_valid_and_numchild_is_right(province):
    assert all(problems == [] for problems in Organization.objects.find_problems())
    children = children_per_parent()
    for org in Organization.objects.all():
        assert org.numchild == children.get(org.path, 0), org.name


def children_per_parent() -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in Organization.objects.values_list("path", flat=True):
        parent = path[: -Organization.steplen]
        if parent:
            counts[parent] = counts.get(parent, 0) + 1
    return counts


def test_every_member_sits_in_a_branch_with_a_matching_path(province):
    assert not Member.objects.exclude(organization__kind__in=BRANCH_KINDS).exists()
    assert not Member.objects.exclude(org_path=F("organization__path")).exists()
    assert not Member.objects.filter(organization__dissolved_on__isnull=False).exists()


def test_identity_numbers_are_valid_and_consistent(province):
    cards = set()
    for m in Member.objects.all():
        validate_citizen_id(m.citizen_id)
        assert citizen_id_matches(m.citizen_id, m.birth_date, m.gender == "female"), m.citizen_id
        if m.status == Status.PROBATIONARY:
            assert m.recognized_on is None and m.card_number is None
            assert (timezone.localdate() - m.admitted_on).days <= 366
        else:
            assert m.recognized_on == add_months(m.admitted_on, 12)
            assert len(m.card_number) == 8 and m.card_number not in cards
            cards.add(m.card_number)
        age_at_admission = (
            m.admitted_on.year
            - m.birth_date.year
            - ((m.admitted_on.month, m.admitted_on.day) < (m.birth_date.month, m.birth_date.day))
        )
        assert age_at_admission >= 18


def test_each_member_has_one_official_placement_from_admission_or_later(province):
    # The members app's history (issue 3) adds earlier placements (transfers, moves) and
    # temporary ones: the open official placement is the member's branch, while on the roll.
    active = (Status.OFFICIAL, Status.PROBATIONARY)
    assert not Placement.objects.filter(valid_from__lt=F("member__admitted_on")).exists()
    current = Placement.objects.filter(kind="official", valid_to__isnull=True)
    assert current.count() == Member.objects.filter(status__in=active).count()
    assert not current.exclude(organization=F("member__organization")).exists()
    assert not current.exclude(member__status__in=active).exists()
    assert not Member.objects.exclude(placements__kind="official").exists()


def test_R1_4_every_branch_has_at_least_three_full_members(province):
    thin = (
        Organization.objects.filter(kind__in=BRANCH_KINDS)
        .annotate(full=Count("members", filter=Q(members__status=Status.OFFICIAL)))
        .filter(full__lt=3)
    )
    assert not thin.exists()


def test_same_seed_gives_the_same_people(province):
    stored = list(Member.objects.order_by("id").values_list("full_name", flat=True)[:20])
    first, second = DemoGenerator(seed=SEED), DemoGenerator(seed=SEED)
    first.plan()
    second.plan()
    assert [m.full_name for m in first.members[:20]] == stored
    assert [m.full_name for m in second.members[:20]] == stored
    other = DemoGenerator(seed=SEED + 1)
    other.plan()
    assert [m.full_name for m in other.members[:20]] != stored


def test_history_shows_districts_before_2025_and_communes_today(province):
    before = {link.organization.kind for link in children_on(province, dt.date(2022, 1, 1))}
    assert Kind.DISTRICT_COMMITTEE in before and Kind.SECTOR_COMMITTEE in before
    assert Kind.COMMUNE_COMMITTEE not in before
    now = {link.organization.kind for link in children_on(province, timezone.localdate())}
    assert Kind.COMMUNE_COMMITTEE in now and Kind.AGENCY_COMMITTEE in now
    assert Kind.DISTRICT_COMMITTEE not in now and Kind.SECTOR_COMMITTEE not in now


def test_grassroots_moved_from_district_to_commune_on_1_7_2025(province):
    base = (
        Organization.objects.filter(
            kind=Kind.BASE_COMMITTEE, path__startswith=province.path, depth=3
        )
        .filter(links__parent__kind=Kind.DISTRICT_COMMITTEE)
        .first()
    )
    links = list(base.links.order_by("valid_from"))
    assert [link.parent.kind for link in links] == [Kind.DISTRICT_COMMITTEE, Kind.COMMUNE_COMMITTEE]
    assert links[0].valid_to == links[1].valid_from == dt.date(2025, 7, 1)
    assert links[1].valid_to is None and links[1].parent == Organization.objects.get_parent(base)


def test_R1_7_case_26_no_district_level_today(province):
    assert not Organization.objects.filter(
        kind=Kind.DISTRICT_COMMITTEE, dissolved_on__isnull=True
    ).exists()
    districts = Organization.objects.filter(kind=Kind.DISTRICT_COMMITTEE)
    assert districts.exists()
    assert all(d.dissolved_on == dt.date(2025, 7, 1) and d.numchild == 0 for d in districts)
    for commune in Organization.objects.filter(kind=Kind.COMMUNE_COMMITTEE):
        assert Organization.objects.get_parent(commune) == province


def test_committees_every_branch_has_one_secretary(province):
    branches = Organization.objects.filter(kind__in=BRANCH_KINDS, dissolved_on__isnull=True)
    secretaries = (
        CommitteeSeat.objects.filter(role=SeatRole.SECRETARY, organization__in=branches)
        .values("organization")
        .annotate(n=Count("id"))
    )
    assert len(secretaries) == branches.count()
    assert all(row["n"] == 1 for row in secretaries)
    assert CommitteeSeat.objects.filter(organization=province, role=SeatRole.SECRETARY).count() == 1
    # Seats are held by full members of the organization's subtree.
    for seat in CommitteeSeat.objects.select_related("organization", "member")[:300]:
        assert seat.member.org_path.startswith(seat.organization.path)
        assert seat.member.status == Status.OFFICIAL


def test_localities_belong_to_communes_and_heads_are_mostly_members(province):
    localities = Locality.objects.select_related("commune", "branch")
    assert all(loc.commune.kind == Kind.COMMUNE_COMMITTEE for loc in localities)
    covered = [loc for loc in localities if loc.branch_id]
    assert all(loc.branch.path.startswith(loc.commune.path) for loc in covered)
    assert len(covered) < localities.count()  # a "white" locality without a branch
    with_member_head = localities.filter(head_member__isnull=False).count()
    assert with_member_head / localities.count() >= 0.95
    assert all(loc.head_name for loc in localities)
    heads = MemberPost.objects.filter(kind=PostKind.VILLAGE_HEAD)
    assert heads.count() == with_member_head
    assert not heads.exclude(locality__head_member=F("member")).exists()


def test_demo_users_have_their_roles_and_scopes(province):
    users = {u.username: u for u in User.objects.select_related("organization", "member")}
    assert users["admin"].is_superuser and users["admin"].sees_everything
    assert users["tinh"].role == Role.PROVINCIAL_BOARD and users["tinh"].organization == province
    assert users["ubkt"].role == Role.INSPECTION and users["ubkt"].organization == province
    xa1, xa2 = users["xa1"].organization, users["xa2"].organization
    assert users["xa1"].role == users["xa2"].role == Role.DIRECT_BOARD
    assert xa1.kind == xa2.kind == Kind.COMMUNE_COMMITTEE and xa1 != xa2
    parents = {Organization.objects.get_parent(xa1), Organization.objects.get_parent(xa2)}
    assert parents == {province}
    coso = users["coso"].organization
    assert users["coso"].role == Role.GRASSROOTS_STAFF and coso.kind == Kind.BASE_COMMITTEE
    assert coso.path.startswith(xa1.path)
    bithu = users["bithu"]
    assert bithu.role == Role.BRANCH_SECRETARY and bithu.organization.kind in BRANCH_KINDS
    assert bithu.organization.path.startswith(coso.path)
    assert CommitteeSeat.objects.filter(
        organization=bithu.organization, member=bithu.member, role=SeatRole.SECRETARY
    ).exists()
    dangvien = users["dangvien"]
    assert dangvien.role == Role.MEMBER and dangvien.member.organization == bithu.organization
    assert dangvien.member != bithu.member
    assert users["xa2"].check_password("dangvu2026")
    assert Member.objects.visible_to(users["xa1"]).count() < active_members().count()


def test_if_empty_on_a_populated_database_does_nothing(province):
    before = (Organization.objects.count(), Member.objects.count(), User.objects.count())
    out = StringIO()
    call_command("demo", if_empty=True, stdout=out)
    after = (Organization.objects.count(), Member.objects.count(), User.objects.count())
    assert before == after
    assert "xa1" in out.getvalue() and "dangvu2026" in out.getvalue()


def test_refuses_to_run_on_a_populated_database(province):
    with pytest.raises(CommandError):
        call_command("demo", stdout=StringIO())


def test_each_apps_demo_step_runs_and_reports_its_counts(demo):
    """The steps come from the apps' `demo_steps` (the registry's probe app included), each
    printed with the labels it declares."""

    from django.utils.translation import gettext, override

    def count(label: str) -> int:
        with override("vi"):  # the command speaks Vietnamese
            label = gettext(label)
        line = next(x for x in demo.splitlines() if x.strip().startswith(label + ":"))
        return int(line.split(":")[1].replace(".", "").replace(",", "").strip())

    assert count("Branch meetings") > 0 and count("Admission files (candidates)") > 0
    # the probe counts the generator's members, which the foundation also reports
    assert count("Registry probe members") == count("Members (all statuses)") > 0


def test_r15_4_the_demo_balances_every_year(province):
    """Form 1-BTCTW's identities hold for the demo, every organization and each of the last
    five years, and every change of the roll has its event (the admitted and the recognized
    are counted, not lost as "arrived")."""
    from dangvu.members.reporting.balance import balance
    from dangvu.members.reporting.balance_check import check
    from dangvu.reports.queries.scope import Scope

    today = timezone.localdate()
    for year in range(today.year - 4, today.year + 1):
        start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
        result = check(start, end)
        assert result.ok, result
        b = balance(Scope(province, end, start))
        assert b.holds and b.unexplained == 0, (year, b)
        previous = balance(Scope(province, start - dt.timedelta(days=1), dt.date(year - 1, 1, 1)))
        assert previous.end == b.start  # last year's end is this year's start
        assert previous.probationary_end == b.probationary_start
    # some history in each direction somewhere in those years
    total = balance(Scope(province, today, dt.date(today.year - 4, 1, 1)))
    assert total.flows["admitted"] > 0 and total.recognized > 0
    assert total.flows["arrived"] > 0 and total.flows["departed"] > 0
