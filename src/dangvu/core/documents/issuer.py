"""Who issues a document and who signs it, from an organization (duck-typed: any object with
`name`, `kind`, `get_parent()`, and the related managers `seats` and `terms` of
core.scope.organization_model()). Core imports no app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .conf import value as setting

_COMMITTEE_PREFIX = ("Đảng bộ", "Đảng ủy")


def _upper(text: str) -> str:
    return text.upper()


def committee_name(organization) -> str:
    """The body that issues for an organization: "Đảng bộ phường X" → "Đảng ủy phường X",
    "Đảng bộ tỉnh X" → "Tỉnh ủy X"; a chi bộ issues as itself."""
    name = organization.name
    if organization.kind == "province_committee" and "tỉnh " in name:
        return "Tỉnh ủy " + name.split("tỉnh ", 1)[1]
    if name.startswith("Đảng bộ"):
        return "Đảng ủy" + name[len("Đảng bộ") :]
    return name


def party_body_name(organization) -> str:
    """The party body as a superior line names it: "Đảng ủy xã Y" → "Đảng bộ xã Y"."""
    name = organization.name
    if name.startswith("Đảng ủy"):
        return "Đảng bộ" + name[len("Đảng ủy") :]
    return name


def place_name(organization) -> str:
    """R14.10 [U]: the locality of the name ("Đảng bộ phường Thanh Phong" → "Thanh Phong")."""
    name = organization.name
    for word in ("phường ", "xã ", "thị trấn ", "đặc khu ", "tỉnh ", "thành phố "):
        if word in name:
            return name.rsplit(word, 1)[1].strip()
    return ""


def _place_up_the_tree(organization) -> str:
    """R14.10 [U]: the locality of the organization's name, else of the nearest ancestor's
    ("Chi bộ thôn Đông" under "Đảng bộ xã An Bình" → "An Bình"); an ancestor's issuer
    profile place counts."""
    if found := place_name(organization):
        return found
    for ancestor in reversed(list(organization.get_ancestors())):
        profile = _profile(ancestor)
        if found := (profile and profile.place) or place_name(ancestor):
            return found
    return ""


def _profile(organization):
    from .models import DocumentIssuer

    return DocumentIssuer.objects.filter(organization_id=organization.pk).first()


@dataclass(frozen=True)
class Issuer:
    organization_id: int | None
    name: str  # as printed, upper case: "ĐẢNG ỦY PHƯỜNG THANH PHONG"
    superior: str  # "ĐẢNG BỘ TỈNH THỬ NGHIỆM" ("" at the top)
    symbol: str  # "ĐU"
    place: str  # "Thanh Phong"
    kind: str  # the organization's kind value
    authority: str  # "T/M ĐẢNG ỦY"

    @property
    def is_branch(self) -> bool:
        return self.kind in setting("branch_kinds")


def issuer_for(organization) -> Issuer:
    """The issuing body of `organization`'s documents (R14.4, R14.5, R14.9); an issuer profile
    (core.DocumentIssuer, edited in the admin) overrides any line."""
    kind = str(organization.kind)
    is_branch = kind in setting("branch_kinds")
    parent = type(organization).objects.get_parent(organization) if organization.depth > 1 else None
    superior = ""
    if parent is not None:
        form = setting("superior_form")["branch" if is_branch else "committee"]
        parent_profile = _profile(parent)
        if form == "committee":
            superior = (parent_profile and parent_profile.name) or committee_name(parent)
        else:
            superior = (parent_profile and parent_profile.superior_name) or party_body_name(parent)
    profile = _profile(organization)
    name = (profile and profile.name) or committee_name(organization)
    return Issuer(
        organization_id=organization.pk,
        name=_upper(name),
        superior=_upper(superior),
        symbol=(profile and profile.symbol) or setting("symbols").get(kind, "ĐU"),
        place=(profile and profile.place) or _place_up_the_tree(organization),
        kind=kind,
        authority=(profile and profile.authority) or setting("authorities").get(kind, "T/M"),
    )


@dataclass(frozen=True)
class Signer:
    authority: str  # "T/M CHI BỘ"
    title: str  # "BÍ THƯ"
    name: str  # "" when the seat is empty on that day


def signer_for(organization, on: dt.date, issuer: Issuer | None = None) -> Signer:
    """R14.12/R14.13: the secretary in office on `on` signs for the collective; without one,
    the deputy ("PHÓ BÍ THƯ", under T/M by default, K/T if the setting says so)."""
    issuer = issuer or issuer_for(organization)
    seats = organization.seats.current(on).select_related("member")
    by_role: dict[str, str] = {}
    for seat in seats.filter(role__in=("secretary", "deputy")).order_by("valid_from"):
        by_role.setdefault(seat.role, seat.member.full_name)
    if "secretary" in by_role or "deputy" not in by_role:
        return Signer(issuer.authority, "BÍ THƯ", by_role.get("secretary", ""))
    if setting("deputy_authority") == "K/T":
        return Signer("K/T BÍ THƯ", "PHÓ BÍ THƯ", by_role["deputy"])
    return Signer(issuer.authority, "PHÓ BÍ THƯ", by_role["deputy"])


def term_key(organization, on: dt.date) -> str:
    """R14.6: the numbering period of a document dated `on`: the committee term it falls in
    ("term:<pk>"), or the calendar year when no term is recorded or the setting says so."""
    if setting("numbering_period") == "term":
        term = (
            organization.terms.filter(starts_on__lte=on)
            .exclude(ends_on__lt=on)
            .order_by("-starts_on")
            .first()
        )
        if term is not None:
            return f"term:{term.pk}"
    return f"year:{on.year}"
