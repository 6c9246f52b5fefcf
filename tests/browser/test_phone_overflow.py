"""Issue 14, phones: every parameterless page of the site, as a provincial officer and as a
branch secretary, at 360×740 in headless Chromium: nothing runs off the page sideways.

The pages are enumerated from the URL resolver (the scope crawler's `all_routes`), so a new
list page is walked as soon as it exists; exports, files, JSON and the API are left out. A page
fails when the document is wider than the window, when a table not wrapped in
`.table-responsive` is wider than its box, or when a `.table-responsive` wrapper needs a
horizontal scroll (its last columns, often the status, would be hidden). The walked pages are
printed (`-s`) for the issue's note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Error as PlaywrightError

from dangvu.members.models import Member
from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.factories import MemberFactory
from tests.reports.conftest import add_year_2025
from tests.test_scope_crawler import all_routes, app_crawl_modules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Not pages a person reads: files, exports, images, JSON, the API, leaving the session.
SKIP_NAMES = {"logout", "login", "trend_chart", "export"}
SKIP_WORDS = ("export", "download", "xlsx", "csv", "pdf", "json", "svg", "file", "files")
SKIP_PREFIXES = ("/api/", "/admin/", "/health", "/static/", "/media/")

# Long real-looking names: the widest cells a list shows.
LONG_NAMES = [
    "Nguyễn Thị Phương Thảo Hoàng Anh",
    "Trương Công Nghĩa Hiếu Trung Kiên",
    "Huỳnh Ngọc Bảo Trâm Khánh Linh",
]

MEASURE = """() => {
  const width = window.innerWidth;
  const problems = [];
  const doc = document.documentElement.scrollWidth;
  if (doc > width) problems.push(`page ${doc}px wide in a ${width}px window`);
  const main = document.querySelector('main') || document.body;
  const label = el => {
    const text = (el.innerText || '').trim().split('\\n')[0].slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`;
  };
  for (const wrapper of main.querySelectorAll('.table-responsive')) {
    if (wrapper.offsetParent === null) continue;  // hidden (a collapsed panel)
    if (wrapper.scrollWidth > wrapper.clientWidth + 1)
      problems.push(`scrolling table ${wrapper.scrollWidth}px in ${wrapper.clientWidth}px: ` +
                    label(wrapper.querySelector('table') || wrapper));
  }
  for (const table of main.querySelectorAll('table')) {
    if (table.offsetParent === null || table.closest('.table-responsive')) continue;
    const box = table.parentElement;
    if (table.getBoundingClientRect().width > box.clientWidth + 1)
      problems.push(`table ${Math.round(table.getBoundingClientRect().width)}px in ` +
                    `${box.clientWidth}px: ${label(table)}`);
  }
  // Anything in main sticking out of the window on the right (a long label, a wide form),
  // unless a scrolling strip holds it (the section tabs scroll sideways by design).
  const scrolls = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
    }
    return false;
  };
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= width + 1 || getComputedStyle(el).position === 'fixed') continue;
    if (el.closest('.table-responsive') || scrolls(el)) continue;
    problems.push(`${label(el)} ends at ${Math.round(r.right)}px`);
    break;
  }
  // A label running into its figure: the two ends of a "label … figure" row (a flex row
  // spread with space-between) touching or overlapping on the same line.
  for (const row of main.querySelectorAll('*')) {
    const style = getComputedStyle(row);
    if (style.display !== 'flex' || !style.flexDirection.startsWith('row')) continue;
    if (style.justifyContent !== 'space-between') continue;
    const items = [...row.children].filter(c => c.getBoundingClientRect().width > 0);
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1].getBoundingClientRect(), b = items[i].getBoundingClientRect();
      const sameLine = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
      if (sameLine && b.left - a.right < 4)
        { problems.push(`"${label(items[i - 1])}" runs into ${label(items[i])}`); break; }
    }
  }
  return problems;
}"""


def _pages() -> list[str]:
    urls = []
    for namespace, pattern, names in all_routes():
        if names or pattern.name in SKIP_NAMES or not pattern.name:
            continue
        if set(pattern.name.replace("-", "_").split("_")) & set(SKIP_WORDS):
            continue
        try:
            url = reverse(f"{namespace}:{pattern.name}" if namespace else pattern.name)
        except NoReverseMatch:
            continue
        if url.startswith(SKIP_PREFIXES) or any(w in url for w in (".xlsx", ".svg", ".pdf")):
            continue
        urls.append(url)
    # The member search's results page (the 473 px table) is a list page too.
    return sorted(set(urls)) + ["/members/?q=Nguy%E1%BB%85n"]


def _world():
    world = build_world()
    add_year_2025(world)
    for module in app_crawl_modules():
        module.crawl_objects(world)
    for name in LONG_NAMES:
        MemberFactory(full_name=name, organization=world.branch_a1)
    MemberFactory(
        full_name="Lý Thị Thu Hương Giang Sơn",
        organization=world.branch_b1,
        admitted_on=dt.date.today() - dt.timedelta(days=200),
        recognized_on=None,
        status="probationary",
        status_since=dt.date.today() - dt.timedelta(days=200),
    )
    assert Member.objects.count() > 8
    return world


def test_no_page_overflows_a_phone(live_server, phone):
    _world()
    pages = _pages()
    assert "/members/" in pages and "/members/transfers/" in pages
    assert "/meetings/statistics/" in pages
    failures: list[str] = []
    walked: list[str] = []
    measured: dict[str, int] = {}
    for username in ("tinh", "bithu_a1"):
        phone.context.clear_cookies()
        log_in(phone, live_server.url, username)
        for url in pages:
            # Asked first through the context's cookies: Chromium turns an empty error answer
            # (a POST-only URL's 405) into an error page that breaks the next navigations.
            probe = phone.context.request.get(live_server.url + url)
            content_type = probe.headers.get("content-type", "")
            if "html" not in content_type or not probe.body():
                walked.append(f"{username} {url} {probe.status} (not a page: skipped)")
                continue
            try:
                response = phone.goto(live_server.url + url)
            except PlaywrightError as error:
                failures.append(f"{username} {url}: {str(error).splitlines()[0]}")
                phone.goto("about:blank")
                continue
            status = response.status if response else 0
            phone.wait_for_load_state("load")
            problems = phone.evaluate(MEASURE)
            final = phone.url.removeprefix(live_server.url)
            shown = url if final == url else f"{url} → {final}"
            walked.append(f"{username} {shown} {status}" + (" OVERFLOW" if problems else ""))
            measured[username] = measured.get(username, 0) + 1
            failures.extend(f"{username} {shown}: {problem}" for problem in problems)
    print("\nPages walked at 360×740 (user, page, HTTP status):")
    print("\n".join(walked))
    # Each role really walked the site (a broken login would measure the login page only).
    assert all(measured.get(user, 0) >= 30 for user in ("tinh", "bithu_a1")), measured
    assert not failures, "\n".join(failures)
