"""Ids above 999 must not be printed with the Vietnamese thousands separator in URLs or
element ids (`{{ pk }}` localizes to 12.345 and broke the tree's htmx targets)."""

import pytest
from django.urls import reverse

from dangvu.organizations.choices import Kind
from tests.factories import MemberFactory, make_org

pytestmark = pytest.mark.django_db


def test_large_ids_render_without_separators(world, login):
    big = make_org(world.commune_a, "Đảng bộ cơ sở Số Lớn", Kind.BASE_COMMITTEE, id=12345)
    make_org(big, "Chi bộ Số Lớn", Kind.BRANCH, id=12346)
    client = login(world.users.officer_a)
    tree = client.get(reverse("organizations:children", args=[world.commune_a.pk])).content
    assert b'id="children-12345"' in tree and b"12.345" not in tree
    detail = client.get(reverse("organizations:detail", args=[big.pk])).content.decode()
    assert "?organization=12345" in detail and "organization=12.345" not in detail


def test_member_list_keeps_the_organization_filter_usable(world, login):
    big = make_org(world.commune_a, "Chi bộ Số Lớn", Kind.BASE_BRANCH, id=23456)
    MemberFactory(full_name="Đặng Thị Số", organization=big)
    html = login(world.users.officer_a).get("/members/?organization=23456").content.decode()
    assert "Đặng Thị Số" in html and "23.456" not in html
