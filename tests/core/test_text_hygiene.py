"""Text hygiene at every input boundary: a name typed in NFD is stored NFC (form, API, import),
and zero-width or bidi control characters in names, codes and identifiers are refused with a
Vietnamese message."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from dangvu.core.forms import HolidayForm
from dangvu.core.text import BIDI_CONTROLS, ZERO_WIDTH, find_invisible, nfc, validate_visible
from dangvu.imports.models import RunStatus
from dangvu.imports.values import CellError, parse_text
from dangvu.members.models import Member
from tests.conftest import PASSWORD
from tests.imports.helpers import MEMBER_HEADERS, member_row, run_import, write_xlsx

pytestmark = pytest.mark.django_db

NAME = "Nguyễn Thị Ngọc Ánh"
NFD = unicodedata.normalize("NFD", NAME)
MESSAGE_START = "Nội dung có một ký tự ẩn (U+"


def test_the_nfd_spelling_differs_from_the_nfc_one():
    assert NFD != NAME and nfc(NFD) == NAME


@pytest.mark.parametrize("char", list(ZERO_WIDTH + BIDI_CONTROLS))
def test_every_invisible_character_is_found(char):
    assert find_invisible(f"Nguyễn{char}Văn") == char
    with pytest.raises(Exception) as error:
        validate_visible(f"Nguyễn{char}Văn")
    assert MESSAGE_START in str(error.value)


def test_ordinary_vietnamese_text_is_visible():
    assert find_invisible("Đảng bộ xã An Bình, thôn Đông (số 1) — 0912 345 678") is None


# --- Forms ---------------------------------------------------------------------------


def test_a_form_stores_nfc(world):
    nfd = unicodedata.normalize("NFD", "Quốc khánh")
    form = HolidayForm(data={"date": "02/09/2031", "name": nfd})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Quốc khánh"


def test_a_form_refuses_a_zero_width_space_in_a_name(world):
    form = HolidayForm(data={"date": "02/09/2031", "name": "Quốc\u200bkhánh"})
    assert not form.is_valid()
    assert form.errors["name"][0].startswith(MESSAGE_START + "200B)")


def _edit_data(client, member) -> dict:
    form = client.get(reverse("members:edit", args=[member.pk])).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        data[name] = "" if value is None else value
    return data


def test_the_member_edit_page_stores_an_nfd_name_as_nfc(world, login):
    client = login(world.users.officer_a)
    data = _edit_data(client, world.duc) | {"full_name": NFD}
    response = client.post(reverse("members:edit", args=[world.duc.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    world.duc.refresh_from_db()
    assert world.duc.full_name == NAME


def test_the_member_edit_page_refuses_a_bidi_override_in_a_name(world, login):
    client = login(world.users.officer_a)
    data = _edit_data(client, world.duc) | {"full_name": "Nguyễn\u202eVăn Đức"}
    response = client.post(reverse("members:edit", args=[world.duc.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"][0].startswith(MESSAGE_START + "202E)")
    world.duc.refresh_from_db()
    assert world.duc.full_name == "Nguyễn Văn Đức"


def test_passwords_are_checked_exactly_as_typed(world, client):
    user = world.users.officer_a
    user.set_password(NFD)
    user.save()
    response = client.post(reverse("accounts:login"), {"username": "xa_a", "password": NFD})
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    response = client.post(reverse("accounts:login"), {"username": "xa_a", "password": NAME})
    assert response.status_code == 200  # the NFC spelling is another password


# --- API -----------------------------------------------------------------------------


def test_the_api_stores_an_nfd_name_as_nfc(world, api):
    response = api(world.users.officer_a).patch(
        f"/api/members/{world.duc.pk}/", {"full_name": NFD}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["full_name"] == NAME
    world.duc.refresh_from_db()
    assert world.duc.full_name == NAME


def test_the_api_refuses_invisible_characters_in_names(world, api):
    client = api(world.users.officer_a)
    for value in ("Nguyễn\u200dVăn Đức", "\ufeffNguyễn Văn Đức", "Nguyễn Văn \u2066Đức"):
        response = client.patch(
            f"/api/members/{world.duc.pk}/", {"full_name": value}, format="json"
        )
        assert response.status_code == 400, value
        assert response.json()["full_name"][0].startswith(MESSAGE_START)
    world.duc.refresh_from_db()
    assert world.duc.full_name == "Nguyễn Văn Đức"


def test_a_token_name_is_nfc_too(world, api):
    token = api().post(
        "/api/token/", {"username": "xa_a", "password": PASSWORD, "name": NFD}, format="json"
    )
    assert token.status_code == 201
    assert token.json()["name"] == NAME


# --- Import --------------------------------------------------------------------------


def test_the_import_cleaner_gives_nfc_and_refuses_invisible_characters():
    assert parse_text(NFD) == NAME
    with pytest.raises(CellError) as error:
        parse_text("Nguyễn\u200bVăn")
    assert str(error.value).startswith(MESSAGE_START + "200B)")


def test_an_import_stores_nfc_and_reports_invisible_characters(world, tmp_path):
    rows = [member_row(1, world.branch_a1.code), member_row(2, world.branch_a1.code)]
    rows[0][1] = unicodedata.normalize("NFD", "Nguyễn Văn Nhập 1")
    rows[1][1] = "Nguyễn Văn\u200b Nhập 2"
    path = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID
    problems = [p for p in run.problems if p["row"] == 3]
    assert problems and problems[0]["message"].startswith(MESSAGE_START + "200B)")
    run = run_import(path, org=world.commune_a, user=world.users.officer_a, valid_only=True)
    assert Member.objects.filter(full_name="Nguyễn Văn Nhập 1").exists()
