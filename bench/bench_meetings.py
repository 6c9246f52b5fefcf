"""Branch meetings (issue 4): the roll call save, attendance statistics, visit compliance."""

from __future__ import annotations

from django.utils import timezone


def benchmarks(page, client_for):
    from dangvu.accounts.models import User
    from dangvu.core import worklist
    from dangvu.meetings import queries, services
    from dangvu.meetings.choices import AttendanceState, MeetingStatus
    from dangvu.meetings.models import Meeting

    tinh = User.objects.select_related("organization").get(username="tinh")
    xa1 = User.objects.select_related("organization").get(username="xa1")
    province, commune = tinh.organization, xa1.organization
    year = timezone.localdate().year
    period = queries.Period.year(year)

    # A held 40-member roll call (the closest size the demo has).
    meeting = (
        Meeting.objects.filter(status=MeetingStatus.HELD, kind="regular", eligible_count__gte=40)
        .order_by("eligible_count", "id")
        .first()
    )
    member_ids = (
        list(queries.meeting_eligible(meeting).values_list("pk", flat=True)) if meeting else []
    )
    flip = {"n": 0}

    def save_roll_call():
        flip["n"] += 1
        second = AttendanceState.EXCUSED if flip["n"] % 2 else AttendanceState.PRESENT
        entries = {
            pk: (AttendanceState.PRESENT if i % 5 else second, "")
            for i, pk in enumerate(member_ids)
        }
        current = Meeting.objects.select_related("organization").get(pk=meeting.pk)
        services.save_roll_call(
            user=tinh, meeting=current, entries=entries, expected_version=current.version
        )

    def one_tap():
        flip["n"] += 1
        state = AttendanceState.EXCUSED if flip["n"] % 2 else AttendanceState.PRESENT
        services.set_attendance(
            user=tinh, meeting=meeting, member_id=member_ids[0], state=state, reason=""
        )

    committee_xa1 = commune.pk
    rows = [
        (
            f"roll call: save_roll_call of {len(member_ids)} members (full save, version)",
            50,
            save_roll_call,
        ),
        ("roll call: one tap (set_attendance)", 50, one_tap),
        (
            f"meeting statistics: province, year {year}",
            500,
            lambda: queries.statistics(province, period),
        ),
        (
            f"meeting statistics page: GET /meetings/statistics/?year={year} (tinh)",
            500,
            page(client_for("tinh"), f"/meetings/statistics/?year={year}"),
        ),
        (
            f"meeting statistics: commune (xa1), year {year}",
            150,
            lambda: queries.statistics(commune, period),
        ),
        (
            f"meeting statistics page: GET /meetings/statistics/?year={year} (xa1)",
            150,
            page(client_for("xa1"), f"/meetings/statistics/?year={year}"),
        ),
        (
            f"visit compliance page: GET /meetings/committees/{province.pk}/ (tinh)",
            200,
            page(client_for("tinh"), f"/meetings/committees/{province.pk}/"),
        ),
        (
            f"visit compliance page: GET /meetings/committees/{committee_xa1}/ (xa1)",
            200,
            page(client_for("xa1"), f"/meetings/committees/{committee_xa1}/"),
        ),
        (
            "work list: the six meeting checks (xa1)",
            300,
            lambda: worklist.work_list(
                xa1, only=[c.id for c in worklist.checks() if c.id.startswith("meetings.")]
            ),
        ),
        (
            "work list: the six meeting checks (tinh, whole province)",
            2000,
            lambda: worklist.work_list(
                tinh, only=[c.id for c in worklist.checks() if c.id.startswith("meetings.")]
            ),
        ),
    ]
    if meeting is None:
        rows = rows[2:]
    return rows
