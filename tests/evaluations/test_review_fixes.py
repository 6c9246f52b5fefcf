"""Defects found by walking through the evaluation as its users (review of 25/11/2026)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.core import worklist
from dangvu.evaluations import services
from dangvu.evaluations.choices import EvaluationStep
from dangvu.evaluations.models import MemberEvaluation

from .factories import open_cycle, org_row, row

pytestmark = pytest.mark.django_db


def test_a_decided_exempted_year_reads_not_rated(world, login):
    """Past years store exempted members as decided without a level (R4.8): the member's
    lists showed "—" as if the level were missing."""
    world.hoa.exempt_since = dt.date(2024, 6, 1)
    world.hoa.save()
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    MemberEvaluation.objects.filter(pk=hoa.pk).update(step=EvaluationStep.DECIDED)
    client = login(world.users.member_a1)
    index = client.get(reverse("evaluations:index")).content.decode()
    assert "data-not-rated" in index.split('id="my-evaluation"')[1].split("</ul>")[0]
    profile = client.get(reverse("members:detail", args=[world.hoa.pk])).content.decode()
    card = profile.split('id="evaluation-ratings"')[1].split("</ul>")[0]
    assert "data-not-rated" in card and "data-rating" not in card


def test_R4_7_late_self_assessment_links_a_committee_to_a_page_it_may_open(world, login):
    """The work list sent the secretary to the member's own form (403 for anyone else)."""
    cycle = open_cycle(world)
    late = cycle.self_until + dt.timedelta(days=1)
    items = worklist.work_list(world.users.secretary_a1, on=late, only=["evaluations.self_missing"])
    duc = next(i for i in items if i.subject == "Nguyễn Văn Đức")
    assert duc.url == reverse("evaluations:member", args=[row(cycle, world.duc).pk])
    assert login(world.users.secretary_a1).get(duc.url).status_code == 200
    own = worklist.work_list(
        world.users.member_a1, on=cycle.self_from, only=["evaluations.self_missing"]
    )
    assert [i.url for i in own] == [
        reverse("evaluations:self_assess", args=[row(cycle, world.hoa).pk])
    ]


def test_the_decision_list_opens_each_evaluation_and_back(world, login):
    """A committee could not open a member's self-assessment from its decision list, nor come
    back to the list from the member's page."""
    cycle = open_cycle(world)
    grassroots = org_row(cycle, world.base_a)
    client = login(world.users.grassroots_a)
    page = client.get(reverse("evaluations:decisions", args=[grassroots.pk])).content.decode()
    duc = row(cycle, world.duc)
    branch = org_row(cycle, world.branch_a1)
    assert f'href="{reverse("evaluations:member", args=[duc.pk])}" data-open' in page
    assert f'href="{reverse("evaluations:organization", args=[branch.pk])}" data-open' in page
    member_page = client.get(reverse("evaluations:member", args=[duc.pk])).content.decode()
    assert f'href="{reverse("evaluations:decisions", args=[grassroots.pk])}"' in member_page
    # the branch secretary does not decide: no link to a list it may not open
    other = login(world.users.secretary_a1).get(reverse("evaluations:member", args=[duc.pk]))
    assert "data-decisions-list" not in other.content.decode()


def test_the_member_sees_the_steps_not_the_raw_audit_trail(world, login):
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    services.decide_one(user=world.users.grassroots_a, evaluation=hoa, rating="good")
    mine = login(world.users.member_a1).get(reverse("evaluations:member", args=[hoa.pk]))
    assert mine.status_code == 200 and mine.context["history"] is None
    assert 'id="records"' in mine.content.decode()
    theirs = login(world.users.grassroots_a).get(reverse("evaluations:member", args=[hoa.pk]))
    assert theirs.context["history"] is not None  # the committees keep the audit trail
