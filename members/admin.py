from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from ngn_portal.admin_scale import LargeTableAdmin

from .models import EligibilityPolicy, Member, MembershipApplication, Office, User
from .resources import MemberResource
from .services.roles import (
    group_permissions_record_change,
    group_permissions_snapshot,
    user_roles_record_change,
    user_roles_snapshot,
)


@admin.register(User)
class UserAdmin(LargeTableAdmin, DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "preferred_language", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language", "groups"]
    search_fields = ["email", "full_name"]
    list_select_related = True
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "full_name", "preferred_language", "password1", "password2")},
        ),
    )

    # Role and permission changes are audited. The snapshot is kept on the request, never on this shared
    # ModelAdmin instance, and compared once the many-to-many fields are saved too.
    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        request._ngn_roles_before = user_roles_snapshot(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user_roles_record_change(user=form.instance, before=request._ngn_roles_before, by=request.user)


admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(GroupAdmin):
    def save_model(self, request: HttpRequest, obj: Group, form: Any, change: bool) -> None:
        request._ngn_group_before = group_permissions_snapshot(Group.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        group_permissions_record_change(group=form.instance, before=request._ngn_group_before, by=request.user)


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "city"]
    search_fields = ["name", "code", "city"]


@admin.register(Member)
class MemberAdmin(LargeTableAdmin, ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [MemberResource]
    # Explains on the import page that status, date of leaving and reason are never imported.
    import_template_name = "admin/members/member/import.html"
    list_display = ["user", "office", "status", "cohort", "joined_on", "left_on"]
    list_filter = ["status", "office", "cohort"]
    list_select_related = ["user", "office"]
    search_fields = ["user__full_name", "user__email", "position_title", "skills"]
    autocomplete_fields = ["user"]
    # Status changes go through the portal's services (audited); the admin shows them read-only.
    readonly_fields = ["status", "left_on", "status_reason"]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "email", "office", "status", "submitted_at", "decided_by"]
    list_filter = ["status", "office"]
    list_select_related = ["office", "decided_by"]
    search_fields = ["full_name", "email", "position_title"]
    date_hierarchy = "submitted_at"
    # Decisions are taken on the review page, which runs the services (account, audit entry, emails).
    readonly_fields = ["status", "decided_at", "decided_by", "decision_reason", "member", "submitted_at"]


@admin.register(EligibilityPolicy)
class EligibilityPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "max_age_years", "max_service_years"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not EligibilityPolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: EligibilityPolicy | None = None) -> bool:
        return False
