"""Member development benchmarks (run by bench/run.py on the province demo)."""

from __future__ import annotations

from collections.abc import Callable


def benchmarks(page, client_for) -> list[tuple[str, float, Callable[[], object]]]:
    from django.utils import timezone

    from dangvu.accounts.models import User
    from dangvu.admissions.choices import Stage
    from dangvu.admissions.models import Candidate
    from dangvu.admissions.queries import admission_statistics
    from dangvu.core import worklist

    year = timezone.localdate().year
    tinh = User.objects.select_related("organization").get(username="tinh")
    bithu = User.objects.select_related("organization").get(username="bithu")
    checks = [c.id for c in worklist.checks() if c.id.startswith("admissions.")]
    province_client, commune_client = client_for("tinh"), client_for("xa1")
    admitted = Candidate.objects.filter(stage=Stage.ADMITTED).order_by("pk").first()
    return [
        (
            "admissions: candidates page, province (tinh)",
            100,
            page(province_client, "/admissions/"),
        ),
        (
            "admissions: candidates page ?stage=voted, province (tinh)",
            100,
            page(province_client, "/admissions/?stage=voted"),
        ),
        ("admissions: candidates page, commune (xa1)", 100, page(commune_client, "/admissions/")),
        (
            f"admissions: candidate page /admissions/{admitted.pk}/ (tinh)",
            100,
            page(province_client, f"/admissions/{admitted.pk}/"),
        ),
        (
            "admissions: decisions page, province (tinh)",
            100,
            page(province_client, "/admissions/decisions/"),
        ),
        (
            "admissions: due for recognition page, province (tinh)",
            150,
            page(province_client, "/admissions/recognitions/due/"),
        ),
        (
            f"admissions: admission_statistics(province, {year})",
            300,
            lambda: admission_statistics(tinh.organization, year, tinh),
        ),
        (
            f"admissions: statistics page, province, {year} (tinh)",
            500,
            page(province_client, f"/admissions/statistics/?year={year}"),
        ),
        (
            f"admissions: statistics page, province, {year - 1} (tinh)",
            500,
            page(province_client, f"/admissions/statistics/?year={year - 1}"),
        ),
        (
            f"admissions: statistics xlsx, province, {year} (tinh)",
            500,
            page(province_client, f"/admissions/statistics.xlsx?year={year}"),
        ),
        (
            f"admissions: statistics API, province, {year} (tinh)",
            500,
            page(province_client, f"/api/admission-statistics/?year={year}"),
        ),
        (
            "admissions: work list of the admission checks, province (tinh)",
            300,
            lambda: worklist.work_list(tinh, only=checks),
        ),
        (
            "admissions: work list of the admission checks, branch (bithu)",
            50,
            lambda: worklist.work_list(bithu, only=checks),
        ),
    ]
