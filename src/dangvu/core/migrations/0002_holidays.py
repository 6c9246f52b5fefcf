"""Vietnamese public holidays 2024–2026 as announced (Tết and bridge days included).
Administrators add later years on the calendar page."""

import datetime as dt

from django.db import migrations

HOLIDAYS = [
    ("2024-01-01", "Tết Dương lịch"),
    *[(f"2024-02-{d:02d}", "Tết Nguyên đán") for d in (8, 9, 12, 13, 14)],
    ("2024-04-18", "Giỗ Tổ Hùng Vương"),
    ("2024-04-29", "Nghỉ bù 30/4–1/5"),
    ("2024-04-30", "Ngày Giải phóng miền Nam"),
    ("2024-05-01", "Quốc tế Lao động"),
    ("2024-09-02", "Quốc khánh"),
    ("2024-09-03", "Quốc khánh"),
    ("2025-01-01", "Tết Dương lịch"),
    *[(f"2025-01-{d:02d}", "Tết Nguyên đán") for d in (27, 28, 29, 30, 31)],
    ("2025-04-07", "Giỗ Tổ Hùng Vương"),
    ("2025-04-30", "Ngày Giải phóng miền Nam"),
    ("2025-05-01", "Quốc tế Lao động"),
    ("2025-05-02", "Nghỉ bù 30/4–1/5"),
    ("2025-09-01", "Quốc khánh"),
    ("2025-09-02", "Quốc khánh"),
    ("2026-01-01", "Tết Dương lịch"),
    *[(f"2026-02-{d:02d}", "Tết Nguyên đán") for d in (16, 17, 18, 19, 20)],
    ("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ("2026-04-30", "Ngày Giải phóng miền Nam"),
    ("2026-05-01", "Quốc tế Lao động"),
    ("2026-09-01", "Quốc khánh"),
    ("2026-09-02", "Quốc khánh"),
]


def load(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    Holiday.objects.bulk_create(
        [Holiday(date=dt.date.fromisoformat(d), name=n) for d, n in HOLIDAYS],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    Holiday.objects.filter(date__in=[dt.date.fromisoformat(d) for d, _ in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
