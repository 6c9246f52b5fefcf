"""Round trip: export a subtree, empty it, import the file back, compare field by field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from dangvu.core.scope import subtree_q
from dangvu.imports.models import RunStatus
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.members.services import create_member
from dangvu.organizations.choices import Kind, LocalityKind
from dangvu.organizations.models import Locality, Organization, OrganizationLink
from tests.factories import make_org

from .helpers import cccd, run_import

pytestmark = pytest.mark.django_db

MEMBER_FIELDS = [
    "full_name",
    "name_key",
    "sort_key",
    "birth_date",
    "gender",
    "ethnicity",
    "religion",
    "hometown",
    "residence",
    "general_education",
    "professional_level",
    "theory_level",
    "occupation",
    "workplace",
    "admitted_on",
    "recognized_on",
    "card_number",
    "citizen_id",
    "phone",
    "status",
    "status_since",
    "org_path",
]
ORG_FIELDS = [
    "code",
    "name",
    "kind",
    "sector",
    "may_admit",
    "founded_on",
    "dissolved_on",
    "position",
    "path",
    "depth",
]


def build_commune(world):
    commune = make_org(world.province, "Đảng bộ xã Cẩm Xuyên", Kind.COMMUNE_COMMITTEE, code="XC")
    base = make_org(
        commune, "Đảng bộ cơ sở Cẩm Xuyên", Kind.BASE_COMMITTEE, code="XC-CS", may_admit=True
    )
    b1 = make_org(base, "Chi bộ thôn Bắc", Kind.BRANCH, code="XC-B1", sector="rural")
    b2 = make_org(base, "Chi bộ thôn Nam", Kind.BRANCH, code="XC-B2", sector="rural")
    school = make_org(
        commune, "Chi bộ Trường Tiểu học", Kind.BASE_BRANCH, code="XC-TH", sector="school"
    )
    Locality.objects.create(
        name="Thôn Bắc",
        kind=LocalityKind.VILLAGE,
        commune=commune,
        branch=b1,
        head_name="Lê Văn Trưởng",
        households=312,
    )
    Locality.objects.create(name="Thôn Nam", kind=LocalityKind.HAMLET, commune=commune)
    user = world.users.provincial
    people = [
        (
            "Đặng Thị Ánh",
            dt.date(1985, 4, 30),
            "female",
            b1,
            dict(
                ethnicity="Tày",
                religion="catholic",
                phone="+84 912 345 678",
                residence="- Tổ 3, thôn Bắc",
            ),
        ),
        (
            "Nguyễn Văn Ơn",
            dt.date(1960, 12, 1),
            "male",
            b2,
            dict(
                occupation="retired",
                theory_level="advanced",
                professional_level="master",
                general_education="10/10",
            ),
        ),
        (
            "Vũ Minh Đức",
            dt.date(2001, 7, 7),
            "male",
            school,
            dict(occupation="teacher", workplace="Trường Tiểu học Cẩm Xuyên"),
        ),
    ]
    for serial, (name, birth, gender, branch, extra) in enumerate(people, 1):
        admitted = dt.date(birth.year + 22, 5, 19)
        recognized = dt.date(birth.year + 23, 5, 19) if serial != 3 else None
        create_member(
            user=user,
            data={
                "full_name": name,
                "birth_date": birth,
                "gender": gender,
                "admitted_on": admitted,
                "recognized_on": recognized,
                "status": "official" if recognized else "probationary",
                "card_number": f"0{7000000 + serial}",
                "citizen_id": cccd(birth, gender == "female", 990000 + serial),
                "organization": branch,
                "hometown": "Xã Cẩm Xuyên, Hà Tĩnh",
                **extra,
            },
        )
    return commune


def snapshot(commune):
    orgs = {
        o["code"]: o
        for o in Organization.objects.filter(subtree_q("path", commune.path)).values(*ORG_FIELDS)
    }
    localities = {
        (loc.commune.code, loc.name): (
            loc.kind,
            loc.branch.code if loc.branch else None,
            loc.head_name,
            loc.households,
        )
        for loc in Locality.objects.filter(commune=commune).select_related("commune", "branch")
    }
    members = {
        m["citizen_id"]: m
        for m in Member.objects.filter(subtree_q("org_path", commune.path)).values(
            *MEMBER_FIELDS, "organization__code"
        )
    }
    placements = sorted(
        (p.member.citizen_id, p.organization.code, p.valid_from, p.valid_to, p.kind)
        for p in Placement.objects.filter(member__org_path__startswith=commune.path)
    )
    return orgs, localities, members, placements


def test_export_then_import_into_an_emptied_subtree_gives_the_same_records(world, tmp_path):
    commune = build_commune(world)
    before = snapshot(commune)
    out = tmp_path / "xc.xlsx"
    call_command("export", "subtree", str(out), "--org", "XC")

    # Empty the subtree (members, localities, organizations below the commune).
    # The events are append-only (a queryset delete bypasses the guard, as a restore does).
    MemberEvent.objects.filter(member__org_path__startswith=commune.path).delete()
    Member.objects.filter(subtree_q("org_path", commune.path)).delete()
    Locality.objects.filter(commune=commune).delete()
    below = Organization.objects.filter(subtree_q("path", commune.path), depth__gt=commune.depth)
    OrganizationLink.objects.filter(organization__in=below).delete()
    below.delete()
    commune.refresh_from_db()
    assert Organization.objects.filter(subtree_q("path", commune.path)).count() == 1

    user = world.users.provincial
    for kind in ("organizations", "localities", "members"):
        run = run_import(out, kind=kind, org=commune, user=user)
        assert run.status == RunStatus.DONE, (kind, run.problems)
        assert run.invalid == 0
    after = snapshot(commune)
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[2] == before[2]
    assert after[3] == before[3]
    # And importing the same workbook again changes nothing at all.
    for kind in ("organizations", "localities", "members"):
        run = run_import(out, kind=kind, org=commune, user=user)
        assert (run.created, run.updated) == (0, 0), (kind, run.problems)
    assert snapshot(commune) == before
