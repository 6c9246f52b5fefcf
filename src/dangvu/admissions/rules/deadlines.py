"""The dates the rules derive from a candidate's file (shown on their page and step forms), each
computed with the rule profile in force on the day it counts from."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ..choices import Stage
from .probation import probation_end, recognition_consider_deadline
from .profile import in_force
from .regulations import ceremony_deadline, decision_deadline


def candidate_deadlines(candidate) -> list[tuple[str, dt.date, str]]:
    """The dates the rules derive from the file so far (label, date, rule id)."""
    rows: list[tuple[str, dt.date, str]] = []
    if candidate.vote_on and candidate.stage == Stage.VOTED:
        _p, values = in_force(candidate.vote_on)
        rows.append((_("Decision due by"), decision_deadline(candidate.vote_on, values), "R2.7"))
    decision = getattr(candidate, "decision", None)
    if decision is not None and candidate.stage == Stage.DECIDED:
        _p, values = in_force(decision.received_on)
        rows.append((_("Ceremony due by"), ceremony_deadline(decision.received_on, values), "R2.9"))
    if candidate.ceremony_on:
        _p, values = in_force(candidate.ceremony_on)
        end = probation_end(candidate.ceremony_on, values)
        rows.append((_("End of probation"), end, "R2.10"))
        if candidate.stage == Stage.ADMITTED:
            rows.append(
                (
                    _("Recognition to consider by"),
                    recognition_consider_deadline(end, in_force(end)[1]),
                    "R2.11",
                )
            )
    if candidate.certificate_valid_until and candidate.is_open:
        rows.append((_("Certificate valid until"), candidate.certificate_valid_until, "R2.6"))
    return rows


def probation_until(candidate, today: dt.date) -> dt.date | None:
    """R2.10: the end of an admitted candidate's probation while it lasts (nothing is decided
    about them before that day), else None."""
    if candidate.stage != Stage.ADMITTED or not candidate.ceremony_on:
        return None
    end = probation_end(candidate.ceremony_on, in_force(candidate.ceremony_on)[1])
    return end if end > today else None
