"""PostgreSQL only: pattern-ops indexes on the path columns scopes query by prefix
(issue 15; core/pattern_ops.py)."""

from django.db import migrations

from dangvu.core.pattern_ops import pattern_ops_indexes


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_reorganization")]
    operations = [
        pattern_ops_indexes(
            ("organizations_reorganization", "org_path"),
        )
    ]
