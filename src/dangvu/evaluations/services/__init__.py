"""Every write of the evaluations app (rules.md §4): cycles, the steps of R4.7, their checks."""

from .base import (
    acts_for,
    deciding_organization,
    grassroots_of,
    may_decide,
    may_propose,
)
from .cycles import close_cycle, cycles_for, open_cycle
from .decisions import decide, decide_one, reopen
from .steps import propose, self_assess, self_assess_organization

__all__ = [
    "acts_for",
    "close_cycle",
    "cycles_for",
    "decide",
    "decide_one",
    "deciding_organization",
    "grassroots_of",
    "may_decide",
    "may_propose",
    "open_cycle",
    "propose",
    "reopen",
    "self_assess",
    "self_assess_organization",
]
