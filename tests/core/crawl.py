"""Teach the scope crawler (tests/test_scope_crawler.py) the register of documents: one
registered document issued by each side's commune, its summary naming the side."""

from __future__ import annotations

import datetime as dt

from dangvu.core.documents import frame_for, p
from dangvu.core.documents.models import RegisteredDocument
from dangvu.core.documents.register import issue


def crawl_objects(world) -> dict:
    found = []
    for commune, label in ((world.commune_a, "thôn Đông"), (world.commune_b, "khu phố 1")):
        document = frame_for(
            commune, "TB", dt.date(2026, 3, 2), summary=f"Về lịch họp {label}", blocks=[p(label)]
        )
        found.append(issue(commune, document))
    return {RegisteredDocument: tuple(found)}
