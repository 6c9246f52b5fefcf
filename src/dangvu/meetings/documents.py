"""The papers a branch prints for its meeting, built from the meeting's records with the core
document engine (issue 13; rules-next.md §14): the invitation (giấy mời, R3.4), the minutes
(biên bản, R3.8/R14.18) and the branch resolution (nghị quyết chi bộ, R14.19).

Each builder is a pure read: `build(meeting, *, on, user) -> PartyDocument`. A field the
meeting does not record is left as the dotted blank a paper form leaves ("……"), never
invented. The wording is Vietnamese by form, as the engine's frame is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from dangvu.core.documents import (
    BLANK,
    PartyDocument,
    bullets,
    date_line,
    field_line,
    frame_for,
    h,
    p,
)
from dangvu.core.documents.content import Block, Signature
from dangvu.core.documents.issuer import committee_name, party_body_name
from dangvu.members.models import Member
from dangvu.organizations.models import CommitteeSeat, active_on_q

from . import queries
from .choices import AttendanceState, MeetingKind
from .models import Attendance, Meeting, MeetingDocument, MeetingResolution, Task, VisitDuty

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
RATINGS = {"good": "Tốt", "fair": "Khá", "average": "Trung bình", "weak": "Kém"}
# A seat on the committee of the branch itself, as the minutes name the chair.
BRANCH_SEATS = {
    "secretary": "Bí thư chi bộ",
    "deputy": "Phó Bí thư chi bộ",
    "member": "Chi ủy viên",
}


# ---- wording ------------------------------------------------------------------------------------


def _month(day: dt.date) -> str:
    """ "tháng 3 năm 2026", months 1 and 2 written 01, 02 as in the date line (R14.10)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"tháng {month} năm {day.year}"


