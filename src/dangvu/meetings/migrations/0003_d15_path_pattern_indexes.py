"""PostgreSQL only: pattern-ops indexes on the path columns scopes query by prefix
(issue 15; core/pattern_ops.py)."""

from django.db import migrations

from dangvu.core.pattern_ops import pattern_ops_indexes


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_attendance_summary")]
    operations = [
        pattern_ops_indexes(
            ("meetings_attendancesummary", "org_path"),
            ("meetings_meeting", "org_path"),
            ("meetings_task", "org_path"),
            ("meetings_visit", "committee_path"),
            ("meetings_visit", "org_path"),
            ("meetings_visitduty", "org_path"),
        )
    ]
