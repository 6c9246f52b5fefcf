"""Teach the scope crawler (tests/test_scope_crawler.py) the admissions models: one record of
each on side A (branch_a1, "thôn Đông") and side B (branch_b1, "khu phố 1")."""

from __future__ import annotations

import datetime as dt

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionDecision, AdmissionTarget, Candidate
from dangvu.admissions.services import set_target
from tests.admissions.conftest import walk


def crawl_objects(world) -> dict:
    a = walk(
        world,
        Stage.ADMITTED,
        user=world.users.grassroots_a,
        full_name="Vũ Thị Thu",
        gender="female",
        citizen_id="001300012345",
        residence="thôn Đông, xã An Bình",
    )
    b = walk(
        world,
        Stage.ADMITTED,
        user=world.users.officer_b,
        organization=world.branch_b1,
        full_name="Đặng Văn Hải",
        citizen_id="001200067890",
        residence="khu phố 1, phường Bình Minh",
    )
    year = dt.date.today().year
    target_a = set_target(
        user=world.users.officer_a, organization=world.base_a, year=year, target=5
    )
    target_b = set_target(
        user=world.users.officer_b, organization=world.base_b, year=year, target=3
    )
    return {
        Candidate: (a, b),
        AdmissionDecision: (a.decision, b.decision),
        AdmissionTarget: (target_a, target_b),
    }
