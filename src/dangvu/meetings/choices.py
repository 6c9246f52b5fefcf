"""Choices of the meetings app (glossary: Meetings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    THEMATIC = "thematic", _("Thematic meeting")
    # A regular and a thematic meeting held in one session (R3.3: at least 120 minutes).
    COMBINED = "combined", _("Regular and thematic meeting")
    COMMITTEE = "committee", _("Branch committee meeting")


# Kinds that count as the month's regular meeting (R3.1) and the quarter's thematic one (R3.2).
REGULAR_KINDS = (MeetingKind.REGULAR, MeetingKind.COMBINED)
THEMATIC_KINDS = (MeetingKind.THEMATIC, MeetingKind.COMBINED)
# Meetings of the whole branch (the members' roll call, scoring, attendance statistics).
MEMBER_KINDS = (MeetingKind.REGULAR, MeetingKind.THEMATIC, MeetingKind.COMBINED)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceState(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Absent with reason")
    ABSENT = "absent", _("Absent without reason")


class QualityRating(models.TextChoices):
    """R3.6: the province's scale for one meeting (Tốt, Khá, Trung bình, Kém)."""

    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    WEAK = "weak", _("Weak")


class VisitLevel(models.TextChoices):
    """The level of the committee a visiting committee member sits on (R3.9)."""

    PROVINCE = "province", _("Provincial committee")
    DIRECT = "direct", _("Direct-level committee")
    GRASSROOTS = "grassroots", _("Grassroots committee")


# Quality criteria (R3.5), in the order of the scoring form. Computed ones come from records;
# entered ones are scored by the secretary. Each has a weight in the rule profile.
COMPUTED_CRITERIA = ("attendance", "duration", "documents", "minutes", "follow_up")
ENTERED_CRITERIA = ("preparation", "content")
CRITERIA = COMPUTED_CRITERIA + ENTERED_CRITERIA
CRITERION_LABELS = {
    "attendance": _("Attendance above the threshold, no unexcused absence"),
    "duration": _("Duration"),
    "documents": _("Documents posted in time"),
    "minutes": _("Minutes recorded in full"),
    "follow_up": _("Previous resolution and tasks followed up"),
    "preparation": _("Preparation (committee met, draft resolution)"),
    "content": _("Content and conduct (many members speak, criticism)"),
}
