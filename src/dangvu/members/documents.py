"""The members app's printed papers (issue 13), built from the registry with the core document
engine and declared in apps.py: the transfer letter and its receipt (rules.md §9, R14.23,
rules-next §16) and the member summary (phiếu đảng viên, R14.20/R14.22).

Every builder is a pure read: `build(obj, *, on, user) -> PartyDocument`. A field the registry
does not record prints the dotted blank a paper form leaves (`BLANK`), never a guess."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dangvu.core.documents import (
    BLANK,
    Block,
    PartyDocument,
    committee_name,
    field_line,
    frame_for,
    h,
    p,
    recorded_number,
    table,
)
from dangvu.core.documents import day_or_blank as day
from dangvu.core.documents import text_or_blank as text
from dangvu.organizations.models import Organization

from .choices import EventKind, TransferKind, TransferStatus
from .member.models import Member
from .rules import letters
from .rules.transfer import report_days, transfer_report_deadline
from .transfer.models import Transfer

# R14.20: the annual self-reviews of the last 3 years belong to the file; the summary prints
# the ratings of as many years.
EVALUATION_YEARS = 3


def _not_printed(
    organization: Organization, kind: str, on: dt.date, title: str, reason: str
) -> PartyDocument:
    """A paper the system does not print for this record: the frame with the reason, so the
    preview explains itself (a builder's refusal would be a server error on core's pages)."""
    with translation.override("vi"):
        frame = frame_for(organization, kind, on, title=title, blocks=[p(str(reason), italic=True)])
    frame.recipients = ()
    return frame


# --- the transfer letter (giấy giới thiệu sinh hoạt đảng) ----------------------------------


def transfer_letter_issuer(transfer: Transfer) -> Organization:
    """The `organization=` hook of the letter: R9.1's issuing level (rules/letters.py)."""
    return letters.letter_issuer(transfer)


def transfer_receipt_issuer(transfer: Transfer) -> Organization:
    return letters.receipt_issuer(transfer)


def may_issue_letter(user, transfer: Transfer) -> bool:
    """The sending side's managers, as `issue_transfer` requires (require_manage on the
    member's branch when the letter was issued); not for a cancelled transfer."""
    return (
        transfer.from_organization_id is not None
        and transfer.status != TransferStatus.CANCELLED
        and user.can_manage(transfer.from_organization)
    )


def may_issue_receipt(user, transfer: Transfer) -> bool:
    """The receiving side's managers, as `confirm_transfer` requires, once the arrival is
    confirmed (R16.3 step 4: the receipt follows the acceptance)."""
    return (
        transfer.to_organization_id is not None
        and transfer.status == TransferStatus.CONFIRMED
        and user.can_manage(transfer.to_organization)
    )


def _member_lines(member: Member, on: dt.date) -> list[Block]:
    """The identity a transfer paper carries (R9.4; the 10-box layout is [U], R14.23)."""
    official = member.recognized_on is not None and member.recognized_on <= on
    return [
        field_line("Đồng chí", member.full_name),
        field_line("Sinh ngày", day(member.birth_date)),
        field_line("Quê quán", text(member.hometown)),
        field_line("Ngày vào Đảng", day(member.admitted_on)),
        field_line("Ngày chính thức", day(member.recognized_on if official else None)),
        field_line("Số thẻ đảng viên", text(member.card_number)),
        field_line("Là đảng viên", "chính thức" if official else "dự bị"),
    ]


def _receiver(transfer: Transfer) -> str:
    """Whom the letter is addressed to: the committee of the receiving grassroots organization,
    or the party organization outside the system as recorded."""
    if transfer.to_organization_id is None:
        return text(transfer.to_party)
    base = letters.grassroots_in(letters.chain(transfer.to_organization))
    return committee_name(base)


