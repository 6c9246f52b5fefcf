"""PostgreSQL only: pattern-ops indexes on the path columns scopes query by prefix
(issue 15; core/pattern_ops.py)."""

from django.db import migrations

from dangvu.core.pattern_ops import pattern_ops_indexes


class Migration(migrations.Migration):
    dependencies = [("members", "0008_placement_org_to")]
    operations = [
        pattern_ops_indexes(
            ("members_discipline", "org_path"),
            ("members_memberevent", "org_path"),
        )
    ]
