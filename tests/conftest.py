"""A fixed cast (healthchecks' style): one province with two sibling commune committees.

province (Tỉnh ủy)
├── commune_a (Đảng ủy xã An Bình)          ← officer_a
│   ├── base_a (Đảng bộ cơ sở xã An Bình cũ)  ← grassroots_a
│   │   ├── branch_a1 (Chi bộ thôn Đông)     ← secretary_a1, member_a1
│   │   └── branch_a2 (Chi bộ thôn Tây)
│   └── school_a (Chi bộ Trường THCS An Bình) — a chi bộ cơ sở
└── commune_b (Đảng ủy phường Bình Minh)      ← officer_b
    └── base_b → branch_b1
"""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

import pytest

from tests.factories import Kind, MemberFactory, Role, make_org, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
PASSWORD = "mat-khau-thu-nghiem"


def build_world():
    province = make_org(None, "Đảng bộ tỉnh Thử Nghiệm", Kind.PROVINCE_COMMITTEE, code="TU")
    commune_a = make_org(province, "Đảng bộ xã An Bình", Kind.COMMUNE_COMMITTEE, code="XA")
    commune_b = make_org(province, "Đảng bộ phường Bình Minh", Kind.COMMUNE_COMMITTEE, code="XB")
    base_a = make_org(commune_a, "Đảng bộ cơ sở An Bình", Kind.BASE_COMMITTEE, may_admit=True)
    branch_a1 = make_org(base_a, "Chi bộ thôn Đông", Kind.BRANCH, sector="rural")
    branch_a2 = make_org(base_a, "Chi bộ thôn Tây", Kind.BRANCH, sector="rural")
    school_a = make_org(commune_a, "Chi bộ Trường THCS An Bình", Kind.BASE_BRANCH, sector="school")
    base_b = make_org(commune_b, "Đảng bộ cơ sở Bình Minh", Kind.BASE_COMMITTEE)
    branch_b1 = make_org(base_b, "Chi bộ khu phố 1", Kind.BRANCH, sector="urban")

    duc = MemberFactory(full_name="Nguyễn Văn Đức", organization=branch_a1)
    hoa = MemberFactory(
        full_name="Trần Thị Hoa",
        organization=branch_a1,
        gender="female",
        birth_date=dt.date(1992, 8, 9),
        ethnicity="Tày",
    )
    probationer = MemberFactory(
        full_name="Lê Văn Bình",
        organization=branch_a2,
        status="probationary",
        admitted_on=dt.date(2025, 9, 2),
        recognized_on=None,
        status_since=dt.date(2025, 9, 2),
        birth_date=dt.date(2001, 1, 20),
    )
    teacher = MemberFactory(full_name="Phạm Thị Lan", organization=school_a, gender="female")
    other_duc = MemberFactory(full_name="Nguyễn Văn Đức", organization=branch_b1)
    minh = MemberFactory(full_name="Hoàng Văn Minh", organization=branch_b1)

    users = SimpleNamespace(
        provincial=make_user("tinh", Role.PROVINCIAL_BOARD, province),
        officer_a=make_user("xa_a", Role.DIRECT_BOARD, commune_a),
        officer_b=make_user("xa_b", Role.DIRECT_BOARD, commune_b),
        grassroots_a=make_user("coso_a", Role.GRASSROOTS_STAFF, base_a),
        secretary_a1=make_user("bithu_a1", Role.BRANCH_SECRETARY, branch_a1),
        member_a1=make_user("dv_a1", Role.MEMBER, branch_a1, member=hoa),
        inspector=make_user("ubkt", Role.INSPECTION, province),
        outsider=make_user("nguoila", Role.MEMBER, None),
        admin=make_user("quantri", Role.ADMIN, None, is_staff=True, is_superuser=True),
    )
    return SimpleNamespace(
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        base_a=base_a,
        branch_a1=branch_a1,
        branch_a2=branch_a2,
        school_a=school_a,
        base_b=base_b,
        branch_b1=branch_b1,
        duc=duc,
        hoa=hoa,
        probationer=probationer,
        teacher=teacher,
        other_duc=other_duc,
        minh=minh,
        users=users,
    )


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


def pytest_report_header(config):
    from django.db import connection

    today = dt.date.today().strftime("%d/%m/%Y")
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']}); today: {today}"
