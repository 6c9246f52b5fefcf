"""PostgreSQL only: pattern-ops indexes for subtree prefixes of candidates and decisions
(PG's default collation cannot use a plain index for LIKE 'p%'; see members 0003)."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS candidate_org_path_pattern ON admissions_candidate "
    "(org_path varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS admdecision_org_path_pattern ON admissions_admissiondecision "
    "(org_path varchar_pattern_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS candidate_org_path_pattern",
    "DROP INDEX IF EXISTS admdecision_org_path_pattern",
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
    dependencies = [("admissions", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
