"""Reorganization services (sắp xếp tổ chức, rules.md R1.7 and §1b): merge, split, dissolve,
re-parent and re-classify organizations in one atomic, effective-dated operation.

`reorganize(user, plan, effective_on, ...)` runs the plan's operations in order inside one
transaction; `preview(...)` runs exactly the same code and rolls it back, so the preview shows
what will change (and refuses what would be refused) without writing anything.

What a run does:
- the current tree (treebeard) is changed; the dated OrganizationLinks are closed and opened on
  the effective date, so the tree of any earlier date (and its reports) stays as it was;
- after a move the materialized paths of the subtree change: every denormalized organization
  path (a CharField named `org_path` or ending in `_org_path`, in any dangvu app) is rewritten
  in one UPDATE per field;
- members of merged or split branches move with the effective date: placements closed and
  opened that day and a REORGANIZED event each, which is no gap in party age (§12 case 26);
  the members app does it (`hooks.move_members`, provided by `members.reorganization`);
- dissolved organizations stay in the tree with `dissolved_on` and their history.

A plan is JSON: {"operations": [op, ...]} with ops
  {"op": "reparent", "organizations": [id, ...], "parent": id}
  {"op": "dissolve", "organizations": [id, ...]}
  {"op": "merge", "sources": [id, ...], "target": id}
  {"op": "split", "source": id, "dissolve_source": bool,
   "parts": [{"name": str, "code": str, "kind": str, "parent": id | null,
              "members": [id, ...], "children": [id, ...]}]}
  {"op": "reclassify", "organizations": [id, ...], "kind": str, "parent": id | null}
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ReorganizationKind
from ..models import Reorganization
from .operations import Run
from .paths import path_fields, rewrite_paths

__all__ = ["path_fields", "preview", "reorganize", "rewrite_paths"]


def _check_effective_on(effective_on: dt.date | None) -> None:
    if effective_on is None:
        raise ValidationError({"effective_on": _("Enter the date.")}, code="required")
    if effective_on > timezone.localdate():
        raise ValidationError(
            {"effective_on": _("Run a reorganization on or after its effective date.")},
            code="future",
        )


def _execute(user, plan, effective_on, kind, decision) -> tuple[Reorganization, dict]:
    if kind not in ReorganizationKind.values:
        raise ValidationError({"kind": _("Choose the kind of reorganization.")}, code="required")
    _check_effective_on(effective_on)
    if decision.get("decision_date") and decision["decision_date"] > timezone.localdate():
        raise ValidationError({"decision_date": _("The date is in the future.")}, code="future")
    record = Reorganization.objects.create(
        kind=kind,
        effective_on=effective_on,
        plan=plan if isinstance(plan, dict) else {},
        recorded_by=user if getattr(user, "pk", None) else None,
        org_path="",
        **decision,
    )
    run = Run(user, effective_on, record)
    summary = run.run(plan)
    record.summary = summary
    record.org_path = run.scope_path()
    record.save(update_fields=["summary", "org_path"])
    return record, summary


@transaction.atomic
def reorganize(
    user,
    plan: dict,
    effective_on: dt.date,
    kind: str,
    *,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    decision_body: str = "",
    note: str = "",
) -> Reorganization:
    """Run the plan atomically (all operations or none) and keep its record."""
    decision = {
        "decision_number": decision_number,
        "decision_date": decision_date,
        "decision_body": decision_body,
        "note": note,
    }
    record, _summary = _execute(user, plan, effective_on, kind, decision)
    return record


def preview(user, plan: dict, effective_on: dt.date, kind: str, **decision) -> dict[str, Any]:
    """What `reorganize` would change, computed by running it and rolling it back: no writes.
    Raises the same ValidationError/PermissionDenied the real run would."""
    decision = {
        "decision_number": decision.get("decision_number", ""),
        "decision_date": decision.get("decision_date"),
        "decision_body": decision.get("decision_body", ""),
        "note": decision.get("note", ""),
    }
    with transaction.atomic():
        _record, summary = _execute(user, plan, effective_on, kind, decision)
        transaction.set_rollback(True)
    return summary
