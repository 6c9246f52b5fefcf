"""Demo history of membership changes (issue 3), coherent with the members' current state.

Runs inside the demo transaction after the foundation is written (`generate(generator)`), with
bulk inserts only. What it adds, for a realistic province:
- the events matching what the foundation already drew: deaths, departures to other
  provinces, members working away or exempted from party work;
- where members came from: members placed in their branch after their admission arrived by a
  transfer within the province (an earlier placement, a confirmed transfer), from another
  province, or by a move inside their commune;
- transfers awaiting arrival (some past the R9.3 deadline), temporary transfers;
- members struck off, allowed to leave or expelled (one or two later restored), disciplines
  (a few in force, a few cases under consideration);
- residence contacts of members working in agencies, with their yearly comments (some
  missing for this year's evaluation season).
Every branch keeps at least 3 official members (R1.4), as the foundation guarantees.
"""

from __future__ import annotations

from .arrivals import ArrivalsMixin
from .leaving import LeavingMixin
from .residence import ResidenceMixin


class History(ArrivalsMixin, LeavingMixin, ResidenceMixin):
    """The demo history of membership changes, one mixin per part of the story."""


def generate(generator) -> dict[str, int]:
    return History(generator).run()
