"""The members app's rule-profile defaults: the value of every number its rules use, with the
rule id and the regulation it comes from (shared/domain/rules.md). The values in force are read
from the dated RuleProfile; administrators change them there, never here.
Confidence: C confirmed from text, S secondary source, U unconfirmed (configurable).
"""

from django.utils.translation import gettext_lazy as _

from dangvu.core.rule_defaults import RuleDefault

DEFAULTS: tuple[RuleDefault, ...] = (
    RuleDefault(
        "transfer.report_days",
        30,
        "R9.3",
        _("QĐ 24-QĐ/TW §6.3 (secondary)"),
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
        "removal.no_progress_months",
        12,
        "R6.7",
        _("QĐ 29 §8.1 (declining will, no progress after education)"),
        "C",
        _("Months after the branch's education without progress that ground a removal"),
    ),
    RuleDefault(
        "removal.standards_violation_years",
        2,
        "R6.7",
        _("QĐ 29 §8.1 (violating member standards in consecutive years)"),
        "C",
        _("Consecutive years of violated member standards that ground a removal"),
    ),
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
        _("QĐ 24-QĐ/TW §4.5 (reading of 'gián đoạn do chuyển sinh hoạt')"),
        "U",
        _("Days of a transfer not counted as a gap in party age"),
    ),
    RuleDefault(
        "residence.comments_due_month",
        11,
        "R5.4",
        _("QĐ 213-QĐ/TW Đ3.4 (evaluation season, local practice)"),
        "U",
        _("Month by whose first day the residence branch's yearly comments are due"),
    ),
    RuleDefault(
        "residence.comments_warn_days",
        30,
        "R5.4",
        _("local setting"),
        "U",
        _("Days before the due date when missing residence comments appear on the work list"),
    ),
)
