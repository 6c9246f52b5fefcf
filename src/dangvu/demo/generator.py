"""A realistic, reproducible demo province (same seed → same data).

Shape today (rules.md R1.7, since 1/7/2025): Tỉnh ủy → commune/ward/special-zone committees and
four provincial agency committees → grassroots organizations → (sub-committees →) branches.
History: the ~15 district committees and the two sector committees (khối) that held the
grassroots organizations before 1/7/2025 stay in the tree as dissolved nodes, and dated
`OrganizationLink`s rebuild the tree of any past date.

Everything is planned in memory first (treebeard paths computed here: bulk_create skips
`save()`), then written with bulk inserts in one transaction. Bulk inserts send no signals, so
no per-row audit entries are written (STACK-NOTES: one summary per mass operation).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from dangvu.accounts.models import User
from dangvu.core.demo_names import NameMaker, PlaceNames
from dangvu.core.registry import registry
from dangvu.core.text import fold, sort_key
from dangvu.members.choices import PlacementKind, Status
from dangvu.members.models import Member, MemberPost, Placement
from dangvu.organizations.choices import BRANCH_KINDS, Kind
from dangvu.organizations.models import (
    CommitteeSeat,
    Locality,
    Organization,
    OrganizationLink,
    Term,
)

from .committees import CommitteeBuilder
from .people import PersonMaker
from .tree import PROVINCE, PROVINCE_MIX, REFORM, SCALES, Node, TreeBuilder

__all__ = ["SCALES", "DemoGenerator", "demo_accounts"]

BATCH = 2000
DEMO_USERNAMES = ["admin", "tinh", "xa1", "xa2", "coso", "bithu", "dangvien", "ubkt"]


class DemoGenerator(TreeBuilder, CommitteeBuilder):
    def __init__(
        self,
        seed: int = 2025,
        scale: str = "small",
        password: str = "dangvu2026",
        today: dt.date | None = None,
    ) -> None:
        self.seed = seed
        self.scale = SCALES[scale]
        self.password = password
        self.seed = seed
        self.rng = random.Random(seed)
        self.extra_counts: dict[str, int] = {}
        self.today = today or timezone.localdate()
        self.names = NameMaker(self.rng, seed)
        self.places = PlaceNames(self.rng)
        self.people = PersonMaker(self.rng, self.names, self.today)
        self.nodes: list[Node] = []
        self.members: list[Member] = []
        self.localities: list[Locality] = []
        self.terms: list[Term] = []
        self.seats: list[CommitteeSeat] = []
        self.posts: list[MemberPost] = []
        self.communes: list[Node] = []
        self.wards: list[Node] = []
        self._codes: Counter = Counter()
        self._name_keys: dict[str, tuple[str, str]] = {}
        self.timings: dict[str, float] = {}
        self.kept_users: list[str] = []

    # ---- paths and history -----------------------------------------------------------------

    def assign_paths(self) -> None:
        """Materialized paths as treebeard would build them (steplen 4, children in order)."""
        root = self.nodes[0].org
        root.depth, root.path = 1, Organization._get_path("", 1, 1)
        stack = [self.nodes[0]]
        while stack:
            node = stack.pop()
            node.org.numchild = len(node.children)
            for index, child in enumerate(node.children, 1):
                child.org.depth = node.org.depth + 1
                child.org.path = Organization._get_path(node.org.path, child.org.depth, index)
                stack.append(child)

    def build_links(self) -> list[OrganizationLink]:
        links = []

        def link(node: Node, parent: Node | None, name: str, start, end=None) -> None:
            links.append(
                OrganizationLink(
                    organization=node.org,
                    parent=parent.org if parent else None,
                    kind=node.org.kind,
                    name=name,
                    valid_from=start,
                    valid_to=end,
                )
            )

        for node in self.nodes:
            org, parent = node.org, node.parent
            if parent is None:
                link(node, None, org.name, org.founded_on)
            elif org.dissolved_on:
                link(
                    node,
                    parent,
                    org.name,
                    max(org.founded_on, parent.org.founded_on),
                    org.dissolved_on,
                )
            elif node.old_parent is not None:
                start = max(org.founded_on, node.old_parent.org.founded_on)
                if start < REFORM:
                    link(node, node.old_parent, node.old_name or org.name, start, REFORM)
                link(node, parent, org.name, max(REFORM, org.founded_on))
            else:
                link(node, parent, org.name, max(org.founded_on, parent.org.founded_on))
        return links

    # ---- members ---------------------------------------------------------------------------

    def _branch_size(self, node: Node) -> int:
        rng, profile = self.rng, node.profile
        if node.locality is not None:
            if profile == "urban":
                mean, sd, low, high = 30, 9, 10, 70
            elif node.dtype == "mountain":
                mean, sd, low, high = 24, 7, 8, 50
            elif node.dtype == "island":
                mean, sd, low, high = 28, 8, 10, 55
            else:
                mean, sd, low, high = 37, 10, 12, 80
            return max(low, min(high, round(rng.gauss(mean, sd))))
        if node.old_commune is not None:
            low, high = {
                "commune": (10, 22),
                "school": (6, 16),
                "health": (5, 9),
                "military": (5, 8),
                "police": (6, 12),
            }[profile]
            return rng.randint(low, high)
        if node.org.kind == Kind.BASE_BRANCH:
            return rng.randint(7, 28)  # a chi bộ cơ sở has fewer than 30 members (R1.2)
        low, high = {
            "agency": (6, 20),
            "public_service": (6, 20),
            "health": (8, 26),
            "school": (8, 24),
            "state_enterprise": (10, 38),
            "private_enterprise": (8, 24),
            "military": (8, 24),
            "police": (8, 28),
        }[profile]
        return rng.randint(low, high)

    def _keys(self, name: str) -> tuple[str, str]:
        keys = self._name_keys.get(name)
        if keys is None:
            keys = self._name_keys[name] = (fold(name), sort_key(name))
        return keys

    def _city_address(self) -> str:
        wards = self.wards or self.communes
        ward = self.rng.choice(wards)
        return f"Tổ dân phố {self.rng.randint(1, 15)}, {ward.unit} {ward.place}, tỉnh {PROVINCE}"

    def build_members(self) -> None:
        rng = self.rng
        old_labels = [
            f"{n.unit} {n.place}" for n in self.nodes if n.old_parent is not None and n.unit
        ] or [f"xã {self.communes[0].place}"]
        addresses: dict[int, list[str]] = {}
        for node in self.nodes:
            if node.locality is not None:
                addresses.setdefault(id(node.commune), []).append(node.locality[1])
        for node in self.nodes:
            org = node.org
            if org.kind not in BRANCH_KINDS:
                continue
            ethnic = node.ethnic or PROVINCE_MIX
            size, official = self._branch_size(node), 0
            # Every branch keeps at least 3 full members (R1.4): draw more if needed.
            while len(node.members) < size or official < 3:
                if node.commune is not None:
                    commune, old = node.commune, node.old_commune
                    village = (
                        node.locality[1] if node.locality else rng.choice(addresses[id(commune)])
                    )
                    residence = f"{village}, {commune.unit} {commune.place}, tỉnh {PROVINCE}"
                    hometown = f"{old.unit} {old.place}, tỉnh {PROVINCE}"
                else:
                    residence = self._city_address()
                    hometown = f"{rng.choice(old_labels)}, tỉnh {PROVINCE}"
                data = self.people.make(
                    node.profile,
                    ethnicities=ethnic,
                    catholic_share=node.catholic,
                    hometown=hometown,
                    residence=residence,
                    workplace=node.workplace,
                    earliest_placement=org.founded_on,
                )
                placed_on = data.pop("placed_on")
                name_key, sort = self._keys(data["full_name"])
                member = Member(
                    **data,
                    name_key=name_key,
                    sort_key=sort,
                    organization=org,
                    org_path=org.path,
                )
                member.demo_placed_on = placed_on
                node.members.append(member)
                self.members.append(member)
                official += member.status == Status.OFFICIAL

    # ---- run -------------------------------------------------------------------------------

    def plan(self) -> None:
        steps = [
            ("tree", self.build_tree),
            ("paths", self.assign_paths),
            ("members", self.build_members),
            ("committees", self.build_committees),
            ("localities", self.build_localities),
        ]
        for label, step in steps:
            started = time.perf_counter()
            step()
            self.timings[label] = time.perf_counter() - started

    @transaction.atomic
    def write(self) -> None:
        started = time.perf_counter()
        Organization.objects.bulk_create([n.org for n in self.nodes], batch_size=BATCH)
        OrganizationLink.objects.bulk_create(self.build_links(), batch_size=BATCH)
        for start in range(0, len(self.members), BATCH):
            Member.objects.bulk_create(self.members[start : start + BATCH])
        placements = [
            Placement(
                member=m,
                organization=m.organization,
                kind=PlacementKind.OFFICIAL,
                valid_from=m.demo_placed_on,
                valid_to=m.status_since
                if m.status not in (Status.OFFICIAL, Status.PROBATIONARY)
                else None,
            )
            for m in self.members
        ]
        for start in range(0, len(placements), BATCH):
            Placement.objects.bulk_create(placements[start : start + BATCH])
        Term.objects.bulk_create(self.terms, batch_size=BATCH)
        CommitteeSeat.objects.bulk_create(self.seats, batch_size=BATCH)
        Locality.objects.bulk_create(self.localities, batch_size=BATCH)
        MemberPost.objects.bulk_create(self.posts, batch_size=BATCH)
        # Accounts someone already made (e.g. `createsuperuser admin`) are left untouched.
        users = self.build_users()
        taken = set(
            User.objects.filter(username__in=[u.username for u in users]).values_list(
                "username", flat=True
            )
        )
        self.kept_users = sorted(taken)
        User.objects.bulk_create([u for u in users if u.username not in taken])
        self.timings["write"] = time.perf_counter() - started
        self.run_app_extensions()

    def run_app_extensions(self) -> None:
        """Apps add their own demo history (`demo_steps` on their AppConfig): each step's
        `run(generator)` runs in this transaction after the foundation is written (bulk inserts
        only), with `self.rng`, `self.nodes`, `self.members` (saved, with pks) and `self.today`,
        and returns the counts it added."""
        for step in registry().demo_steps:
            started = time.perf_counter()
            counts = import_string(step.run)(self) or {}
            self.extra_counts.update(counts)
            self.timings[step.key] = time.perf_counter() - started

    def run(self) -> dict[str, int]:
        self.plan()
        self.write()
        return self.summary()

    def summary(self) -> dict[str, int]:
        kinds = Counter(n.org.kind for n in self.nodes if not n.org.dissolved_on)
        active = [m for m in self.members if m.status in (Status.OFFICIAL, Status.PROBATIONARY)]
        return {
            "organizations": len(self.nodes),
            "commune_committees": kinds[Kind.COMMUNE_COMMITTEE],
            "agency_committees": kinds[Kind.AGENCY_COMMITTEE],
            "dissolved": sum(1 for n in self.nodes if n.org.dissolved_on),
            "grassroots": kinds[Kind.BASE_COMMITTEE] + kinds[Kind.BASE_BRANCH],
            "sub_committees": kinds[Kind.SUB_COMMITTEE],
            "branches": kinds[Kind.BRANCH] + kinds[Kind.BASE_BRANCH],
            "members": len(self.members),
            "active_members": len(active),
            "probationary": sum(1 for m in active if m.status == Status.PROBATIONARY),
            "women": sum(1 for m in active if m.gender == "female"),
            "minorities": sum(1 for m in active if m.ethnicity != "Kinh"),
            "localities": len(self.localities),
            "localities_without_branch": sum(1 for loc in self.localities if not loc.branch),
            "heads_members": sum(1 for loc in self.localities if loc.head_member is not None),
            "committee_seats": len(self.seats),
            "posts": len(self.posts),
            **self.extra_counts,
        }


def demo_accounts(password: str) -> list[tuple[str, str, str, str]]:
    """(username, password, role, organization) of the demo users present in the database."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=DEMO_USERNAMES).select_related("organization")
    }
    rows = []
    for username in DEMO_USERNAMES:
        user = users.get(username)
        if user is not None:
            org = user.organization.name if user.organization else "—"
            rows.append((username, password, str(user.get_role_display()), org))
    return rows
