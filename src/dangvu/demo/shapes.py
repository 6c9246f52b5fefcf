"""The demo province's shape: scales, district types, ethnic mixes, and the in-memory node
of the tree (`Node`), shared by the tree builder and the committees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dangvu.members.models import Member
from dangvu.organizations.models import Organization

REFORM = dt.date(2025, 7, 1)  # district level abolished, QĐ 294 (R1.7)
PROVINCE = "Hải Sơn"  # a fictional province (CCCD code 022 for people born there)


@dataclass(frozen=True)
class Scale:
    districts: int
    old_communes: int | None  # per district; None: by district type
    merge: int  # old communes per new commune
    party_agencies: int
    state_agencies: int
    enterprises: int
    provincial_branches: int  # chi bộ cơ sở of the former sector committees
    military: int
    police: int
    district_units: int  # per district: đảng bộ cơ sở of district agencies/enterprises
    district_branches: int  # per district: chi bộ cơ sở
    sub_committees: int


SCALES = {
    "small": Scale(2, 6, 2, 1, 1, 0, 1, 1, 1, 0, 1, 1),
    "district": Scale(1, None, 3, 1, 3, 2, 4, 1, 2, 2, 7, 2),
    "province": Scale(15, None, 3, 14, 40, 25, 50, 16, 20, 2, 7, 20),
}
# fmt: off
# The order gives small/district scales a lowland and a mountain district first.
DISTRICT_TYPES = [
    "rural", "mountain", "city", "rural", "town", "mountain", "rural", "island", "city",
    "rural", "mountain", "town", "rural", "city", "mountain",
]
DISTRICT_LABEL = {
    "city": "thành phố", "town": "thị xã", "rural": "huyện", "mountain": "huyện",
    "island": "huyện",
}
OLD_COMMUNES = {"city": 18, "town": 16, "rural": 25, "mountain": 20, "island": 7}
RESIDENTIAL_BRANCHES = {
    "city": (5, 8), "town": (4, 6), "rural": (4, 6), "mountain": (3, 6), "island": (4, 6),
}
MINORITY_SHARE = {
    "mountain": (0.45, 0.95), "rural": (0.0, 0.10), "island": (0.05, 0.3),
    "town": (0.02, 0.15), "city": (0.0, 0.04),
}
# fmt: on
MINORITY_GROUPS = {
    "mountain": {"Dao": 35, "Tày": 30, "Sán Chay": 12, "Nùng": 10, "H'Mông": 8, "Sán Dìu": 5},
    "rural": {"Sán Dìu": 40, "Tày": 25, "Dao": 15, "Nùng": 10, "Hoa": 10},
    "island": {"Dao": 40, "Sán Dìu": 20, "Hoa": 40},
    "town": {"Tày": 40, "Hoa": 30, "Sán Dìu": 30},
    "city": {"Tày": 40, "Hoa": 30, "Sán Dìu": 30},
}
PROVINCE_MIX = {"Kinh": 90.0, "Tày": 3.5, "Dao": 2.5, "Sán Dìu": 2.0, "Nùng": 1.0, "Hoa": 1.0}


@dataclass(eq=False)
class Node:
    org: Organization
    parent: Node | None
    children: list[Node] = field(default_factory=list)
    old_parent: Node | None = None
    old_name: str = ""
    profile: str = ""
    workplace: str = ""
    unit: str = ""  # xã / phường / đặc khu / thị trấn (commune-level nodes)
    place: str = ""
    dtype: str = ""
    commune: Node | None = None  # the new commune a residential branch belongs to
    old_commune: Node | None = None
    locality: tuple[str, str] | None = None  # (kind, name) for residential branches
    ethnic: dict[str, float] | None = None
    catholic: float = 0.004
    members: list[Member] = field(default_factory=list)
    term_name: str = "2025–2027"
    congress: dt.date | None = None
    taken: set[str] = field(default_factory=set)  # locality names used in a commune
    numbered: int = 0  # last numbered locality (tổ dân phố N) in a commune
    secretary: Member | None = None
    subtree: list[Member] | None = None  # members of the whole subtree, once computed
