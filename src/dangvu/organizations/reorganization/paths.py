"""Denormalized organization paths: after a subtree moves, every copy of its paths follows."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from dangvu.core.scope import subtree_q


def path_fields() -> list[tuple[type[models.Model], str]]:
    """Every denormalized organization path: CharFields named `org_path` or `*_org_path`."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("dangvu.") or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and (
                field.name == "org_path" or field.name.endswith("_org_path")
            ):
                found.append((model, field.name))
    return found


def rewrite_paths(old: str, new: str) -> int:
    """After a subtree moved from `old` to `new`: one UPDATE per denormalized path field."""
    changed = 0
    for model, name in path_fields():
        changed += model._base_manager.filter(subtree_q(name, old)).update(
            **{name: Concat(Value(new), Substr(name, len(old) + 1))}
        )
    return changed
