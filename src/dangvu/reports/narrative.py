"""The figures section of a year-end report in sentences, the way party reports write them:
"Năm 2022, toàn tỉnh có 726 chi bộ trực thuộc đảng bộ cơ sở hoàn thành xuất sắc nhiệm vụ,
chiếm 14,92%; …". The sentence templates are English msgids translated into Vietnamese
(reports.json); numbers print as 1.561 and percentages as 14,92% / 74,4% (trailing zeros
dropped, as the documents do)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from dangvu.core.templatetags.vn import vn_number
from dangvu.organizations.choices import Kind

from .queries import Report
from .queries.organizations import branch_min_official


def percent(value: float | None) -> str:
    """14.9234 → "14,92%", 74.4 → "74,4%", 100.0 → "100%"."""
    if value is None:
        return "—"
    number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{number:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def ratio(part: int, whole: int) -> str:
    """1561, 1565 → "1.561/1.565 (99,74%)"."""
    share = f" ({percent(part * 100 / whole)})" if whole else ""
    return f"{vn_number(part)}/{vn_number(whole)}{share}"


def scope_words(report: Report) -> str:
    kind = report.scope.organization.kind
    if kind == Kind.PROVINCE_COMMITTEE:
        return _("the whole province")
    if kind in (Kind.BRANCH, Kind.BASE_BRANCH):
        return _("the branch")
    return _("the whole party organization")


def _members(report: Report, words: str) -> str:
    s = report.section("members")
    total = s.value("members.total")
    return _(
        "As of %(date)s, %(scope)s had %(total)s party members, of whom %(official)s official "
        "members (%(official_pct)s) and %(probationary)s probationary members; %(women)s women "
        "(%(women_pct)s) and %(minority)s members of ethnic minorities (%(minority_pct)s)."
    ) % {
        "date": report.scope.on.strftime("%d/%m/%Y"),
        "scope": words,
        "total": vn_number(total),
        "official": vn_number(s.value("members.official")),
        "official_pct": percent(s.figure("members.official").percent),
        "probationary": vn_number(s.value("members.probationary")),
        "women": vn_number(s.value("members.women")),
        "women_pct": percent(s.figure("members.women").percent),
        "minority": vn_number(s.value("members.minority")),
        "minority_pct": percent(s.figure("members.minority").percent),
    }


def _organizations(report: Report, words: str) -> str:
    s = report.section("organizations")
    return _(
        "The party organization has %(grassroots)s grassroots organizations and %(branches)s "
        "branches; %(small)s branches have fewer than %(min)s official members."
    ) % {
        "min": vn_number(branch_min_official(report.scope)),
        "grassroots": vn_number(s.value("organizations.grassroots")),
        "branches": vn_number(s.value("organizations.branches")),
        "small": vn_number(s.value("organizations.small_branches")),
    }


def _development(report: Report, words: str) -> str:
    s = report.section("development")
    values = {
        "year": report.scope.year,
        "scope": words,
        "admitted": vn_number(s.value("development.admitted")),
        "rate": percent(s.figure("development.rate").percent),
        "recognized": vn_number(s.value("development.recognized")),
        "target_pct": percent(s.figure("development.target_met").percent),
    }
    if s.value("development.target"):
        text = _(
            "In %(year)s, %(scope)s admitted %(admitted)s party members (%(rate)s of the "
            "members at the start of the year, %(target_pct)s of the target) and recognized "
            "%(recognized)s official members."
        )
    else:
        text = _(
            "In %(year)s, %(scope)s admitted %(admitted)s party members (%(rate)s of the "
            "members at the start of the year) and recognized %(recognized)s official members."
        )
    return text % values


def _removals(report: Report, words: str) -> str:
    s = report.section("removals")
    return _(
        "The committees struck off %(struck_off)s party members, allowed %(left)s party "
        "members to leave the Party and expelled %(expelled)s party members; %(deceased)s "
        "party members passed away."
    ) % {
        "struck_off": vn_number(s.value("removals.struck_off")),
        "left": vn_number(s.value("removals.left")),
        "expelled": vn_number(s.value("removals.expelled")),
        "deceased": vn_number(s.value("removals.deceased")),
    }


def _meetings(report: Report, words: str) -> str:
    s = report.section("meetings")
    rate = s.figure("meetings.attendance").percent
    if rate is None:
        return ""
    return _("The average attendance at branch meetings reached %(rate)s.") % {
        "rate": percent(rate)
    }


def _evaluations(report: Report, words: str) -> str:
    s = report.section("evaluations")
    if not s.value("evaluations.branches.total") and not s.value("evaluations.members.total"):
        return ""
    return _(
        "In %(year)s, %(scope)s had %(b_excellent)s branches under grassroots committees that "
        "excellently fulfilled their duties, %(b_excellent_pct)s; %(b_good)s branches that "
        "well fulfilled their duties, %(b_good_pct)s; party members who excellently fulfilled "
        "their duties were %(m_excellent_pct)s, those who well fulfilled them %(m_good_pct)s."
    ) % {
        "year": report.scope.year,
        "scope": words,
        "b_excellent": vn_number(s.value("evaluations.branches.excellent")),
        "b_excellent_pct": percent(s.figure("evaluations.branches.excellent").percent),
        "b_good": vn_number(s.value("evaluations.branches.good")),
        "b_good_pct": percent(s.figure("evaluations.branches.good").percent),
        "m_excellent_pct": percent(s.figure("evaluations.members.excellent").percent),
        "m_good_pct": percent(s.figure("evaluations.members.good").percent),
    }


def _localities(report: Report, words: str) -> str:
    s = report.section("localities")
    total = s.value("localities.total")
    if not total:
        return ""
    return _(
        "%(heads)s heads of villages and quarters are party members; %(secretaries)s branch "
        "secretaries are also heads of their village or quarter; %(white)s localities have "
        "no party member or branch yet."
    ) % {
        "heads": ratio(s.value("localities.head_member"), total),
        "secretaries": ratio(s.value("localities.secretary_head"), total),
        "white": vn_number(s.value("localities.white")),
    }


PARTS = {
    "members": _members,
    "organizations": _organizations,
    "development": _development,
    "removals": _removals,
    "meetings": _meetings,
    "evaluations": _evaluations,
    "localities": _localities,
}


def narrative(report: Report) -> list[str]:
    """One paragraph per section of the report (empty ones left out)."""
    words = scope_words(report)
    paragraphs = []
    for section in report.sections:
        text = PARTS[section.key](report, words)
        if text:
            paragraphs.append(text[0].upper() + text[1:])
    return paragraphs
