"""The pages: lists, the candidate's page with its next step, each step's form, statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget, Candidate
from tests import xlsx_read
from tests.admissions.conftest import counts, walk

pytestmark = pytest.mark.django_db
D = dt.date


def form_data(world, **overrides):
    data = {
        "organization": world.branch_a1.pk,
        "introduced_by": "youth_union",
        "introduced_on": "10/01/2024",
        "full_name": "Đỗ Văn Tiến",
        "birth_date": "10/03/2000",
        "gender": "male",
        "ethnicity": "Kinh",
        "religion": "none",
        "citizen_id": "001 200 012 345",
        "general_education": "12/12",
        "professional_level": "none",
        "occupation": "farmer",
    }
    data.update(overrides)
    return data


def test_create_a_candidate_from_the_form(world, login):
    client = login(world.users.secretary_a1)
    assert client.get(reverse("admissions:create")).status_code == 200
    response = client.post(reverse("admissions:create"), form_data(world))
    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admissions:detail", args=[candidate.pk])
    assert candidate.stage == Stage.INTRODUCED and candidate.citizen_id == "001200012345"


def test_a_refused_create_shows_the_message_on_the_form(world, login):
    client = login(world.users.secretary_a1)
    response = client.post(
        reverse("admissions:create"), form_data(world, citizen_id="001300012345")
    )
    assert response.status_code == 200
    assert "citizen_id" in response.context["form"].errors  # shown on its field
    assert "is-invalid" in response.content.decode()
    assert not Candidate.objects.exists()


def test_the_list_filters_by_stage_subtree_and_category(world, login):
    walk(world, Stage.TRAINED, full_name="Vũ Thị Thu", gender="female", citizen_id="")
    walk(
        world, Stage.INTRODUCED, full_name="Lò Văn Páo", citizen_id="", organization=world.branch_a2
    )
    client = login(world.users.officer_a)
    page = client.get(reverse("admissions:list")).content.decode()
    assert "Vũ Thị Thu" in page and "Lò Văn Páo" in page
    page = client.get(reverse("admissions:list"), {"stage": "trained"}).content.decode()
    assert "Vũ Thị Thu" in page and "Lò Văn Páo" not in page
    page = client.get(reverse("admissions:list"), {"category": "women"}).content.decode()
    assert "Vũ Thị Thu" in page and "Lò Văn Páo" not in page
    page = client.get(
        reverse("admissions:list"), {"organization": world.branch_a2.pk}
    ).content.decode()
    assert "Vũ Thị Thu" not in page and "Lò Văn Páo" in page
    page = client.get(reverse("admissions:list"), {"q": "lo van"}).content.decode()
    assert "Lò Văn Páo" in page and "Vũ Thị Thu" not in page


def test_the_candidate_page_shows_the_log_and_the_next_steps_form(world, login):
    candidate = walk(world, Stage.INTRODUCERS)
    page = (
        login(world.users.secretary_a1)
        .get(reverse("admissions:detail", args=[candidate.pk]))
        .content.decode()
    )
    assert 'id="next-step"' in page
    assert reverse("admissions:vote", args=[candidate.pk]) in page
    assert "Nguyễn Văn Đức" in page  # an introducer


def test_each_step_is_a_form_that_refuses_with_the_reason(world, login):
    candidate = walk(world, Stage.INTRODUCERS)
    client = login(world.users.secretary_a1)
    url = reverse("admissions:vote", args=[candidate.pk])
    assert client.get(url).status_code == 200
    before = counts()
    response = client.post(url, {"vote_on": "06/05/2024", "vote_yes": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["vote_yes"]] == ["vote_below_two_thirds"]
    assert counts() == before
    response = client.post(url, {"vote_on": "06/05/2024", "vote_yes": "2"})
    assert response.status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.VOTED


def test_the_decision_form_is_for_the_authorized_committee_only(world, login):
    candidate = walk(world, Stage.VOTED)
    url = reverse("admissions:decide", args=[candidate.pk])
    client = login(world.users.secretary_a1)
    assert client.get(url).status_code == 403
    before = counts()
    assert client.post(url, {"number": "1", "signed_on": "20/05/2024"}).status_code == 403
    assert counts() == before
    page = client.get(reverse("admissions:detail", args=[candidate.pk])).content.decode()
    assert "Đảng bộ cơ sở An Bình" in page  # who takes the next step
    assert login(world.users.officer_b).get(url).status_code == 404


def test_recognition_pages_and_lists(world, login):
    candidate = walk(world, Stage.ADMITTED)
    client = login(world.users.grassroots_a)
    due = client.get(reverse("admissions:due")).content.decode()
    assert candidate.full_name in due
    assert reverse("admissions:recognize", args=[candidate.pk]) in due
    decisions = client.get(reverse("admissions:decisions"), {"year": "2024"}).content.decode()
    assert "101-QĐ/ĐU" in decisions
    response = client.post(
        reverse("admissions:recognize", args=[candidate.pk]),
        {
            "resolution_on": "10/06/2025",
            "yes_votes": "2",
            "decision_number": "55-QĐ/ĐU",
            "decision_date": "20/06/2025",
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.stage == Stage.RECOGNIZED and candidate.member.status == "official"


def test_statistics_page_and_its_xlsx(world, login):
    walk(world, Stage.ADMITTED)
    AdmissionTarget.objects.create(organization=world.base_a, year=2024, target=4)
    client = login(world.users.officer_a)
    page = client.get(reverse("admissions:statistics"), {"year": "2024"}).content.decode()
    assert 'id="stat-admitted">1<' in page
    assert "1/4 (25,00%)" in page  # target fulfilment
    assert "33,33%" in page  # 1 admitted / 3 members on 1/1/2024 in commune A
    response = client.get(reverse("admissions:statistics_export"), {"year": "2024"})
    sheet = xlsx_read.sheet(response)
    rows = xlsx_read.table(sheet)
    assert rows[0][0] == gettext("Organization") and sheet.freeze_panes == "A7"
    assert rows[-1][0] == gettext("Total") and rows[-1][1] == 1
    assert xlsx_read.title_lines(sheet)[:3] == [
        world.commune_a.name,
        gettext("Admission statistics"),
        gettext("From %(start)s to %(end)s") % {"start": "01/01/2024", "end": "31/12/2024"},
    ]


def test_targets_page_sets_a_target(world, login):
    client = login(world.users.officer_a)
    response = client.post(
        reverse("admissions:targets") + "?year=2026",
        {"organization": world.base_a.pk, "year": "2026", "target": "12"},
    )
    assert response.status_code == 302
    assert AdmissionTarget.objects.get().target == 12
    page = client.get(reverse("admissions:targets"), {"year": "2026"}).content.decode()
    assert "Đảng bộ cơ sở An Bình" in page
    response = login(world.users.officer_b).post(
        reverse("admissions:targets"),
        {"organization": world.base_a.pk, "year": "2026", "target": "1"},
    )
    assert response.status_code == 200  # not in their choices: a form error
    assert AdmissionTarget.objects.get().target == 12


def test_plain_members_see_no_admission_files(world, login):
    client = login(world.users.member_a1)
    assert client.get(reverse("admissions:list")).status_code == 403
    assert client.get(reverse("admissions:statistics")).status_code == 403


def test_readmission_starts_from_the_former_members_list(world, login):
    from dangvu.members.models import Member

    Member.objects.filter(pk=world.duc.pk).update(status="struck_off", status_since=D(2020, 1, 1))
    client = login(world.users.grassroots_a)
    page = client.get(reverse("admissions:former")).content.decode()
    link = f"{reverse('admissions:create')}?readmission_of={world.duc.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert "Nguyễn Văn Đức" in form  # the person's data comes from the member's record


def test_no_recognition_form_before_the_probation_ends(world, login):
    from django.utils import timezone

    from dangvu.admissions import services

    candidate = walk(world, Stage.DECIDED)
    services.hold_ceremony(
        user=world.users.grassroots_a,
        candidate=candidate,
        ceremony_on=timezone.localdate() - dt.timedelta(days=10),
        consent="CV 1-CV/ĐU",
    )
    page = (
        login(world.users.grassroots_a)
        .get(reverse("admissions:detail", args=[candidate.pk]))
        .content.decode()
    )
    assert 'id="probation-note"' in page and 'id="next-step"' not in page
