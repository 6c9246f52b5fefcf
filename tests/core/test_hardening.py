"""A server for a real committee: no caching of personal data, a Permissions-Policy, ids checked
before any query, numbers (not expressions) in the audit trail, and a lockout that one client's
wrong passwords cannot turn against the account everywhere."""

from __future__ import annotations

import django_filters
import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core import checks
from django.test import RequestFactory, override_settings
from django.urls import reverse

from dangvu.accounts.tokens import create_token
from dangvu.core.filters import MAX_ID, FilterSet, IdField, parse_id
from dangvu.core.middleware import client_ip
from dangvu.members import services as member_services
from dangvu.members.models import MemberEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LOGIN = reverse("accounts:login")


# --- Cache-Control and Permissions-Policy ---------------------------------------------------


def assert_not_cached(response) -> None:
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control, cache_control
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_list_page_is_not_cached(world, login):
    response = login(world.users.officer_a).get(reverse("members:list"))
    assert response.status_code == 200
    assert_not_cached(response)


def test_an_xlsx_export_is_not_cached(world, login):
    response = login(world.users.officer_a).get(reverse("members:export"))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert_not_cached(response)


def test_an_api_answer_is_not_cached(world, api):
    assert_not_cached(api(world.users.officer_a).get("/api/members/"))
    _token, key = create_token(user=world.users.officer_a, name="script")
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get(f"/api/members/{world.duc.pk}/")
    assert response.status_code == 200
    assert_not_cached(response)


def test_the_login_page_is_not_cached_either(client):
    assert_not_cached(client.get(LOGIN))


