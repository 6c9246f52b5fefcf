"""Three years of branch meetings for the demo province.

Every branch meets monthly (a few months missed, more in weak branches), holds a thematic
meeting most quarters (often combined with the regular one), and branches with a committee hold
committee meetings; attendance averages ~93% with weak branches and a few members who stopped
coming; minutes, resolutions and tasks; higher-level committee members visit branches as their
level requires (some fall behind).

At province scale this is ~190,000 meetings and ~4 million attendance rows, so the rows are
planned in memory with their denormalized counts and written with raw multi-row INSERTs
(`executemany`), not model instances: bulk_create of 4 million objects would take minutes. No
signal or audit entry is written per row (STACK-NOTES).
"""

from __future__ import annotations

from .history import MeetingHistory


def generate(generator) -> dict[str, int]:
    history = MeetingHistory(generator)
    counts = history.run()
    generator.timings.update({f"meetings.{k}": v for k, v in history.timings.items()})
    return counts


__all__ = ["MeetingHistory", "generate"]
