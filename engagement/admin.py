"""The outbox and the reminder rules, for coordinators (staff in the coordinators group) and admins."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ngn_portal.admin_scale import LargeTableAdmin

from . import services
from .models import EmailStatus, OutgoingEmail, ReminderRule
from .permissions import can_view_outbox
from .registry import registry


class CoordinatorAccess:
    """Coordinators may look at the mailroom in the admin; superusers may do everything anyway."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_view_outbox(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_outbox(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class KindFilter(admin.SimpleListFilter):
    """Choices come from the registry, so the changelist needs no DISTINCT over the whole outbox."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return registry.choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(LargeTableAdmin, CoordinatorAccess, admin.ModelAdmin):
    list_display = ["created_at", "kind", "to_email", "recipient", "status", "attempts", "sent_at"]
    # No date_hierarchy: its year links cost a SELECT DISTINCT over the whole outbox on every page load;
    # the date filter is served by engagement_email_recent_idx.
    list_filter = ["status", KindFilter, "created_at"]
    search_fields = ["to_email", "recipient__email", "recipient__full_name"]
    list_select_related = ["recipient"]
    actions = ["resend"]
    fieldsets = [
        (None, {"fields": ["kind", "status", "recipient", "to_email", "language", "occasion", "dedupe_key"]}),
        (_("Delivery"), {"fields": ["attempts", "next_attempt_at", "last_error", "created_at", "sent_at", "digest"]}),
        (_("As the recipient saw it"), {"fields": ["subject", "preview_html", "body_text"]}),
    ]
    # Sensitive kinds (password reset, invitation) carry a link that signs the recipient in: whoever reads it
    # could take the account over, so the admin shows only the envelope.
    sensitive_fieldsets = [
        *fieldsets[:2],
        (_("As the recipient saw it"), {"fields": ["subject", "content_hidden"]}),
    ]
    readonly_fields = [
        "kind",
        "status",
        "recipient",
        "to_email",
        "language",
        "occasion",
        "dedupe_key",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "digest",
        "subject",
        "preview_html",
        "body_text",
        "content_hidden",
    ]

    def get_fieldsets(self, request: HttpRequest, obj: OutgoingEmail | None = None) -> Any:
        if obj is None or registry.is_sensitive(obj.kind):
            return self.sensitive_fieldsets
        return self.fieldsets

    @admin.display(description=_("Content"))
    def content_hidden(self, obj: OutgoingEmail) -> str:
        return str(_("Content hidden: it contains a sign-in link."))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the outbox is a record; only the resend action changes it

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return can_view_outbox(request.user)

    @admin.display(description=_("HTML body"))
    def preview_html(self, obj: OutgoingEmail) -> str:
        if not obj.body_html or registry.is_sensitive(obj.kind):
            return "-"
        # srcdoc in an empty sandbox: the email's HTML shows as sent, but runs nothing and reaches nothing.
        return format_html(
            '<iframe sandbox="" srcdoc="{}" title="{}" style="width:100%;max-width:720px;height:520px;'
            'border:1px solid #ccc;background:#fff"></iframe>',
            obj.body_html,
            obj.subject,
        )

    @admin.action(description=_("Resend the selected failed emails"), permissions=["resend"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> HttpResponse | None:
        count = services.email_resend(emails=list(queryset.filter(status=EmailStatus.FAILED)), by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count) % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        return None


@admin.register(ReminderRule)
class ReminderRuleAdmin(CoordinatorAccess, admin.ModelAdmin):
    list_display = ["label", "kind", "enabled", "lead_days", "repeat_every_days", "updated_at"]
    list_filter = ["enabled"]
    fields = ["kind", "enabled", "lead_days", "repeat_every_days"]
    readonly_fields = ["kind"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_outbox(request.user)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        services.reminder_rules_ensure()  # every registered kind has a row to edit, even before the first scan
        return super().changelist_view(request, extra_context)

    def save_model(self, request: HttpRequest, obj: ReminderRule, form: Any, change: bool) -> None:
        from django.utils import timezone

        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)
