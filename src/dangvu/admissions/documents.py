"""The admission papers the workflow tracks (issue 13), built with the core document engine and
declared in apps.py: the branch's resolution proposing admission (NQ, R14.19), the authorized
committee's admission decision (QĐ, R2.8) and its recognition decision (R2.11).

Pure reads of the candidate's file: a field not recorded prints the dotted blank (`BLANK`)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

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
)
from dangvu.core.documents import day_or_blank as day
from dangvu.core.documents import text_or_blank as text
from dangvu.organizations.choices import GRASSROOTS_KINDS
from dangvu.organizations.models import Organization

from . import rules
from .choices import Action
from .models import AdmissionDecision, Candidate, Recognition
from .services import may_take

# R14.21: the HD 12/2022 form codes of these papers, in a table and not in the code's logic.
# Only 1-, 2-, 3- and 18-KNĐ are confirmed; 4–17-KNĐ are [U] (the 2012/2017 mapping gave
# 6-KNĐ the cell's resolution and 9-KNĐ the admission decision; 13/15-KNĐ the recognition
# papers, R2.11): none is printed until confirmed.
FORM_CODES: dict[str, str | None] = {
    "admission_resolution": None,  # [U] 6-KNĐ under the older numbering
    "admission_decision": None,  # [U] 9-KNĐ under the older numbering
    "recognition_decision": None,  # [U] 13/15-KNĐ (R2.11, secondary)
}

# rules.md §0: the regulation implementing the Charter that a paper cites is the one in force on
# its date: QĐ 29 (2016), then 24 (30/7/2021), 232 (20/1/2025; in force from signature [U]),
# 294 (26/5/2025, in force 1/7/2025; full text not seen). A table, as the texts change.
CHARTER_REGULATIONS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2016, 7, 25), "Quy định số 29-QĐ/TW ngày 25/7/2016"),
    (dt.date(2021, 7, 30), "Quy định số 24-QĐ/TW ngày 30/7/2021"),
    (dt.date(2025, 1, 20), "Quy định số 232-QĐ/TW ngày 20/01/2025"),
    (dt.date(2025, 7, 1), "Quy định số 294-QĐ/TW ngày 26/5/2025"),
)


def legal_bases(on: dt.date) -> list[Block]:
    """The "Căn cứ" lines of a paper dated `on`: the Charter and its implementing regulation."""
    lines = ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"]
    in_force = [text for since, text in CHARTER_REGULATIONS if since <= on]
    if in_force:
        lines.append(
            f"Căn cứ {in_force[-1]} của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"
        )
    return [p(line) for line in lines]


def _code_line(key: str) -> list[Block]:
    code = FORM_CODES.get(key)
    return [p(f"Mẫu {code}", italic=True)] if code else []


def _one(candidate: Candidate, name: str):
    """The candidate's decision or recognition (one-to-one), or None before it is recorded."""
    try:
        return getattr(candidate, name)
    except (AdmissionDecision.DoesNotExist, Recognition.DoesNotExist):
        return None


def _person(candidate: Candidate) -> list[Block]:
    """The candidate's identity as the personal history gives it (2-KNĐ items, R14.21)."""
    return [
        field_line("Họ và tên", candidate.full_name),
        field_line("Giới tính", candidate.get_gender_display()),
        field_line("Sinh ngày", day(candidate.birth_date)),
        field_line("Quê quán", text(candidate.hometown)),
        field_line("Nơi cư trú", text(candidate.residence)),
        field_line("Dân tộc", text(candidate.ethnicity)),
        field_line("Tôn giáo", candidate.get_religion_display()),
        field_line("Trình độ giáo dục phổ thông", text(candidate.general_education)),
        field_line("Trình độ chuyên môn", candidate.get_professional_level_display()),
        field_line("Nghề nghiệp", candidate.get_occupation_display()),
        field_line("Nơi làm việc", text(candidate.workplace)),
    ]


def _collective(organization: Organization) -> str:
    """R2.8: a grassroots committee decides as the full committee, a superior committee by its
    standing committee (matching the signature's "T/M ĐẢNG ỦY" / "T/M BAN THƯỜNG VỤ")."""
    name = committee_name(organization).upper()
    return name if organization.kind in GRASSROOTS_KINDS else f"BAN THƯỜNG VỤ {name}"


# --- the organization each paper is issued by (`organization=` in apps.py) ---------------------