def transfer_letter(transfer: Transfer, *, on: dt.date, user=None) -> PartyDocument:
    """R9.1/R9.2 (R14.23, §16): the sending committee's introduction letter, official or
    temporary, dated the day it was issued; R9.3's reporting deadline from the rule profile.

    [U] R14.23: the box-by-box content of the "10-box" official form (and of the temporary
    form) was not found; the known fields are laid out in order, one per line."""
    issuer = transfer_letter_issuer(transfer)
    issued_on = transfer.issued_on
    temporary = transfer.kind == TransferKind.TEMPORARY
    kind_line = "TẠM THỜI" if temporary else "CHÍNH THỨC"
    title = f"GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG {kind_line}"
    if transfer.from_organization_id is None:
        # An arrival from outside the system: its letter was issued there. Core's pages list
        # every declared paper, so say why instead of failing (it cannot be registered:
        # `may_issue_letter` refuses).
        return _not_printed(
            issuer,
            "GGT",
            issued_on,
            title,
            _(
                "This member arrived from a party organization outside the system: its letter "
                "was issued there and is not printed here."
            ),
        )
    member = transfer.member
    deadline = transfer_report_deadline(issued_on)
    blocks = [
        field_line("Kính gửi", _receiver(transfer)),
        p(f"{committee_name(issuer)} giới thiệu:"),
        *_member_lines(member, issued_on),
        field_line("Hiện sinh hoạt tại", transfer.from_organization.name),
        field_line(
            "Được giới thiệu đến sinh hoạt đảng"
            + (" tạm thời" if temporary else " chính thức")
            + " tại",
            text(transfer.destination),
        ),
    ]
    if temporary:
        blocks.append(
            field_line(
                "Thời gian sinh hoạt đảng tạm thời",
                f"từ ngày {day(issued_on)} đến ngày {day(transfer.until)}",
            )
        )
    blocks += [
        field_line("Đến trình diện chậm nhất ngày", day(deadline)),
        p(
            f"Đồng chí {member.full_name} xuất trình giấy giới thiệu này với cấp ủy nơi đến "
            f"trong thời hạn {report_days(issued_on)} ngày kể từ ngày ký.",
            italic=True,
        ),
        p("Đề nghị các đồng chí tiếp nhận và quản lý đảng viên theo quy định của Điều lệ Đảng."),
    ]
    with translation.override("vi"):
        frame = frame_for(
            issuer,
            "GGT",
            issued_on,
            title=title,
            recipients=["Như trên;"],
            blocks=blocks,
        )
    recorded_number(frame, transfer.letter_number, "GGT")
    return frame


def transfer_receipt(transfer: Transfer, *, on: dt.date, user=None) -> PartyDocument:
    """R16.3 step 4: the receiving organization tells the sending one it has received the
    member ("Giấy báo đã nhận sinh hoạt đảng", the tear-off part of the paper letter).
    [U] no original seen: kind GCN (giấy chứng nhận) carries the register's number; the
    title is the paper's own. Dated the arrival, or `on` while the member is awaited (the
    arrival date then prints blank)."""
    issuer = transfer_receipt_issuer(transfer)
    title = "GIẤY BÁO ĐÃ NHẬN SINH HOẠT ĐẢNG"
    if transfer.to_organization_id is None:  # `may_issue_receipt` refuses it too
        return _not_printed(
            issuer,
            "GCN",
            on,
            title,
            _(
                "The member went to a party organization outside the system: the receipt is "
                "issued there."
            ),
        )
    member = transfer.member
    sender = (
        committee_name(transfer_letter_issuer(transfer))
        if transfer.from_organization_id
        else text(transfer.from_party)
    )
    kind_word = "tạm thời" if transfer.kind == TransferKind.TEMPORARY else "chính thức"
    blocks = [
        field_line("Kính gửi", sender),
        p(f"{committee_name(issuer)} đã nhận sinh hoạt đảng {kind_word} của:"),
        field_line("Đồng chí", member.full_name),
        field_line("Sinh ngày", day(member.birth_date)),
        field_line("Số thẻ đảng viên", text(member.card_number)),
        field_line(
            "Theo giấy giới thiệu số",
            f"{text(transfer.letter_number)} ngày {day(transfer.issued_on)}",
        ),
        field_line("Ngày đến trình diện", day(transfer.received_on)),
        field_line(
            "Sinh hoạt tại", text(transfer.received_in.name if transfer.received_in_id else "")
        ),
    ]
    with translation.override("vi"):
        return frame_for(
            issuer,
            "GCN",
            transfer.received_on or on,
            title=title,
            recipients=["Như trên;"],
            blocks=blocks,
        )


# --- the member summary (phiếu đảng viên, Mẫu 2-HSĐV [U]) ------------------------------------


def member_file_keeper(member: Member) -> Organization:
    """The `organization=` hook of the summary: the grassroots committee that keeps the file."""
    return letters.file_keeper(member)


def _event(member: Member, *kinds: str):
    """The member's first event of these kinds (the admission: the ceremony, R2.10)."""
    rows = member.events.filter(kind__in=kinds).select_related("organization")
    return rows.order_by("occurred_on", "pk").first()


def _decision(event) -> str:
    if event is None or not (event.decision_number or event.decision_date):
        return BLANK
    parts = [text(event.decision_number), f"ngày {day(event.decision_date)}"]
    if event.decision_body:
        parts.append(f"của {event.decision_body}")
    return " ".join(parts)


def _posts(member: Member, on: dt.date) -> list[str]:
    rows = [
        f"{seat.get_role_display()} {seat.organization.name} (từ {day(seat.valid_from)})"
        for seat in member.seats.current(on).select_related("organization").order_by("valid_from")
    ]
    for post in member.posts.filter(valid_from__lte=on).order_by("valid_from"):
        if post.valid_to is None or post.valid_to > on:
            detail = f": {post.title}" if post.title else ""
            rows.append(f"{post.get_kind_display()}{detail} (từ {day(post.valid_from)})")
    return rows


