"""The meetings of three years of the demo province: every branch's months, attendance,
minutes, scores, resolutions and tasks, planned in memory and written in batches."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from dangvu.core.calendar import add_months
from dangvu.members.choices import Status
from dangvu.organizations.choices import BRANCH_KINDS

from .. import rules
from ..choices import AttendanceState, MeetingKind, MeetingStatus
from ..models import Attendance, Meeting, MeetingResolution, Task, Visit, VisitDuty
from .data import (
    AGENDA,
    FLUSH,
    MEETING_COLUMNS,
    MONTHS,
    REASONS,
    TASK_TITLES,
    TOPICS,
    Writer,
)
from .visits import VisitsMixin

P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT


class Branch:
    __slots__ = ("node", "org", "members", "p_present", "unexcused", "miss", "day", "hour",
                 "place", "seats", "weak")  # fmt: skip


class MeetingHistory(VisitsMixin):
    def __init__(self, generator) -> None:
        self.g = generator
        self.rng = random.Random(f"{generator.seed}-meetings")
        self.today = generator.today
        self.now = timezone.now()
        self.tz = ZoneInfo(str(timezone.get_current_timezone()))
        self.w = Writer()
        self.values = rules.values_in_force(self.today)
        self.weights = rules.criterion_weights(self.values)
        self.meetings: list[tuple] = []
        self.attendance: list[tuple] = []
        self.held: dict[tuple[int, int, int], list[tuple[int, dt.date]]] = defaultdict(list)
        self.last_meeting: dict[int, tuple[int, int]] = {}  # branch → (meeting, resolution)
        self.resolutions: list[tuple] = []
        self.tasks: list[tuple] = []
        self.timings: dict[str, float] = {}
        self.attendance_count = 0

    # ---- branches and members ----------------------------------------------------------------

    def branches(self) -> list[Branch]:
        rng = self.rng
        seats = defaultdict(list)
        for seat in self.g.seats:
            seats[seat.organization_id].append(seat)
        result = []
        for node in self.g.nodes:
            org = node.org
            if org.kind not in BRANCH_KINDS or org.dissolved_on:
                continue
            branch = Branch()
            branch.node, branch.org = node, org
            roll = rng.random()
            branch.weak = roll < 0.08
            if branch.weak:
                branch.p_present, branch.unexcused, branch.miss = rng.uniform(0.76, 0.88), 0.3, 0.06
            elif roll < 0.2 and len(node.members) <= 25:
                branch.p_present, branch.unexcused, branch.miss = 1.0, 0.0, 0.0  # exemplary
            else:
                branch.p_present, branch.unexcused, branch.miss = (
                    rng.uniform(0.9, 0.975),
                    0.08,
                    0.01,
                )
            branch.day = rng.randint(3, 12)
            branch.hour = rng.choice((7, 8, 14, 19, 19))
            branch.place = "Nhà văn hóa" if node.locality else "Phòng họp cơ quan"
            end_of_time = dt.date.max
            members = []
            for m in node.members:
                left = (
                    m.status_since
                    if m.status not in (Status.OFFICIAL, Status.PROBATIONARY)
                    else end_of_time
                )
                chronic = rng.random() < 0.006
                members.append(
                    (m.pk, m.demo_placed_on, left, m.exempt_since or end_of_time, chronic)
                )
            branch.members = members
            branch.seats = [s.member.pk for s in seats.get(org.pk, [])]
            result.append(branch)
        return result

    # ---- meetings ----------------------------------------------------------------------------

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    def plan_branch(self, branch: Branch, months: list[tuple[int, int]], meeting_id: int) -> int:
        rng = self.rng
        founded = branch.org.founded_on or dt.date(2000, 1, 1)
        thematic_month: dict[int, tuple[int, str]] = {}
        for year, month in months:
            if dt.date(year, month, 28) < founded:
                continue
            quarter_start = month - (month - 1) % 3
            key = year * 12 + quarter_start
            if key not in thematic_month:
                roll = rng.random()
                target = quarter_start + rng.randint(0, 2)
                if roll < 0.6:
                    thematic_month[key] = (target, "combined")
                elif roll < (0.85 if branch.weak else 0.95):
                    thematic_month[key] = (target, "separate")
                else:
                    thematic_month[key] = (target, "none")
            planned_month, how = thematic_month[key]
            day = min(28, max(1, branch.day + rng.randint(-2, 2)))
            date = dt.date(year, month, day)
            if date < founded:
                continue
            missed = rng.random() < branch.miss and date < self.today
            thematic_here = planned_month == month
            if date > add_months(self.today, 1):
                continue
            if not missed:
                kind = (
                    MeetingKind.COMBINED
                    if thematic_here and how == "combined"
                    else MeetingKind.REGULAR
                )
                self.add_meeting(branch, meeting_id, kind, date)
                meeting_id += 1
            if thematic_here and how == "separate":
                other = dt.date(year, month, min(28, day + rng.randint(7, 14)))
                self.add_meeting(branch, meeting_id, MeetingKind.THEMATIC, other)
                meeting_id += 1
            if len(branch.seats) >= 3 and month % 3 == 0 and date >= add_months(self.today, -12):
                self.add_meeting(
                    branch, meeting_id, MeetingKind.COMMITTEE, date - dt.timedelta(days=3)
                )
                meeting_id += 1
        return meeting_id

    def add_meeting(self, branch: Branch, meeting_id: int, kind: str, date: dt.date) -> None:
        rng, w = self.rng, self.w
        start = self.at(date, branch.hour, rng.choice((0, 0, 30)))
        held = date < self.today
        committee = kind == MeetingKind.COMMITTEE
        if committee:
            eligible = branch.seats
            chronic = set()
        else:
            eligible, chronic = [], set()
            for pk, placed, left, exempt, is_chronic in branch.members:
                if placed <= date < left and date < exempt:
                    eligible.append(pk)
                    if is_chronic:
                        chronic.add(pk)
        present = excused = absent = 0
        if held:
            p_present, unexcused = branch.p_present, branch.unexcused
            for pk in eligible:
                if pk in chronic:
                    state = P if rng.random() < 0.25 else (A if rng.random() < 0.8 else E)
                elif rng.random() < p_present:
                    state = P
                else:
                    state = A if rng.random() < unexcused else E
                if state == P:
                    present += 1
                    self.attendance.append((meeting_id, pk, P, "", False))
                elif state == E:
                    excused += 1
                    self.attendance.append(
                        (meeting_id, pk, E, rng.choice(REASONS), rng.random() < 0.4)
                    )
                else:
                    absent += 1
                    self.attendance.append((meeting_id, pk, A, "", False))
        long = kind == MeetingKind.COMBINED
        minimum = rules.minimum_minutes(kind, self.values)
        if rng.random() < (0.25 if branch.weak else 0.06):
            minutes = minimum - rng.randint(5, 30)
        else:
            minutes = minimum + rng.randint(0, 40)
        started = start + dt.timedelta(minutes=rng.choice((0, 0, 5, 10)))
        ended = started + dt.timedelta(minutes=minutes)
        docs_roll = rng.random()
        if docs_roll < 0.1:
            documents = None
        elif docs_roll < 0.22:
            documents = start - dt.timedelta(hours=rng.randint(2, 20))
        else:
            documents = start - dt.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 6))
        topic = rng.choice(TOPICS) if kind in (MeetingKind.THEMATIC, MeetingKind.COMBINED) else ""
        recent = date >= self.today - dt.timedelta(days=21)
        minutes_recorded = held and rng.random() > (0.05 if recent else 0.003)
        recorded_at = (
            self.at(date, 20) + dt.timedelta(days=rng.randint(0, 4)) if minutes_recorded else None
        )
        chair = minute_taker = None
        items = []
        if minutes_recorded and eligible and date >= add_months(self.today, -12):
            chair = branch.seats[0] if branch.seats else eligible[0]
            minute_taker = rng.choice(eligible)
            items = [
                {"item": line, "content": "Chi bộ thống nhất.", "for": present, "against": 0,
                 "abstain": 0}
                for line in AGENDA.splitlines()
            ]  # fmt: skip
        score = rating = details = None
        if held and not committee and minutes_recorded and rng.random() < 0.9:
            met = {
                # The whole branch is marked, so nobody has a run of excused absences here.
                "attendance": rules.attendance_criterion_met(
                    present=present,
                    eligible=len(eligible),
                    unexcused=absent,
                    longest_excused_run=0,
                    values=self.values,
                ),
                "duration": rules.duration_met(kind, minutes, self.values),
                "documents": rules.documents_on_time(documents, start, self.values),
                "minutes": True,
                "follow_up": rng.random() < 0.93,
            }
            result = rules.score_meeting(
                {k: bool(v) for k, v in met.items()},
                {
                    "preparation": rng.randint(9, self.weights["preparation"]),
                    "content": rng.randint(12, self.weights["content"]),
                },
                self.values,
            )
            score, rating = result["score"], result["rating"]
            details = {"points": result["points"], "met": result["met"]}
        status = MeetingStatus.HELD if held else MeetingStatus.PLANNED
        notice = start - dt.timedelta(days=rng.randint(3, 7))
        if not held and notice > self.now and start - self.now < dt.timedelta(days=14):
            notice = self.now - dt.timedelta(hours=rng.randint(1, 48))  # announced already
        now = w.adapt_dt(self.now)
        self.meetings.append(
            (
                meeting_id, now, now, 1, branch.org.pk, branch.org.path, kind, topic,
                w.adapt_dt(start), w.adapt_dt(start + dt.timedelta(minutes=150 if long else 120)),
                w.adapt_date(date), date.year, date.month, branch.place,
                AGENDA if not committee else "Chuẩn bị nội dung sinh hoạt chi bộ", status,
                w.adapt_dt(notice) if notice < self.now else None,
                w.adapt_dt(documents) if documents and documents < self.now else None,
                w.adapt_dt(started) if held else None, w.adapt_dt(ended) if held else None,
                chair, minute_taker, "", w.json(items),
                "Chi bộ thống nhất các nội dung đã thảo luận." if minutes_recorded else "",
                w.adapt_dt(recorded_at) if recorded_at else None,
                present, excused, absent, len(eligible),
                score, rating or "", w.json(details or {}), None,
                w.adapt_dt(recorded_at) if score is not None else None,
            )
        )  # fmt: skip
        if held and not committee:
            self.held[(branch.org.pk, date.year, date.month)].append((meeting_id, date))
            self.add_records(branch, meeting_id, date, eligible, kind)

    def add_records(self, branch, meeting_id: int, date: dt.date, eligible, kind) -> None:
        """Resolutions and tasks of the last six months' meetings, followed up at the next."""
        rng = self.rng
        if kind == MeetingKind.THEMATIC or date < add_months(self.today, -6) or not eligible:
            return
        now = self.w.adapt_dt(self.now)
        previous = self.last_meeting.get(branch.org.pk)
        if previous is not None and rng.random() < 0.93:
            index = previous[1]  # the previous meeting's resolution was reviewed here
            self.resolutions[index] = self.resolutions[index][:-1] + (meeting_id,)
        self.last_meeting[branch.org.pk] = (meeting_id, len(self.resolutions))
        self.resolutions.append(
            (now, now, meeting_id, f"{date.month:02d}/{date.year}",
             f"Nghị quyết tháng {date.month}/{date.year}", "Chi bộ thống nhất nhiệm vụ tháng tới.",
             len(eligible), 0, 0, None)
        )  # fmt: skip
        if rng.random() < 0.4:
            due = date + dt.timedelta(days=rng.randint(14, 45))
            done = due - dt.timedelta(days=rng.randint(0, 10)) if rng.random() < 0.95 else None
            if done is not None and done > self.today:
                done = None
            self.tasks.append(
                (now, now, meeting_id, branch.org.pk, branch.org.path, rng.choice(TASK_TITLES),
                 rng.choice(eligible), "", self.w.adapt_date(due),
                 self.w.adapt_date(done) if done else None, None, "")
            )  # fmt: skip

    # ---- visits ------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write what is planned so far (foreign keys are checked at commit on both engines, so
        the order of tables does not matter) and free the memory."""
        self.w.insert(Meeting, MEETING_COLUMNS, self.meetings)
        self.attendance_count += self.w.insert(
            Attendance, ["meeting_id", "member_id", "state", "reason", "apology"], self.attendance
        )
        self.meetings, self.attendance = [], []

    def run(self) -> dict[str, int]:
        started = time.perf_counter()
        first = add_months(self.today.replace(day=1), -(MONTHS - 1))
        # 36 months of history and next month's meetings, scheduled and announced
        months = [(d.year, d.month) for d in (add_months(first, i) for i in range(MONTHS + 1))]
        meeting_id = self.w.next_id(Meeting)
        first_id = meeting_id
        for branch in self.branches():
            meeting_id = self.plan_branch(branch, months, meeting_id)
            if len(self.attendance) >= FLUSH:
                self.flush()
        self.flush()
        self.timings["meetings and attendance"] = time.perf_counter() - started
        w = self.w
        w.insert(
            MeetingResolution,
            ["created_at", "updated_at", "meeting_id", "number", "title", "content", "votes_for",
             "votes_against", "votes_abstain", "followed_up_at_id"],
            self.resolutions,
        )  # fmt: skip
        w.insert(
            Task,
            ["created_at", "updated_at", "meeting_id", "organization_id", "org_path", "title",
             "assignee_id", "group", "due_on", "done_on", "followed_up_at_id", "note"],
            self.tasks,
        )  # fmt: skip
        visits, duties = self.visits()
        w.insert(
            Visit,
            ["created_at", "updated_at", "meeting_id", "member_id", "committee_id",
             "committee_path", "level", "org_path", "date"],
            visits,
        )  # fmt: skip
        w.insert(
            VisitDuty,
            ["created_at", "updated_at", "committee_id", "member_id", "branch_id", "org_path",
             "valid_from", "valid_to"],
            duties,
        )  # fmt: skip
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Meeting, Attendance, MeetingResolution, Task, Visit, VisitDuty]
            ):
                cursor.execute(sql)
        self.timings["total"] = time.perf_counter() - started
        return {
            "meetings": meeting_id - first_id,
            "attendance": self.attendance_count,
            "visits": len(visits),
        }
