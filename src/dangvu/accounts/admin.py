from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from . import twofactor
from .models import User
from .security import SecurityEvent

# Django stores the default permissions' names in English ("Can add party member") when it
# migrates: staff read them in words built from the model's translated name instead.
_PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """ "Đảng viên | đảng viên | Được thêm đảng viên" for `members.add_member`."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    name = permission.name
    if model is not None and action in _PERMISSION_ACTIONS and model_name == model._meta.model_name:
        name = str(_PERMISSION_ACTIONS[action]) % {"model": model._meta.verbose_name}
    app = model._meta.app_config.verbose_name if model is not None else content_type.app_label
    model_label = model._meta.verbose_name if model is not None else content_type.model
    return f"{app} | {model_label} | {name}"  # as Django shows a permission


class PermissionLabelsMixin:
    """The permission pickers of the user and group pages, in words."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabelsMixin, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(PermissionLabelsMixin, BaseUserAdmin):
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