def _disciplines(member: Member, on: dt.date) -> list[list[str]]:
    return [
        [
            d.get_form_display(),
            text(d.decision_number),
            day(d.signed_on),
            text(d.decision_body),
            "đã hủy" if d.annulled_on and d.annulled_on <= on else "",
        ]
        for d in member.disciplines.filter(signed_on__isnull=False, signed_on__lte=on).order_by(
            "signed_on", "pk"
        )
    ]


def _ratings(member: Member, on: dt.date) -> list[list[str]]:
    """The decided ratings of the last years. Read through the member's reverse relation
    (`evaluations`, the evaluations app's, which members does not import: that app sits above
    members); absent when the app is not installed."""
    if not hasattr(member, "evaluations"):
        return []
    rows = (
        member.evaluations.exclude(rating="")
        .filter(year__lte=on.year)
        .order_by("-year")[:EVALUATION_YEARS]
    )
    return [[str(row.year), row.get_rating_display()] for row in rows]


def member_summary(member: Member, *, on: dt.date, user=None) -> PartyDocument:
    """R14.22/R14.20 (b6): the phiếu đảng viên from what the registry holds, as of `on`.

    A phiếu is a record of the member file, not an issued document (§14: R14.1 lists the
    kinds issued; the file's papers are kept, sealed by the committee, R14.22): it takes no
    number in the register (declared `kind=""`), so the frame prints no number line and no
    recipients. [U] Mẫu 2-HSĐV's box layout (HD 09/2017 numbering) was not seen: the fields are
    listed in the order of the personal history (items 1–21, R14.21 2-KNĐ; item 14 admission,
    item 15 recognition, R14.22). Commendations are not recorded in the registry: blank."""
    with translation.override("vi"):
        admitted = _event(member, EventKind.ADMITTED, EventKind.READMITTED)
        recognized = _event(member, EventKind.RECOGNIZED)
        official = member.recognized_on is not None and member.recognized_on <= on
        posts = _posts(member, on)
        disciplines = _disciplines(member, on)
        ratings = _ratings(member, on)
        blocks = [
            h("I. SƠ YẾU LÝ LỊCH"),
            field_line("Họ và tên", member.full_name),
            field_line("Giới tính", member.get_gender_display()),
            field_line("Sinh ngày", day(member.birth_date)),
            field_line("Quê quán", text(member.hometown)),
            field_line("Nơi cư trú", text(member.residence)),
            field_line("Dân tộc", text(member.ethnicity)),
            field_line("Tôn giáo", member.get_religion_display()),
            field_line("Số căn cước công dân", text(member.citizen_id)),
            field_line("Nghề nghiệp", member.get_occupation_display()),
            field_line("Nơi làm việc", text(member.workplace)),
            field_line("Trình độ giáo dục phổ thông", text(member.general_education)),
            field_line("Trình độ chuyên môn", member.get_professional_level_display()),
            field_line("Trình độ lý luận chính trị", member.get_theory_level_display()),
            h("II. QUÁ TRÌNH VÀO ĐẢNG"),
            field_line("Ngày quyết định kết nạp", day(member.admitted_on)),
            field_line("Quyết định kết nạp", _decision(admitted)),
            field_line("Ngày kết nạp", day(admitted.occurred_on if admitted else None)),
            field_line("Nơi kết nạp", text(admitted.organization.name if admitted else "")),
            field_line("Ngày chính thức", day(member.recognized_on if official else None)),
            field_line("Quyết định công nhận đảng viên chính thức", _decision(recognized)),
            field_line("Số thẻ đảng viên", text(member.card_number)),
            h("III. HIỆN NAY"),
            field_line("Sinh hoạt tại", member.organization.name),
            field_line("Tình trạng", member.get_status_display()),
            field_line("Chức vụ", "; ".join(posts) if posts else BLANK),
            h("IV. KHEN THƯỞNG, KỶ LUẬT"),
            field_line("Khen thưởng", BLANK),  # not recorded in the registry
        ]
        if disciplines:
            blocks.append(
                table(
                    ["Hình thức kỷ luật", "Số quyết định", "Ngày ký", "Cấp quyết định", "Ghi chú"],
                    disciplines,
                    widths=[3, 3, 2, 4, 2],
                )
            )
        else:
            blocks.append(field_line("Kỷ luật", "Không"))
        blocks.append(h("V. XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN"))
        if ratings:
            blocks.append(table(["Năm", "Mức xếp loại"], ratings, widths=[1, 4]))
        else:
            blocks.append(field_line("Xếp loại", BLANK))
        frame = frame_for(
            member_file_keeper(member),
            "",
            on,
            title="PHIẾU ĐẢNG VIÊN",
            blocks=blocks,
        )
    frame.number = ""  # a record of the file, not numbered (see the docstring)
    frame.recipients = ()
    return frame
