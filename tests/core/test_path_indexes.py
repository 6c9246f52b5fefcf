"""Issue 15 item 7: every materialized-path column a scope queries by prefix has a
`varchar_pattern_ops` index on PostgreSQL (PG's default collation cannot use a plain b-tree
for LIKE 'p%'; core.scope uses LIKE there). The columns are listed from the models, so a new
scoped model without its index fails here."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection

from dangvu.core.scope import ScopedQuerySet

# Prefix-queried path columns that are not a ScopedQuerySet's scope field.
EXTRA = {("meetings.Visit", "committee_path")}


def path_columns() -> set[tuple[str, str]]:
    found = set()
    for model in apps.get_models():
        queryset = model._default_manager.get_queryset()
        if isinstance(queryset, ScopedQuerySet) and model.__module__.startswith("dangvu."):
            name = queryset.scope_path_field
            if "__" in name:  # a path reached through a relation lives on the other table
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:  # the queryset scopes another way (its own visible_to)
                continue
            found.add((model._meta.db_table, field.column))
    for label, column in EXTRA:
        found.add((apps.get_model(label)._meta.db_table, column))
    return found


def test_the_scoped_models_are_found():
    tables = {table for table, _column in path_columns()}
    assert {"members_member", "organizations_organization", "meetings_meeting"} <= tables


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")
def test_every_path_column_has_a_pattern_ops_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        indexes = cursor.fetchall()
    missing = []
    for table, column in sorted(path_columns()):
        if not any(
            t == table and f"({column} varchar_pattern_ops)" in definition
            for t, definition in indexes
        ):
            missing.append(f"{table}.{column}")
    assert not missing, f"no varchar_pattern_ops index on: {missing}"
