"""The admissions app's rule-profile defaults: the value of every number its rules use, with the
rule id and the regulation it comes from (shared/domain/rules.md). The values in force are read
from the dated RuleProfile; administrators change them there, never here.
Confidence: C confirmed from text, S secondary source, U unconfirmed (configurable).
"""

from django.utils.translation import gettext_lazy as _

from dangvu.admissions.choices import LeavingReason
from dangvu.core.rule_defaults import RuleDefault

DEFAULTS: tuple[RuleDefault, ...] = (
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
        _("HD 01-HD/TW (secondary)"),
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
        fraction=True,
    ),
    RuleDefault(
        "admission.introducer_min_official_months",
        0,
        "R2.4",
        _("not in QĐ 24/232 (a unit guide recommends 12: 'nên có trên 1 tuổi Đảng')"),
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
        choices=dict(LeavingReason.choices),
    ),
)
