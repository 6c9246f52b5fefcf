"""The annual evaluation in a browser: a member self-assesses on a 360 px phone; the grassroots
committee decides a branch's members in bulk from the proposals."""

import re

import pytest
from playwright.sync_api import expect

from dangvu.evaluations import rules, services
from dangvu.evaluations.choices import EvaluationStep, Framework
from dangvu.evaluations.models import MemberEvaluation, OrganizationEvaluation
from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.evaluations.factories import open_cycle
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_self_assesses_on_a_phone(live_server, phone):
    world = build_world()
    cycle = open_cycle(world)
    row = MemberEvaluation.objects.get(cycle=cycle, member=world.hoa)
    MemberEvaluation.objects.filter(pk=row.pk).update(framework=Framework.NO_POST)
    log_in(phone, live_server.url, "dv_a1")
    phone.goto(f"{live_server.url}/evaluations/")
    phone.click("#my-evaluation a.btn-primary")
    expect(phone).to_have_url(re.compile(rf"/evaluations/members/{row.pk}/self/$"))
    for criterion in rules.CRITERIA[Framework.NO_POST]:
        # full marks except one point off the assigned tasks
        points = criterion.max_points - (1 if criterion.key == "assigned" else 0)
        phone.fill(f"#id_score_{criterion.key}", str(points))
    expect(phone.locator("#self-total")).to_have_text("99")
    for key in rules.conditions_for(Framework.NO_POST):
        phone.check(f"#id_cond_{key}")
    phone.fill("#id_self_text", "Hoàn thành tốt nhiệm vụ được giao.")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the self-assessment scrolls sideways on a 360 px phone ({width}px)"
    phone.click("#self-form button[type=submit]")
    expect(phone).to_have_url(re.compile(rf"/evaluations/members/{row.pk}/$"))
    expect(phone.locator("#self-summary [data-total]")).to_have_text("99,0")
    row.refresh_from_db()
    assert (row.step, str(row.self_total), row.self_rating) == ("self", "99.0", "excellent")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the evaluation page scrolls sideways ({width}px)"


def test_grassroots_committee_decides_a_branch_in_bulk(live_server, desktop):
    """The committee accepts the proposals into its draft in one click, changes a few (the
    quota is recomputed live over the organization), then issues the decision."""
    world = build_world()
    others = [MemberFactory(organization=world.branch_a1) for _ in range(10)]
    cycle = open_cycle(world)
    rows = {m.pk: MemberEvaluation.objects.get(cycle=cycle, member=m) for m in [world.duc, *others]}
    services.propose(
        user=world.users.secretary_a1,
        branch=world.branch_a1,
        cycle=cycle,
        proposals={r.pk: ("good", "") for r in rows.values()},
    )
    grassroots = OrganizationEvaluation.objects.get(cycle=cycle, organization=world.base_a)
    page = desktop
    log_in(page, live_server.url, "coso_a")
    page.goto(f"{live_server.url}/evaluations/units/{grassroots.pk}/decisions/")
    expect(page.locator("#quota")).to_have_attribute("data-ok", "1")
    page.click("#accept-all")
    expect(page.locator(".alert-success.alert-dismissible")).to_be_visible()
    page.click(f"#g{world.branch_a1.pk} > summary")
    duc = rows[world.duc.pk]
    expect(page.locator(f"select[name=m{duc.pk}]")).to_have_value("good")
    # 2 "excellent" next to 9 "good" (20% of 9 allows 1): shown live, the issue is refused
    for member in (world.duc, others[0]):
        page.select_option(f"select[name=m{rows[member.pk].pk}]", "excellent")
        expect(page.locator(f"#row-m{rows[member.pk].pk}")).to_have_attribute(
            "data-level", "excellent"
        )
    expect(page.locator("#quota")).to_have_attribute("data-ok", "0")
    page.click("#decide-submit")
    expect(page.locator("#decide-errors")).to_contain_text("R4.5")
    assert not MemberEvaluation.objects.filter(cycle=cycle, step=EvaluationStep.DECIDED).exists()
    # the draft is kept: put one back to "good" and issue the decision
    if not page.locator(f"select[name=m{rows[others[0].pk].pk}]").is_visible():
        page.click(f"#g{world.branch_a1.pk} > summary")
    page.select_option(f"select[name=m{rows[others[0].pk].pk}]", "good")
    expect(page.locator("#quota")).to_have_attribute("data-ok", "1")
    page.fill("#id_decision_number", "25-QĐ/ĐU")
    page.click("#decide-submit")
    errors = page.locator("#decide-errors")
    assert not errors.count(), errors.inner_text()
    expect(page.locator(".alert-success.alert-dismissible")).to_be_visible()
    decided = MemberEvaluation.objects.filter(cycle=cycle, step=EvaluationStep.DECIDED)
    assert decided.count() == 11  # Hoa, not proposed, was left on "—"
    assert list(decided.filter(rating="excellent").values_list("member", flat=True)) == [
        world.duc.pk
    ]
    assert set(decided.values_list("decision_number", flat=True)) == {"25-QĐ/ĐU"}
