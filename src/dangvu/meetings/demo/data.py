"""The demo's fixed material (reasons, topics, agenda, tasks) and its raw batched writer."""

from __future__ import annotations

from django.db import connection

from ..models import Meeting

MONTHS = 36
CHUNK = 20_000
FLUSH = 250_000  # attendance rows kept in memory before writing
REASONS = ["Ốm", "Đi công tác", "Việc gia đình", "Đi làm ăn xa", "Con ốm", "Trực cơ quan", "Đi học"]
TOPICS = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Nâng cao chất lượng sinh hoạt chi bộ",
    "Xây dựng nông thôn mới, đô thị văn minh",
    "Phòng, chống tham nhũng, tiêu cực",
    "Đảm bảo an ninh trật tự ở cơ sở",
    "Chuyển đổi số trong công tác đảng",
    "Phát huy vai trò tiên phong, gương mẫu của đảng viên",
    "Công tác dân vận của chi bộ",
    "Học tập Nghị quyết Đại hội Đảng bộ các cấp",
    "Bảo vệ nền tảng tư tưởng của Đảng",
]
AGENDA = (
    "Đánh giá kết quả thực hiện nhiệm vụ tháng\n"
    "Phổ biến văn bản của cấp trên\n"
    "Thảo luận, quyết định nhiệm vụ tháng tới"
)
TASK_TITLES = [
    "Vận động nhân dân tham gia làm đường giao thông",
    "Nắm tình hình tư tưởng đảng viên",
    "Hoàn thành thu đảng phí",
    "Chuẩn bị nội dung sinh hoạt chuyên đề",
    "Kiểm tra việc thực hiện nghị quyết tháng trước",
]


class Writer:
    """Raw batched INSERTs with values adapted as Django would (both engines)."""

    def __init__(self) -> None:
        ops = connection.ops
        self.adapt_dt = ops.adapt_datetimefield_value
        self.adapt_date = ops.adapt_datefield_value
        self.json_field = Meeting._meta.get_field("minutes_items")

    def json(self, value):
        return self.json_field.get_db_prep_save(value, connection)

    def insert(self, model, columns: list[str], rows: list[tuple]) -> int:
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), CHUNK):
                cursor.executemany(sql, rows[start : start + CHUNK])
        return len(rows)

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")
            return (cursor.fetchone()[0] or 0) + 1


MEETING_COLUMNS = [
    "id", "created_at", "updated_at", "version", "organization_id", "org_path", "kind", "topic",
    "scheduled_at", "planned_end_at", "date", "year", "month", "place", "agenda", "status",
    "notice_sent_at", "documents_posted_at", "started_at", "ended_at", "chair_id",
    "minute_taker_id", "guests", "minutes_items", "conclusions", "minutes_recorded_at",
    "present_count", "excused_count", "absent_count", "eligible_count", "quality_score",
    "quality_rating", "quality_details", "quality_profile_id", "scored_at",
]  # fmt: skip
