"""Django admin for operators (superusers): accounts, agencies, role grants; audit read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kinerja.core.models import Agency, AuditEntry, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    raw_id_fields = ("unit",)


@admin.register(User)
class KinerjaUserAdmin(UserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "agency",
        "is_active",
        "must_change_password",
    )
    list_filter = ("agency", "is_active", "is_superuser")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Kinerja", {"fields": ("agency", "must_change_password")}),
    )
    inlines = (RoleGrantInline,)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "code", "is_active")
    search_fields = ("name", "code")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "agency", "actor", "action", "object_repr")
    list_filter = ("agency", "action")
    search_fields = ("object_repr",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
