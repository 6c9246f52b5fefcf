"""PostgreSQL only: unaccent/pg_trgm, a trigram index for name search and pattern-ops indexes
for subtree prefixes (PG's default collation cannot use a plain index for LIKE 'p%')."""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS member_name_key_trgm ON members_member "
    "USING gin (name_key gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS member_org_path_pattern ON members_member "
    "(org_path varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS org_path_pattern ON organizations_organization "
    "(path varchar_pattern_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS member_name_key_trgm",
    "DROP INDEX IF EXISTS member_org_path_pattern",
    "DROP INDEX IF EXISTS org_path_pattern",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_initial"),
        ("organizations", "0001_initial"),
    ]
    operations = [
        CreateExtension("unaccent"),
        CreateExtension("pg_trgm"),
        migrations.RunPython(forward, backward),
    ]
