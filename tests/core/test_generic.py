"""core.generic, through the probe app's declarations (tests/registry_app/views.py): a list
with its FilterSet, stable pages and exports; an action with a permission asked of the
'service', the service's refusal on the form, and a button that shows it as a message."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization
from tests import xlsx_read

pytestmark = pytest.mark.django_db

LIST = "/registry-probe/organizations/"


def visible(org) -> list[str]:
    return list(
        Organization.objects.filter(subtree_q("path", org.path))
        .order_by("path")
        .values_list("name", flat=True)
    )


def test_the_list_shows_only_the_users_subtree_in_pages(world, login):
    client = login(world.users.officer_a)
    names = visible(world.commune_a)
    page = client.get(LIST).content.decode()
    assert f'<p id="total">{len(names)}</p>' in page
    assert names[0] in page and world.commune_b.name not in page
    # a page past the end is the last page, a wrong one the first: never a 404
    last = client.get(LIST + "?page=999")
    assert last.status_code == 200
    assert f'<p id="page">{(len(names) + 1) // 2}</p>' in last.content.decode()
    assert '<p id="page">1</p>' in client.get(LIST + "?page=abc").content.decode()


def test_the_list_filters_with_its_filterset(world, login):
    client = login(world.users.provincial)
    page = client.get(LIST + "?kind=branch").content.decode()
    branches = Organization.objects.filter(kind="branch").count()
    assert f'<p id="total">{branches}</p>' in page


def test_the_list_exports_the_filtered_rows_of_every_page(world, login):
    client = login(world.users.officer_a)
    names = visible(world.commune_a)
    response = client.get(LIST + "?format=xlsx")
    assert response["Content-Disposition"].endswith('filename="to-chuc.xlsx"')
    sheet = xlsx_read.sheet(response)
    rows = xlsx_read.table(sheet)
    assert [r[1] for r in rows[1:]] == names  # all pages, in the list's order, the scope only
    # The title block: the user's organization (no filter), the list, the date made.
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert xlsx_read.title_lines(sheet) == [
        world.commune_a.name,
        gettext("List"),
        gettext("Date made: %(date)s") % {"date": today},
    ]
    assert sheet.freeze_panes == "B6" and rows[0][0] == "STT"
    filtered = xlsx_read.sheet(client.get(LIST + "?format=xlsx&kind=branch"))
    kind = Organization._meta.get_field("kind")
    label = f"{capfirst(kind.verbose_name)}: {dict(kind.choices)['branch']}"
    assert xlsx_read.title_lines(filtered)[2] == label  # the filter in use, in words
    response = client.get(LIST + "?format=csv&kind=branch")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    got = [r[0] for r in csv.reader(io.StringIO(text))][1:]
    assert got == [n for n in names if Organization.objects.get(name=n).kind == "branch"]
    assert client.get(LIST + "?format=pdf").status_code == 404


def test_an_action_outside_the_scope_is_a_404_and_without_permission_a_403(world, login):
    url = f"/registry-probe/organizations/{world.branch_b1.pk}/rename/"
    assert login(world.users.officer_a).get(url).status_code == 404
    mine = f"/registry-probe/organizations/{world.branch_a1.pk}/rename/"
    assert login(world.users.member_a1).get(mine).status_code == 403
    assert login(world.users.officer_a).get(mine).status_code == 200


def test_the_services_refusal_lands_on_the_form_and_changes_nothing(world, login):
    client = login(world.users.officer_a)
    url = f"/registry-probe/organizations/{world.branch_a1.pk}/rename/"
    response = client.post(url, {"name": "Chi bộ 12"})
    assert response.status_code == 200 and "A name has no digits." in response.content.decode()
    world.branch_a1.refresh_from_db()
    assert world.branch_a1.name == "Chi bộ thôn Đông"
    response = client.post(url, {"name": "Chi bộ thôn Tây"})
    assert response.status_code == 302 and response["Location"] == "/registry-probe/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Renamed."]
    world.branch_a1.refresh_from_db()
    assert world.branch_a1.name == "Chi bộ thôn Tây"


def test_a_button_answers_a_refusal_with_a_message(world, login):
    client = login(world.users.officer_a)
    url = f"/registry-probe/organizations/{world.branch_a1.pk}/rename-button/"
    assert client.get(url).status_code == 405
    response = client.post(url, {"name": "Chi bộ 12"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["A name has no digits."]
