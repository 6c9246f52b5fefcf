"""Every write of the evaluations app (rules.md §4): cycles, the steps of R4.7, their checks;
and who may take each step (`allowed_actions`, read from rules/transitions.py)."""

from .base import (
    acts_for,
    allowed_actions,
    cycle_actions,
    decides_grassroots,
    deciding_organization,
    grassroots_of,
    may_act_on_list,
    may_close,
    may_decide,
    may_decide_grassroots_list,
    may_decide_list,
    may_propose,
    may_self_assess,
)
from .cycles import close_cycle, cycles_for, may_open_cycles, open_cycle
from .decisions import decide, decide_one, reopen
from .drafts import accept_proposals, issue_decision, save_draft
from .steps import propose, self_assess, self_assess_organization

__all__ = [
    "accept_proposals",
    "acts_for",
    "allowed_actions",
    "close_cycle",
    "cycle_actions",
    "cycles_for",
    "decide",
    "decide_one",
    "decides_grassroots",
    "deciding_organization",
    "grassroots_of",
    "issue_decision",
    "may_act_on_list",
    "may_close",
    "may_decide",
    "may_decide_grassroots_list",
    "may_decide_list",
    "may_open_cycles",
    "may_propose",
    "may_self_assess",
    "open_cycle",
    "propose",
    "reopen",
    "save_draft",
    "self_assess",
    "self_assess_organization",
]