def deciding_organization(candidate: Candidate) -> Organization:
    """R2.8: the committee that signed the recorded decision, else the one authorized now."""
    decision = _one(candidate, "decision")
    if decision is not None:
        return decision.organization
    return rules.authorized_organization(candidate.organization)


def recognizing_organization(candidate: Candidate) -> Organization:
    recognition = _one(candidate, "recognition")
    if recognition is not None:
        return recognition.organization
    return rules.authorized_organization(candidate.organization)


def may_decide(user, candidate: Candidate) -> bool:
    """Who enters the decision: the managers of the authorized committee (the step's test)."""
    return may_take(user, candidate, Action.DECISION)


def may_recognize(user, candidate: Candidate) -> bool:
    return may_take(user, candidate, Action.RECOGNIZED)


# --- the branch's resolution (R14.19) -----------------------------------------------------------


def admission_resolution(candidate: Candidate, *, on: dt.date, user=None) -> PartyDocument:
    """R14.19, R2.3–R2.6: the branch's resolution proposing the admission, dated the vote
    (`on` before it), signed T/M CHI BỘ / BÍ THƯ by the frame. Its content sections are a
    local template [U]; the fields are those the file records (R14.20 a)."""
    branch = candidate.organization
    _, values = rules.in_force(candidate.vote_on or on)
    authority = rules.authorized_organization(branch)
    introducers = [
        f"{i.member.full_name} (cùng công tác, sinh hoạt từ {day(i.known_since)}, "
        f"giới thiệu ngày {day(i.introduced_on)})"
        for i in candidate.introductions.filter(active=True).select_related("member")
    ]
    certificate = candidate.certificates.select_related("course").order_by("-issued_on").first()
    with translation.override("vi"):
        blocks = [
            *_code_line("admission_resolution"),
            *legal_bases(candidate.vote_on or on),
            p(
                f"Ngày {day(candidate.vote_on)}, {branch.name} họp xét đề nghị kết nạp quần "
                "chúng ưu tú vào Đảng:"
            ),
            *_person(candidate),
            field_line("Ngày làm đơn xin vào Đảng", day(candidate.application_on)),
            field_line("Người giới thiệu", "; ".join(introducers) if introducers else BLANK),
        ]
        if candidate.union_resolution:
            blocks.append(
                field_line(
                    f"Nghị quyết giới thiệu của {candidate.get_union_resolution_display()}",
                    f"số {text(candidate.union_resolution_number)} "
                    f"ngày {day(candidate.union_resolution_on)}",
                )
            )
        blocks += [
            field_line(
                "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
                f"số {certificate.number} ngày {day(certificate.issued_on)}, "
                f"{certificate.course.organizer}"
                if certificate
                else BLANK,
            ),
            field_line("Số đảng viên chính thức của chi bộ", text(candidate.vote_official_count)),
            field_line("Số đảng viên tán thành kết nạp", text(candidate.vote_yes)),
            field_line(
                "Tỷ lệ tán thành tối thiểu", f"{rules.vote_share_text(values)} (Điều lệ Đảng)"
            ),
            h("CHI BỘ QUYẾT NGHỊ"),
            p(
                f"Đề nghị {committee_name(authority)} xem xét, quyết định kết nạp quần chúng "
                f"{candidate.full_name} vào Đảng Cộng sản Việt Nam."
            ),
        ]
        return frame_for(
            branch,
            "NQ",
            candidate.vote_on or on,
            summary="Về việc đề nghị kết nạp đảng viên",
            recipients=[f"{committee_name(authority)};"],
            blocks=blocks,
        )


# --- the admission decision (R2.7–R2.9) ---------------------------------------------------------


