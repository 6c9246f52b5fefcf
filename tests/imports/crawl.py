"""Teach the scope crawler the imports app's records: one run on each side."""

from __future__ import annotations

from dangvu.imports.models import ImportRun


def crawl_objects(world) -> dict:
    runs = []
    for org, user, name in (
        (world.commune_a, world.users.officer_a, "thôn Đông.xlsx"),
        (world.commune_b, world.users.officer_b, "khu phố 1.xlsx"),
    ):
        runs.append(
            ImportRun.objects.create(
                kind="members",
                organization=org,
                org_path=org.path,
                created_by=user,
                file_name=name,
                sha256="0" * 64,
                status="invalid",
                problems=[
                    {
                        "row": 2,
                        "column": "Họ và tên",
                        "message": name,
                        "severity": "error",
                        "value": name,
                    }
                ],
            )
        )
    return {ImportRun: tuple(runs)}
