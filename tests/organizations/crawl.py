"""Teach the scope crawler the reorganization records: one decided by each commune."""

from __future__ import annotations

import datetime as dt

from dangvu.organizations.choices import ReorganizationKind
from dangvu.organizations.models import Reorganization


def crawl_objects(world) -> dict:
    records = []
    for commune, branch in ((world.commune_a, world.branch_a1), (world.commune_b, world.branch_b1)):
        records.append(
            Reorganization.objects.create(
                kind=ReorganizationKind.MERGE,
                effective_on=dt.date(2025, 7, 1),
                decision_body=commune.name,
                note=f"Sáp nhập vào {branch.name}",
                summary={"dissolved": [branch.name], "moves": [], "member_moves": []},
                org_path=commune.path,
            )
        )
    return {Reorganization: tuple(records)}
