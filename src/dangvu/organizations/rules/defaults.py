"""The organizations app's rule-profile defaults: the value of every number its rules use, with the
rule id and the regulation it comes from (shared/domain/rules.md). The values in force are read
from the dated RuleProfile; administrators change them there, never here.
Confidence: C confirmed from text, S secondary source, U unconfirmed (configurable).
"""

from django.utils.translation import gettext_lazy as _

from dangvu.core.rule_defaults import RuleDefault

DEFAULTS: tuple[RuleDefault, ...] = (
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
)
