"""PostgreSQL only: pattern-ops indexes on the path columns scopes query by prefix
(issue 15; core/pattern_ops.py)."""

from django.db import migrations

from dangvu.core.pattern_ops import pattern_ops_indexes


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0004_d14_decision_draft")]
    operations = [
        pattern_ops_indexes(
            ("evaluations_evaluationrecord", "org_path"),
            ("evaluations_memberevaluation", "org_path"),
            ("evaluations_organizationevaluation", "org_path"),
        )
    ]
