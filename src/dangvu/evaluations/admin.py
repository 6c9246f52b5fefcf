"""Django admin (superusers only), for repairs. Steps are taken through the pages and the API
(services check the rules); the history of steps is read-only here."""

from django.contrib import admin

from .models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(admin.ModelAdmin):
    list_display = ("year", "organization", "status", "self_until", "decide_until", "uses_points")
    list_filter = ("status", "year")
    raw_id_fields = ("organization", "recorded_by", "rule_profile")
    readonly_fields = ("org_path",)


@admin.register(MemberEvaluation)
class MemberEvaluationAdmin(admin.ModelAdmin):
    list_display = ("member", "year", "organization", "step", "rating", "excluded")
    list_filter = ("year", "step", "rating", "excluded", "framework")
    list_select_related = ("member", "organization")
    raw_id_fields = (
        "cycle",
        "member",
        "organization",
        "grassroots",
        "self_by",
        "proposed_by",
        "decided_by",
        "deciding_organization",
        "rule_profile",
    )
    readonly_fields = ("org_path", "year")
    show_full_result_count = False


@admin.register(OrganizationEvaluation)
class OrganizationEvaluationAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "level", "step", "rating")
    list_filter = ("year", "level", "step", "rating")
    list_select_related = ("organization",)
    raw_id_fields = (
        "cycle",
        "organization",
        "self_by",
        "proposed_by",
        "decided_by",
        "deciding_organization",
        "rule_profile",
    )
    readonly_fields = ("org_path", "year")
    show_full_result_count = False


@admin.register(EvaluationRecord)
class EvaluationRecordAdmin(admin.ModelAdmin):
    """Append-only: visible, never edited or deleted here."""

    list_display = ("at", "action", "rating", "member_evaluation", "organization_evaluation")
    list_filter = ("action",)
    raw_id_fields = ("member_evaluation", "organization_evaluation", "recorded_by")
    show_full_result_count = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
