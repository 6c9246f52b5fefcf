"""Kinds of party organization (rules.md §1, glossary). A node's role comes from its kind,
never from its depth: the tree had 5 levels before 1/7/2025 and 4 since (R1.7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DIRECT = "direct", _("Directly under the province")
    GRASSROOTS = "grassroots", _("Grassroots")
    SUB_COMMITTEE = "sub_committee", _("Sub-committee")
    BRANCH = "branch", _("Branch")
    GROUP = "group", _("Party group")


class Kind(models.TextChoices):
    PROVINCE_COMMITTEE = "province_committee", _("Provincial party committee")
    DISTRICT_COMMITTEE = "district_committee", _("District/town/city party committee")
    SECTOR_COMMITTEE = "sector_committee", _("Sector party committee (khối)")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune/ward/special-zone party committee")
    AGENCY_COMMITTEE = "agency_committee", _("Provincial agency party committee")
    BASE_COMMITTEE = "base_committee", _("Grassroots party committee")
    BASE_BRANCH = "base_branch", _("Grassroots party branch")
    SUB_COMMITTEE = "sub_committee", _("Party sub-committee")
    BRANCH = "branch", _("Party branch")
    PARTY_GROUP = "party_group", _("Party group")


KIND_LEVEL = {
    Kind.PROVINCE_COMMITTEE: Level.PROVINCE,
    # Before 1/7/2025: district committees and sector committees (đảng ủy khối).
    Kind.DISTRICT_COMMITTEE: Level.DIRECT,
    Kind.SECTOR_COMMITTEE: Level.DIRECT,
    # Since 1/7/2025 (QĐ 294-QĐ/TW, R1.7): commune-level committees and provincial agency
    # committees are the direct superior level of grassroots organizations.
    Kind.COMMUNE_COMMITTEE: Level.DIRECT,
    Kind.AGENCY_COMMITTEE: Level.DIRECT,
    Kind.BASE_COMMITTEE: Level.GRASSROOTS,
    Kind.BASE_BRANCH: Level.GRASSROOTS,
    Kind.SUB_COMMITTEE: Level.SUB_COMMITTEE,
    Kind.BRANCH: Level.BRANCH,
    Kind.PARTY_GROUP: Level.GROUP,
}

# Where members are placed and meet: a chi bộ cơ sở is both grassroots and branch (glossary).
BRANCH_KINDS = (Kind.BASE_BRANCH, Kind.BRANCH)
GRASSROOTS_KINDS = (Kind.BASE_COMMITTEE, Kind.BASE_BRANCH)
DIRECT_KINDS = (
    Kind.DISTRICT_COMMITTEE,
    Kind.SECTOR_COMMITTEE,
    Kind.COMMUNE_COMMITTEE,
    Kind.AGENCY_COMMITTEE,
)
# Kinds a parent may have, per child kind: the tree's shape is checked by kind, not depth.
ALLOWED_PARENT_KINDS = {
    Kind.PROVINCE_COMMITTEE: (),
    Kind.DISTRICT_COMMITTEE: (Kind.PROVINCE_COMMITTEE,),
    Kind.SECTOR_COMMITTEE: (Kind.PROVINCE_COMMITTEE,),
    Kind.COMMUNE_COMMITTEE: (Kind.PROVINCE_COMMITTEE,),
    Kind.AGENCY_COMMITTEE: (Kind.PROVINCE_COMMITTEE,),
    Kind.BASE_COMMITTEE: (Kind.PROVINCE_COMMITTEE, *DIRECT_KINDS),
    Kind.BASE_BRANCH: (Kind.PROVINCE_COMMITTEE, *DIRECT_KINDS),
    Kind.SUB_COMMITTEE: (Kind.BASE_COMMITTEE,),
    Kind.BRANCH: (Kind.BASE_COMMITTEE, Kind.SUB_COMMITTEE),
    Kind.PARTY_GROUP: (Kind.BASE_BRANCH, Kind.BRANCH),
}


class Sector(models.TextChoices):
    RURAL = "rural", _("Village (thôn, bản)")
    URBAN = "urban", _("Residential area (khu phố, tổ dân phố)")
    AGENCY = "agency", _("Party, state or mass-organization agency")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Health facility")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Non-state enterprise")
    MILITARY = "military", _("Military")
    POLICE = "police", _("Police")
    OTHER = "other", _("Other")


class LocalityKind(models.TextChoices):
    VILLAGE = "thon", _("Village (thôn)")
    HAMLET = "ban", _("Hamlet (bản)")
    QUARTER = "khu_pho", _("Quarter (khu phố)")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Residential group (tổ dân phố)")


class SeatRole(models.TextChoices):
    SECRETARY = "secretary", _("Secretary")
    DEPUTY = "deputy", _("Deputy secretary")
    STANDING = "standing", _("Standing committee member")
    MEMBER = "member", _("Committee member")


class ReorganizationKind(models.TextChoices):
    """Sắp xếp tổ chức (R1.7, §1b): the operations of a reorganization."""

    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    DISSOLVE = "dissolve", _("Dissolve")
    REPARENT = "reparent", _("Re-parent")
    RECLASSIFY = "reclassify", _("Re-classify")
