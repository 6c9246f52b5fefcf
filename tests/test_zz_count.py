import pytest
from tests.core.test_hostile_input import replay_everything, routes, urls_for, query_strings, DETAIL_QUERIES, HOSTILE_VALUES
from tests.test_scope_crawler import crawl_world  # noqa
pytestmark = pytest.mark.django_db
def test_count(client, crawl_world):
    rs = routes()
    print("ROUTES", len(rs), "api", sum(r.api for r in rs), "pk", sum("pk" in r.names for r in rs))
    print("URLS", sum(len(urls_for(r, crawl_world)) for r in rs), "listq", len(query_strings()), "detailq", len(DETAIL_QUERIES), "values", len(HOSTILE_VALUES))
    for u, t in ((crawl_world.users.provincial, True), (crawl_world.users.admin, False)):
        client.force_login(u)
        r = replay_everything(client, crawl_world, u, thorough=t)
        print("REQUESTS", u.username, r.requests)
