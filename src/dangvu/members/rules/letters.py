"""Who issues the papers of a transfer and of a member's file (rules.md §9, rules-next.md
§14/§16): pure choices over an organization's chain (the organization first, the root last).
The document builders (`members.documents`) and their `organization=` hooks call these."""

from __future__ import annotations

from collections.abc import Sequence

from dangvu.organizations.choices import DIRECT_KINDS, GRASSROOTS_KINDS
from dangvu.organizations.models import Organization

from ..choices import TransferKind


def chain(organization: Organization) -> list[Organization]:
    """The organization and its ancestors, the organization first (one query)."""
    step = Organization.steplen
    prefixes = [organization.path[:i] for i in range(step, len(organization.path) + 1, step)]
    return list(Organization.objects.filter(path__in=prefixes).order_by("-depth"))


def grassroots_in(orgs: Sequence[Organization]) -> Organization:
    """The grassroots organization (đảng bộ cơ sở / chi bộ cơ sở) of a chain; the first
    organization itself when the chain has none (a test tree, a committee)."""
    return next((o for o in orgs if o.kind in GRASSROOTS_KINDS), orgs[0])


def letter_issuer_in(
    kind: str, sending: Sequence[Organization], receiving: Sequence[Organization] | None
) -> Organization:
    """R9.1 (QĐ 24/29 §6.3, carried over by QĐ 294 [U]): who signs the introduction letter.

    - a move between branches of one grassroots organization, and every temporary transfer
      (R9.2: the home organization keeps the member), is introduced by the sending
      grassroots committee [S: the temporary case is not quoted in rules.md — U];
    - any other official transfer (another grassroots organization, another province, abroad,
      outside the system) by the committee directly above the sending grassroots organization:
      formerly the district committee, since 1/7/2025 the commune/ward or agency committee
      (R1.7; [U] how QĐ 294 words it). Without one, the grassroots committee.
    """
    base = grassroots_in(sending)
    if kind == TransferKind.TEMPORARY:
        return base
    if receiving and any(o.pk == base.pk for o in receiving):
        return base
    above = [o for o in sending if o.depth < base.depth]
    return next((o for o in above if o.kind in DIRECT_KINDS), base)


def letter_issuer(transfer) -> Organization:
    """R9.1 for a recorded transfer (the sending branch, else the receiving one for an
    arrival from outside the system, whose letter the system does not print)."""
    origin = transfer.from_organization or transfer.to_organization
    receiving = chain(transfer.to_organization) if transfer.to_organization_id else None
    return letter_issuer_in(transfer.kind, chain(origin), receiving)


def receipt_issuer(transfer) -> Organization:
    """R16.3 step 4: the receiving grassroots organization accepts the member and tells the
    sender; for a transfer out of the system, the sending side (nothing to acknowledge)."""
    place = transfer.received_in or transfer.to_organization or transfer.from_organization
    return grassroots_in(chain(place))


def file_keeper(member) -> Organization:
    """R14.22: the member file (and its phiếu đảng viên) is kept and sealed by the grassroots
    committee of the member's branch."""
    return grassroots_in(chain(member.organization))
