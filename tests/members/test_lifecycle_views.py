"""Lifecycle pages and API: actions on the profile, lists with filters, export, both sides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext
from rest_framework.test import APIClient

from dangvu.members import lifecycle
from dangvu.members.choices import DisciplineForm, EventKind, Status
from dangvu.members.models import Discipline, Member, MemberEvent, ResidenceComment, Transfer
from dangvu.organizations.models import Organization, Reorganization
from tests import xlsx_read

pytestmark = pytest.mark.django_db


def test_the_profile_shows_party_age_timeline_and_actions(world, login):
    lifecycle.start_working_away(
        user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 1, 1)
    )
    page = login(world.users.secretary_a1).get(f"/members/{world.duc.pk}/").content.decode()
    assert 'id="seniority"' in page and 'id="timeline"' in page
    assert f"/members/{world.duc.pk}/transfer/" in page
    assert f"/members/{world.duc.pk}/away/end/" in page  # working away: offer to end it
    assert f'/members/{world.duc.pk}/away/"' not in page
    # A plain member sees their own timeline but no actions.
    own = login(world.users.member_a1).get(f"/members/{world.hoa.pk}/").content.decode()
    assert 'id="timeline"' in own and "/transfer/" not in own


def test_an_action_page_records_the_change(world, login):
    client = login(world.users.secretary_a1)
    url = f"/members/{world.duc.pk}/away/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"occurred_on": "02/01/2025", "place": "Hà Nội", "version": world.duc.version}
    )
    assert response.status_code == 302 and response["Location"] == f"/members/{world.duc.pk}/"
    world.duc.refresh_from_db()
    assert world.duc.away_since == dt.date(2025, 1, 2)


def test_a_refused_action_shows_the_reason_on_the_form_and_writes_nothing(world, login):
    client = login(world.users.secretary_a1)
    response = client.post(
        f"/members/{world.duc.pk}/death/",
        {"occurred_on": "01/01/2001", "version": world.duc.version},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    world.duc.refresh_from_db()
    assert world.duc.status == Status.OFFICIAL and not MemberEvent.objects.exists()


def test_a_stale_form_is_refused(world, login):
    client = login(world.users.secretary_a1)
    response = client.post(
        f"/members/{world.duc.pk}/away/", {"occurred_on": "02/01/2025", "version": 0}
    )
    assert response.status_code == 200
    world.duc.refresh_from_db()
    assert world.duc.away_since is None


def test_actions_are_404_outside_the_scope_and_403_without_the_right(world, login):
    assert login(world.users.officer_b).get(f"/members/{world.duc.pk}/death/").status_code == 404
    assert login(world.users.inspector).get(f"/members/{world.duc.pk}/death/").status_code == 403
    assert login(world.users.member_a1).get(f"/members/{world.hoa.pk}/death/").status_code == 403


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_transfer_pages_both_sides(world):
    sender = logged_in(world.users.officer_a)
    response = sender.post(
        f"/members/{world.duc.pk}/transfer/",
        {
            "kind": "official",
            "scope": "within_province",
            "to_organization": world.commune_b.pk,
            "letter_number": "15-GGT/ĐU",
            "issued_on": "01/03/2025",
            "version": world.duc.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    transfer = Transfer.objects.get()
    receiver = logged_in(world.users.officer_b)
    incoming = receiver.get("/members/transfers/?direction=in").content.decode()
    assert "Nguyễn Văn Đức" in incoming and f"/members/transfers/{transfer.pk}/confirm/" in incoming
    detail = receiver.get(f"/members/transfers/{transfer.pk}/").content.decode()
    assert "Chi bộ khu phố 1" in detail  # the confirm form offers the receiving branches
    assert (
        sender.post(
            f"/members/transfers/{transfer.pk}/confirm/", {"received_on": "05/03/2025"}
        ).status_code
        == 403
    )
    response = receiver.post(
        f"/members/transfers/{transfer.pk}/confirm/",
        {"received_on": "05/03/2025", "branch": world.branch_b1.pk},
    )
    assert response.status_code == 302
    world.duc.refresh_from_db()
    assert world.duc.organization == world.branch_b1
    outgoing = sender.get("/members/transfers/?direction=out").content.decode()
    assert "Nguyễn Văn Đức" in outgoing


def test_a_transfer_to_the_own_branch_is_refused_on_the_form(world, login):
    response = login(world.users.secretary_a1).post(
        f"/members/{world.duc.pk}/transfer/",
        {
            "kind": "official",
            "scope": "within_province",
            "to_organization": world.branch_a1.pk,
            "letter_number": "01-GGT/ĐU",
            "issued_on": "01/03/2025",
            "version": world.duc.version,
        },
    )
    assert response.status_code == 200 and not Transfer.objects.exists()


def test_an_arrival_from_outside_page(world, login):
    client = login(world.users.secretary_a1)
    assert client.get("/members/transfers/receive/").status_code == 200
    response = client.post(
        "/members/transfers/receive/",
        {
            "organization": world.branch_a1.pk,
            "status": "official",
            "full_name": "Đỗ Thị Mến",
            "birth_date": "01/02/1988",
            "gender": "female",
            "ethnicity": "Kinh",
            "religion": "none",
            "professional_level": "none",
            "theory_level": "none",
            "occupation": "other",
            "admitted_on": "01/02/2012",
            "recognized_on": "01/02/2013",
            "from_party": "Đảng bộ phường Nam, tỉnh Khác",
            "scope": "other_province",
            "letter_number": "09-GGT/ĐU",
            "issued_on": "01/09/2025",
            "received_on": "10/09/2025",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    member = Member.objects.get(full_name="Đỗ Thị Mến")
    assert member.events.get().kind == EventKind.TRANSFERRED_IN


def test_events_list_filters_and_export(world, login):
    lifecycle.start_working_away(
        user=world.users.officer_a, member=world.duc, on=dt.date(2024, 5, 1)
    )
    lifecycle.record_death(user=world.users.officer_a, member=world.teacher, on=dt.date(2025, 5, 1))
    lifecycle.record_death(user=world.users.officer_b, member=world.minh, on=dt.date(2025, 6, 1))
    client = login(world.users.officer_a)
    page = client.get("/members/events/").content.decode()
    assert "Nguyễn Văn Đức" in page and "Phạm Thị Lan" in page and "Hoàng Văn Minh" not in page
    page = client.get("/members/events/?kind=deceased").content.decode()
    assert "Phạm Thị Lan" in page and "Nguyễn Văn Đức" not in page
    page = client.get("/members/events/?date_from=01/01/2025&date_to=31/12/2025").content.decode()
    assert "Phạm Thị Lan" in page and "Nguyễn Văn Đức" not in page
    page = client.get(f"/members/events/?organization={world.base_a.pk}").content.decode()
    assert "Nguyễn Văn Đức" in page and "Phạm Thị Lan" not in page
    response = client.get("/members/events/export.xlsx?kind=deceased")
    sheet = xlsx_read.sheet(response)
    rows = xlsx_read.table(sheet)
    assert len(rows) == 2 and rows[1][3] == "Phạm Thị Lan"
    lines = xlsx_read.title_lines(sheet)
    assert lines[:2] == [world.commune_a.name, gettext("Membership changes")]
    assert lines[2].endswith(f": {EventKind.DECEASED.label}")  # the filter in use
    # A bad page number shows a page, never a 404 or 500.
    assert client.get("/members/events/?page=999").status_code == 200


def test_discipline_pages(world, login):
    case = lifecycle.open_discipline_case(
        user=world.users.officer_a,
        member=world.duc,
        form=DisciplineForm.WARNING,
        reason="Đơn thư phản ánh",
        opened_on=dt.date(2025, 1, 10),
    )
    client = login(world.users.officer_a)
    listed = client.get("/members/disciplines/?state=open").content.decode()
    assert f"/members/disciplines/{case.pk}/" in listed
    assert (
        f"/members/disciplines/{case.pk}/"
        not in client.get("/members/disciplines/?state=in_force").content.decode()
    )
    response = client.post(
        f"/members/disciplines/{case.pk}/decide/",
        {
            "decision_number": "4-QĐ/ĐU",
            "decision_body": "Đảng ủy xã An Bình",
            "signed_on": "01/02/2025",
            "announced_on": "05/02/2025",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.expires_on == dt.date(2026, 2, 5)
    assert login(world.users.officer_b).get(f"/members/disciplines/{case.pk}/").status_code == 404


def test_residence_pages_on_both_sides(world, login):
    client = login(world.users.officer_a)
    response = client.post(
        f"/members/{world.teacher.pk}/residence/",
        {
            "residence_organization": world.branch_a1.pk,
            "category": "none",
            "valid_from": "01/01/2024",
        },
    )
    assert response.status_code == 302
    contact = world.teacher.residence_contacts.get()
    secretary = login(world.users.secretary_a1)  # the residence branch's secretary
    assert secretary.get(f"/members/residence/{contact.pk}/").status_code == 200
    response = secretary.post(
        f"/members/residence/{contact.pk}/comment/",
        {"year": "2025", "content": "Gương mẫu", "received_on": "01/10/2025"},
    )
    assert response.status_code == 302
    assert ResidenceComment.objects.get().year == 2025


def test_reorganize_page_previews_then_runs(world, login):
    client = login(world.users.provincial)
    assert client.get("/organizations/reorganize/?kind=merge").status_code == 200
    data = {
        "kind": "merge",
        "sources": [world.branch_a2.pk],
        "target": world.branch_a1.pk,
        "effective_on": "01/10/2025",
        "decision_number": "9-QĐ/ĐU",
    }
    preview = client.post("/organizations/reorganize/", {**data, "preview": "1"})
    assert preview.status_code == 200 and 'id="preview"' in preview.content.decode()
    assert not Reorganization.objects.exists()
    assert Organization.objects.get(pk=world.branch_a2.pk).dissolved_on is None
    response = client.post("/organizations/reorganize/", {**data, "confirm": "1"})
    assert response.status_code == 302
    record = Reorganization.objects.get()
    assert response["Location"] == f"/organizations/reorganizations/{record.pk}/"
    assert client.get(response["Location"]).status_code == 200
    assert login(world.users.officer_b).get(response["Location"]).status_code == 404
    assert login(world.users.member_a1).get("/organizations/reorganize/").status_code == 403


def test_the_api_lists_events_transfers_and_disciplines_in_scope(world):
    lifecycle.record_death(user=world.users.officer_a, member=world.teacher, on=dt.date(2025, 5, 1))
    lifecycle.record_discipline(
        user=world.users.officer_b,
        member=world.minh,
        form=DisciplineForm.REPRIMAND,
        reason="x",
        decision_number="1",
        decision_body="y",
        signed_on=timezone.localdate() - dt.timedelta(days=30),
    )
    api = APIClient()
    api.force_login(world.users.officer_a)
    events = api.get("/api/member-events/?kind=deceased").json()
    assert [e["member_name"] for e in events["results"]] == ["Phạm Thị Lan"]
    assert api.get("/api/disciplines/").json()["count"] == 0
    assert api.get(f"/api/member-events/?organization={world.branch_b1.pk}").status_code == 400
    assert api.get("/api/transfers/?overdue=maybe").status_code == 400
    api.force_login(world.users.officer_b)
    assert api.get("/api/disciplines/?state=in_force").json()["count"] == 1
    assert api.get("/api/member-events/").json()["count"] == 1  # the DISCIPLINED event
    assert api.post("/api/member-events/", {}, format="json").status_code == 405
    assert Discipline.objects.count() == 1


def test_every_reorganization_form_previews_and_refusals_show_on_the_form(world, login):
    client = login(world.users.officer_a)
    for kind in ("reparent", "merge", "split", "dissolve", "reclassify", "unknown"):
        assert client.get(f"/organizations/reorganize/?kind={kind}").status_code == 200
    split = client.post(
        "/organizations/reorganize/",
        {
            "kind": "split",
            "source": world.branch_a1.pk,
            "name": "Chi bộ thôn Đông Hai",
            "code": "DONG2",
            "new_kind": "branch",
            "member_ids": str(world.hoa.pk),
            "effective_on": "01/10/2025",
            "preview": "1",
        },
    )
    assert 'id="preview"' in split.content.decode()
    refused = client.post(
        "/organizations/reorganize/",
        {
            "kind": "dissolve",
            "organizations": [world.branch_a1.pk],  # still has members
            "effective_on": "01/10/2025",
            "preview": "1",
        },
    )
    page = refused.content.decode()
    assert refused.status_code == 200 and 'id="preview"' not in page and "alert-danger" in page
    assert not Reorganization.objects.exists()
