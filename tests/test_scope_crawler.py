"""The scope crawler: every URL pattern and API endpoint, as users of two sibling subtrees and of
a branch, proves that nobody sees or changes the other subtree (ARCHITECTURE, principle 1).

URLs are enumerated from the resolver, not listed by hand, so a new page is crawled as soon as
it exists. A page whose URL kwargs the crawler cannot fill makes the test fail: teach it below.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import pkgutil

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dangvu.members.choices import PostKind
from dangvu.members.models import Member, MemberPost, Placement
from dangvu.organizations.choices import LocalityKind, SeatRole
from dangvu.organizations.models import CommitteeSeat, Locality, Organization, Term

pytestmark = pytest.mark.django_db

SKIP_NAMESPACES = {"admin"}  # Django admin: superusers only (is_staff), checked separately

# Text that identifies each sibling subtree's records in any response.
A_MARKERS = ["An Bình", "thôn Đông", "Trần Thị Hoa", "Phạm Thị Lan", "Lê Văn Bình", "Thôn Hạ"]
B_MARKERS = ["Bình Minh", "khu phố 1", "Hoàng Văn Minh", "Khu phố Mới"]


def iter_patterns(patterns, namespace: str | None = None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in SKIP_NAMESPACES:
                continue
            full_ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else ns
            yield from iter_patterns(p.url_patterns, full_ns)
        elif isinstance(p, URLPattern):
            yield namespace, p


def kwarg_names(pattern: URLPattern) -> list[str]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


def view_model(pattern: URLPattern):
    callback = pattern.callback
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view is None:
        return None
    model = getattr(view, "model", None)
    if model is None and getattr(view, "queryset", None) is not None:
        model = view.queryset.model
    return model


def all_routes():
    routes = []
    for namespace, pattern in iter_patterns(get_resolver().url_patterns):
        if pattern.name == "not-found":  # the API's JSON 404 for any unknown path: no data
            continue
        names = kwarg_names(pattern)
        if "format" in names:  # DRF's format-suffix duplicates of the same views
            continue
        routes.append((namespace, pattern, names))
    return routes


def app_crawl_modules():
    """Each app's tests may add a `crawl.py` with `crawl_objects(world) -> {Model: (a, b)}`:
    one record of each of its models in subtree A and in subtree B (texts containing the
    side's markers, e.g. "thôn Đông" / "khu phố 1"), so their pages are crawled too."""
    import tests

    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.crawl")
            except ModuleNotFoundError:
                continue


@pytest.fixture
def crawl_world(world):
    """Add one of every scoped record to each side."""
    world.extra_objects = {}
    for module in app_crawl_modules():
        world.extra_objects.update(module.crawl_objects(world))
    for side, commune, branch, member in (
        ("a", world.commune_a, world.branch_a1, world.duc),
        ("b", world.commune_b, world.branch_b1, world.minh),
    ):
        term = Term.objects.create(
            organization=branch, name="2025–2030", starts_on=dt.date(2025, 5, 1)
        )
        CommitteeSeat.objects.create(
            term=term,
            organization=branch,
            member=member,
            role=SeatRole.SECRETARY,
            valid_from=dt.date(2025, 5, 1),
        )
        locality = Locality.objects.create(
            name="Thôn Hạ" if side == "a" else "Khu phố Mới",
            kind=LocalityKind.VILLAGE,
            commune=commune,
            branch=branch,
            head_name=member.full_name,
            head_member=member,
        )
        MemberPost.objects.create(
            member=member,
            kind=PostKind.VILLAGE_HEAD,
            locality=locality,
            valid_from=dt.date(2024, 1, 1),
        )
    return world


def objects_for(model, world, side: str):
    """An object of `model` in subtree A or B, or None if the crawler does not know the model."""
    member = world.duc if side == "a" else world.minh
    branch = world.branch_a1 if side == "a" else world.branch_b1
    extra = getattr(world, "extra_objects", {})
    if model in extra:
        return extra[model][0 if side == "a" else 1]
    if model is Member:
        return member
    if model is Organization:
        return branch
    if model is Placement:
        return Placement.objects.filter(member=member).first()
    if model is MemberPost:
        return MemberPost.objects.filter(member=member).first()
    if model is CommitteeSeat:
        return CommitteeSeat.objects.filter(member=member).first()
    if model is Term:
        return Term.objects.filter(organization=branch).first()
    if model is Locality:
        return Locality.objects.filter(branch=branch).first()
    return None


def body_text(response) -> str:
    content_type = response.get("Content-Type", "")
    if hasattr(response, "streaming_content"):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if "spreadsheetml" in content_type:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return "\n".join(cells)
    if "json" in content_type:
        return json.dumps(json.loads(raw or b"null"), ensure_ascii=False)
    return raw.decode("utf-8", errors="replace")


def snapshot():
    return (
        list(Member.objects.order_by("pk").values()),
        list(Organization.objects.order_by("pk").values()),
        list(Placement.objects.order_by("pk").values()),
        list(CommitteeSeat.objects.order_by("pk").values()),
        list(Locality.objects.order_by("pk").values()),
    )


def crawl_documents(client, world, name: str, side: str, other: str) -> int:
    """Core's pages of every declared document (/documents/<key>/<pk>/…): the other side's
    object answers 403/404 to every method and nothing changes; one's own never 500s."""
    from django.apps import apps

    from dangvu.core.documents.models import RegisteredDocument
    from dangvu.core.registry import registry

    checked = 0
    for declaration in registry().documents:
        if not declaration.build:
            continue
        model = apps.get_model(declaration.model)
        theirs = objects_for(model, world, other)
        assert theirs is not None, f"teach the crawler {declaration.model} for {name}"
        url = reverse(name, kwargs={"key": declaration.key, "pk": theirs.pk})
        assert client.get(url).status_code in (403, 404, 405), (url, client.get(url).status_code)
        registered = RegisteredDocument.objects.count()
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, data={}, content_type="application/json")
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
        assert RegisteredDocument.objects.count() == registered, f"{url} wrote the register"
        mine = objects_for(model, world, side)
        if mine is not None:
            own = client.get(reverse(name, kwargs={"key": declaration.key, "pk": mine.pk}))
            assert own.status_code < 500, (name, declaration.key, own.status_code)
        checked += 1
    return checked


