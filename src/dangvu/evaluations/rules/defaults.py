"""The evaluations app's rule-profile defaults: the value of every number its rules use, with the
rule id and the regulation it comes from (shared/domain/rules.md). The values in force are read
from the dated RuleProfile; administrators change them there, never here.
Confidence: C confirmed from text, S secondary source, U unconfirmed (configurable).
"""

from django.utils.translation import gettext_lazy as _

from dangvu.core.rule_defaults import RuleDefault
from dangvu.evaluations.choices import Rating

# How the 'excellent' quota is rounded (regulations.excellent_quota reads the code).
ROUNDING = {"floor": _("rounded down"), "round": _("rounded to the nearest whole number")}

DEFAULTS: tuple[RuleDefault, ...] = (
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
        _("HD 21-HD/BTCTW (2019); not seen in QĐ 366/HD 43"),
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
        _("HD 21-HD/BTCTW (2019): rounding unspecified"),
        "U",
        _("Rounding of the 'excellent' quota"),
        choices=ROUNDING,
    ),
    RuleDefault(
        "evaluation.disciplined_member_max",
        "not_completed",
        "R4.4",
        _("HD 21-HD/BTCTW (2019), QĐ 124-QĐ/TW; not seen in QĐ 366"),
        "U",
        _("Highest level of a member disciplined in the year"),
        choices=dict(Rating.choices),
    ),
    RuleDefault(
        "evaluation.self_remedied_exception",
        True,
        "R4.4",
        _("QĐ 124-QĐ/TW: except violations self-detected and remedied"),
        "U",
        _("A discipline flagged as self-detected and remedied does not cap the level"),
    ),
    RuleDefault(
        "evaluation.collective_disciplined_share_percent",
        20,
        "R4.4",
        _("QĐ 124-QĐ/TW (collectives)"),
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
        _("HD 21-HD/BTCTW (2019): probationary members are rated like official ones"),
        "U",
        _("Highest level of a probationary member"),
        choices=dict(Rating.choices),
    ),
)
