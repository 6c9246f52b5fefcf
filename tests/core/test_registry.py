"""The app registry (core.registry): apps plug in from their own AppConfig.

`tests/registry_app` is installed by the test settings only and touches no other file: it must
show up in the navigation, the URLs, the API schema and the work list.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.core import worklist
from dangvu.core.registry import registry
from tests.factories import Role, make_user
from tests.registry_app.apps import PROBE_USERNAME

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

# The navbar each role saw when base.html hard-coded it (before the registry): (URL, label).
COMMON = [
    ("/organizations/", "Tổ chức đảng"),
    ("/members/", "Đảng viên"),
    ("/worklist/", "Nhắc việc"),
    ("/meetings/", "Sinh hoạt chi bộ"),
]
DEVELOPMENT = ("/admissions/", "Phát triển đảng viên")
EVALUATION = ("/evaluations/", "Đánh giá, xếp loại")
REPORTS = ("/reports/", "Báo cáo")
DATA = ("/data/", "Nhập, xuất dữ liệu")
RULES = ("/rules/", "Tham số quy định")
DOCUMENTS = ("/documents/", "Văn bản")  # issue 13: the register of documents
EDITOR = [*COMMON, DEVELOPMENT, EVALUATION, REPORTS, DOCUMENTS, DATA]
EXPECTED_NAV = {
    "provincial": EDITOR,
    "officer_a": EDITOR,
    "officer_b": EDITOR,
    "grassroots_a": EDITOR,
    "secretary_a1": EDITOR,
    "member_a1": [*COMMON, EVALUATION],
    "inspector": [*COMMON, DEVELOPMENT, EVALUATION, REPORTS, DOCUMENTS],
    "outsider": [*COMMON, EVALUATION],
    "admin": [*EDITOR, RULES],
}


def navbar(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    html = render_to_string("base.html", {"user": user}, request=request)
    return re.search(r'<ul class="navbar-nav me-auto">(.*?)</ul>', html, re.S).group(1)


def nav_links(user) -> list[tuple[str, str]]:
    return re.findall(r'<a class="nav-link" href="([^"]+)">([^<]+)</a>', navbar(user))


@pytest.mark.parametrize("who", sorted(EXPECTED_NAV))
def test_each_role_sees_the_same_navbar_as_before(world, who):
    assert nav_links(getattr(world.users, who)) == EXPECTED_NAV[who]


def test_anonymous_users_get_no_entries():
    from django.contrib.auth.models import AnonymousUser

    assert registry().nav_for(AnonymousUser()) == []


@pytest.fixture
def probe_user(world):
    return make_user(PROBE_USERNAME, Role.PROVINCIAL_BOARD, world.province)


def test_the_probe_app_is_in_the_navigation_for_whom_it_declares(world, probe_user):
    links = nav_links(probe_user)
    assert ("/registry-probe/", "Registry probe") in links
    # ordered by `order`: after Reports (70) and Import and export (80)
    assert links.index(("/registry-probe/", "Registry probe")) == links.index(DATA) + 1
    assert "Registry probe" not in navbar(world.users.provincial)


def test_the_probe_app_serves_its_page(client, probe_user):
    assert reverse("registry_app:index") == "/registry-probe/"
    client.force_login(probe_user)
    response = client.get("/registry-probe/")
    assert response.status_code == 200 and b"registry probe page" in response.content


def test_the_probe_app_is_in_the_api_and_its_schema(world):
    client = APIClient()
    client.force_login(world.users.provincial)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/registry-probes/" in schema["paths"]
    response = client.get("/api/registry-probes/")
    assert response.status_code == 200 and response.json() == [{"name": "probe"}]


def test_the_probe_app_checks_are_found_by_convention(probe_user, world):
    assert "registry_app.probe" in {c.id for c in worklist.checks()}
    assert [i.title for i in worklist.work_list(probe_user, only=["registry_app.probe"])] == [
        "Registry probe item"
    ]
    assert not worklist.work_list(world.users.provincial, only=["registry_app.probe"])


def test_every_apps_checks_module_is_imported():
    ids = {c.id.split(".")[0] for c in worklist.checks()}
    assert {"members", "organizations", "meetings", "admissions", "evaluations"} <= ids


def test_audited_models_come_from_the_declarations():
    for entry in registry().audited:
        assert auditlog.contains(apps.get_model(entry.model)), entry.model
    member = apps.get_model("members.Member")
    assert {"name_key", "sort_key", "org_path"} <= set(
        auditlog.get_model_fields(member)["exclude_fields"]
    )


def test_config_registers_no_app_route_by_hand():
    config = ROOT / "src" / "dangvu" / "config"
    assert not [p for p in config.rglob("*.py") if "router.register" in p.read_text()]


# --- Reports, rules page, profile and organization panels, demo steps, documents.


def test_the_probe_app_section_is_in_the_reports(world):
    import datetime as dt

    from dangvu.organizations.choices import BRANCH_KINDS
    from dangvu.organizations.models import Organization
    from dangvu.reports.narrative import narrative
    from dangvu.reports.queries import build_report, drills, reports
    from dangvu.reports.queries.scope import Scope

    today = dt.date.today()
    scope = Scope(world.province, today, dt.date(today.year, 1, 1), current=True)
    report = build_report("dashboard", scope)
    branches = Organization.objects.filter(kind__in=BRANCH_KINDS, dissolved_on__isnull=True)
    assert report.section("probe").value("probe.branches") == branches.count() > 0
    assert drills()["probe.branches"](scope).count() == branches.count()
    assert "probe" in reports()  # a report of its own: /api/reports/probe/, the CLI, exports
    assert f"The registry probe counted {branches.count()} branches." in narrative(report)
    # in the order the apps declare (evaluations 60 < probe 65 < localities 70)
    keys = [s.key for s in report.sections]
    assert keys.index("evaluations") < keys.index("probe") < keys.index("localities")


def test_the_probe_app_report_is_served_by_the_api(world):
    client = APIClient()
    client.force_login(world.users.provincial)
    data = client.get(f"/api/reports/probe/?organization={world.province.pk}").json()
    assert [s["key"] for s in data["sections"]] == ["probe"]


def test_the_probe_app_rule_is_on_the_rules_page(client, world):
    client.force_login(world.users.admin)
    html = client.get("/rules/").content.decode()
    assert "registry_probe.days" in html and "Registry probe days" in html
    assert '<th scope="rowgroup" colspan="5" class="small">Registry probe</th>' in html


def test_the_probe_app_panels_are_on_the_profile_and_the_organization_page(
    client, world, probe_user
):
    member = world.duc
    client.force_login(probe_user)
    page = client.get(f"/members/{member.pk}/").content.decode()
    assert f"Registry probe panel for {member.full_name}" in page
    page = client.get(f"/organizations/{world.branch_a1.pk}/").content.decode()
    assert f"Registry probe panel for {world.branch_a1.name}" in page
    # a panel may decline (None): the cast's pages are unchanged
    client.force_login(world.users.provincial)
    assert "registry-probe-panel" not in client.get(f"/members/{member.pk}/").content.decode()


def test_the_evaluations_ratings_panel_comes_from_the_registry(client, world):
    keys = {p.key for p in registry().member_panels} & {
        p.key for p in registry().organization_panels
    }
    assert "ratings" in keys
    member_page = (ROOT / "src/dangvu/members/templates/members/detail.html").read_text()
    assert "evaluation" not in member_page  # the profile names no other app


def test_demo_steps_and_documents_are_declared_by_the_apps():
    steps = [s.key for s in registry().demo_steps]
    assert steps[:4] == ["members", "meetings", "admissions", "evaluations"]
    assert steps[-1] == "registry_probe"
    assert {"probe", "dashboard", "evaluation_decisions"} <= {d.key for d in registry().documents}
    for document in registry().documents:
        if document.build:  # served by core: /documents/<key>/<pk>/
            from django.apps import apps
            from django.utils.module_loading import import_string

            from dangvu.core.documents import KINDS

            assert callable(import_string(document.build)), document.key
            assert apps.get_model(document.model), document.key
            assert document.kind == "" or document.kind in KINDS, document.key
            assert reverse("documents:show", args=[document.key, 1])
            continue
        assert reverse(document.url_name, args=[1] if document.model else [])
