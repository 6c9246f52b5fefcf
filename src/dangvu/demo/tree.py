"""The demo province's organization tree: today's shape plus the dissolved history nodes.

A mixin of `DemoGenerator` (which owns `rng`, `places`, `scale`, `nodes`, `communes`, `wards`).
"""

from __future__ import annotations

import datetime as dt

from dangvu.core.text import fold
from dangvu.organizations.choices import Kind, LocalityKind, Sector
from dangvu.organizations.models import Organization

from . import catalog
from .shapes import (  # noqa: F401  (the generator and the committees import them from here)
    DISTRICT_LABEL,
    DISTRICT_TYPES,
    MINORITY_GROUPS,
    MINORITY_SHARE,
    OLD_COMMUNES,
    PROVINCE,
    PROVINCE_MIX,
    REFORM,
    RESIDENTIAL_BRANCHES,
    SCALES,
    Node,
)
from .units import UnitsMixin


class TreeBuilder(UnitsMixin):
    """Adds organizations in memory; paths and history links are computed afterwards."""

    def _code(self, prefix: str) -> str:
        self._codes[prefix] += 1
        return f"{prefix}{self._codes[prefix]:05d}"

    def add(
        self,
        parent: Node | None,
        name: str,
        kind: str,
        sector: str,
        founded: dt.date,
        *,
        code: str = "",
        dissolved: dt.date | None = None,
        old_parent: Node | None = None,
        **extra,
    ) -> Node:
        org = Organization(
            name=name,
            name_key=fold(name),
            code=code or self._code({"branch": "CB", "base_branch": "CS"}.get(kind, "DB")),
            kind=kind,
            sector=sector,
            may_admit=kind in (Kind.BASE_COMMITTEE, Kind.BASE_BRANCH),
            founded_on=founded,
            dissolved_on=dissolved,
        )
        node = Node(org=org, parent=parent, old_parent=old_parent, **extra)
        if parent is not None:
            parent.children.append(node)
            org.position = len(parent.children)
        self.nodes.append(node)
        return node

    def _date(self, first_year: int, last_year: int) -> dt.date:
        return dt.date(
            self.rng.randint(first_year, last_year),
            self.rng.randint(1, 12),
            self.rng.randint(1, 28),
        )

    def _ethnic_mix(self, dtype: str) -> dict[str, float]:
        rng = self.rng
        low, high = MINORITY_SHARE[dtype]
        share = rng.uniform(low, high)
        if dtype == "rural" and rng.random() < 0.2:
            share = rng.uniform(0.15, 0.4)  # lowland communes at the foot of the hills
        groups = MINORITY_GROUPS[dtype]
        chosen = rng.choices(list(groups), weights=list(groups.values()), k=rng.randint(1, 3))
        mix = {"Kinh": 1.0 - share}
        for i, group in enumerate(chosen):
            if len(chosen) == 1:
                part = 1.0
            else:
                part = 0.6 if i == 0 else 0.4 / (len(chosen) - 1)
            mix[group] = mix.get(group, 0.0) + share * part
        return mix

    def build_tree(self) -> None:
        s, places = self.scale, self.places
        province = self.add(
            None,
            f"Đảng bộ tỉnh {PROVINCE}",
            Kind.PROVINCE_COMMITTEE,
            Sector.OTHER,
            dt.date(1947, 2, 10),
            code="HS",
            term_name="2025–2030",
            congress=dt.date(2025, 10, 14),
        )
        self.province = province
        agency_kw = {"term_name": "2025–2030", "congress": dt.date(2025, 9, 18)}
        self.cq_dang = self.add(
            province,
            "Đảng bộ các cơ quan Đảng tỉnh",
            Kind.AGENCY_COMMITTEE,
            Sector.AGENCY,
            REFORM,
            code="CQD",
            **agency_kw,
        )
        self.ubnd = self.add(
            province,
            "Đảng bộ Ủy ban nhân dân tỉnh",
            Kind.AGENCY_COMMITTEE,
            Sector.AGENCY,
            REFORM,
            code="UBND",
            **agency_kw,
        )
        # The military and police committees existed before 2025 (directly under the
        # provincial committee) and kept their place (rules.md R1.11).
        self.military = self.add(
            province,
            "Đảng bộ Quân sự tỉnh",
            Kind.AGENCY_COMMITTEE,
            Sector.MILITARY,
            dt.date(1976, 3, 26),
            code="QS",
            **agency_kw,
        )
        self.police = self.add(
            province,
            "Đảng bộ Công an tỉnh",
            Kind.AGENCY_COMMITTEE,
            Sector.POLICE,
            dt.date(1976, 3, 26),
            code="CA",
            **agency_kw,
        )
        districts = []
        for i, dtype in enumerate(DISTRICT_TYPES[: s.districts]):
            name = places.place()
            label = DISTRICT_LABEL[dtype]
            founded = (
                self._date(1991, 2012) if dtype in ("city", "town") else self._date(1946, 1965)
            )
            districts.append((dtype, name, founded, f"H{i + 1:02d}", f"Đảng bộ {label} {name}"))
        # Districts and sector committees hang under the province only in history: they are
        # added after today's children so that positions list today's organizations first.
        planned = []
        for dtype, *_ in districts:
            groups = self._plan_communes(dtype)
            planned.append([(self._add_commune(dtype, group), group) for group in groups])
        district_nodes = []
        for dtype, dname, founded, code, title in districts:
            district_nodes.append(
                self.add(
                    province,
                    title,
                    Kind.DISTRICT_COMMITTEE,
                    Sector.OTHER,
                    founded,
                    code=code,
                    dissolved=REFORM,
                    place=dname,
                    dtype=dtype,
                )
            )
        self.khoi_cq = self.add(
            province,
            "Đảng bộ Khối các cơ quan tỉnh",
            Kind.SECTOR_COMMITTEE,
            Sector.AGENCY,
            dt.date(1987, 8, 20),
            code="KCQ",
            dissolved=REFORM,
        )
        self.khoi_dn = self.add(
            province,
            "Đảng bộ Khối Doanh nghiệp tỉnh",
            Kind.SECTOR_COMMITTEE,
            Sector.STATE_ENTERPRISE,
            dt.date(2007, 6, 12),
            code="KDN",
            dissolved=REFORM,
        )
        for district, groups in zip(district_nodes, planned, strict=True):
            for commune, olds in groups:
                for unit, name in olds:
                    self._old_commune(commune, district, unit, name)
            self._add_district_units(district, [commune for commune, _ in groups])
        self._add_provincial_units()
        self._add_armed_forces()

    def _plan_communes(self, dtype: str) -> list[list[tuple[str, str]]]:
        """Old communes of a district as (unit, name), grouped into the new communes."""
        s, rng = self.scale, self.rng
        count = s.old_communes or OLD_COMMUNES[dtype]
        olds = []
        for j in range(count):
            if dtype == "city":
                unit = "phường" if rng.random() < 0.75 else "xã"
            elif dtype == "town":
                unit = "phường" if rng.random() < 0.45 else "xã"
            else:
                unit = "thị trấn" if j == 0 else "xã"
            olds.append((unit, self.places.place()))
        if dtype == "island":
            return [olds]
        groups = [olds[k : k + s.merge] for k in range(0, len(olds), s.merge)]
        if len(groups) > 1 and len(groups[-1]) < s.merge - 1:
            groups[-2].extend(groups.pop())
        return groups

    def _add_commune(self, dtype: str, olds: list[tuple[str, str]]) -> Node:
        rng = self.rng
        if dtype == "island":
            unit = "đặc khu"
        elif any(u in ("phường", "thị trấn") for u, _ in olds) and dtype != "mountain":
            unit = "phường"
        else:
            unit = "xã"
        # A merged commune often keeps one old name, otherwise it gets a new one.
        name = olds[0][1] if rng.random() < 0.5 else self.places.place()
        sector = Sector.URBAN if unit == "phường" else Sector.RURAL
        node = self.add(
            self.province,
            f"Đảng bộ {unit} {name}",
            Kind.COMMUNE_COMMITTEE,
            sector,
            REFORM,
            code=self._code("X"),
            unit=unit,
            place=name,
            dtype=dtype,
            term_name="2025–2030",
            congress=self._day_between(dt.date(2025, 8, 1), dt.date(2025, 9, 30)),
        )
        self.communes.append(node)
        if unit == "phường":
            self.wards.append(node)
        return node

    def _day_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def _locality_name(self, commune: Node, dtype: str, unit: str) -> tuple[str, str, str]:
        """(locality kind, locality name, branch name)."""
        rng = self.rng
        taken = commune.taken
        if unit in ("phường", "thị trấn"):
            commune.numbered += 1
            number = commune.numbered
            if rng.random() < 0.5 or dtype == "city":
                group = LocalityKind.RESIDENTIAL_GROUP
                return group, f"Tổ dân phố {number}", f"tổ dân phố {number}"
            return LocalityKind.QUARTER, f"Khu phố {number}", f"khu phố {number}"
        if dtype == "mountain" and rng.random() < 0.6:
            word = self.places.hamlet(taken)
            return LocalityKind.HAMLET, f"Bản {word}", f"bản {word}"
        word = self.places.village(taken)
        return LocalityKind.VILLAGE, f"Thôn {word}", f"thôn {word}"

    def _branch(self, parent: Node, name: str, profile: str, sector: str, founded, **kw) -> Node:
        founded = max(founded, parent.org.founded_on or founded)
        return self.add(
            parent,
            name,
            Kind.BRANCH,
            sector,
            founded,
            profile=profile,
            congress=self._day_between(dt.date(2025, 3, 1), dt.date(2025, 5, 31)),
            **kw,
        )

    def _old_commune(self, commune: Node, district: Node, unit: str, name: str) -> None:
        rng = self.rng
        dtype = district.dtype
        founded = self._date(1945, 1975) if unit != "phường" else self._date(1980, 2010)
        mix = self._ethnic_mix(dtype)
        catholic = rng.uniform(0.05, 0.15) if dtype == "rural" and rng.random() < 0.1 else 0.004
        sector = Sector.URBAN if unit == "phường" else Sector.RURAL
        base = self.add(
            commune,
            f"Đảng bộ cơ sở {unit} {name}",
            Kind.BASE_COMMITTEE,
            sector,
            founded,
            old_parent=district,
            old_name=f"Đảng bộ {unit} {name}",
            unit=unit,
            place=name,
            dtype=dtype,
            ethnic=mix,
            catholic=catholic,
            term_name="2025–2030",
            congress=self._day_between(dt.date(2025, 4, 15), dt.date(2025, 6, 20)),
        )
        low, high = RESIDENTIAL_BRANCHES["city" if unit == "phường" else dtype]
        for _ in range(rng.randint(low, high)):
            loc_kind, loc_name, branch_name = self._locality_name(commune, dtype, unit)
            urban = loc_kind in (LocalityKind.QUARTER, LocalityKind.RESIDENTIAL_GROUP)
            # Some village branches date from the 2019–2020 village mergers.
            b_founded = self._date(2019, 2020) if rng.random() < 0.12 else self._date(1955, 2000)
            self._branch(
                base,
                f"Chi bộ {branch_name}",
                "urban" if urban else "rural",
                Sector.URBAN if urban else Sector.RURAL,
                b_founded,
                commune=commune,
                old_commune=base,
                locality=(loc_kind, loc_name),
                ethnic=mix,
                catholic=catholic,
                dtype=dtype,
            )
        self._branch(
            base,
            f"Chi bộ Cơ quan {unit} {name}",
            "commune",
            Sector.AGENCY,
            self._date(1985, 2005),
            commune=commune,
            old_commune=base,
            workplace=f"Đảng ủy – Ủy ban nhân dân {unit} {name}",
            ethnic=mix,
        )
        extra = rng.choices([1, 2, 3], weights=[25, 50, 25])[0]
        for template, profile, workplace, sector_name in rng.sample(catalog.COMMUNE_BODIES, extra):
            fill = {"c": name, "u": unit}
            self._branch(
                base,
                "Chi bộ " + template.format(**fill),
                profile,
                sector_name,
                self._date(1990, 2015),
                commune=commune,
                old_commune=base,
                workplace=workplace.format(**fill),
                ethnic=mix,
            )
