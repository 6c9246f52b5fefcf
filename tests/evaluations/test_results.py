"""Evaluation results (issue 5): the statistics against a hand-made set of decided rows, the
sentences the articles use, scope, drill-down lists, and bad URLs.

The fixture (year 2025, decided unless said; 2024 for the comparison):
commune_a: branch_a1 Đức HTXSNV, Hoa + 3 HTTNV, 1 HTNV; branch_a2 Bình + 1 HTTNV, 1 KHTNV,
           1 not rated (exempted), 1 still pending; school_a Lan HTXSNV + 2 HTTNV
           → members 2 / 8 / 1 / 1 (total 12), 1 not rated
commune_b: Đức (other) HTTNV, Minh HTXSNV
organizations: branch_a1 HTXSNV, branch_a2 HTTNV, branch_b1 HTTNV (branches);
               base_a HTTNV, school_a HTXSNV, base_b HTNV (grassroots); one branch pending.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from dangvu.evaluations import queries
from dangvu.evaluations.choices import EvaluationStep, Framework
from dangvu.evaluations.models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation
from dangvu.evaluations.views.results.common import article_percent, sentence, shows_points
from tests.factories import MemberFactory

EX, GOOD, DONE, NOT = "excellent", "good", "completed", "not_completed"
RESULTS = reverse("evaluations:results")
LIST = reverse("evaluations:results_list")


def make_cycle(world, year: int) -> EvaluationCycle:
    return EvaluationCycle.objects.create(
        organization=world.province,
        year=year,
        self_from=dt.date(year, 11, 10),
        self_until=dt.date(year, 11, 30),
        propose_until=dt.date(year, 12, 10),
        decide_until=dt.date(year, 12, 31),
        status="closed",
        uses_points=year >= 2025,
    )


def grassroots_of(world, branch):
    return {
        world.branch_a1: world.base_a,
        world.branch_a2: world.base_a,
        world.school_a: world.school_a,
        world.branch_b1: world.base_b,
    }[branch]


def rate_member(cycle, member, rating, *, step=EvaluationStep.DECIDED, excluded=False, points=None):
    branch = member.organization
    grassroots = grassroots_of(cycle.world, branch)
    decided = step == EvaluationStep.DECIDED and not excluded
    return MemberEvaluation.objects.create(
        cycle=cycle,
        year=cycle.year,
        org_path=branch.path,
        member=member,
        organization=branch,
        grassroots=grassroots,
        framework=Framework.NO_POST,
        step=step,
        rating=rating if decided else "",
        self_total=points,
        excluded=excluded,
        excluded_reason="Miễn công tác và sinh hoạt đảng" if excluded else "",
        decided_at=timezone.make_aware(dt.datetime(cycle.year, 12, 20, 9)) if decided else None,
        decision_number="25-QĐ/ĐU" if decided else "",
        deciding_organization=grassroots if decided else None,
    )


def rate_org(cycle, org, level, rating, *, step=EvaluationStep.DECIDED):
    decided = step == EvaluationStep.DECIDED
    return OrganizationEvaluation.objects.create(
        cycle=cycle,
        year=cycle.year,
        org_path=org.path,
        organization=org,
        level=level,
        framework=Framework.COLLECTIVE,
        step=step,
        rating=rating if decided else "",
        decided_at=timezone.make_aware(dt.datetime(cycle.year, 12, 22, 9)) if decided else None,
    )


def build_results(world) -> SimpleNamespace:
    cycle = make_cycle(world, 2025)
    cycle.world = world
    add = MemberFactory
    rate = rate_member
    rate(cycle, world.duc, EX, points=Decimal("93.5"))
    rate(cycle, world.hoa, GOOD, points=Decimal("82"))
    for _ in range(3):
        rate(cycle, add(organization=world.branch_a1), GOOD, points=Decimal("80"))
    rate(cycle, add(organization=world.branch_a1), DONE, points=Decimal("60"))
    rate(cycle, world.probationer, GOOD)
    rate(cycle, add(organization=world.branch_a2), GOOD)
    rate(cycle, add(organization=world.branch_a2), NOT)
    rate(cycle, add(organization=world.branch_a2, full_name="Đỗ Văn Miễn"), "", excluded=True)
    rate(cycle, add(organization=world.branch_a2), "", step=EvaluationStep.PROPOSED)
    rate(cycle, world.teacher, EX)
    for _ in range(2):
        rate(cycle, add(organization=world.school_a), GOOD)
    rate(cycle, world.other_duc, GOOD)
    rate(cycle, world.minh, EX)
    rate_org(cycle, world.branch_a1, "branch", EX)
    rate_org(cycle, world.branch_a2, "branch", GOOD)
    rate_org(cycle, world.branch_b1, "branch", GOOD)
    rate_org(cycle, world.base_a, "grassroots", GOOD)
    rate_org(cycle, world.school_a, "grassroots", EX)
    rate_org(cycle, world.base_b, "grassroots", DONE)
    # 2024: levels only (before QĐ 366's points).
    old = make_cycle(world, 2024)
    old.world = world
    rate(old, world.duc, GOOD)
    rate(old, world.hoa, GOOD)
    rate(old, world.minh, GOOD)
    rate_org(old, world.branch_a1, "branch", GOOD)
    return SimpleNamespace(world=world, cycle=cycle, old=old)


@pytest.fixture
def results(world):
    return build_results(world)


def counts_in(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-count="([^"]+)">([^<]*)<', html))


# ---- the statistics ---------------------------------------------------------------------------


def test_rating_counts_of_a_commune_count_decided_rows_only(results):
    world = results.world
    counts = queries.rating_counts(world.commune_a.path, 2025)
    assert counts["members"] == {EX: 2, GOOD: 8, DONE: 1, NOT: 1, "total": 12, "excluded": 1}
    assert counts["branches"] == {EX: 1, GOOD: 1, DONE: 0, NOT: 0, "total": 2, "excluded": 0}
    assert counts["grassroots"] == {EX: 1, GOOD: 1, DONE: 0, NOT: 0, "total": 2, "excluded": 0}


def test_rating_counts_of_the_province_and_of_a_branch(results):
    world = results.world
    province = queries.rating_counts(world.province.path, 2025)
    assert province["members"] == {EX: 3, GOOD: 9, DONE: 1, NOT: 1, "total": 14, "excluded": 1}
    assert province["branches"]["total"] == 3 and province["grassroots"][DONE] == 1
    branch = queries.rating_counts(world.branch_a1.path, 2025)
    assert branch["members"] == {EX: 1, GOOD: 4, DONE: 1, NOT: 0, "total": 6, "excluded": 0}
    assert queries.rating_counts(world.province.path, 2023)["members"]["total"] == 0


def test_shares_are_against_the_decided_total(results):
    counts = queries.rating_counts(results.world.commune_a.path, 2025)["members"]
    shares = queries.shares(counts)
    assert shares[EX] == pytest.approx(200 / 12)
    assert shares[GOOD] == pytest.approx(800 / 12)
    assert sum(shares.values()) == pytest.approx(100)
    assert queries.shares({EX: 0, GOOD: 0, DONE: 0, NOT: 0, "total": 0})[EX] is None


def test_counts_by_year_and_by_child(results):
    world = results.world
    by_year = queries.rating_counts_by_year(world.commune_a.path, [2024, 2025])
    assert by_year[2024]["members"][GOOD] == 2 and by_year[2024]["members"]["total"] == 2
    assert by_year[2025]["members"]["total"] == 12
    children = [world.base_a.path, world.school_a.path]
    by_child = queries.rating_counts_by_child(world.commune_a.path, 2025, children)
    assert by_child[world.base_a.path]["members"] == {
        EX: 1, GOOD: 6, DONE: 1, NOT: 1, "total": 9, "excluded": 1,
    }  # fmt: skip
    assert by_child[world.school_a.path]["members"]["total"] == 3
    assert by_child[world.base_a.path]["branches"]["total"] == 2
    assert by_child[world.base_a.path]["grassroots"][GOOD] == 1


def test_year_results_sums_the_children_like_the_direct_count(results):
    world = results.world
    children = [world.base_a.path, world.school_a.path]
    history, _by_child = queries.year_results(world.commune_a.path, 2025, [2024], children, True)
    assert history[2025] == queries.rating_counts(world.commune_a.path, 2025)
    assert history[2024] == queries.rating_counts(world.commune_a.path, 2024)


def test_progress_of_the_year(results):
    progress = queries.progress(results.world.commune_a.path, 2025)
    assert progress["decided"] == 12 and progress["proposed"] == 1 and progress["all"] == 13


# ---- the sentences ----------------------------------------------------------------------------


def test_shares_are_written_as_the_articles_write_them():
    with translation.override("vi"):
        assert article_percent(14.9234) == "14,92%"
        assert article_percent(74.4) == "74,4%"
        assert article_percent(75) == "75%"
        assert article_percent(100) == "100%"
        assert article_percent(None) == "—"


def test_the_sentence_names_count_level_and_share(results):
    counts = queries.rating_counts(results.world.commune_a.path, 2025)["branches"]
    with translation.override("vi"):
        text = sentence("branches", counts)
        first = gettext("%(count)s %(noun)s %(rating)s, accounting for %(share)s") % {
            "count": "1",
            "noun": gettext("branches"),
            "rating": gettext("excellently fulfilled their duties"),
            "share": "50%",
        }
    assert text.startswith(first + "; ")
    assert text.endswith(".") and "%(" not in text
    assert gettext("did not fulfil their duties") not in text  # levels with no one are left out


def test_the_results_page_shows_counts_shares_and_sentences(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    response = client.get(RESULTS, {"year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    counts = counts_in(html)
    assert counts["members-excellent"] == "2" and counts["members-good"] == "8"
    assert counts["members-total"] == "12" and counts["members-excluded"] == "1"
    assert counts["branches-excellent"] == "1" and counts["grassroots-total"] == "2"
    with translation.override("vi"):
        expected = sentence("members", queries.rating_counts(world.commune_a.path, 2025)["members"])
    assert expected in html.replace("&#x27;", "'")
    assert "16,67%" in html  # 2 of 12 in Vietnamese format
    assert "2.025" not in html  # a year is not a number with a thousands dot
    # previous years side by side, and the children with links to their own results
    assert 'id="history"' in html and ">2024<" in html
    assert world.base_a.name in html and world.school_a.name in html


def test_R4_3_points_only_from_the_year_the_profile_names(db):
    assert shows_points(2025) and shows_points(2026)
    assert not shows_points(2024)


# ---- drill-down and scope -------------------------------------------------------------------


def list_names(html: str) -> list[str]:
    return re.findall(r'href="/members/\d+/">([^<]+)</a>', html)


def test_each_figure_links_to_the_list_behind_it(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    html = client.get(RESULTS, {"year": 2025}).content.decode()
    link = re.search(r'href="([^"]+)" data-count="members-excellent"', html).group(1)
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    assert sorted(list_names(response.content.decode())) == sorted(
        [world.duc.full_name, world.teacher.full_name]
    )
    excluded = client.get(
        LIST, {"organization": world.commune_a.pk, "year": 2025, "rating": "excluded"}
    )
    assert list_names(excluded.content.decode()) == ["Đỗ Văn Miễn"]
    branches = client.get(
        LIST, {"organization": world.commune_a.pk, "year": 2025, "level": "branches"}
    )
    text = branches.content.decode()
    assert world.branch_a1.name in text and world.branch_a2.name in text
    assert world.branch_b1.name not in text


def test_a_commune_officer_never_counts_the_other_commune(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    html = client.get(RESULTS, {"year": 2025}).content.decode()
    assert counts_in(html)["members-total"] == "12"
    assert world.minh.full_name not in html and world.commune_b.name not in html
    for params in (
        {"organization": world.commune_b.pk, "year": 2025},
        {"organization": world.province.pk, "year": 2025},
    ):
        assert client.get(RESULTS, params).status_code == 404
        assert client.get(LIST, params).status_code == 404
    everything = client.get(LIST, {"organization": world.commune_a.pk, "year": 2025})
    names = list_names(everything.content.decode())
    assert len(names) == 12 and world.minh.full_name not in names


def test_the_province_sees_both_communes_and_drills_into_one(client, results):
    world = results.world
    client.force_login(world.users.provincial)
    html = client.get(RESULTS, {"year": 2025}).content.decode()
    assert counts_in(html)["members-total"] == "14"
    inside = client.get(RESULTS, {"year": 2025, "organization": world.commune_b.pk})
    assert counts_in(inside.content.decode())["members-total"] == "2"


def test_a_branch_secretary_sees_their_branch_only(client, results):
    world = results.world
    client.force_login(world.users.secretary_a1)
    html = client.get(RESULTS, {"year": 2025}).content.decode()
    assert counts_in(html)["members-total"] == "6"
    assert world.probationer.full_name not in html and world.teacher.full_name not in html


def test_plain_members_and_anonymous_users_get_no_results(client, results):
    world = results.world
    assert client.get(RESULTS).status_code == 302
    client.force_login(world.users.member_a1)
    assert client.get(RESULTS).status_code == 403
    assert client.get(LIST, {"year": 2025}).status_code == 403


# ---- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1999"},
        {"year": "2025", "level": "everyone"},
        {"year": "2025", "rating": "perfect"},
        {"organization": "x", "year": "2025"},
    ],
)
def test_bad_parameters_give_a_clear_message_never_a_500(client, results, params):
    client.force_login(results.world.users.officer_a)
    page = client.get(RESULTS, params)
    assert page.status_code == 200  # the page falls back to the defaults and says why
    assert 'role="alert"' in page.content.decode()
    for url in (LIST, reverse("evaluations:results_list_export")):
        response = client.get(url, params)
        assert response.status_code == 400
        assert "<li>" in response.content.decode()


def test_an_unknown_organization_is_a_404(client, results):
    client.force_login(results.world.users.officer_a)
    assert client.get(RESULTS, {"organization": 999999}).status_code == 404
    assert client.get(LIST, {"organization": 999999, "year": 2025}).status_code == 404
    url = reverse("evaluations:results_pdf", args=[999999])
    assert client.get(url, {"year": 2025}).status_code == 404


def test_a_year_without_evaluations_says_so(client, results):
    client.force_login(results.world.users.officer_a)
    response = client.get(RESULTS, {"year": 2030})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_the_year_select_shows_the_year_the_page_is_about(client, results):
    """Without ?year= the page shows the latest closed cycle, and so does the select."""
    EvaluationCycle.objects.filter(year=2025).update(status="closed")
    client.force_login(results.world.users.officer_a)
    html = client.get(RESULTS).content.decode()
    assert re.search(r'<option value="2025"[^>]*selected', html)