def test_static_files_keep_their_cache_headers(client):
    response = client.get(f"{settings.STATIC_URL}dangvu/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- Ids checked before any query -----------------------------------------------------------


@pytest.mark.parametrize("raw", ["", "0", "-1", "abc", "1.5", "²", HUGE, str(MAX_ID + 1), None])
def test_parse_id_refuses_what_cannot_be_an_id(raw):
    assert parse_id(raw) is None


def test_parse_id_reads_ids():
    assert parse_id("42") == 42
    assert parse_id(" 7 ") == 7
    assert parse_id(str(MAX_ID)) == MAX_ID


def test_a_huge_member_filter_is_an_empty_list_not_a_crash(world, login):
    client = login(world.users.officer_a)
    for url in (reverse("members:events"), reverse("members:events_export")):
        response = client.get(url, {"member": HUGE})
        assert response.status_code in (200, 400), url


def test_a_huge_member_filter_is_a_400_in_the_api(world, api):
    response = api(world.users.officer_a).get("/api/member-events/", {"member": HUGE})
    assert response.status_code == 400
    assert "member" in response.json()


def test_the_export_form_refuses_a_negative_organization(world, login):
    response = login(world.users.officer_a).get(
        reverse("imports:export_choose"), {"format": "xlsx", "organization": "-1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:index")


def test_a_huge_id_in_a_url_is_a_404(world, login, api):
    assert login(world.users.officer_a).get(f"/members/{HUGE}/").status_code == 404
    response = api(world.users.officer_a).get(f"/api/token/{HUGE}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def _filtersets():
    seen, todo = set(), [django_filters.FilterSet]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [cls for cls in seen if cls.__module__.startswith("dangvu.")]


def test_every_filterset_checks_its_ids():
    import dangvu.config.urls  # noqa: F401  imports every app's views, filters and API

    filtersets = _filtersets()
    assert len(filtersets) >= 8
    assert [cls for cls in filtersets if not issubclass(cls, FilterSet)] == []
    for cls in filtersets:
        for name, filter_ in cls.base_filters.items():
            if isinstance(filter_, django_filters.NumberFilter) and name in ("member", "cycle"):
                assert issubclass(filter_.field_class, IdField), (cls, name)


def test_a_number_filter_on_a_foreign_key_becomes_an_id_filter():
    class EventsByMember(FilterSet):
        who = django_filters.NumberFilter(field_name="member_id")
        year = django_filters.NumberFilter(field_name="occurred_on__year")

        class Meta:
            model = MemberEvent
            fields = ["who", "year"]

    assert EventsByMember.base_filters["who"].field_class is IdField
    assert EventsByMember.base_filters["year"].field_class is not IdField
    form = EventsByMember({"who": HUGE}, queryset=MemberEvent.objects.all()).form
    assert not form.is_valid()


# --- The audit trail holds the version number --------------------------------------------


def test_the_audit_log_records_the_new_version_number(world):
    member = world.duc
    assert member.version == 1
    member_services.update_member(
        user=world.users.officer_a, member=member, data={"phone": "0912345678"}, expected_version=1
    )
    member.refresh_from_db()
    assert member.version == 2
    entry = LogEntry.objects.get_for_object(member).latest("pk")
    assert entry.changes_dict["version"] == ["1", "2"]
    assert entry.changes_dict["phone"][1] == "0912345678"
    assert not LogEntry.objects.filter(changes_text__contains="F(version)").exists()
    assert "F(" not in str(LogEntry.objects.values_list("changes", flat=True))


def test_versions_keep_counting(world):
    member = world.duc
    for version in (1, 2, 3):
        member = member_services.update_member(
            user=world.users.officer_a,
            member=member,
            data={"phone": f"091234567{version}"},
            expected_version=version,
        )
    assert member.version == 4
    versions = [
        e.changes_dict["version"] for e in LogEntry.objects.get_for_object(member).order_by("pk")
    ]
    assert versions[-3:] == [["1", "2"], ["2", "3"], ["3", "4"]]


# --- Lockout by username and client address ---------------------------------------------


def test_lockout_is_keyed_by_username_and_client_address(client, world):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "xa_a", "password": "sai"}, REMOTE_ADDR="10.0.0.66")
    right = {"username": "xa_a", "password": PASSWORD}
    assert client.post(LOGIN, right, REMOTE_ADDR="10.0.0.66").status_code == 429
    # The owner, from their own office, still signs in.
    assert client.post(LOGIN, right, REMOTE_ADDR="10.0.0.7").status_code == 302


def test_the_token_endpoint_locks_the_same_way(world, api):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        api().post(
            "/api/token/", {"username": "xa_a", "password": "sai"}, "json", REMOTE_ADDR="10.0.0.66"
        )
    body = {"username": "xa_a", "password": PASSWORD}
    assert api().post("/api/token/", body, "json", REMOTE_ADDR="10.0.0.66").status_code == 429
    assert api().post("/api/token/", body, "json", REMOTE_ADDR="10.0.0.7").status_code == 201


def test_no_axes_warning_is_silenced():
    assert "axes.W006" not in settings.SILENCED_SYSTEM_CHECKS
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert not [m for m in checks.run_checks() if m.id and m.id.startswith("axes.")]


@override_settings(PROXY_COUNT=1)
def test_behind_a_proxy_the_lockout_keys_on_the_forwarded_client(client, world):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    wrong = {"username": "xa_a", "password": "sai"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        # What a client writes in X-Forwarded-For itself comes first and is ignored.
        client.post(LOGIN, wrong, HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.66", **proxy)
    right = {"username": "xa_a", "password": PASSWORD}
    assert client.post(LOGIN, right, HTTP_X_FORWARDED_FOR="10.0.0.66", **proxy).status_code == 429
    assert client.post(LOGIN, right, HTTP_X_FORWARDED_FOR="10.0.0.7", **proxy).status_code == 302


def test_client_ip_without_a_proxy_is_the_peer():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.9")
    assert client_ip(request) == "10.0.0.9"


def test_a_nul_character_in_the_query_is_a_bad_request(world, login):
    """PostgreSQL refuses NUL in text: refused before any query, on pages and in the API."""
    client = login(world.users.provincial)
    assert client.get("/api/reports/localities/", {"org": "a\x00b"}).status_code == 400
    assert client.get("/members/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/members/", {"q": "ab"}).status_code == 200
