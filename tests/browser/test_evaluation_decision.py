"""The grassroots committee's decision page on a 360 px phone (issue 14): grouped by branch and
collapsed, one branch's proposals accepted in one click, a level changed with the quota
recomputed live over the whole organization, the decision issued in one act."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dangvu.evaluations.choices import EvaluationStep
from dangvu.evaluations.models import MemberEvaluation, OrganizationEvaluation
from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.evaluations.factories import open_cycle
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _propose(cycle, members, level):
    MemberEvaluation.objects.filter(cycle=cycle, member__in=members).update(
        proposed_rating=level, proposed_at=timezone.now(), step=EvaluationStep.PROPOSED
    )


def _no_sideways_scroll(page, where):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{where} scrolls sideways on a 360 px phone ({width}px)"


def test_the_committee_decides_branch_by_branch_on_a_phone(live_server, phone):
    world = build_world()
    east = [world.duc, world.hoa, *(MemberFactory(organization=world.branch_a1) for _ in range(10))]
    west = [MemberFactory(organization=world.branch_a2) for _ in range(6)]
    cycle = open_cycle(world)
    _propose(cycle, east, "good")
    _propose(cycle, west[:3], "excellent")
    _propose(cycle, west[3:], "good")
    grassroots = OrganizationEvaluation.objects.get(cycle=cycle, organization=world.base_a)
    log_in(phone, live_server.url, "coso_a")
    phone.goto(f"{live_server.url}/evaluations/units/{grassroots.pk}/decisions/")
    _no_sideways_scroll(phone, "the decision page")
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < 2500, f"the branches are not collapsed ({height}px)"
    # the branch Tây alone (3 "excellent", 3 "good"): counted with Đông's 12 proposed "good"
    west_group = f"#g{world.branch_a2.pk}"
    phone.click(f"{west_group} > summary")
    phone.click(f"{west_group} [data-accept]")
    expect(phone.locator(".alert-success.alert-dismissible")).to_be_visible()
    expect(phone.locator(west_group)).to_have_attribute("open", "")
    expect(phone.locator("#quota")).to_have_attribute("data-ok", "1")
    _no_sideways_scroll(phone, "the open branch")
    # one more "excellent": the quota turns red at once, without reloading the page
    row = MemberEvaluation.objects.get(cycle=cycle, member=west[3])
    phone.select_option(f"select[name=m{row.pk}]", "excellent")
    expect(phone.locator("#quota")).to_have_attribute("data-ok", "0")
    expect(phone.locator("#check-counts [data-blockers]")).to_have_attribute("data-blockers", "1")
    phone.wait_for_load_state("networkidle")  # the first save answered before the next change
    phone.select_option(f"select[name=m{row.pk}]", "good")
    expect(phone.locator("#quota")).to_have_attribute("data-ok", "1")
    # the rest accepted in one click, the decision issued for the organization
    phone.click("#accept-all")
    expect(phone.locator(".alert-success.alert-dismissible")).to_be_visible()
    phone.fill("#id_decision_number", "30-QĐ/ĐU")
    phone.click("#decide-submit")
    expect(phone.locator(".alert-success.alert-dismissible")).to_contain_text("18")
    decided = MemberEvaluation.objects.filter(cycle=cycle, step=EvaluationStep.DECIDED)
    assert decided.count() == 18
    assert decided.filter(rating="excellent").count() == 3
    _no_sideways_scroll(phone, "the decided page")
