"""No server error (5xx) on hostile input, anywhere.

Every URL pattern and API route (walked from the resolver, format-suffix variants included) is
requested with hostile path ids (zero, too big for the database, not a number) and real ids of
the scope crawler's cast, with hostile query values (huge, negative, non-numeric, empty, odd
Unicode digits, NUL, dates that do not exist, formulas, unknown parameters, `?format=`), and
with hostile POST bodies (malformed JSON, JSON of the wrong shape, wrong content types, form
fields with hostile values), as a provincial officer and as an administrator. Any 5xx, or an
exception while a streamed export is read, fails the test with the request that caused it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse

from dangvu.meetings.models import Meeting
from tests.test_scope_crawler import iter_patterns, kwarg_names, objects_for, view_model

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # above 2**63-1: SQLite cannot even bind it
HOSTILE_IDS = ["0", HUGE, "-1", "abc", "1.5", "²"]
HOSTILE_VALUES = [
    HUGE,
    "-1",
    "0",
    "abc",
    "",
    "²",  # str.isdigit() is true, int() fails
    "1.5",
    "9" * 5000,  # int() refuses more than 4300 digits
    "a\x00b",  # PostgreSQL refuses NUL in text
    "31/02/2025",
    '=HYPERLINK("http://x")',
]
# Every name a view or FilterSet reads from the query string (grep `GET.get(` and FilterSets),
# and a few it does not know.
PARAMETERS = [
    "organization",
    "member",
    "page",
    "year",
    "month",
    "on",
    "org",
    "q",
    "search",
    "ordering",
    "kind",
    "status",
    "state",
    "check",
    "figure",
    "report",
    "missing",
    "readmission_of",
    "date_from",
    "date_to",
    "cycle",
    "grassroots",
    "subtree",
    "parent",
    "rating",
    "step",
    "level",
    "direction",
    "overdue",
    "excluded",
    "active",
    "age_band",
    "version",
]
UNKNOWN_PARAMETERS = {"zzz": "1", "__proto__": "x", "organization[]": "1", "page[size]": "-1"}
FORMATS = ["json", "api", "xlsx", "csv", "pdf"]
SUFFIXES = ["json", "api", "xlsx"]  # DRF's format suffixes: not served (a 404)
FORM_FIELDS = [
    "organization",
    "member",
    "version",
    "name",
    "code",
    "full_name",
    "date",
    "valid_from",
    "year",
    "kind",
    "reason",
    "confirm",
    "delete",
]
BAD_BODIES = [
    ("application/json", b'{"organization": 1,'),  # malformed JSON
    ("application/json", b"\xff\xfe not utf-8"),
    ("application/json", b"[]"),
    ("application/json", json.dumps({f: HUGE for f in FORM_FIELDS}).encode()),
    ("application/json", json.dumps({f: {"a": [1]} for f in FORM_FIELDS}).encode()),
    ("text/plain", b"organization=1"),
]


@dataclass
class Route:
    name: str
    names: list[str]
    model: type | None
    api: bool


def routes() -> list[Route]:
    found = []
    for namespace, pattern in iter_patterns(get_resolver().url_patterns):
        if pattern.name is None or pattern.name == "not-found":
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        callback = pattern.callback
        api = getattr(callback, "cls", None) is not None
        found.append(Route(name, kwarg_names(pattern), view_model(pattern), api))
    return found


def real_ids(route: Route, world) -> list[str]:
    ids = []
    if route.model is not None:
        for side in ("a", "b"):
            obj = objects_for(route.model, world, side)
            if obj is not None:
                ids.append(str(obj.pk))
        first = route.model._default_manager.order_by("pk").first()
        if first is not None:
            ids.append(str(first.pk))
    return list(dict.fromkeys(ids)) or ["1"]


def urls_for(route: Route, world) -> list[tuple[str, str]]:
    """(url, kind) for every id the pattern accepts (kind "real": built from a real id,
    "hostile"), and for API routes the same URL with DRF-style format suffixes ("suffix")."""
    if route.names == ["key", "pk"] and route.name.startswith("documents:"):
        return document_urls(route, world)
    if route.names == ["key", "fmt"]:  # reports:form_download: every form, files and nonsense
        return [
            (reverse(route.name, kwargs={"key": key, "fmt": fmt}), "hostile")
            for key in ("form-1", "form-3", "form-99", "x" * 300)
            for fmt in ("xlsx", "pdf", "exe")
        ]
    if "pk" not in route.names:
        candidates = [(None, "real")]
    else:
        candidates = [(pk, "real") for pk in real_ids(route, world)]
        candidates += [(pk, "hostile") for pk in HOSTILE_IDS]
    urls = []
    for pk, kind in candidates:
        try:
            url = reverse(route.name, kwargs={"pk": pk} if pk else {})
        except NoReverseMatch:
            continue  # the converter refuses it: the request cannot reach the view
        urls.append((url, kind))
    if route.api and urls:
        base = urls[0][0].rstrip("/")
        urls += [(f"{base}.{ext}/", "suffix") for ext in SUFFIXES]
        urls.append((f"{base}.json", "suffix"))
    return urls


def document_urls(route: Route, world) -> list[tuple[str, str]]:
    """Core's document pages: every declared document with real and hostile ids, and an
    unknown key."""
    from django.apps import apps

    from dangvu.core.registry import registry

    urls = []
    for declaration in registry().documents:
        if not declaration.build:
            continue
        model = apps.get_model(declaration.model)
        ids = real_ids(Route(route.name, ["pk"], model, False), world)
        for pk, kind in [(pk, "real") for pk in ids] + [(pk, "hostile") for pk in HOSTILE_IDS]:
            try:
                urls.append((reverse(route.name, kwargs={"key": declaration.key, "pk": pk}), kind))
            except NoReverseMatch:
                continue
    urls.append((reverse(route.name, kwargs={"key": "khong-co", "pk": "1"}), "hostile"))
    return urls


def query_strings() -> list[dict[str, str]]:
    """For pages without a path id (lists, exports, statistics): every parameter at once with
    each hostile value, unknown parameters, and each `?format=` with hostile filters."""
    queries = [{name: value for name in PARAMETERS} for value in HOSTILE_VALUES]
    queries.append(UNKNOWN_PARAMETERS)
    for index, fmt in enumerate(FORMATS):
        hostile = HOSTILE_VALUES[index % 3]  # huge, negative, zero
        queries.append({**{name: hostile for name in PARAMETERS}, "format": fmt})
    return queries


# The OpenAPI document and its viewer ignore filters; each answer takes a while to build.
STATIC_DOCUMENTS = {"schema", "api-docs"}
# Pages of one record read few parameters: fewer variants keep the run short.
DETAIL_QUERIES = [
    {name: HUGE for name in PARAMETERS},
    {name: "²" for name in PARAMETERS},
    {**UNKNOWN_PARAMETERS, "format": "xlsx", "year": "-1"},
]


class Replay:
    def __init__(self, client) -> None:
        self.client = client
        self.client.raise_request_exception = False
        self.failures: list[str] = []
        self.requests = 0

    def check(self, method: str, url: str, response) -> None:
        self.requests += 1
        problem = None
        if response.status_code >= 500:
            problem = str(response.status_code)
            exc_info = getattr(response, "exc_info", None)
            if exc_info:
                problem += f" {exc_info[0].__name__}: {exc_info[1]}"[:300]
        elif getattr(response, "streaming", False):
            try:
                for _chunk in response.streaming_content:
                    pass
            except Exception as error:  # noqa: BLE001  any exception here would be a 500
                problem = f"while streaming: {type(error).__name__}: {error}"[:300]
        if problem:
            self.failures.append(f"{method} {url[:200]} → {problem}")

    def get(self, url: str, query: dict | None = None) -> None:
        self.check("GET", f"{url}?{query}" if query else url, self.client.get(url, query or {}))

    def post(self, url: str, body: bytes | dict, content_type: str | None = None) -> None:
        if isinstance(body, dict):
            response = self.client.post(url, body)
            label = "form"
        else:
            response = self.client.post(url, body, content_type=content_type)
            label = f"{content_type} {body[:30]!r}"
        self.check(f"POST ({label})", url, response)


def replay_everything(client, world, user, *, thorough: bool) -> Replay:
    """Every route; `thorough`: every hostile value on pages without a path id (the second
    user gets the few that reach different code, to keep the run short)."""
    replay = Replay(client)
    list_queries = query_strings() if thorough else DETAIL_QUERIES
    form = {name: HUGE for name in FORM_FIELDS} | {"organization": "-1", "member": "²"}
    for route in routes():
        for index, (url, kind) in enumerate(urls_for(route, world)):
            if kind == "suffix":
                replay.get(url)
                replay.post(url, b"{}", "application/json")
                continue
            if kind == "hostile" or index > 0:
                replay.get(url)  # hostile ids and other real ids: the bare URL
                continue
            few = "pk" in route.names or route.name in STATIC_DOCUMENTS
            for query in DETAIL_QUERIES if few else list_queries:
                replay.get(url, query)
            bodies = BAD_BODIES if route.api and thorough else BAD_BODIES[:1]
            for content_type, body in bodies:
                replay.post(url, body, content_type)
            if not route.api:
                replay.post(url, form)
                client.force_login(user)  # in case the POST signed out (accounts:logout)
    return replay


def test_no_hostile_request_gets_a_server_error(client, crawl_world):
    """As a provincial officer and as an administrator (who sees everything, through other
    code paths): one test, so the cast is built once."""
    # Thousands of "Not Found"/"Bad Request" warnings would only slow the run down; a 5xx is
    # caught from the status (and its exception) below.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.CRITICAL)
    failures = []
    requests = 0
    users = crawl_world.users
    try:
        for user, thorough in ((users.provincial, True), (users.admin, False)):
            client.force_login(user)
            replay = replay_everything(client, crawl_world, user, thorough=thorough)
            failures += [f"{user.username}: {failure}" for failure in replay.failures]
            requests += replay.requests
    finally:
        request_log.setLevel(level)
    assert requests > 4000
    assert not failures, "\n".join(failures[:40])


def test_every_route_is_replayed(crawl_world):
    """The replay reaches every named pattern, and tries format suffixes on every API route."""
    all_routes = routes()
    assert len(all_routes) > 150
    unreached = [r.name for r in all_routes if not urls_for(r, crawl_world)]
    assert not unreached, unreached
    api_routes = [r for r in all_routes if r.api]
    assert len(api_routes) > 30
    assert all(any(kind == "suffix" for _url, kind in urls_for(r, crawl_world)) for r in api_routes)


def test_format_suffixes_are_not_routes(client, crawl_world):
    """`….json` URLs are a JSON 404: the router serves no format-suffix duplicates (DRF passed
    `format=` to custom actions, which do not take it)."""
    client.force_login(crawl_world.users.provincial)
    meeting = crawl_world.extra_objects[Meeting][0]
    for url in (
        f"/api/organizations/{crawl_world.branch_a1.pk}/children.json/",
        f"/api/meetings/{meeting.pk}/roll-call.json/",
        "/api/members.json/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
    response = client.post(f"/api/meetings/{meeting.pk}/attendance.json/", {}, "application/json")
    assert response.status_code == 404
    assert client.get(f"/api/organizations/{crawl_world.branch_a1.pk}/children/").status_code == 200
