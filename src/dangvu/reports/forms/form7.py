"""Form 7-BTCTW, member-work operations (R15.10): awards, badges, party cards and transfers.

dangvu keeps no awards, badges or party-card issues yet (the awards app does not exist; a card
number has no issue date): those rows read "chưa có dữ liệu". Official transfers are the
registry's facts, the balance's arrivals and departures (form 1's B2 and C5: whatever wrote
them, the transfer workflow or an imported history). Temporary transfers change no roll, so
only the transfer records know them (by model label): a letter issued in the period by an
organization of the unit to one outside it (not cancelled), an arrival received in the period
by an organization of the unit from outside it; counted as operations (lượt)."""

from __future__ import annotations

from django.db.models import Count, Q

from .conf import value as setting
from .form1 import terms
from .layout import NO_DATA, FormTable, Row, compare_columns, compared
from .periods import Period
from .records import balance, model, scope_for


def transfer_counts(organization, period: Period) -> dict[str, int]:
    """Out and in: official from the balance (the dated roll and its events), temporary from
    the transfer records, in two aggregate queries."""
    scope = scope_for(organization, period)
    unit = scope.org_ids()
    Transfer = model("members.Transfer")
    kinds = {"temporary": setting("transfer_kinds")["temporary"]}  # official: the balance
    out = (
        Transfer.objects.filter(
            from_organization_id__in=unit,
            issued_on__gte=period.start,
            issued_on__lte=period.on,
        )
        .exclude(cancelled_on__isnull=False, cancelled_on__lte=period.on)
        .exclude(to_organization_id__in=unit)
        .aggregate(**{f"out_{k}": Count("id", filter=Q(kind=v)) for k, v in kinds.items()})
    )
    arrived = (
        Transfer.objects.filter(
            Q(received_in_id__in=unit) | Q(received_in__isnull=True, to_organization_id__in=unit),
            received_on__gte=period.start,
            received_on__lte=period.on,
        )
        .exclude(from_organization_id__in=unit)
        .aggregate(**{f"in_{k}": Count("id", filter=Q(kind=v)) for k, v in kinds.items()})
    )
    official = terms(balance(scope))
    return {**out, **arrived, "out_official": official["C5"], "in_official": official["B2"]}


def build(organization, period: Period) -> FormTable:
    this = transfer_counts(organization, period)
    last = transfer_counts(organization, period.last_year())
    nothing = [NO_DATA] * 3

    def heading(key, number, label):
        return Row(number, label, [None] * 3, 0, True, key=key)

    def missing(key, number, label, level=1):
        return Row(number, label, nothing, level, key=key)

    def counted(key, number, label, level=2):
        return Row(number, label, compared(this[key], last[key]), level, key=key)

    rows = [
        heading("awards", "I", "Khen thưởng"),
        missing("awards_org", "1", "Khen thưởng tổ chức đảng"),
        missing("awards_superior", "a", "Đảng bộ cấp trên cơ sở (cờ, bằng khen)", 2),
        missing("awards_grassroots", "b", "Tổ chức cơ sở đảng (cờ, bằng khen, giấy khen)", 2),
        missing("awards_sub", "c", "Đảng bộ bộ phận", 2),
        missing("awards_branch", "d", "Chi bộ trực thuộc đảng ủy cơ sở", 2),
        missing("awards_member", "2", "Khen thưởng đảng viên (bằng khen, giấy khen)"),
        heading("badges", "II", "Tặng Huy hiệu Đảng trong năm"),
        *[
            missing(f"badge_{years}", "-", f"Huy hiệu {years} năm tuổi Đảng")
            for years in setting("badge_years")
        ],
        heading("cards", "III", "Thẻ đảng viên"),
        missing("cards_issued", "1", "Phát thẻ cho đảng viên chính thức"),
        missing("cards_lost", "2", "Cấp lại thẻ do mất"),
        missing("cards_damaged", "3", "Đổi thẻ do hỏng"),
        heading("transfers", "IV", "Chuyển sinh hoạt đảng trong năm"),
        Row("1", "Chuyển sinh hoạt đảng tạm thời", [None] * 3, 1, True, key="temporary"),
        counted("out_temporary", "-", "Giới thiệu đi"),
        counted("in_temporary", "-", "Tiếp nhận"),
        Row("2", "Chuyển sinh hoạt đảng chính thức", [None] * 3, 1, True, key="official"),
        counted("out_official", "-", "Giới thiệu đi"),
        counted("in_official", "-", "Tiếp nhận"),
        Row("3", "Trường hợp không đúng quy định", [None] * 3, 1, True, key="irregular"),
        missing("irregular_in", "-", "Tiếp nhận không đúng quy định", 2),
        missing("irregular_out", "-", "Giới thiệu đi không đúng quy định", 2),
        missing("forgeries", "-", "Phát hiện giả mạo", 2),
    ]
    return FormTable(
        key="form-7",
        code="7-BTCTW",
        title="THỐNG KÊ VỀ NGHIỆP VỤ CÔNG TÁC ĐẢNG VIÊN",
        organization=organization,
        period=period,
        columns=compare_columns(),
        rows=rows,
        notes=[
            "Chuyển sinh hoạt đảng tính theo lượt; không tính chuyển trong nội bộ đơn vị.",
            "Khen thưởng, huy hiệu Đảng, thẻ đảng viên: phần mềm chưa có sổ theo dõi "
            f"(“{setting('no_data')}”).",
        ],
    )
