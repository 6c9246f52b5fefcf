"""The steps of R4.7: self-assessment, the branch's proposal, the decision, a reopening.

Each step checks who acts (the member; the branch; the deciding committee), the cycle's dates
and the rules, writes in one transaction and appends an EvaluationRecord per row. A step that
fails any check raises ValidationError/PermissionDenied and changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from auditlog.context import auditlog_value, set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.organizations.models import Organization

from .. import rules
from ..choices import Action, EvaluationStep, Framework, Rating
from ..models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation
from ..rules import transitions
from ..rules.transitions import PROPOSE, SELF_ASSESS, require_window, step_allows
from .base import check_rating, record, require_acts_for, today

PROPOSAL_FIELDS = ("proposed_rating", "proposed_reason", "proposed_at", "proposed_by", "step")
DECISION_FIELDS = (
    "rating",
    "decided_reason",
    "decision_number",
    "decided_at",
    "decided_by",
    "deciding_organization",
    "step",
    "flags",
    "draft_rating",
    "drafted_at",
    "drafted_by",
)
TENTH = Decimal("0.1")


def _points(raw: Any, criterion: rules.Criterion) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {f"score_{criterion.key}": _("Enter a number of points.")}, code="invalid"
        ) from None
    if not value.is_finite() or value < 0 or value > criterion.max_points:
        raise ValidationError(
            {
                f"score_{criterion.key}": _("Enter between 0 and %(max)s points.")
                % {"max": criterion.max_points}
            },
            code="range",
        )
    if value != value.quantize(TENTH):
        raise ValidationError(
            {f"score_{criterion.key}": _("Use at most one decimal place.")}, code="invalid"
        )
    return value


def _fill_self(
    row: MemberEvaluation | OrganizationEvaluation,
    *,
    uses_points: bool,
    scores: dict[str, Any] | None,
    conditions: dict[str, Any] | None,
    rating: str | None,
    text: str,
    values: dict,
) -> None:
    """R4.3: per-criterion points (general ≤ 30, tasks ≤ 70), the total and the level it
    proposes with the conditions; years before QĐ 366 pick the level only."""
    text = (text or "").strip()
    if len(text) > 5000:
        raise ValidationError({"self_text": _("Keep the text under 5000 characters.")})
    if not uses_points:
        if not rating:
            raise ValidationError({"self_rating": _("Choose one of the four levels.")})
        row.self_rating = check_rating(rating, "self_rating")
        row.self_scores, row.self_general, row.self_tasks, row.self_total = {}, None, None, None
        row.self_text = text
        return
    criteria = rules.CRITERIA[Framework(row.framework)]
    scores = scores or {}
    unknown = set(scores) - {c.key for c in criteria}
    if unknown:
        raise ValidationError(
            {"scores": _("Unknown criteria: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}}
        )
    missing = [c for c in criteria if scores.get(c.key) in (None, "")]
    if missing:
        raise ValidationError(
            {f"score_{c.key}": _("Enter the points of this criterion.") for c in missing}
        )
    points = {c.key: _points(scores[c.key], c) for c in criteria}
    general = sum((points[c.key] for c in criteria if c.part == rules.GENERAL), Decimal(0))
    tasks = sum((points[c.key] for c in criteria if c.part == rules.TASKS), Decimal(0))
    if general > values["evaluation.general_max_points"]:
        raise ValidationError({"scores": _("The general criteria exceed their maximum.")})
    if tasks > values["evaluation.tasks_max_points"]:
        raise ValidationError({"scores": _("The task results exceed their maximum.")})
    wanted = rules.conditions_for(row.framework)
    chosen = {key: bool((conditions or {}).get(key)) for key in wanted}
    total = general + tasks
    row.self_scores = {
        **{key: float(value) for key, value in points.items()},
        **{f"cond.{key}": value for key, value in chosen.items()},
    }
    row.self_general, row.self_tasks, row.self_total = general, tasks, total
    row.self_rating = rules.level_from_points(total, chosen, row.framework, values)
    row.self_text = text


def _write(model, rows: list, fields: tuple[str, ...], profile) -> None:
    """Save the step's fields of many rows: one UPDATE per distinct set of values (a list has
    a few levels and warnings), much faster than bulk_update's CASE per row and field."""
    groups: dict[tuple, list[int]] = {}
    for row in rows:
        key = tuple(
            json.dumps(getattr(row, f), sort_keys=True) if f == "flags" else getattr(row, f)
            for f in fields
        )
        groups.setdefault(key, []).append(row.pk)
    now = timezone.now()
    for key, ids in groups.items():
        values = dict(zip(fields, key, strict=True))
        if "flags" in values:
            values["flags"] = json.loads(values["flags"])
        model.objects.filter(pk__in=ids).update(
            **values, rule_profile=profile, version=F("version") + 1, updated_at=now
        )


@contextlib.contextmanager
def _actor(user):
    """django-auditlog's actor for a save made by a service. Inside a request the middleware
    has set one already: restore its context afterwards (set_actor does not)."""
    outer = auditlog_value.get(None)
    try:
        with set_actor(user):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def _lock(model, pk: int):
    return model.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=pk)