def _clock(moment: dt.datetime | None) -> str:
    if moment is None:
        return f"{BLANK} giờ {BLANK} phút"
    local = timezone.localtime(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def _moment(moment: dt.datetime | None, day: dt.date) -> str:
    """ "08 giờ 00 phút, ngày 10 tháng 3 năm 2026" (the hour blank when not recorded)."""
    on = timezone.localtime(moment).date() if moment is not None else day
    return f"{_clock(moment)}, {date_line(on)}"


def meeting_name(meeting: Meeting, *, month: bool = True) -> str:
    """What the meeting is called in a sentence: "sinh hoạt chi bộ thường kỳ tháng 3 năm
    2026", "sinh hoạt chuyên đề “…”", "họp chi ủy tháng 3 năm 2026" (without the month when
    the date follows)."""
    when = f" {_month(meeting.date)}" if month else ""
    topic = meeting.topic.strip()
    if meeting.kind == MeetingKind.THEMATIC:
        return f"sinh hoạt chuyên đề “{topic}”" if topic else f"sinh hoạt chuyên đề{when}"
    if meeting.kind == MeetingKind.COMBINED:
        regular = f"sinh hoạt chi bộ thường kỳ{when}"
        return f"{regular} kết hợp sinh hoạt chuyên đề “{topic}”" if topic else regular
    if meeting.kind == MeetingKind.COMMITTEE:
        return f"họp chi ủy{when}"
    return f"sinh hoạt chi bộ thường kỳ{when}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _percent(part: int, whole: int) -> str:
    value = f"{part * 100 / whole:.1f}".replace(".", ",")
    return (value[:-2] if value.endswith(",0") else value) + "%"


def _count(n: int | None) -> str:
    return BLANK if n is None else str(n)


def votes_text(votes_for: int | None, against: int | None, abstain: int | None, present) -> str:
    """ "Tán thành 5/6 đồng chí có mặt (83,3%); không tán thành 1; không biểu quyết 0"."""
    if votes_for is None and against is None and abstain is None:
        return BLANK
    share = _count(votes_for)
    if votes_for is not None and present:
        share = f"{votes_for}/{present} đồng chí có mặt ({_percent(votes_for, present)})"
    elif votes_for is not None:
        share = f"{votes_for} đồng chí"
    rest = f"không tán thành {_count(against)}; không biểu quyết {_count(abstain)}"
    return f"tán thành {share}; {rest}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _seat_title(seat: CommitteeSeat | None) -> str:
    """A superior committee member as a paper names them: "Phó Bí thư Đảng ủy xã An Bình",
    "Ủy viên Ban Chấp hành Đảng bộ xã An Bình"."""
    if seat is None:
        return ""
    body = seat.organization
    if seat.role == "secretary":
        return f"Bí thư {committee_name(body)}"
    if seat.role == "deputy":
        return f"Phó Bí thư {committee_name(body)}"
    if seat.role == "standing":
        return f"Ủy viên Ban Thường vụ {committee_name(body)}"
    return f"Ủy viên Ban Chấp hành {party_body_name(body)}"


def _visitor(meeting: Meeting, member: Member, prefix: str = "") -> str:
    """ "Vũ Thị Thu, Phó Bí thư Đảng ủy xã An Bình" (the seat on the meeting date)."""
    title = _seat_title(queries.visitor_seat(meeting, member))
    return f"{prefix}{member.full_name}, {title}" if title else f"{prefix}{member.full_name}"


def _branch_role(meeting: Meeting, member: Member | None) -> str:
    """The chair's or minute taker's name with their seat on the branch committee that day."""
    if member is None:
        return BLANK
    seat = (
        CommitteeSeat.objects.filter(
            active_on_q(meeting.date), organization_id=meeting.organization_id, member=member
        )
        .order_by("role")
        .first()
    )
    role = BRANCH_SEATS.get(seat.role) if seat else None
    return f"{member.full_name} ({role})" if role else member.full_name


def _followers(meeting: Meeting) -> list[Member]:
    """The superior committee members invited (R3.4.3): those the notice recorded, else those
    following the branch on the meeting date."""
    notified = list(meeting.notified.order_by("sort_key", "id"))
    if notified or meeting.notice_sent_at:
        return notified
    ids = (
        VisitDuty.objects.current(meeting.date)
        .filter(branch_id=meeting.organization_id)
        .values_list("member_id", flat=True)
    )
    return list(Member.objects.filter(pk__in=ids).order_by("sort_key", "id"))


def _roll(meeting: Meeting) -> dict[str, list[Attendance]]:
    rows = (
        Attendance.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    by_state: dict[str, list[Attendance]] = {s: [] for s in AttendanceState.values}
    for row in rows:
        by_state[row.state].append(row)
    return by_state


def _names(rows: Iterable[Attendance], *, reasons: bool) -> str:
    return "; ".join(
        f"{r.member.full_name} ({r.reason or 'lý do: ' + BLANK})" if reasons else r.member.full_name
        for r in rows
    )


def _who(meeting: Meeting) -> str:
    """Who is called: the members, or for a committee meeting the committee's members."""
    return "chi ủy viên" if meeting.kind == MeetingKind.COMMITTEE else "đảng viên"


def _attendance_lines(meeting: Meeting) -> list[Block]:
    """R3.8: total, present, absent with reason (names and reasons) and without (names)."""
    roll = _roll(meeting)
    eligible = meeting.eligible_count or queries.meeting_eligible(meeting).count()
    lines = [field_line(f"Tổng số {_who(meeting)} phải dự", f"{eligible} đồng chí")]
    labels = ("Có mặt", "Vắng có lý do", "Vắng không có lý do")
    if not any(roll.values()):  # no roll call recorded: the counts are left to fill in
        return lines + [field_line(label, f"{BLANK} đồng chí") for label in labels]
    present, excused, absent = (roll[s] for s in AttendanceState.values)
    lines.append(field_line(labels[0], f"{len(present)} đồng chí"))
    for label, rows, reasons in ((labels[1], excused, True), (labels[2], absent, False)):
        names = f": {_names(rows, reasons=reasons)}" if rows else ""
        lines.append(field_line(label, f"{len(rows)} đồng chí{names}"))
    unmarked = eligible - len(present) - len(excused) - len(absent)
    if unmarked > 0:
        lines.append(field_line("Chưa ghi điểm danh", f"{unmarked} đồng chí"))
    return lines


def _present(meeting: Meeting) -> int | None:
    return meeting.present_count if meeting.eligible_count else None


def _agenda(meeting: Meeting) -> list[str]:
    return meeting.agenda_items or [str(i.get("item", "")) for i in meeting.minutes_items]


def _resolutions(meeting: Meeting) -> list[MeetingResolution]:
    return list(MeetingResolution.objects.filter(meeting=meeting).order_by("id"))


def _tasks(meeting: Meeting) -> list[str]:
    tasks = Task.objects.filter(meeting=meeting).select_related("assignee").order_by("due_on", "id")
    return [
        f"{t.title}: {t.assignee.full_name if t.assignee else t.group}, hạn {t.due_on:%d/%m/%Y}"
        for t in tasks
    ]


def _load(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related("organization", "chair", "minute_taker").get(
        pk=meeting.pk
    )


# ---- the invitation (giấy mời, R3.4) -----------------------------------------------------------


def notice(meeting: Meeting, *, on: dt.date, user=None) -> PartyDocument:
    """The branch's invitation to its meeting (GM: a cell issues no thông báo, R14.2): time,
    place, agenda, who is invited (the members, the superior committee members following the
    branch), the documents to read beforehand (R3.4.4). Dated the day it is made (`on`)."""
    meeting = _load(meeting)
    branch = meeting.organization
    name = meeting_name(meeting)
    members = meeting.eligible_count or queries.meeting_eligible(meeting).count()
    invited = [_visitor(meeting, m, "Đồng chí ") for m in _followers(meeting)]
    invited.append(f"Các đồng chí {_who(meeting)} {branch.name} ({members} đồng chí)")
    start = meeting.scheduled_at
    when = f"{_clock(start)}, {WEEKDAYS[meeting.date.weekday()]}, {date_line(meeting.date)}"
    if meeting.planned_end_at:
        when += f" (dự kiến kết thúc lúc {_clock(meeting.planned_end_at)})"
    blocks = [
        p("Kính gửi:"),
        bullets(invited),
        p(f"{branch.name} trân trọng kính mời các đồng chí đến dự {name}."),
        field_line("Thời gian", when),
        field_line("Địa điểm", meeting.place.strip() or BLANK),
    ]
    agenda = _agenda(meeting)
    if agenda:
        blocks += [field_line("Nội dung", ""), bullets(agenda)]
    else:
        blocks.append(field_line("Nội dung", BLANK))
    documents = MeetingDocument.objects.filter(meeting=meeting).order_by("posted_at", "id")
    titles = [d.title for d in documents]
    if titles:
        blocks += [field_line("Tài liệu nghiên cứu trước", ""), bullets(titles)]
    blocks.append(
        p(
            "Đề nghị các đồng chí dự đầy đủ, đúng giờ; đồng chí nào vắng mặt báo cáo lý do "
            "với bí thư chi bộ trước buổi sinh hoạt."
        )
    )
    return frame_for(
        branch,
        "GM",
        on,
        summary=f"Dự {name}",
        recipients=["Như kính gửi,"],
        blocks=blocks,
    )


# ---- the minutes (biên bản, R3.8 / R14.18) -----------------------------------------------------


def _item_blocks(meeting: Meeting, present: int | None) -> list[Block]:
    """Each agenda item: its content, the opinions, the vote; the agenda's items with blanks
    while the minutes are not recorded."""
    items = meeting.minutes_items or [{"item": item} for item in meeting.agenda_items]
    if not items:
        return [p(BLANK)]
    blocks: list[Block] = []
    for number, item in enumerate(items, start=1):
        blocks += [
            p(f"{number}. {item.get('item') or BLANK}", bold=True),
            field_line("Nội dung", item.get("content") or BLANK),
            field_line("Ý kiến phát biểu", item.get("opinions") or BLANK),
            field_line(
                "Biểu quyết",
                votes_text(item.get("for"), item.get("against"), item.get("abstain"), present),
            ),
        ]
    return blocks


def minutes(meeting: Meeting, *, on: dt.date | None = None, user=None) -> PartyDocument:
    """R3.8: start and end, place, chair and minute taker, the roll call by name, the
    superior committee members and other guests, each agenda item's content, opinions and
    vote, the conclusions, the resolutions and tasks adopted, the self-score; signed by the
    minute taker and the chair (not "T/M CHI BỘ"). Dated the meeting's date."""
    meeting = _load(meeting)
    present = _present(meeting)
    visits = meeting.visits.select_related("member").order_by("id")
    visitors = [_visitor(meeting, v.member) for v in visits]
    blocks: list[Block] = [
        h("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"),
        field_line("Bắt đầu", _moment(meeting.started_at, meeting.date)),
        field_line("Kết thúc", _moment(meeting.ended_at, meeting.date)),
        field_line("Địa điểm", meeting.place.strip() or BLANK),
        field_line("Chủ tọa", _branch_role(meeting, meeting.chair)),
        field_line("Thư ký", _branch_role(meeting, meeting.minute_taker)),
        *_attendance_lines(meeting),
        field_line("Đồng chí cấp ủy cấp trên dự", "; ".join(visitors) or BLANK),
        field_line("Khách mời khác", meeting.guests.strip() or BLANK),
        h("II. NỘI DUNG"),
        field_line("Chương trình", "" if _agenda(meeting) else BLANK),
    ]
    if _agenda(meeting):
        blocks.append(bullets(_agenda(meeting)))
    blocks += _item_blocks(meeting, present)
    blocks.append(h("III. KẾT LUẬN"))
    blocks += [p(line) for line in _lines(meeting.conclusions)] or [p(BLANK)]
    resolutions = [
        f"{r.title}" + (f" (số {r.number})" if r.number else "") + ": "
        f"{votes_text(r.votes_for, r.votes_against, r.votes_abstain, present)}"
        for r in _resolutions(meeting)
    ]
    if resolutions:
        blocks += [field_line("Nghị quyết được biểu quyết thông qua", ""), bullets(resolutions)]
    tasks = _tasks(meeting)
    if tasks:
        blocks += [field_line("Phân công thực hiện", ""), bullets(tasks)]
    rating = RATINGS.get(meeting.quality_rating)
    score = f"{rating} ({meeting.quality_score} điểm)" if rating else BLANK
    blocks.append(field_line("Chi bộ tự đánh giá chất lượng buổi sinh hoạt", score))
    chair = meeting.chair.full_name if meeting.chair else ""
    taker = meeting.minute_taker.full_name if meeting.minute_taker else ""
    document = frame_for(
        meeting.organization,
        "BB",
        meeting.date,
        summary=_capital(meeting_name(meeting)),
        blocks=blocks,
    )
    # A minutes is signed by the minute taker and the chair, not for the collective; the
    # single signer block keeps the chair for pages that show only one.
    document.signers = [Signature("THƯ KÝ", "", taker), Signature("CHỦ TỌA", "", chair)]
    document.signer_capacity, document.signer_title, document.signer_name = "CHỦ TỌA", "", chair
    document.recipients = ()
    return document


# ---- the branch resolution (nghị quyết chi bộ, R14.19) -----------------------------------------


def resolution(meeting: Meeting, *, on: dt.date | None = None, user=None) -> PartyDocument:
    """R14.19: "Số NN-NQ/CB", "T/M CHI BỘ / BÍ THƯ", dated the meeting's date: what the
    branch resolved (its recorded resolutions, else the conclusions), with the votes and the
    tasks assigned."""
    meeting = _load(meeting)
    branch = meeting.organization
    present = _present(meeting)
    name = meeting_name(meeting)
    adopted = _resolutions(meeting)
    attendance = ""
    if meeting.eligible_count:
        attendance = f" (có mặt {meeting.present_count}/{meeting.eligible_count} đảng viên)"
    blocks: list[Block] = [
        p("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
        p(
            f"Căn cứ kết quả buổi {meeting_name(meeting, month=False)} "
            f"{date_line(meeting.date)}{attendance},"
        ),
        h("CHI BỘ QUYẾT NGHỊ:"),
    ]
    if adopted:
        for number, row in enumerate(adopted, start=1):
            if len(adopted) > 1:  # one resolution's title is the summary already
                blocks.append(p(f"{number}. {row.title}", bold=True))
            blocks += [p(line) for line in _lines(row.content)] or [p(BLANK)]
            votes = votes_text(row.votes_for, row.votes_against, row.votes_abstain, present)
            blocks.append(field_line("Biểu quyết", votes))
    else:
        lines = _lines(meeting.conclusions)
        blocks += [p(f"{n}. {line}") for n, line in enumerate(lines, start=1)] or [p(BLANK)]
    tasks = _tasks(meeting)
    if tasks:
        blocks += [field_line("Phân công thực hiện", ""), bullets(tasks)]
    blocks.append(
        p("Chi ủy, các đồng chí đảng viên trong chi bộ có trách nhiệm thực hiện nghị quyết này.")
    )
    summary = adopted[0].title if len(adopted) == 1 else _capital(name)
    recipients = ["Đảng viên trong chi bộ (để thực hiện),"]
    if branch.depth > 1:
        parent = type(branch).objects.get_parent(branch)
        recipients.insert(0, f"{committee_name(parent)} (để báo cáo),")
    return frame_for(
        branch, "NQ", meeting.date, summary=summary, recipients=recipients, blocks=blocks
    )
