"""Tables of members for django-import-export: the coordinators' export and the admin's import/export."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.formats.base_formats import CSV, XLSX
from import_export.widgets import DateWidget, ForeignKeyWidget

from .models import Member, Office, User, Visibility

# A cell starting with one of these is read as a formula by spreadsheet programs (CSV opened in Excel or
# LibreOffice, or an XLSX cell); tab and carriage return can hide one after a separator.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: Any) -> Any:
    """Make a text cell that a spreadsheet would evaluate show as plain text (the OWASP apostrophe prefix).

    django-import-export's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "=", so "+", "-", "@"
    would still run; escaping here covers every format and both exports.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class MemberResource(resources.ModelResource):
    """One row per member. Imports match on the email and update an existing account's membership.

    The status and the date of leaving are exported but never imported: status changes go through the audited
    services (pause, end, reactivate), so an import cannot bypass them.
    """

    email = fields.Field(
        attribute="user", column_name="email", widget=ForeignKeyWidget(User, field="email"), readonly=False
    )
    full_name = fields.Field(attribute="user__full_name", column_name="full_name", readonly=True)
    office = fields.Field(attribute="office", column_name="office", widget=ForeignKeyWidget(Office, field="code"))
    office_name = fields.Field(attribute="office__name", column_name="office_name", readonly=True)
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    left_on = fields.Field(attribute="left_on", column_name="left_on", widget=DateWidget(), readonly=True)

    class Meta:
        model = Member
        import_id_fields = ("email",)
        fields = (
            "email",
            "full_name",
            "office",
            "office_name",
            "position_title",
            "joined_on",
            "cohort",
            "status",
            "service_started_on",
            "skills",
            "left_on",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = False
        use_transactions = True
        clean_model_instances = True
        verbose_name = _("member")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return super().get_queryset().select_related("user", "office")

    def dehydrate_email(self, member: Member) -> str:
        # An email its owner shows to nobody stays out of every export, the admin's included.
        return "" if member.email_visibility == Visibility.NOBODY else member.user.email

    def export_field(self, field: fields.Field, instance: Member, **kwargs: Any) -> Any:
        return escape_formula(super().export_field(field, instance, **kwargs))


class DirectoryExportResource(MemberResource):
    """The coordinators' export: phones and birth dates never go (MemberResource has no such columns)."""


EXPORT_FORMATS = {"csv": CSV, "xlsx": XLSX}


def available_export_formats() -> list[str]:
    # XLSX needs openpyxl; the button only shows when the library is installed.
    return [name for name, file_format in EXPORT_FORMATS.items() if file_format().is_available()]
