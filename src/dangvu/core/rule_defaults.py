"""Default values of every number a rule uses, with the rule id and regulation it comes from.

These are the defaults of shared/domain/rules.md. The values in force are read from the dated
RuleProfile (core.profiles.rule_value); administrators change them there, never here.
Confidence: C confirmed from text, S secondary source, U unconfirmed (configurable).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RuleDefault:
    key: str
    value: Any
    rule: str
    source: str
    confidence: str
    label: Any


DEFAULTS: tuple[RuleDefault, ...] = (
    # §1 organisation structure
    RuleDefault(
        "org.branch_min_official",
        3,
        "R1.4",
        "Điều lệ Đ24.1",
        "C",
        _("Minimum official members of a branch"),
    ),
    RuleDefault(
        "org.base_committee_min_members",
        30,
        "R1.2",
        "Điều lệ Đ21.3-4",
        "C",
        _("Members from which a grassroots organization is a grassroots committee"),
    ),
    RuleDefault(
        "org.branch_committee_min_official",
        9,
        "R1.5",
        "Điều lệ Đ24.4",
        "C",
        _("Official members from which a branch elects a branch committee"),
    ),
    RuleDefault(
        "org.branch_committee_max_size",
        7,
        "R1.5",
        "QĐ 294-QĐ/TW",
        "C",
        _("Maximum size of a branch committee"),
    ),
    # §2 admission, probation, party age
    RuleDefault(
        "admission.min_age_months",
        216,
        "R2.1",
        "QĐ 294/232/24-QĐ/TW §3.1",
        "C",
        _("Minimum age at the branch's consideration (months)"),
    ),
    RuleDefault(
        "admission.max_age_months",
        720,
        "R2.1",
        "QĐ 294/232/24-QĐ/TW §3.1",
        "C",
        _("Maximum age at branch level (months)"),
    ),
    RuleDefault(
        "admission.introducer_min_months",
        12,
        "R2.4",
        "QĐ 24-QĐ/TW §3.2.1",
        "C",
        _("Months an introducer has worked or lived with the candidate"),
    ),
    RuleDefault(
        "admission.certificate_validity_months",
        60,
        "R2.6",
        "HD 01-HD/TW (secondary)",
        "S",
        _("Validity of the awareness-course certificate (months)"),
    ),
    RuleDefault(
        "admission.documents_validity_months",
        12,
        "R2.6",
        "HD 01-HD/TW §3",
        "S",
        _("Validity of the admission file's documents (months)"),
    ),
    RuleDefault(
        "admission.decision_deadline_working_days",
        60,
        "R2.7",
        "QĐ 232-QĐ/TW §4.3.1",
        "C",
        _("Working days for the competent committee to decide an admission"),
    ),
    RuleDefault(
        "admission.ceremony_deadline_working_days",
        30,
        "R2.9",
        "QĐ 232-QĐ/TW §4.1",
        "C",
        _("Working days from the decision to the admission ceremony"),
    ),
    RuleDefault(
        "probation.months", 12, "R2.10", "Điều lệ Đ5.1", "C", _("Length of probation (months)")
    ),
    RuleDefault(
        "recognition.consider_working_days",
        30,
        "R2.11",
        "QĐ 24-QĐ/TW §4.2.1",
        "C",
        _("Working days after probation for the branch to consider recognition"),
    ),
    RuleDefault(
        "recognition.decision_deadline_working_days",
        30,
        "R2.7",
        "QĐ 232-QĐ/TW §4.3.1",
        "C",
        _("Working days for the committee to decide a recognition"),
    ),
    RuleDefault(
        "readmission.min_months",
        36,
        "R2.12",
        "QĐ 232-QĐ/TW §3.5",
        "C",
        _("Months after leaving before re-admission"),
    ),
    # §3 branch meetings
    RuleDefault(
        "meetings.regular_min_minutes",
        90,
        "R3.3",
        "HD 42-HD/BTCTW (2025)",
        "S",
        _("Minimum duration of a regular meeting (minutes)"),
    ),
    RuleDefault(
        "meetings.combined_min_minutes",
        120,
        "R3.3",
        "HD 42-HD/BTCTW (2025)",
        "S",
        _("Minimum duration of a regular and thematic meeting together (minutes)"),
    ),
    RuleDefault(
        "meetings.documents_before_hours",
        24,
        "R3.4",
        "HD 42-HD/BTCTW (2025)",
        "S",
        _("Hours before the meeting that documents must be posted"),
    ),
    RuleDefault(
        "meetings.good_attendance_percent",
        85,
        "R3.5",
        "HD 12-HD/BTCTW (2018)",
        "S",
        _("Attendance above which a meeting meets the attendance criterion (%)"),
    ),
    # §5, §6, §9
    RuleDefault(
        "transfer.report_days",
        30,
        "R9.3",
        "QĐ 24-QĐ/TW §6.3 (secondary)",
        "S",
        _("Days for a transferred member to report to the receiving branch"),
    ),
    RuleDefault(
        "discipline.expiry_months",
        12,
        "R6.2",
        "QĐ 69-QĐ/TW Đ2.5",
        "C",
        _("Months after announcement when a discipline ceases to have effect"),
    ),
    RuleDefault(
        "removal.unpaid_fee_months",
        3,
        "R6.7",
        "QĐ 29 §8.1; QĐ 01-QĐ/TW 2026 Đ2",
        "C",
        _("Months without paying fees in a year that require a removal proposal"),
    ),
    RuleDefault(
        "evaluation.excellent_quota_percent",
        20,
        "R4.5",
        "HD 21-HD/BTCTW (2019)",
        "U",
        _("Excellent ratings as a share of good ratings per grassroots organization (%)"),
    ),
    # §3 local settings (visit duties, Lào Cai article defaults)
    RuleDefault(
        "visits.province_months",
        6,
        "R3.9",
        "local setting (province)",
        "S",
        _("Provincial committee members: months between branch visits"),
    ),
    RuleDefault(
        "visits.direct_months",
        3,
        "R3.9",
        "local setting (province)",
        "S",
        _("Direct-level committee members: months between branch visits"),
    ),
    RuleDefault(
        "visits.grassroots_months",
        1,
        "R3.9",
        "local setting (province)",
        "S",
        _("Grassroots committee members: months between branch visits"),
    ),
    # §3 branch meetings (meetings app, issue 4): counts, deadlines and the province's scoring
    RuleDefault(
        "meetings.thematic_every_months",
        3,
        "R3.2",
        "QĐ 08/TU Nghệ An; Điều lệ guidance (secondary)",
        "S",
        _("Months within which a branch holds a thematic meeting"),
    ),
    RuleDefault(
        "meetings.max_consecutive_excused",
        3,
        "R3.5",
        "HD 12-HD/BTCTW (2018)",
        "S",
        _("Consecutive excused absences in a year above which the attendance criterion fails"),
    ),
    RuleDefault(
        "meetings.quorum_fraction",
        [2, 3],
        "R3.5",
        "Điều lệ Đ10 (congresses); not confirmed for branch meetings",
        "U",
        _("Share of the members listed that must be present (numerator, denominator)"),
    ),
    RuleDefault(
        "meetings.minutes_within_days",
        7,
        "R3.8",
        "local setting",
        "U",
        _("Days after the meeting by which the minutes are recorded"),
    ),
    RuleDefault(
        "meetings.unexcused_absence_months",
        3,
        "R6.7",
        "QĐ 29 §8.1 (abandoning party activity)",
        "U",
        _("Consecutive months absent without reason that call for a removal review"),
    ),
    RuleDefault(
        "meetings.score_good_min",
        90,
        "R3.6",
        "local setting (Bình Thuận handbook)",
        "S",
        _("Meeting score from which a meeting is rated good"),
    ),
    RuleDefault(
        "meetings.score_fair_min",
        70,
        "R3.6",
        "local setting (Bình Thuận handbook)",
        "S",
        _("Meeting score from which a meeting is rated fair"),
    ),
    RuleDefault(
        "meetings.score_average_min",
        50,
        "R3.6",
        "local setting (Bình Thuận handbook)",
        "S",
        _("Meeting score from which a meeting is rated average (below: weak)"),
    ),
    RuleDefault(
        "meetings.good_requires_max",
        ["attendance", "duration", "minutes"],
        "R3.6",
        "local setting (Bình Thuận handbook)",
        "S",
        _("Criteria that must score their maximum for a good rating"),
    ),
    RuleDefault(
        "meetings.weight_attendance",
        20,
        "R3.5",
        "local setting (scoring)",
        "S",
        _("Points for attendance"),
    ),
    RuleDefault(
        "meetings.weight_duration",
        15,
        "R3.3",
        "local setting (scoring)",
        "S",
        _("Points for the meeting's duration"),
    ),
    RuleDefault(
        "meetings.weight_documents",
        10,
        "R3.4",
        "local setting (scoring)",
        "S",
        _("Points for documents posted in time"),
    ),
    RuleDefault(
        "meetings.weight_minutes",
        10,
        "R3.5",
        "local setting (scoring)",
        "S",
        _("Points for complete minutes"),
    ),
    RuleDefault(
        "meetings.weight_follow_up",
        10,
        "R3.5",
        "local setting (scoring)",
        "S",
        _("Points for following up the previous resolution"),
    ),
    RuleDefault(
        "meetings.weight_preparation",
        15,
        "R3.5",
        "local setting (scoring)",
        "S",
        _("Points for preparation"),
    ),
    RuleDefault(
        "meetings.weight_content",
        20,
        "R3.5",
        "local setting (scoring)",
        "S",
        _("Points for content and conduct"),
    ),
    # §2, §5, §6 member lifecycle (issue 3, helper 3A)
    RuleDefault(
        "discipline.dismissal_ban_months",
        12,
        "R6.4",
        "Điều lệ Đ40.3; QĐ 30 Đ40",
        "C",
        _("Months after a removal from post when the member may not be elected or appointed"),
    ),
    RuleDefault(
        "seniority.transfer_gap_grace_days",
        0,
        "R2.13",
        "QĐ 24-QĐ/TW §4.5 (reading of 'gián đoạn do chuyển sinh hoạt')",
        "U",
        _("Days of a transfer not counted as a gap in party age"),
    ),
    RuleDefault(
        "residence.comments_due_month",
        11,
        "R5.4",
        "QĐ 213-QĐ/TW Đ3.4 (evaluation season, local practice)",
        "U",
        _("Month by whose first day the residence branch's yearly comments are due"),
    ),
    RuleDefault(
        "residence.comments_warn_days",
        30,
        "R5.4",
        "local setting",
        "U",
        _("Days before the due date when missing residence comments appear on the work list"),
    ),
    # §4 annual evaluation (evaluations app, issue 5): QĐ 366-QĐ/TW, HD 43-HD/BTCTW
    RuleDefault(
        "evaluation.points_from_year",
        2025,
        "R4.3",
        "QĐ 366-QĐ/TW (30/8/2025)",
        "C",
        _("First review year scored out of 100 (earlier years: levels only, QĐ 132/124)"),
    ),
    RuleDefault(
        "evaluation.excellent_min_points",
        90,
        "R4.3",
        "QĐ 366-QĐ/TW",
        "C",
        _("Points from which a self-assessment proposes 'excellently fulfilled'"),
    ),
    RuleDefault(
        "evaluation.good_min_points",
        70,
        "R4.3",
        "QĐ 366-QĐ/TW",
        "C",
        _("Points from which a self-assessment proposes 'well fulfilled'"),
    ),
    RuleDefault(
        "evaluation.completed_min_points",
        50,
        "R4.3",
        "QĐ 366-QĐ/TW",
        "C",
        _("Points from which a self-assessment proposes 'fulfilled'"),
    ),
    RuleDefault(
        "evaluation.general_max_points",
        30,
        "R4.3",
        "QĐ 366-QĐ/TW",
        "C",
        _("Maximum points of the general criteria"),
    ),
    RuleDefault(
        "evaluation.tasks_max_points",
        70,
        "R4.3",
        "QĐ 366-QĐ/TW",
        "C",
        _("Maximum points of the task results"),
    ),
    RuleDefault(
        "evaluation.excellent_quota_percent",
        20,
        "R4.5",
        "HD 21-HD/BTCTW (2019); not seen in QĐ 366/HD 43",
        "U",
        _(
            "Members rated 'excellent' at most this share of those rated 'good', "
            "per grassroots organization (%)"
        ),
    ),
    RuleDefault(
        "evaluation.quota_rounding",
        "floor",
        "R4.5",
        "HD 21-HD/BTCTW (2019): rounding unspecified",
        "U",
        _("Rounding of the 'excellent' quota (floor or round)"),
    ),
    RuleDefault(
        "evaluation.disciplined_member_max",
        "not_completed",
        "R4.4",
        "HD 21-HD/BTCTW (2019), QĐ 124-QĐ/TW; not seen in QĐ 366",
        "U",
        _("Highest level of a member disciplined in the year"),
    ),
    RuleDefault(
        "evaluation.self_remedied_exception",
        True,
        "R4.4",
        "QĐ 124-QĐ/TW: except violations self-detected and remedied",
        "U",
        _("A discipline flagged as self-detected and remedied does not cap the level"),
    ),
    RuleDefault(
        "evaluation.collective_disciplined_share_percent",
        20,
        "R4.4",
        "QĐ 124-QĐ/TW (collectives)",
        "U",
        _("Share of disciplined members above which an organization did not fulfil duties (%)"),
    ),
    RuleDefault(
        "evaluation.leader_not_above_collective",
        True,
        "R4.6",
        "HD 21-HD/BTCTW (2019)",
        "C",
        _("A leader's level may not be higher than the level of the collective they lead"),
    ),
    RuleDefault(
        "evaluation.probationary_max",
        "excellent",
        "R4.8",
        "HD 21-HD/BTCTW (2019): probationary members are rated like official ones",
        "U",
        _("Highest level of a probationary member"),
    ),
    # §2 member development (admissions app, issue 3, helper 3B)
    RuleDefault(
        "admission.min_general_education_grade",
        9,
        "R2.2",
        "QĐ 294/232/24-QĐ/TW §3.1 (tốt nghiệp THCS)",
        "C",
        _("Lowest general-education grade (12-year system) for admission"),
    ),
    RuleDefault(
        "admission.vote_min_share",
        [2, 3],
        "R2.3",
        "Điều lệ Đ4.3",
        "C",
        _(
            "Share of the branch's official members who must vote for admission or recognition "
            "(numerator, denominator)"
        ),
    ),
    RuleDefault(
        "admission.introducer_min_official_months",
        12,
        "R2.4",
        "unit guide (vanxuan.net): 'nên có trên 1 tuổi Đảng'; not in the regulation",
        "U",
        _("Months an introducer has been an official member (0: no requirement)"),
    ),
    RuleDefault(
        "recognition.max_failed_votes",
        3,
        "R2.11",
        "QĐ 24-QĐ/TW §4.2.1",
        "C",
        _("Failed recognition votes after which the superior committee decides"),
    ),
    RuleDefault(
        "readmission.after_conviction_months",
        60,
        "R2.12",
        "QĐ 232-QĐ/TW §3.5",
        "C",
        _("Months after an expunged conviction before re-admission"),
    ),
    RuleDefault(
        "readmission.refused_reasons",
        ["abandoned_activity", "applied_to_leave", "disunity", "corruption_or_serious_crime"],
        "R2.12",
        "QĐ 232-QĐ/TW §3.5",
        "C",
        _("Ways of leaving the party that exclude re-admission"),
    ),
)

BY_KEY: dict[str, RuleDefault] = {d.key: d for d in DEFAULTS}


def default_values() -> dict[str, Any]:
    return {d.key: d.value for d in DEFAULTS}
