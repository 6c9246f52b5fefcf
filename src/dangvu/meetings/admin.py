"""Django admin (superusers only): meetings and visit duties, for repairs. Attendance rows are
edited through the roll call, never here (millions of rows)."""

from django.contrib import admin

from .models import Meeting, MeetingResolution, Task, Visit, VisitDuty


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = (
        "organization",
        "kind",
        "scheduled_at",
        "status",
        "present_count",
        "eligible_count",
    )
    list_filter = ("kind", "status", "year")
    list_select_related = ("organization",)
    raw_id_fields = ("organization", "chair", "minute_taker", "notified", "quality_profile")
    readonly_fields = ("org_path", "date", "year", "month")
    show_full_result_count = False
    date_hierarchy = "scheduled_at"


@admin.register(VisitDuty)
class VisitDutyAdmin(admin.ModelAdmin):
    list_display = ("member", "committee", "branch", "valid_from", "valid_to")
    raw_id_fields = ("committee", "member", "branch")
    list_select_related = ("member", "committee", "branch")


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("member", "committee", "level", "date")
    raw_id_fields = ("meeting", "member", "committee")
    list_select_related = ("member", "committee")
    show_full_result_count = False


@admin.register(MeetingResolution)
class MeetingResolutionAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting")
    raw_id_fields = ("meeting", "followed_up_at")
    show_full_result_count = False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "assignee", "due_on", "done_on")
    raw_id_fields = ("meeting", "organization", "assignee", "followed_up_at")
    list_select_related = ("organization", "assignee")
    show_full_result_count = False