def crawl_forms(client, world, name: str, side: str, other: str) -> int:
    """The statistics forms (reports/forms/): another subtree's organization answers 404 in
    every form and format; one's own never 500s and names nobody of the other side."""
    from dangvu.reports.forms import FORMS

    theirs = world.commune_b if other == "b" else world.commune_a
    mine = world.branch_a1 if side == "a" else world.branch_b1
    checked = 0
    for key in FORMS:
        for fmt in ("xlsx", "pdf"):
            url = reverse(name, kwargs={"key": key, "fmt": fmt})
            response = client.get(url, {"org": theirs.code, "period": "2025"})
            assert response.status_code in (403, 404), (url, response.status_code)
        own = client.get(reverse(name, kwargs={"key": key, "fmt": "xlsx"}), {"period": "2025"})
        assert own.status_code < 500, (key, own.status_code)
        if own.status_code == 200:
            text = body_text(own)  # a streamed file: read once
            assert not [m for m in (B_MARKERS if side == "a" else A_MARKERS) if m in text]
        checked += 1
    assert mine is not None
    return checked


CASES = [
    # (user attribute, side they belong to, markers they must never see)
    ("officer_a", "a", B_MARKERS),
    ("officer_b", "b", A_MARKERS),
    ("secretary_a1", "a", B_MARKERS + ["Lê Văn Bình", "Phạm Thị Lan"]),
]


def test_the_crawler_finds_the_pages():
    names = {f"{ns}:{p.name}" if ns else p.name for ns, p, _ in all_routes()}
    assert {"members:list", "members:detail", "organizations:tree"} <= names


@pytest.mark.parametrize(("user_attr", "side", "forbidden"), CASES)
def test_no_page_or_endpoint_leaks_the_other_subtree(
    client, crawl_world, user_attr, side, forbidden
):
    world = crawl_world
    user = getattr(world.users, user_attr)
    other = "b" if side == "a" else "a"
    client.force_login(user)
    checked = 0
    untaught = []
    for namespace, pattern, names in all_routes():
        if pattern.name is None:
            untaught.append(str(pattern.pattern))
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if not names:
            url = reverse(name)
            for query in ("", "?q=minh", "?q=hoa", "?q=nguyen+van+duc", "?search=minh"):
                response = client.get(url + query)
                assert response.status_code < 500, (url + query, response.status_code)
                if response.status_code == 200:
                    text = body_text(response)
                    leaked = [m for m in forbidden if m in text]
                    assert not leaked, f"{url + query} shows {leaked} to {user_attr}"
                    checked += 1
            continue
        if names == ["key", "pk"] and namespace == "documents":
            checked += crawl_documents(client, world, name, side, other)
            continue
        if names == ["key", "fmt"] and name == "reports:form_download":
            checked += crawl_forms(client, world, name, side, other)
            continue
        model = view_model(pattern)
        if names != ["pk"] or model is None:
            untaught.append(name)
            continue
        theirs = objects_for(model, world, other)
        if theirs is None:
            untaught.append(f"{name} ({model.__name__})")
            continue
        url = reverse(name, kwargs={"pk": theirs.pk})
        response = client.get(url)
        assert response.status_code in (403, 404, 405), (url, user_attr, response.status_code)
        before = snapshot()
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, data={}, content_type="application/json")
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)
        assert snapshot() == before, f"a write to {url} changed data"
        checked += 1
        mine = objects_for(model, world, side)
        if user_attr == "secretary_a1" and model is Organization:
            mine = world.branch_a1
        if mine is not None:
            own = client.get(reverse(name, kwargs={"pk": mine.pk}))
            assert own.status_code < 500, (name, own.status_code)
    assert not untaught, f"teach the crawler these URLs: {untaught}"
    assert checked > 10


def test_a_member_sees_only_their_own_records(client, crawl_world):
    world = crawl_world
    client.force_login(world.users.member_a1)
    for namespace, pattern, names in all_routes():
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if names == ["pk"] and view_model(pattern) is Member:
            url = reverse(name, kwargs={"pk": world.duc.pk})
            assert client.get(url).status_code in (403, 404), url
        elif not names and pattern.name:
            response = client.get(reverse(name))
            assert response.status_code < 500
            if response.status_code == 200:
                text = body_text(response)
                assert "Hoàng Văn Minh" not in text and "Phạm Thị Lan" not in text, name


def test_anonymous_users_get_nothing(client, crawl_world):
    for namespace, pattern, names in all_routes():
        if names or pattern.name is None:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        response = client.get(reverse(name))
        assert response.status_code < 500, name
        if response.status_code == 200:
            text = body_text(response)
            assert not [m for m in A_MARKERS + B_MARKERS if m in text], name


def test_admin_site_is_for_superusers_only(client, crawl_world):
    client.force_login(crawl_world.users.provincial)
    response = client.get("/admin/members/member/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