def admission_decision(candidate: Candidate, *, on: dt.date, user=None) -> PartyDocument:
    """R2.8: the authorized committee's decision, signed T/M ĐẢNG ỦY (grassroots) or
    T/M BAN THƯỜNG VỤ (the superior committee) by the frame; dated its signature (`on`
    before it). Article 2 gives R2.9's ceremony deadline from the rule profile of that day."""
    decision = _one(candidate, "decision")
    signed_on = decision.signed_on if decision else on
    issuer = deciding_organization(candidate)
    branch = candidate.organization
    _, values = rules.in_force(signed_on)
    again = candidate.is_readmission
    verb = "Kết nạp lại" if again else "Kết nạp"
    with translation.override("vi"):
        blocks = [
            *_code_line("admission_decision"),
            h(_collective(issuer)),
            *legal_bases(signed_on),
            p(
                f"Xét Nghị quyết ngày {day(candidate.vote_on)} của {branch.name} đề nghị kết nạp "
                f"quần chúng {candidate.full_name} vào Đảng;"
            ),
            h("QUYẾT ĐỊNH"),
            p(f"Điều 1. {verb} quần chúng {candidate.full_name} vào Đảng Cộng sản Việt Nam."),
            *_person(candidate),
            field_line("Sinh hoạt tại", branch.name),
            p(
                f"Điều 2. {branch.name} tổ chức lễ kết nạp cho đồng chí {candidate.full_name} "
                f"trong thời hạn {values['admission.ceremony_deadline_working_days']} ngày làm "
                "việc kể từ ngày nhận được quyết định; thời gian dự bị "
                f"{values['probation.months']} tháng kể từ ngày tổ chức lễ kết nạp."
            ),
            p(
                f"Điều 3. {branch.name} và đồng chí {candidate.full_name} chịu trách nhiệm thi "
                "hành quyết định này."
            ),
        ]
        frame = frame_for(
            issuer,
            "QĐ",
            signed_on,
            summary=f"Về việc {verb.lower()} đảng viên",
            recipients=["Như Điều 3;"],
            blocks=blocks,
        )
    if decision is not None:
        recorded_number(frame, decision.number, "QĐ")
    return frame


# --- the recognition decision (R2.11) -----------------------------------------------------------


def recognition_decision(candidate: Candidate, *, on: dt.date, user=None) -> PartyDocument:
    """R2.11: recognition as an official member (b: from the end of the 12 months), or the
    refusal with name removal (a), as recorded; before it is recorded, the frame of the
    recognition with its dates blank."""
    recognition = _one(candidate, "recognition")
    issuer = recognizing_organization(candidate)
    branch = candidate.organization
    dated = recognition.decision_date if recognition else on
    refused = recognition is not None and recognition.outcome == Recognition.Outcome.NOT_RECOGNIZED
    votes = BLANK
    if recognition and recognition.yes_votes is not None:
        votes = f"{recognition.yes_votes}/{text(recognition.official_count)}"
    with translation.override("vi"):
        blocks = [
            *_code_line("recognition_decision"),
            h(_collective(issuer)),
            *legal_bases(dated),
            p(
                f"Xét Nghị quyết ngày {day(recognition.resolution_on if recognition else None)} "
                f"của {branch.name} về việc xét công nhận đảng viên chính thức cho đồng chí "
                f"{candidate.full_name} (số đảng viên chính thức tán thành: {votes});"
            ),
            h("QUYẾT ĐỊNH"),
        ]
        if refused:
            blocks.append(
                p(
                    f"Điều 1. Không công nhận đồng chí {candidate.full_name} là đảng viên chính "
                    "thức và xóa tên trong danh sách đảng viên."
                )
            )
        else:
            blocks.append(
                p(
                    f"Điều 1. Công nhận đồng chí {candidate.full_name} là đảng viên chính thức "
                    f"kể từ ngày {day(recognition.effective_on if recognition else None)}."
                )
            )
        blocks += [
            field_line("Sinh ngày", day(candidate.birth_date)),
            field_line("Quê quán", text(candidate.hometown)),
            field_line("Ngày quyết định kết nạp", day(candidate.decided_on)),
            field_line("Ngày kết nạp", day(candidate.ceremony_on)),
            field_line(
                "Hết thời gian dự bị", day(recognition.probation_end if recognition else None)
            ),
            field_line("Sinh hoạt tại", branch.name),
        ]
        if refused:
            blocks.append(field_line("Lý do", text(recognition.reason)))
        blocks.append(
            p(
                f"Điều 2. {branch.name} và đồng chí {candidate.full_name} chịu trách nhiệm thi "
                "hành quyết định này."
            )
        )
        summary = (
            "Về việc không công nhận đảng viên chính thức"
            if refused
            else "Về việc công nhận đảng viên chính thức"
        )
        frame = frame_for(
            issuer, "QĐ", dated, summary=summary, recipients=["Như Điều 2;"], blocks=blocks
        )
    if recognition is not None:
        recorded_number(frame, recognition.decision_number, "QĐ")
    return frame
