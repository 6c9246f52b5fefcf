"""The meetings API's serializers: a meeting, the roll call, the statistics (and their bodies)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.core.api import ModelSerializer
from dangvu.members.api import VisibleOrganizationField
from dangvu.organizations.models import Organization

from .. import queries, services
from ..choices import AttendanceState, MeetingKind, QualityRating, VisitLevel
from ..models import Meeting


class MeetingSerializer(ModelSerializer):
    organization = VisibleOrganizationField(
        help_text=_("Id of the party branch; fixed after scheduling")
    )
    branch_name = serializers.CharField(source="organization.name", read_only=True)
    attendance_rate = serializers.FloatField(
        read_only=True, allow_null=True, help_text=_("Present / members listed, in percent")
    )
    version = serializers.IntegerField(
        required=False,
        help_text=_(
            "The meeting's version. On PATCH, send the version you read: if anything was saved "
            "since (including a roll-call tap), nothing is written and the answer is 409."
        ),
    )

    confirm_second = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_(
            "R3.1: true to schedule a second regular meeting of the branch in the same month "
            "(refused otherwise)"
        ),
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "organization",
            "branch_name",
            "kind",
            "topic",
            "scheduled_at",
            "planned_end_at",
            "date",
            "place",
            "agenda",
            "status",
            "notice_sent_at",
            "documents_posted_at",
            "started_at",
            "ended_at",
            "minutes_recorded_at",
            "present_count",
            "excused_count",
            "absent_count",
            "eligible_count",
            "attendance_rate",
            "quality_score",
            "quality_rating",
            "version",
            "confirm_second",
        ]
        read_only_fields = [
            "date",
            "status",
            "notice_sent_at",
            "documents_posted_at",
            "started_at",
            "ended_at",
            "minutes_recorded_at",
            "present_count",
            "excused_count",
            "absent_count",
            "eligible_count",
            "quality_score",
            "quality_rating",
        ]

    def validate_organization(self, value: Organization) -> Organization:
        if self.instance is not None and value.pk != self.instance.organization_id:
            raise serializers.ValidationError(
                _("A meeting stays with the branch it was planned for.")
            )
        return value

    def _meeting_fields(self, validated: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in validated.items() if k in services.MEETING_FIELDS}

    def create(self, validated_data: dict[str, Any]) -> Meeting:
        return services.schedule_meeting(
            user=self.context["request"].user,
            organization=validated_data["organization"],
            data=self._meeting_fields(validated_data),
            confirm_second=validated_data.get("confirm_second", False),
        )

    def update(self, instance: Meeting, validated_data: dict[str, Any]) -> Meeting:
        return services.update_meeting(
            user=self.context["request"].user,
            meeting=instance,
            data=self._meeting_fields(validated_data),
            expected_version=validated_data.get("version"),
            confirm_second=validated_data.get("confirm_second", False),
        )


class RollCallRowSerializer(serializers.Serializer):
    member = serializers.IntegerField(help_text=_("Id of the party member"))
    full_name = serializers.CharField(read_only=True)
    state = serializers.ChoiceField(
        choices=[("", "—"), *AttendanceState.choices],
        allow_blank=True,
        help_text=_(
            "present, excused (absent with reason), absent (without reason); empty: not marked"
        ),
    )
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    apology = serializers.BooleanField(read_only=True)
    temporary = serializers.BooleanField(read_only=True, help_text=_("Temporarily placed here"))


class RollCallSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The meeting's version you read; a stale version is refused with 409")
    )
    present = serializers.IntegerField(read_only=True)
    excused = serializers.IntegerField(read_only=True)
    absent = serializers.IntegerField(read_only=True)
    eligible = serializers.IntegerField(read_only=True, help_text=_("Members on the roll call"))
    quorum = serializers.BooleanField(read_only=True)
    rows = RollCallRowSerializer(many=True)


class AttendanceSerializer(serializers.Serializer):
    member = serializers.IntegerField(help_text=_("Id of the party member"))
    state = serializers.ChoiceField(choices=[("", "—"), *AttendanceState.choices], allow_blank=True)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True)


def roll_call_body(meeting: Meeting) -> dict[str, Any]:
    summary = queries.summary(meeting)
    return {
        "version": meeting.version,
        "present": summary.present,
        "excused": summary.excused,
        "absent": summary.absent,
        "eligible": summary.eligible,
        "quorum": summary.quorum,
        "rows": [
            {
                "member": row.member.pk,
                "full_name": row.member.full_name,
                "state": row.state,
                "reason": row.reason,
                "apology": row.apology,
                "temporary": row.temporary,
            }
            for row in queries.roll_call(meeting)
        ],
    }


class MeetingStatisticsQuerySerializer(serializers.Serializer):
    organization = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Organization id (default: your organization)")
    )
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Calendar year (default: this year)"),
    )
    date_from = serializers.DateField(required=False, help_text=_("Start of a custom period"))
    date_to = serializers.DateField(required=False, help_text=_("End of a custom period"))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and end < start:
            raise serializers.ValidationError({"date_to": [_("The end is before the start.")]})
        if (start or end) and (
            (end or dt.date(start.year, 12, 31)) - (start or dt.date(end.year, 1, 1))
        ).days > 366 * 5:
            raise serializers.ValidationError(
                {"date_to": [_("Choose a period of at most five years.")]}
            )
        return attrs


class KindCountsSerializer(serializers.Serializer):
    regular = serializers.IntegerField()
    thematic = serializers.IntegerField()
    combined = serializers.IntegerField()
    committee = serializers.IntegerField()


class MeetingVisitRowSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=VisitLevel.choices)
    every = serializers.IntegerField(help_text=_("Months between visits for this level"))
    members = serializers.IntegerField(help_text=_("Committee members at this level"))
    due = serializers.IntegerField()
    done = serializers.IntegerField()


class TopicSerializer(serializers.Serializer):
    topic = serializers.CharField()
    n = serializers.IntegerField()


class MeetingStatisticsSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    organization_name = serializers.CharField()
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    branches = serializers.IntegerField()
    regular_due = serializers.IntegerField(help_text=_("Branch-months in the period"))
    regular_months = serializers.IntegerField(help_text=_("Branch-months with a regular meeting"))
    thematic_due = serializers.IntegerField(help_text=_("Branch-quarters in the period"))
    thematic_periods = serializers.IntegerField(
        help_text=_("Branch-quarters with a thematic meeting")
    )
    held = KindCountsSerializer(help_text=_("Meetings held, by kind"))
    present = serializers.IntegerField()
    eligible = serializers.IntegerField()
    excused = serializers.IntegerField()
    absent = serializers.IntegerField(help_text=_("Absences without reason"))
    attendance_rate = serializers.FloatField(allow_null=True)
    branches_at_100 = serializers.IntegerField()
    branches_with_meetings = serializers.IntegerField()
    average_score = serializers.FloatField(allow_null=True)
    ratings = serializers.DictField(child=serializers.IntegerField())
    topics = TopicSerializer(many=True)
    visits = MeetingVisitRowSerializer(many=True)


def statistics_body(
    organization: Organization, period: queries.Period, stats: queries.Statistics
) -> dict[str, Any]:
    return {
        "organization": organization.pk,
        "organization_name": organization.name,
        "date_from": period.start,
        "date_to": period.end,
        "branches": stats.branches,
        "regular_due": stats.due_regular,
        "regular_months": stats.regular_months,
        "thematic_due": stats.due_thematic,
        "thematic_periods": stats.thematic_periods,
        "held": {kind: stats.held[kind] for kind in MeetingKind.values},
        "present": stats.present,
        "eligible": stats.eligible,
        "excused": stats.excused,
        "absent": stats.absent,
        "attendance_rate": round(stats.rate, 2) if stats.rate is not None else None,
        "branches_at_100": stats.branches_full,
        "branches_with_meetings": stats.branches_met,
        "average_score": round(stats.average_score, 2) if stats.average_score is not None else None,
        "ratings": {rating: stats.ratings[rating] for rating in QualityRating.values},
        "topics": stats.topics,
        "visits": [
            {k: row[k] for k in ("level", "every", "members", "due", "done")}
            for row in stats.visits
        ],
    }
