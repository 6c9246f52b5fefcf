"""The pages of the steps: who sees what, the bulk forms, the pre-checks, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.evaluations.choices import EvaluationStep, Framework
from dangvu.evaluations.models import EvaluationCycle, MemberEvaluation

from .factories import (
    FULL_SCORES,
    add_members,
    dates,
    discipline,
    open_cycle,
    org_row,
    review_year,
    row,
)

pytestmark = pytest.mark.django_db


def test_index_shows_cycles_and_my_evaluation(world, login):
    cycle = open_cycle(world)
    client = login(world.users.member_a1)
    response = client.get(reverse("evaluations:index"))
    assert response.status_code == 200
    assert reverse("evaluations:self_assess", args=[row(cycle, world.hoa).pk]) in response.text
    client = login(world.users.officer_a)
    response = client.get(reverse("evaluations:index"))
    assert reverse("evaluations:cycle", args=[cycle.pk]) in response.text


def test_a_board_opens_a_cycle_from_the_form(world, login):
    client = login(world.users.officer_a)
    d = dates()
    data = {
        "organization": world.commune_a.pk,
        "year": review_year(),
        "title": "Đánh giá năm",
        **{k: v.strftime("%d/%m/%Y") for k, v in d.items()},
    }
    response = client.post(reverse("evaluations:cycle_create"), data)
    cycle = EvaluationCycle.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/cycles/{cycle.pk}/")
    assert MemberEvaluation.objects.filter(cycle=cycle).count() == 4
    # the same again: a clear message, nothing created
    response = client.post(reverse("evaluations:cycle_create"), data)
    assert response.status_code == 200 and EvaluationCycle.objects.count() == 1
    assert (
        login(world.users.secretary_a1).get(reverse("evaluations:cycle_create")).status_code == 403
    )


def test_cycle_page_shows_progress_of_the_users_subtree_only(world, login):
    cycle = open_cycle(world)
    response = login(world.users.secretary_a1).get(reverse("evaluations:cycle", args=[cycle.pk]))
    assert response.status_code == 200
    assert "Chi bộ thôn Đông" in response.text and "Chi bộ thôn Tây" not in response.text
    response = login(world.users.officer_a).get(reverse("evaluations:cycle", args=[cycle.pk]))
    assert "Đảng bộ cơ sở An Bình" in response.text
    assert (
        login(world.users.officer_b).get(reverse("evaluations:cycle", args=[cycle.pk])).status_code
        == 404
    )


def test_member_self_assesses_through_the_form(world, login):
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    MemberEvaluation.objects.filter(pk=hoa.pk).update(framework=Framework.NO_POST)
    client = login(world.users.member_a1)
    url = reverse("evaluations:self_assess", args=[hoa.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="score_political"' in page.text
    data = {f"score_{k}": v for k, v in FULL_SCORES["no_post"].items()}
    data["score_political"] = "9"  # above its maximum of 8
    response = client.post(url, data)
    assert response.status_code == 200 and row(cycle, world.hoa).step == EvaluationStep.PENDING
    data["score_political"] = "7,5"
    data.update(cond_all_on_time="on", self_text="Cố gắng")
    response = client.post(url, data)
    assert response.status_code == 302
    hoa = row(cycle, world.hoa)
    assert (hoa.step, str(hoa.self_total), hoa.self_rating) == ("self", "99.5", "good")
    # a second time: refused, unchanged
    response = client.post(url, data)
    assert response.status_code == 200 and row(cycle, world.hoa).self_at == hoa.self_at
    # another user may not open it
    assert login(world.users.secretary_a1).get(url).status_code == 403


def test_branch_proposes_in_bulk(world, login):
    cycle = open_cycle(world)
    client = login(world.users.secretary_a1)
    url = reverse("evaluations:propose", args=[org_row(cycle, world.branch_a1).pk])
    page = client.get(url)
    assert page.status_code == 200 and "Trần Thị Hoa" in page.text
    duc, hoa = row(cycle, world.duc), row(cycle, world.hoa)
    response = client.post(url, {f"m{duc.pk}": "good", f"m{hoa.pk}": "excellent"})
    assert response.status_code == 302
    assert row(cycle, world.hoa).proposed_rating == "excellent"
    # a level outside the four, or a member of another branch: refused, nothing written
    bình = row(cycle, world.probationer)
    for bad in ({f"m{duc.pk}": "best"}, {f"m{bình.pk}": "good"}):
        response = client.post(url, bad)
        assert response.status_code == 400
    assert row(cycle, world.duc).proposed_rating == "good"
    assert row(cycle, world.probationer).step == EvaluationStep.PENDING


def test_grassroots_decides_members_and_branches_in_bulk(world, login):
    others = add_members(world.branch_a1, 10)
    cycle = open_cycle(world)
    client = login(world.users.grassroots_a)
    url = reverse("evaluations:decisions", args=[org_row(cycle, world.base_a).pk])
    page = client.get(url)
    assert page.status_code == 200 and 'id="quota"' in page.text
    data = {f"m{row(cycle, m).pk}": "good" for m in others}
    data[f"m{row(cycle, world.duc).pk}"] = "excellent"
    data[f"o{org_row(cycle, world.branch_a1).pk}"] = "excellent"
    # the levels are recorded as the committee's draft, then the decision is issued
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not MemberEvaluation.objects.filter(cycle=cycle, step="decided").exists()
    issue = reverse("evaluations:issue", args=[org_row(cycle, world.base_a).pk])
    response = client.post(issue, {"decision_number": "15-QĐ/ĐU"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert row(cycle, world.duc).rating == "excellent"
    assert org_row(cycle, world.branch_a1).decision_number == "15-QĐ/ĐU"
    assert MemberEvaluation.objects.filter(cycle=cycle, step="decided").count() == 11


def test_bulk_decision_refused_whole_with_the_messages(world, login):
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 5, 1))
    client = login(world.users.grassroots_a)
    url = reverse("evaluations:decisions", args=[org_row(cycle, world.base_a).pk])
    data = {f"m{row(cycle, world.duc).pk}": "good", f"m{row(cycle, world.hoa).pk}": "good"}
    # the draft is recorded and the page shows what the decision would refuse
    assert client.post(url, data).status_code == 302
    assert "R4.4" in client.get(url).text
    issue = reverse("evaluations:issue", args=[org_row(cycle, world.base_a).pk])
    response = client.post(issue, {"decision_number": ""})
    assert response.status_code == 400 and "R4.4" in response.text
    assert not MemberEvaluation.objects.filter(cycle=cycle, step="decided").exists()
    assert row(cycle, world.duc).draft_rating == "good"  # the draft stays
    # a level outside the four
    response = client.post(url, {f"m{row(cycle, world.hoa).pk}": "xuat-sac"})
    assert response.status_code == 400
    assert not MemberEvaluation.objects.filter(cycle=cycle, step="decided").exists()


def test_only_the_grassroots_committee_posts_decisions(world, login):
    cycle = open_cycle(world)
    url = reverse("evaluations:decisions", args=[org_row(cycle, world.base_a).pk])
    data = {f"m{row(cycle, world.duc).pk}": "good"}
    assert login(world.users.officer_a).post(url, data).status_code == 403
    assert login(world.users.provincial).post(url, data).status_code == 403
    assert login(world.users.officer_b).post(url, data).status_code == 404
    assert login(world.users.secretary_a1).post(url, data).status_code == 404
    issue = reverse("evaluations:issue", args=[org_row(cycle, world.base_a).pk])
    assert login(world.users.officer_a).post(issue, {}).status_code == 403
    assert login(world.users.secretary_a1).post(issue, {}).status_code == 404
    assert not MemberEvaluation.objects.filter(cycle=cycle, step="decided").exists()
    assert not MemberEvaluation.objects.filter(cycle=cycle).exclude(draft_rating="").exists()


def test_prechecks_list_blockers_and_warnings(world, login):
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 5, 1))
    services_propose = {row(cycle, world.duc).pk: "good"}
    client = login(world.users.secretary_a1)
    client.post(
        reverse("evaluations:propose", args=[org_row(cycle, world.branch_a1).pk]),
        {f"m{k}": v for k, v in services_propose.items()},
    )
    response = login(world.users.grassroots_a).get(
        reverse("evaluations:checks", args=[org_row(cycle, world.base_a).pk])
    )
    assert response.status_code == 200
    blockers = response.text.split('id="blockers"')[1].split('id="warnings"')[0]
    assert "Nguyễn Văn Đức" in blockers and "R4.4" in blockers
    warnings = response.text.split('id="warnings"')[1]
    assert "Trần Thị Hoa" in warnings


def test_direct_level_decides_grassroots_organizations(world, login):
    cycle = open_cycle(world)
    client = login(world.users.officer_a)
    url = reverse("evaluations:grassroots", args=[cycle.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Chi bộ Trường THCS An Bình" in page.text
    response = client.post(
        url,
        {
            f"o{org_row(cycle, world.base_a).pk}": "good",
            f"o{org_row(cycle, world.school_a).pk}": "excellent",
        },
    )
    assert response.status_code == 302
    assert org_row(cycle, world.school_a).rating == "excellent"
    # a branch is not on this list
    response = client.post(url, {f"o{org_row(cycle, world.branch_a2).pk}": "good"})
    assert response.status_code == 400 and org_row(cycle, world.branch_a2).step == "pending"


def test_member_page_history_and_reopen(world, login):
    cycle = open_cycle(world)
    client = login(world.users.grassroots_a)
    duc = row(cycle, world.duc)
    response = client.post(
        reverse("evaluations:member_decide", args=[duc.pk]), {"rating": "good", "reason": "Tốt"}
    )
    assert response.status_code == 302
    response = client.post(reverse("evaluations:member_reopen", args=[duc.pk]), {"reason": ""})
    assert response.status_code == 200 and row(cycle, world.duc).step == "decided"
    response = client.post(reverse("evaluations:member_reopen", args=[duc.pk]), {"reason": "Sai"})
    assert response.status_code == 302 and row(cycle, world.duc).step == "pending"
    page = client.get(reverse("evaluations:member", args=[duc.pk]))
    assert page.status_code == 200 and 'data-action="reopened"' in page.text
    assert (
        login(world.users.officer_a)
        .get(reverse("evaluations:member_reopen", args=[duc.pk]))
        .status_code
        == 403
    )


def test_ratings_by_year_card(world, login):
    """The ratings card is the evaluations app's panel on the member profile (registry)."""
    cycle = open_cycle(world)
    client = login(world.users.grassroots_a)
    client.post(
        reverse("evaluations:member_decide", args=[row(cycle, world.duc).pk]),
        {"rating": "completed"},
    )
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = world.users.officer_a
    html = Template('{% load panels %}{% panels "member" m %}').render(
        Context({"request": request, "m": world.duc})
    )
    assert f'data-year="{cycle.year}"' in html and "HTNV" in html
    request.user = world.users.officer_b
    html = Template('{% load panels %}{% panels "member" m %}').render(
        Context({"request": request, "m": world.duc})
    )
    assert "data-year" not in html


def test_profile_and_organization_pages_show_ratings_by_year(world, login):
    cycle = open_cycle(world)
    client = login(world.users.grassroots_a)
    client.post(
        reverse("evaluations:member_decide", args=[row(cycle, world.duc).pk]), {"rating": "good"}
    )
    client.post(
        reverse("evaluations:organization_decide", args=[org_row(cycle, world.branch_a2).pk]),
        {"rating": "completed"},
    )
    client = login(world.users.officer_a)
    page = client.get(reverse("members:detail", args=[world.duc.pk]))
    assert 'id="evaluation-ratings"' in page.text and 'data-rating="good"' in page.text
    page = client.get(reverse("organizations:detail", args=[world.branch_a2.pk]))
    assert 'id="evaluation-ratings"' in page.text and 'data-rating="completed"' in page.text
