"""The API answers in Vietnamese, DRF's and django-filter's own messages included."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from dangvu.core import vendor_messages

pytestmark = pytest.mark.django_db

MEMBERS = "/api/members/"


def first_message(body: dict, field: str) -> str:
    value = body[field]
    return value[0] if isinstance(value, list) else value


def test_vietnamese_is_the_language_and_the_api_goes_through_the_locale_middleware():
    assert settings.LANGUAGE_CODE == "vi"
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE


def test_every_library_message_has_a_vietnamese_translation():
    with translation.override("vi"):
        untranslated = [
            m
            for m in [*vendor_messages.REST_FRAMEWORK, *vendor_messages.DJANGO_FILTER]
            if translation.gettext(m) == m and m not in ("Token",)
        ]
    assert not untranslated, untranslated


def test_field_errors_are_vietnamese(world, api):
    client = api(world.users.officer_a)
    response = client.post(
        MEMBERS,
        {
            "full_name": "x" * 300,
            "organization": "abc",
            "birth_date": "hôm qua",
            "gender": True,
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert first_message(body, "full_name") == "Trường này không được dài quá 255 ký tự."
    assert first_message(body, "organization") == (
        "Sai kiểu dữ liệu: cần mã số (id) của bản ghi, nhận được str."
    )
    assert first_message(body, "birth_date").startswith("Ngày sai định dạng.")
    assert "không phải là một lựa chọn hợp lệ" in first_message(body, "gender")


def test_not_a_string_is_vietnamese(world, api):
    response = api(world.users.officer_a).patch(
        f"{MEMBERS}{world.duc.pk}/", {"full_name": ["a"]}, format="json"
    )
    assert response.status_code == 400
    assert first_message(response.json(), "full_name") == "Không phải là một chuỗi ký tự hợp lệ."


def test_malformed_json_is_vietnamese(world, api):
    response = api(world.users.officer_a).post(
        MEMBERS, b'{"full_name": "An",', content_type="application/json"
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("Nội dung gửi lên không phải JSON hợp lệ (dòng 1, cột")
    assert "Expecting" not in detail


def test_wrong_media_type_and_method_are_vietnamese(world, api):
    client = api(world.users.officer_a)
    response = client.post(MEMBERS, "full_name=An", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["detail"] == "Không hỗ trợ kiểu nội dung “text/plain” trong yêu cầu."
    response = client.put(f"{MEMBERS}{world.duc.pk}/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["detail"] == "Không cho phép phương thức “PUT”."


def test_authentication_messages_are_vietnamese(world, api):
    body = api().get(MEMBERS).json()
    assert body["detail"] == "Chưa có thông tin xác thực: hãy đăng nhập hoặc gửi token."
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token khong-co")
    assert client.get(MEMBERS).json()["detail"] == "Token không hợp lệ hoặc đã hết hạn."


def test_filter_errors_are_vietnamese(world, api):
    client = api(world.users.officer_a)
    response = client.get("/api/member-events/", {"member": "99999999999999999999"})
    assert response.status_code == 400
    assert first_message(response.json(), "member").startswith("Đảm bảo giá trị này")
    response = client.get("/api/member-events/", {"member": "abc"})
    assert first_message(response.json(), "member") == "Nhập mã số (id) của bản ghi: một số nguyên."
    response = client.get(MEMBERS, {"page": "999"})
    assert response.status_code == 404
    assert response.json()["detail"] == "Trang không hợp lệ."