@transaction.atomic
def self_assess(
    *,
    user,
    evaluation: MemberEvaluation,
    scores: dict[str, Any] | None = None,
    conditions: dict[str, Any] | None = None,
    rating: str | None = None,
    text: str = "",
    on: dt.date | None = None,
) -> MemberEvaluation:
    """R4.7 step 1 (HD 43 forms 2A/2B/2C): the member scores themself once, within the dates."""
    on = today(on)
    if not (user.is_authenticated and user.member_id == evaluation.member_id):
        raise PermissionDenied(_("Only the member assesses themself."))
    row = _lock(MemberEvaluation, evaluation.pk)
    cycle = row.cycle
    require_window(cycle, SELF_ASSESS, on)
    if row.excluded:
        raise ValidationError(_("You are not rated this year (R4.8)."), code="excluded")
    if not step_allows(row, SELF_ASSESS):
        raise ValidationError(_("You have already assessed yourself."), code="done")
    profile, values = rules.cycle_values(cycle, on)
    _fill_self(
        row,
        uses_points=cycle.uses_points,
        scores=scores,
        conditions=conditions,
        rating=rating,
        text=text,
        values=values,
    )
    row.step, row.self_at, row.self_by = EvaluationStep.SELF, timezone.now(), user
    row.rule_profile, row.version = profile, row.version + 1
    row.save()
    record(row, Action.SELF, user, rating=row.self_rating, points=row.self_total).save()
    return row


@transaction.atomic
def self_assess_organization(
    *,
    user,
    evaluation: OrganizationEvaluation,
    scores: dict[str, Any] | None = None,
    conditions: dict[str, Any] | None = None,
    rating: str | None = None,
    text: str = "",
    on: dt.date | None = None,
) -> OrganizationEvaluation:
    """R4.7 step 1 for a collective (HD 43 form 01): the branch or grassroots committee."""
    on = today(on)
    require_acts_for(
        user, evaluation.organization, _("Only the organization's committee assesses it.")
    )
    row = _lock(OrganizationEvaluation, evaluation.pk)
    cycle = row.cycle
    require_window(cycle, SELF_ASSESS, on)
    if not step_allows(row, SELF_ASSESS):
        raise ValidationError(_("This organization has already assessed itself."), code="done")
    profile, values = rules.cycle_values(cycle, on)
    _fill_self(
        row,
        uses_points=cycle.uses_points,
        scores=scores,
        conditions=conditions,
        rating=rating,
        text=text,
        values=values,
    )
    row.step, row.self_at, row.self_by = EvaluationStep.SELF, timezone.now(), user
    row.rule_profile, row.version = profile, row.version + 1
    row.save()
    record(row, Action.SELF, user, rating=row.self_rating, points=row.self_total).save()
    return row


def _reason(value: str) -> str:
    value = (value or "").strip()
    if len(value) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2000 characters.")})
    return value


@transaction.atomic
def propose(
    *,
    user,
    branch: Organization,
    cycle: EvaluationCycle,
    proposals: dict[int, tuple[str, str]],
    on: dt.date | None = None,
) -> int:
    """R4.7 step 2: the branch meets and proposes a level for each of its members (rows left
    out keep their state). A proposal may be changed until the branch's deadline."""
    on = today(on)
    require_acts_for(user, branch, _("Only the member's branch proposes a level."))
    require_window(cycle, PROPOSE, on)
    if not proposals:
        raise ValidationError(_("Choose a level for at least one member."), code="empty")
    rows = list(
        MemberEvaluation.objects.select_for_update(of=("self",))
        .select_related("member")
        .filter(cycle=cycle, pk__in=list(proposals))
    )
    if len(rows) != len(proposals) or any(r.organization_id != branch.pk for r in rows):
        raise PermissionDenied(_("Some of these members are not in your branch's list."))
    errors = []
    now = timezone.now()
    profile, _values_ = rules.cycle_values(cycle, on)
    records = []
    for row in rows:
        rating, reason = proposals[row.pk]
        error = _row_errors(row, rating, row.member.full_name, PROPOSE)
        if error:
            errors.append(error)
            continue
        row.proposed_rating, row.proposed_reason = rating, _reason(reason)
        row.proposed_at, row.proposed_by = now, user
        row.step = transitions.TRANSITIONS[PROPOSE].target
        records.append(record(row, Action.PROPOSED, user, rating=rating, reason=reason))
    if errors:
        raise ValidationError(errors)
    _write(MemberEvaluation, rows, PROPOSAL_FIELDS, profile)
    EvaluationRecord.objects.bulk_create(records, batch_size=500)
    return len(rows)


def _row_errors(row, rating: str, name: str, action: str) -> str | None:
    """Why a row of a list cannot take `action` (propose or decide) with `rating`."""
    if rating not in Rating.values:
        return _("%(name)s: choose one of the four levels.") % {"name": name}
    if getattr(row, "excluded", False):
        return _("%(name)s: not rated this year (R4.8).") % {"name": name}
    if not step_allows(row, action):
        return _("%(name)s: already decided; reopen the rating to change it.") % {"name": name}
    return None
