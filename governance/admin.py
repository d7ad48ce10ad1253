"""Admin for coordinators. Writes with rules go through the services; approved versions are read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Acknowledgement,
    Attendance,
    Comment,
    Decision,
    Document,
    Mandate,
    Meeting,
    Position,
    QuorumPolicy,
    Version,
)
from .services import (
    mandate_create,
    mandate_update,
    mandate_validate,
    version_create_draft,
    version_update_draft,
)
from .services.documents import EDITABLE_FIELDS

VERSION_RECORD_FIELDS = (
    "status",
    "consultation_opens_at",
    "consultation_closes_at",
    "approved_by",
    "approved_at",
    "content_sha256",
    "created_by",
    "created_at",
)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_es", "kind", "is_public")
    list_filter = ("kind", "is_public")
    search_fields = ("slug", "title_es", "title_en")


@admin.register(Version)
class VersionAdmin(SimpleHistoryAdmin):
    list_display = ("document", "number", "status", "approved_at", "effective_on")
    list_filter = ("status", "document")
    list_select_related = ("document",)
    readonly_fields = VERSION_RECORD_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Version | None = None) -> tuple[str, ...]:
        if obj is not None and obj.pk:
            return ("document", "major", "minor", *VERSION_RECORD_FIELDS)
        return VERSION_RECORD_FIELDS

    def has_change_permission(self, request: HttpRequest, obj: Version | None = None) -> bool:
        # An approved (or superseded, or withdrawn) version is the record: view only.
        if obj is not None and obj.status not in ("draft", "consultation"):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Version | None = None) -> bool:
        return obj is None or obj.status == "draft"

    def save_model(self, request: HttpRequest, obj: Version, form: forms.ModelForm, change: bool) -> None:
        if change:
            fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.cleaned_data}
            saved = version_update_draft(version=obj, by=request.user, **fields)
        else:
            saved = version_create_draft(
                document=obj.document,
                major=obj.major,
                minor=obj.minor,
                body_es=obj.body_es,
                body_en=obj.body_en,
                change_summary=obj.change_summary,
                by=request.user,
            )
        obj.pk = saved.pk


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("version", "author", "section", "resolution", "created_at")
    list_filter = ("resolution",)
    list_select_related = ("version__document", "author")
    search_fields = ("body", "reply", "author__full_name")
    readonly_fields = ("version", "author", "section", "body", "created_at", "resolved_by", "resolved_at")


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ("member",)


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "starts_at", "place", "minutes_published_at")
    list_filter = ("kind",)
    search_fields = ("title", "place")
    date_hierarchy = "starts_at"
    inlines = [AttendanceInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    """Decisions are recorded on the meeting page (the quorum rule is checked there); here they are read."""

    list_display = ("meeting", "kind", "outcome", "votes_for", "votes_against", "votes_abstain", "recorded_at")
    list_filter = ("kind", "outcome")
    list_select_related = ("meeting",)
    search_fields = ("text", "meeting__title")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Decision | None = None) -> bool:
        return False


@admin.register(QuorumPolicy)
class QuorumPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "share_percent", "minimum_count")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not QuorumPolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: QuorumPolicy | None = None) -> bool:
        return False


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_es", "term_months", "consecutive_term_limit", "single_seat", "order")
    list_editable = ("order",)
    search_fields = ("code", "name_es", "name_en")


class MandateForm(forms.ModelForm):
    class Meta:
        model = Mandate
        fields = ("member", "position", "starts_on", "ends_on", "elected_by")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            candidate = Mandate(pk=self.instance.pk, **{k: cleaned.get(k) for k in self.Meta.fields})
            try:
                mandate_validate(candidate)
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    form = MandateForm
    list_display = ("position", "member", "starts_on", "ends_on", "elected_by")
    list_filter = ("position",)
    list_select_related = ("position", "member__user", "elected_by__meeting")
    autocomplete_fields = ("member",)
    date_hierarchy = "starts_on"

    def save_model(self, request: HttpRequest, obj: Mandate, form: forms.ModelForm, change: bool) -> None:
        if change:
            # Through the service: the same rules under a lock, and the correction on the audit register.
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in MandateForm.Meta.fields}
            mandate_update(mandate=obj, changes=changes, by=request.user)
            return
        saved = mandate_create(
            member=obj.member,
            position=obj.position,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            elected_by=obj.elected_by,
            by=request.user,
        )
        obj.pk = saved.pk


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ("member", "version", "acknowledged_at", "content_sha256")
    list_select_related = ("member__user", "version__document")
    search_fields = ("member__user__full_name", "member__user__email")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Acknowledgement | None = None) -> bool:
        return False
