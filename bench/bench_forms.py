"""Statistics forms of HD 11-HD/BTCTW (issue 13): form 3-BTCTW for the whole province demo
(< 2 s: the membership at the period's end by every breakdown, this period and last year's),
as the query functions and as the xlsx download, and form 1-BTCTW for the province."""

from __future__ import annotations

import io


def benchmarks(page, client_for):
    from django.utils import timezone

    from dangvu.accounts.models import User
    from dangvu.reports.forms import build_form, parse_period, write_xlsx

    tinh = User.objects.select_related("organization").get(username="tinh")
    province = tinh.organization
    today = timezone.localdate()
    last_year = parse_period(str(today.year - 1), today)
    half = parse_period(f"{today.year}H1", today)

    def form3_xlsx():
        out = io.BytesIO()
        write_xlsx(build_form("form-3", province, last_year), out)
        return out.tell()

    client = client_for("tinh")
    url = f"/reports/forms/form-3.xlsx?org={province.pk}&period={last_year.code}"

    def form3_page():
        # `page()` reads `.content`, which a streamed file response does not have.
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(b"".join(response.streaming_content))

    return [
        (
            f"forms: form 3-BTCTW, whole province, {last_year.code}",
            2000,
            lambda: build_form("form-3", province, last_year),
        ),
        (
            f"forms: form 3-BTCTW, whole province, {half.code}",
            2000,
            lambda: build_form("form-3", province, half),
        ),
        ("forms: form 3-BTCTW xlsx, whole province", 2000, form3_xlsx),
        (
            "forms: form 3-BTCTW xlsx page, province (tinh)",
            2500,
            form3_page,
        ),
        (
            f"forms: form 1-BTCTW, whole province, {last_year.code}",
            2000,
            lambda: build_form("form-1", province, last_year),
        ),
    ]
