"""PostgreSQL only: pattern-ops indexes on the path columns scopes query by prefix
(issue 15; core/pattern_ops.py)."""

from django.db import migrations

from dangvu.core.pattern_ops import pattern_ops_indexes


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial")]
    operations = [
        pattern_ops_indexes(
            ("imports_importrun", "org_path"),
        )
    ]
