"""Issue 14, "each role lands where its work is": the home page of each role, the
reorganization button only for those who may use it, the person's name in the menu, the
evaluation results reached from four pages, Vietnamese error pages with DEBUG off, and "Tất
cả" as the empty choice of the list filters."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import include, path, reverse
from django.utils import timezone

from dangvu.core import home
from dangvu.meetings.choices import MeetingStatus
from dangvu.meetings.models import Task
from tests.conftest import PASSWORD
from tests.evaluations.factories import open_cycle, row
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug in a view")


# This module is also the URLconf of the 500 test: a view that raises, then the project's.
urlpatterns = [path("boom/", boom), path("", include("dangvu.config.urls"))]
handler500 = "dangvu.core.views.server_error"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def landing_of(html: str) -> str:
    return re.search(r'data-home="(\w+)"', html).group(1)


@pytest.fixture
def month_meeting(world):
    """A planned meeting of branch_a1 today, its notice sent (the member's next meeting and
    the secretary's meeting of the month)."""
    return make_meeting(
        world.branch_a1,
        timezone.localdate(),
        status=MeetingStatus.PLANNED,
        hour=20,
        notice_sent_at=timezone.now(),
    )


# --- Each role's home ----------------------------------------------------------------------


def test_a_member_lands_on_their_own_page(world, login, month_meeting):
    task = Task.objects.create(
        meeting=month_meeting,
        organization=world.branch_a1,
        org_path=world.branch_a1.path,
        title="Vận động đoàn viên ưu tú",
        assignee=world.hoa,
        due_on=timezone.localdate() + dt.timedelta(days=10),
    )
    cycle = open_cycle(world)
    client = login(world.users.member_a1)
    html = page(client, "/")
    assert landing_of(html) == home.MEMBER
    # Next meetings and notices, the open task, the self-assessment, the record.
    assert reverse("meetings:detail", args=[month_meeting.pk]) in html
    assert task.title in html and reverse("meetings:task_done", args=[task.pk]) in html
    own = row(cycle, world.hoa)
    assert f'href="{reverse("evaluations:self_assess", args=[own.pk])}" data-self-assess' in html
    assert f'href="{reverse("members:detail", args=[world.hoa.pk])}" data-my-record' in html
    # Not a committee's home: no work list block, no dashboard.
    assert 'id="home-worklist"' not in html and "data-dashboard" not in html
    # What the "My meetings" page shows is what the home page shows (one read).
    mine = page(client, reverse("meetings:mine"))
    assert task.title in mine and reverse("meetings:detail", args=[month_meeting.pk]) in mine


def test_a_member_without_an_open_cycle_sees_no_self_assessment(world, login):
    html = page(login(world.users.member_a1), "/")
    assert landing_of(html) == home.MEMBER
    assert 'id="home-my-evaluation"' not in html
    assert 'id="home-my-meetings"' in html and "data-my-record" in html


def test_the_secretary_lands_on_the_branch(world, login, month_meeting):
    html = page(login(world.users.secretary_a1), "/")
    assert landing_of(html) == home.BRANCH
    roll_call = reverse("meetings:roll_call", args=[month_meeting.pk])
    assert f'href="{roll_call}" data-roll-call' in html
    assert f'{reverse("members:list")}?organization={world.branch_a1.pk}" data-member-list' in html
    assert 'id="home-worklist"' in html and f'href="{reverse("worklist:list")}"' in html
    assert "data-dashboard" not in html  # a branch has no dashboard of its own to start from
    # The month's meeting comes first (on a phone, the first thing he sees).
    assert html.index('id="home-branch-month"') < html.index('id="home-worklist"')


def test_the_secretary_without_a_meeting_this_month_is_offered_to_schedule_it(world, login):
    html = page(login(world.users.secretary_a1), "/")
    assert "data-roll-call" not in html
    create = f'{reverse("meetings:create")}?organization={world.branch_a1.pk}" data-schedule'
    assert create in html


def test_the_month_meeting_is_only_this_month_s(world, login):
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    old = make_meeting(world.branch_a1, last_month, status=MeetingStatus.PLANNED)
    html = page(login(world.users.secretary_a1), "/")
    assert reverse("meetings:roll_call", args=[old.pk]) not in html
    assert "data-schedule" in html


@pytest.mark.parametrize(
    "name, organization",
    [("grassroots_a", "base_a"), ("officer_a", "commune_a"), ("provincial", "province")],
)
def test_committee_staff_land_on_the_work_list_and_their_dashboard(
    world, login, name, organization
):
    org = getattr(world, organization)
    html = page(login(getattr(world.users, name)), "/")
    assert landing_of(html) == home.COMMITTEE
    assert 'id="home-worklist"' in html
    assert f'href="{reverse("reports:dashboard")}?org={org.pk}" data-dashboard' in html
    assert f'href="{reverse("organizations:detail", args=[org.pk])}"' in html
    assert html.index('id="home-worklist"') < html.index('id="home-dashboard"')
    # The work list block shows the same items as the work list page, the first ones.
    worklist = page(login(getattr(world.users, name)), reverse("worklist:list"))
    for url in re.findall(r'<a href="([^"]+)" class="fw-medium">', html)[:3]:
        assert url in worklist


def test_the_home_work_list_shows_what_is_due(world, login):
    # A probationer past the end of probation is on the work list of the grassroots office.
    world.probationer.admitted_on = timezone.localdate() - dt.timedelta(days=400)
    world.probationer.save()
    html = page(login(world.users.grassroots_a), "/")
    block = html[html.index('id="home-worklist"') :]
    block = block[: block.index("</ul>")]
    assert "list-group-item" in block and world.probationer.full_name in block


def test_the_inspection_committee_lands_on_the_work_list_for_now(world, login):
    html = page(login(world.users.inspector), "/")
    assert landing_of(html) == home.INSPECTION
    assert 'id="home-worklist"' in html


def test_an_administrator_sees_the_whole_tree_s_dashboard(world, login):
    html = page(login(world.users.admin), "/")
    assert landing_of(html) == home.COMMITTEE
    assert f'href="{reverse("reports:dashboard")}" data-dashboard' in html


def test_a_user_without_an_organization_gets_a_clear_page(world, login):
    html = page(login(world.users.outsider), "/")
    assert landing_of(html) == home.OUTSIDER
    assert 'id="home-outsider"' in html
    assert 'id="home-worklist"' not in html and "data-my-record" not in html


def test_anonymous_users_are_sent_to_the_login(world, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_tree_stays_in_the_menu(world, login):
    for user in (world.users.member_a1, world.users.secretary_a1, world.users.officer_a):
        html = page(login(user), "/")
        assert f'class="nav-link" href="{reverse("organizations:tree")}"' in html


def test_the_login_lands_on_the_home_page(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "bithu_a1", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"


# --- The reorganization button -------------------------------------------------------------


def test_the_secretary_is_not_offered_a_reorganization(world, login):
    client = login(world.users.secretary_a1)
    assert "data-reorganize" not in page(client, reverse("organizations:tree"))
    assert "data-reorganize" not in page(client, reverse("organizations:reorganizations"))
    assert client.get(reverse("organizations:reorganize")).status_code == 403


@pytest.mark.parametrize("name", ["grassroots_a", "officer_a", "provincial", "admin"])
def test_those_allowed_see_the_reorganization_buttons(world, login, name):
    client = login(getattr(world.users, name))
    assert "data-reorganize" in page(client, reverse("organizations:tree"))
    assert "data-reorganize" in page(client, reverse("organizations:reorganizations"))
    assert client.get(reverse("organizations:reorganize")).status_code == 200


def test_members_and_inspection_see_no_reorganization_button(world, login):
    for user in (world.users.member_a1, world.users.inspector):
        assert "data-reorganize" not in page(login(user), reverse("organizations:tree"))


# --- The person's name in the menu ---------------------------------------------------------


def user_name(html: str) -> str:
    return re.search(r"<span data-user-name>([^<]*)</span>", html).group(1)


def test_the_menu_shows_the_member_s_name(world, login):
    assert user_name(page(login(world.users.member_a1), "/")) == "Trần Thị Hoa"


def test_the_menu_shows_the_user_s_full_name_else_the_username(world, login):
    officer = world.users.officer_a
    officer.first_name, officer.last_name = "Lan", "Nguyễn Thị"
    officer.save()
    html = page(login(officer), reverse("members:list"))
    assert user_name(html) == "Lan Nguyễn Thị" and ">xa_a<" not in html
    assert user_name(page(login(world.users.secretary_a1), "/")) == "bithu_a1"


# --- The evaluation results page, reached from four pages ----------------------------------


def results_links(html: str) -> list[str]:
    prefix = reverse("evaluations:results")
    return [
        link.replace("&amp;", "&")
        for link in re.findall(r'href="([^"]*)"', html)
        if link.startswith(prefix) and not link.startswith(prefix + "list")
    ]


def test_the_results_page_is_reached_from_four_pages(world, login):
    cycle = open_cycle(world)
    client = login(world.users.officer_a)
    sources = {
        "evaluations index": reverse("evaluations:index"),
        "cycle": reverse("evaluations:cycle", args=[cycle.pk]),
        "reports": f"{reverse('reports:dashboard')}?org={world.commune_a.pk}",
        "organization": reverse("organizations:detail", args=[world.base_a.pk]),
    }
    for source, url in sources.items():
        links = results_links(page(client, url))
        assert links, f"no link to the results page on the {source} page"
        for link in links:
            assert client.get(link).status_code == 200, (source, link)
    organization_links = results_links(page(client, sources["organization"]))
    assert f"?organization={world.base_a.pk}" in organization_links[0]
    report_links = results_links(page(client, sources["reports"]))
    assert f"?organization={world.commune_a.pk}&year=" in report_links[0]


def test_members_are_not_sent_to_results_they_may_not_open(world, login):
    client = login(world.users.member_a1)
    assert results_links(page(client, reverse("evaluations:index"))) == []
    assert client.get(reverse("evaluations:results")).status_code == 403


# --- Error pages: Vietnamese pages of the site with DEBUG off ------------------------------


def site_page(html: str) -> bool:
    return '<html lang="vi">' in html or 'lang="vi"' in html


@override_settings(DEBUG=False)
def test_404_and_403_are_vietnamese_pages_of_the_site(world, login):
    client = login(world.users.secretary_a1)
    missing = client.get("/members/99999999/")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "Không tìm thấy trang" in html and "navbar" in html and site_page(html)
    refused = client.get(reverse("organizations:reorganize"))
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "Bạn không được phép thực hiện thao tác này" in html and "navbar" in html
    assert "403 Forbidden" not in html


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_500_is_a_vietnamese_page(world, client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi máy chủ" in html and "Server Error (500)" not in html and site_page(html)


@pytest.mark.parametrize("debug", [False, True])
def test_a_csrf_failure_is_a_vietnamese_page_in_every_configuration(db, debug):
    with override_settings(DEBUG=debug):
        response = Client(enforce_csrf_checks=True).post(
            reverse("accounts:login"), {"username": "x", "password": "y"}
        )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html and "CSRF verification failed" not in html


@override_settings(DEBUG=False)
def test_the_lockout_is_a_vietnamese_page_of_the_site(world, client):
    login_url = reverse("accounts:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(login_url, {"username": "xa_a", "password": "sai"}, REMOTE_ADDR="10.9.9.9")
    locked = client.post(
        login_url, {"username": "xa_a", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in html and "navbar" in html and site_page(html)
    assert "Account locked" not in html


PRODUCTION_PAGES = """
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(HTTP_HOST="localhost")
missing = client.get("/khong-co-trang-nay/")
csrf = Client(HTTP_HOST="localhost", enforce_csrf_checks=True).post("/accounts/login/", {})
from django.test import RequestFactory
from dangvu.core.views import server_error
error = server_error(RequestFactory(HTTP_HOST="localhost").get("/"))
print(missing.status_code, "Không tìm thấy trang" in missing.content.decode())
print(csrf.status_code, "Biểu mẫu đã hết hạn" in csrf.content.decode())
print(error.status_code, "Lỗi máy chủ" in error.content.decode())
"""


def test_the_error_pages_under_the_production_settings_of_make_run(tmp_path):
    """`make run` starts the production settings (DEBUG off): 404, CSRF and 500 answer the
    site's Vietnamese pages there too (no database is touched by these three)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dangvu.config.settings.production",
        "DANGVU_VAR_DIR": str(tmp_path),
        "DANGVU_HTTPS": "0",
    }
    environment.pop("DANGVU_SECRET_KEY", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "dangvu", "shell", "-c", PRODUCTION_PAGES],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-4:-1] == ["404 True", "403 True", "500 True"], result.stdout


# --- "Tất cả" as the empty choice of the list filters --------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "members:list",
        "members:transfers",
        "members:disciplines",
        "meetings:list",
        "admissions:list",
        "documents:register",
    ],
)
def test_filter_empty_choices_read_all(world, login, name):
    html = page(login(world.users.officer_a), reverse(name))
    assert "---------" not in html
    assert re.search(r'<option value="(unknown)?"( selected)?>Tất cả', html), name
    assert ">Không rõ</option>" not in html  # a yes/no filter's empty choice is "All" too


def test_a_filterset_declared_with_dashes_reads_all(rf):
    """The relabelling of core's FilterSet, on a filter declared with Django's own label."""
    import django_filters

    from dangvu.core.filters import FilterSet
    from dangvu.organizations.models import Organization

    class Probe(FilterSet):
        parent = django_filters.ModelChoiceFilter(
            queryset=Organization.objects.all(), empty_label="---------"
        )
        kind = django_filters.ChoiceFilter(choices=[("a", "A")], empty_label="---------")
        dissolved = django_filters.BooleanFilter()

        class Meta:
            model = Organization
            fields: list[str] = []

    form = Probe({}, queryset=Organization.objects.none()).form
    assert [str(label) for _value, label in form.fields["kind"].choices][0] == "Tất cả"
    assert str(list(form.fields["parent"].choices)[0][1]) == "Tất cả"
    assert str(dict(form.fields["dissolved"].widget.choices)["unknown"]) == "Tất cả"
