"""The health endpoint (django-health-check): database, cache and file storage."""

from django.urls import reverse


def test_health_endpoint_reports_database_cache_and_storage(client, db):
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 3
    assert set(body.values()) == {"OK"}
    names = " ".join(body)
    assert "Database" in names and "Cache" in names and "Storage" in names
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_endpoint_text_for_scripts_needs_no_login(client, db):
    response = client.get(reverse("health") + "?format=text")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().count(": OK") == 3


def test_health_page_for_a_person_is_in_vietnamese(client, db):
    response = client.get(reverse("health"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tình trạng hệ thống: mọi thứ hoạt động bình thường" in html
    assert html.count("Tốt") == 3
    assert "<style" not in html
