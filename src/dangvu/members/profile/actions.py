"""The actions on a member: one page each (URL suffix, URL name, view), offered in the
profile's menu when the member's transition table allows them (`rules.transitions.MEMBER`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ..discipline.views import DisciplineCaseView, DisciplineView
from ..events import views as events
from ..events.views import MemberActionView
from ..member.models import Member
from ..residence.views import ResidenceAddView
from ..rules.transitions import MEMBER, applies
from ..transfer.views import TransferIssueView

MEMBER_ACTIONS: list[tuple[str, str, type[MemberActionView]]] = [
    ("transfer/", "transfer", TransferIssueView),
    ("away/", "away", events.AwayStartView),
    ("away/end/", "away_end", events.AwayEndView),
    ("exempt/", "exempt", events.ExemptView),
    ("exempt/end/", "exempt_end", events.ExemptEndView),
    ("residence/", "residence_add", ResidenceAddView),
    ("discipline/", "discipline", DisciplineView),
    ("discipline/case/", "discipline_case", DisciplineCaseView),
    ("strike-off/", "strike_off", events.StrikeOffView),
    ("leave/", "leave", events.LeaveView),
    ("death/", "death", events.DeathView),
    ("restore/", "restore", events.RestoreView),
]


def actions_for(member: Member) -> list[dict[str, Any]]:
    """The menu entries that apply to the member now."""
    return [
        {
            "url": reverse(f"members:{name}", args=[member.pk]),
            "label": view.title,
            "icon": view.icon,
            "danger": MEMBER[name].danger,
        }
        for _suffix, name, view in MEMBER_ACTIONS
        if applies(MEMBER, name, member)
    ]
