"""Member pages through the real views: list, search, filters, export, profile, edit, create."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from dangvu.members.choices import Gender, PostKind
from dangvu.members.forms import PROFILE_FIELDS
from dangvu.members.models import Member, MemberPost, Placement
from dangvu.members.services import SELF_EDITABLE_FIELDS
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat
from tests import xlsx_read
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

LIST = reverse("members:list")


def names(response) -> list[str]:
    return [m.full_name for m in response.context["object_list"]]


def pks(response) -> set[int]:
    return {m.pk for m in response.context["object_list"]}


# --- list, search, filters


def test_the_list_shows_the_users_subtree_only(world, login):
    response = login(world.users.officer_a).get(LIST)
    assert response.status_code == 200
    assert pks(response) == {world.duc.pk, world.hoa.pk, world.probationer.pk, world.teacher.pk}
    assert response.context["total"] == 4
    html = response.content.decode()
    assert "Hoàng Văn Minh" not in html
    assert world.duc.card_number in html
    assert reverse("members:detail", args=[world.duc.pk]) in html


def test_the_row_count_is_printed_with_a_thousands_dot(world, login):
    MemberFactory.create_batch(1000, organization=world.branch_a2)
    response = login(world.users.officer_a).get(LIST)
    assert response.context["total"] == 1004
    assert "1.004" in response.content.decode()
    assert len(response.context["object_list"]) == 50


@pytest.mark.parametrize(
    "query", ["nguyen van duc", "NGUYEN VAN ĐUC", "Nguyễn Văn Đức", "duc nguyen"]
)
def test_search_ignores_diacritics_and_finds_only_the_callers_duc(world, login, query):
    response = login(world.users.officer_a).get(LIST, {"q": query})
    assert pks(response) == {world.duc.pk}
    response = login(world.users.officer_b).get(LIST, {"q": query})
    assert pks(response) == {world.other_duc.pk}
    response = login(world.users.provincial).get(LIST, {"q": query})
    assert pks(response) == {world.duc.pk, world.other_duc.pk}


def test_search_by_card_number(world, login):
    response = login(world.users.officer_a).get(LIST, {"q": world.hoa.card_number})
    assert pks(response) == {world.hoa.pk}
    response = login(world.users.officer_b).get(LIST, {"q": world.hoa.card_number})
    assert pks(response) == set()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "probationary"}, {"probationer"}),
        ({"gender": "female"}, {"hoa", "teacher"}),
        ({"ethnic_minority": "true"}, {"hoa"}),
        ({"ethnicity": "Tày"}, {"hoa"}),
        ({"age_band": "le30"}, {"probationer"}),
        ({"gender": "male", "status": "official"}, {"duc"}),
    ],
)
def test_filters(world, login, params, expected):
    response = login(world.users.officer_a).get(LIST, params)
    assert pks(response) == {getattr(world, name).pk for name in expected}


def test_the_organization_filter_covers_the_subtree_and_shows_its_name(world, login):
    client = login(world.users.officer_a)
    response = client.get(LIST, {"organization": world.base_a.pk})
    assert pks(response) == {world.duc.pk, world.hoa.pk, world.probationer.pk}
    assert response.context["chosen_organization"] == world.base_a
    html = response.content.decode()
    assert "Đảng bộ cơ sở An Bình" in html
    assert f'value="{world.base_a.pk}"' in html  # kept as a hidden field for the next search


def test_an_organization_of_another_subtree_shows_nothing(world, login):
    response = login(world.users.officer_a).get(LIST, {"organization": world.branch_b1.pk})
    assert response.status_code == 200
    assert pks(response) == set()
    assert "Bình Minh" not in response.content.decode()
    assert "khu phố 1" not in response.content.decode()


def test_sorting_and_bad_parameters(world, login):
    client = login(world.users.officer_a)
    response = client.get(LIST, {"ordering": "-birth_date"})
    births = [m.birth_date for m in response.context["object_list"]]
    assert births == sorted(births, reverse=True)
    assert "?ordering=birth_date" in response.content.decode()  # the header toggles the order
    response = client.get(LIST, {"ordering": "name"})
    assert names(response)[0] == "Lê Văn Bình"  # by given name: Bình, Đức, Hoa, Lan
    for bad in ({"page": "999"}, {"page": "x"}, {"ordering": "password"}, {"status": "nope"}):
        assert client.get(LIST, bad).status_code == 200


def test_pagination(world, login):
    MemberFactory.create_batch(60, organization=world.branch_a2)
    client = login(world.users.officer_a)
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    assert len(first.context["object_list"]) == 50
    assert len(second.context["object_list"]) == 14
    assert not pks(first) & pks(second)
    assert "page=2" in first.content.decode()


def test_the_list_makes_no_query_per_row_and_counts_once(world, login):
    MemberFactory.create_batch(60, organization=world.branch_a2)
    client = login(world.users.officer_a)
    client.get(LIST)  # warm up the session
    with CaptureQueriesContext(connection) as small:
        client.get(LIST, {"q": "nguyen"})
    with CaptureQueriesContext(connection) as big:
        response = client.get(LIST)
    assert len(response.context["object_list"]) == 50
    assert len(big.captured_queries) == len(small.captured_queries)
    counts = [q["sql"] for q in big.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1


# --- export


def read_xlsx(response) -> list[tuple]:
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="dang-vien.xlsx"' in response["Content-Disposition"]
    return xlsx_read.table(xlsx_read.sheet(response))


def test_export_returns_the_filtered_rows(world, login):
    client = login(world.users.officer_a)
    rows = read_xlsx(client.get(reverse("members:export")))
    header, body = rows[0], rows[1:]
    assert len(body) == 4
    assert {row[1] for row in body} == {
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
        "Lê Văn Bình",
        "Phạm Thị Lan",
    }
    assert len(header) == len(body[0])
    birth_column = 2
    hoa = next(row for row in body if row[1] == "Trần Thị Hoa")
    assert hoa[birth_column].date() == dt.date(1992, 8, 9)  # a real date cell
    assert "Chi bộ thôn Đông" in hoa
    rows = read_xlsx(client.get(reverse("members:export"), {"q": "nguyen van duc"}))
    assert [row[1] for row in rows[1:]] == ["Nguyễn Văn Đức"]
    assert "Chi bộ thôn Đông" in rows[1]


def test_export_stays_in_scope(world, login):
    rows = read_xlsx(login(world.users.officer_b).get(reverse("members:export")))
    assert {row[1] for row in rows[1:]} == {"Nguyễn Văn Đức", "Hoàng Văn Minh"}
    assert all("Chi bộ khu phố 1" in row for row in rows[1:])
    rows = read_xlsx(
        login(world.users.officer_b).get(
            reverse("members:export"), {"organization": world.branch_a1.pk}
        )
    )
    assert rows[1:] == []


def test_export_title_block_names_the_filtered_organization_and_the_filters(world, login):
    client = login(world.users.officer_a)
    response = client.get(
        reverse("members:export"), {"organization": world.branch_a1.pk, "gender": "female"}
    )
    sheet = xlsx_read.sheet(response)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert xlsx_read.title_lines(sheet) == [
        world.branch_a1.name,  # the filtered organization, not the user's
        gettext("Party members"),
        f"{gettext('Gender')}: {Gender.FEMALE.label}",
        gettext("Date made: %(date)s") % {"date": today},
    ]
    assert sheet.freeze_panes == "B7" and xlsx_read.table(sheet)[0][0] == "STT"
    # Outside the scope: the user's own organization heads an empty list (no name leaks).
    other = login(world.users.officer_b).get(
        reverse("members:export"), {"organization": world.branch_a1.pk}
    )
    lines = xlsx_read.title_lines(xlsx_read.sheet(other))
    assert lines[0] == world.users.officer_b.organization.name
    assert world.branch_a1.name not in " ".join(lines)


# --- detail


def test_the_profile_page(world, login):
    CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=world.duc,
        role=SeatRole.SECRETARY,
        valid_from=dt.date(2025, 5, 1),
    )
    MemberPost.objects.create(
        member=world.duc,
        kind=PostKind.VILLAGE_HEAD,
        title="Thôn Đông",
        valid_from=dt.date(2020, 1, 1),
    )
    MemberPost.objects.create(
        member=world.duc,
        kind=PostKind.YOUTH_SECRETARY,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2015, 1, 1),
    )
    response = login(world.users.officer_a).get(reverse("members:detail", args=[world.duc.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Nguyễn Văn Đức",
        "17/05/1980",
        "02/03/2005",
        "02/03/2006",
        world.duc.card_number,
        world.duc.citizen_id,
        "Chi bộ thôn Đông",
    ):
        assert text in html
    assert [s.role for s in response.context["seats"]] == [SeatRole.SECRETARY]
    assert [p.is_current for p in response.context["posts"]] == [True, False]
    assert [p.organization for p in response.context["placements"]] == [world.branch_a1]
    assert response.context["can_edit"]


def test_profiles_of_another_subtree_are_404(world, login):
    assert (
        login(world.users.officer_b).get(reverse("members:detail", args=[world.duc.pk])).status_code
        == 404
    )
    assert (
        login(world.users.secretary_a1)
        .get(reverse("members:detail", args=[world.teacher.pk]))
        .status_code
        == 404
    )


def test_a_member_sees_only_their_own_profile(world, login):
    client = login(world.users.member_a1)
    own = client.get(reverse("members:detail", args=[world.hoa.pk]))
    assert own.status_code == 200
    assert own.context["can_edit"]
    assert client.get(reverse("members:detail", args=[world.duc.pk])).status_code == 404
    response = client.get(LIST)
    assert pks(response) == {world.hoa.pk}


# --- edit


def form_data(member: Member, fields=PROFILE_FIELDS, **changes) -> dict:
    data = {}
    for name in fields:
        value = getattr(member, name)
        if isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        data[name] = "" if value is None else value
    data["version"] = member.version
    data.update(changes)
    return data


def test_an_officer_edits_a_profile_and_the_history_shows_it(world, login):
    client = login(world.users.officer_a)
    url = reverse("members:edit", args=[world.duc.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="version"' in page.content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page.content.decode()
    response = client.post(url, form_data(world.duc, phone="0912 345 678", birth_date="18/05/1980"))
    assert response.status_code == 302, response.context["form"].errors
    world.duc.refresh_from_db()
    assert world.duc.phone == "0912 345 678"
    assert world.duc.birth_date == dt.date(1980, 5, 18)
    assert world.duc.version == 2
    entry = LogEntry.objects.get_for_object(world.duc).latest()
    assert entry.actor == world.users.officer_a
    detail = client.get(reverse("members:detail", args=[world.duc.pk]))
    changes = {c.label: (c.old, c.new) for c in detail.context["history"][0].changes}
    assert ("—", "0912 345 678") in changes.values()
    assert ("17/05/1980", "18/05/1980") in changes.values()
    assert "0912 345 678" in detail.content.decode()


def test_a_stale_version_is_refused(world, login):
    client = login(world.users.officer_a)
    url = reverse("members:edit", args=[world.duc.pk])
    stale = form_data(world.duc, phone="0911 111 111")
    assert client.post(url, form_data(world.duc, phone="0922 222 222")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    world.duc.refresh_from_db()
    assert world.duc.phone == "0922 222 222"
    assert world.duc.version == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("citizen_id", "123"),
        ("citizen_id", "999080000001"),  # not a province code
        ("citizen_id", "001185000001"),  # century/gender digit does not match a man born 1980
        ("birth_date", "01/01/2999"),
        ("birth_date", "31/02/1980"),
        ("admitted_on", "01/01/1970"),  # before the date of birth
        ("full_name", ""),
    ],
)
def test_invalid_input_is_a_field_error_and_changes_nothing(world, login, field, value):
    before = Member.objects.filter(pk=world.duc.pk).values().get()
    response = login(world.users.officer_a).post(
        reverse("members:edit", args=[world.duc.pk]), form_data(world.duc, **{field: value})
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "is-invalid" in response.content.decode()
    assert Member.objects.filter(pk=world.duc.pk).values().get() == before


def test_a_duplicate_card_number_is_a_field_error(world, login):
    response = login(world.users.officer_a).post(
        reverse("members:edit", args=[world.duc.pk]),
        form_data(world.duc, card_number=world.hoa.card_number),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["card_number"]
    world.duc.refresh_from_db()
    assert world.duc.card_number != world.hoa.card_number


def test_a_member_edits_only_their_phone_and_residence(world, login):
    client = login(world.users.member_a1)
    url = reverse("members:edit", args=[world.hoa.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert set(page.context["form"].fields) == {*SELF_EDITABLE_FIELDS, "version"}
    response = client.post(
        url,
        {
            "phone": "0987 654 321",
            "residence": "Thôn Đông",
            "full_name": "Tên Khác",
            "version": world.hoa.version,
        },
    )
    assert response.status_code == 302
    world.hoa.refresh_from_db()
    assert world.hoa.phone == "0987 654 321" and world.hoa.residence == "Thôn Đông"
    assert world.hoa.full_name == "Trần Thị Hoa"
    assert client.get(reverse("members:edit", args=[world.duc.pk])).status_code == 404


def test_editing_outside_the_scope_is_refused(world, login):
    url = reverse("members:edit", args=[world.duc.pk])
    data = form_data(world.duc, phone="0900 000 000")
    assert login(world.users.officer_b).get(url).status_code == 404
    assert login(world.users.officer_b).post(url, data).status_code == 404
    assert login(world.users.inspector).get(url).status_code == 403
    assert login(world.users.inspector).post(url, data).status_code == 403
    world.duc.refresh_from_db()
    assert world.duc.phone == ""


# --- create


def new_member_data(branch, **changes) -> dict:
    data = {
        "organization": branch.pk,
        "status": "probationary",
        "full_name": "Đinh Thị Mới",
        "birth_date": "05/06/1995",
        "gender": "female",
        "ethnicity": "Kinh",
        "religion": "none",
        "professional_level": "university",
        "theory_level": "primary",
        "occupation": "teacher",
        "admitted_on": "03/02/2025",
        "card_number": "",
        "citizen_id": "001195000777",
    }
    data.update(changes)
    return data


def test_an_officer_adds_a_member_to_a_branch(world, login):
    client = login(world.users.officer_a)
    url = reverse("members:create")
    page = client.get(url, {"organization": world.branch_a2.pk})
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["organization"] == world.branch_a2
    assert set(form.fields["organization"].queryset) == {
        world.branch_a1,
        world.branch_a2,
        world.school_a,
    }
    response = client.post(url, new_member_data(world.branch_a2))
    assert response.status_code == 302, response.context["form"].errors
    member = Member.objects.get(full_name="Đinh Thị Mới")
    assert member.organization == world.branch_a2 and member.org_path == world.branch_a2.path
    assert member.status == "probationary" and member.status_since == dt.date(2025, 2, 3)
    assert Placement.objects.filter(member=member, organization=world.branch_a2).exists()
    assert LogEntry.objects.get_for_object(member).exists()
    assert response["Location"] == reverse("members:detail", args=[member.pk])


def test_a_member_cannot_be_added_to_another_subtree_or_a_committee(world, login):
    client = login(world.users.officer_a)
    for target in (world.branch_b1, world.base_a):
        response = client.post(reverse("members:create"), new_member_data(target))
        assert response.status_code == 200
        assert response.context["form"].errors["organization"]
    assert not Member.objects.filter(full_name="Đinh Thị Mới").exists()


def test_invalid_new_members_are_not_saved(world, login):
    client = login(world.users.officer_a)
    response = client.post(
        reverse("members:create"),
        new_member_data(world.branch_a1, status="official", citizen_id="001095000777"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "recognized_on" in errors and "citizen_id" in errors
    assert not Member.objects.filter(full_name="Đinh Thị Mới").exists()


def test_only_editors_add_members(world, login):
    for user in (world.users.member_a1, world.users.inspector):
        client = login(user)
        assert client.get(reverse("members:create")).status_code == 403
        assert (
            client.post(reverse("members:create"), new_member_data(world.branch_a1)).status_code
            == 403
        )
    assert not Member.objects.filter(full_name="Đinh Thị Mới").exists()
