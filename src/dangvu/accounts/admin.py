from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import twofactor
from .models import User
from .security import SecurityEvent


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Scope"), {"fields": ("role", "organization", "member")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "organization", "is_active")
    list_filter = ("role", "is_active", "is_superuser")
    raw_id_fields = ("organization", "member")
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor authentication (lost phone)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            twofactor.reset(actor=request.user, user=user)
        self.message_user(
            request,
            _(
                "Two-factor authentication was reset for %(count)s users: they set it up "
                "again at their next sign-in."
            )
            % {"count": queryset.count()},
        )


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security log, read-only: nobody edits or deletes what happened."""

    list_display = ("at", "username", "kind", "ip", "actor")
    list_filter = ("kind",)
    search_fields = ("username",)
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
