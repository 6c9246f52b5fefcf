"""PostgreSQL only: `varchar_pattern_ops` indexes for the materialized-path columns that a
scope queries by prefix (PG's default collation cannot use a plain b-tree for LIKE 'p%';
core.scope uses LIKE there, SQLite a range). For migrations:

    operations = [pattern_ops_indexes(("meetings_meeting", "org_path"), ...)]

tests/core/test_path_indexes.py lists the columns from the models and checks the indexes."""

from __future__ import annotations

from django.db import migrations


def _name(table: str, column: str) -> str:
    return f"{table}_{column}_pattern"[:63]


def pattern_ops_indexes(*columns: tuple[str, str]) -> migrations.RunPython:
    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {_name(table, column)} ON {table} "
                f"({column} varchar_pattern_ops)"
            )

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {_name(table, column)}")

    return migrations.RunPython(forward, backward)
