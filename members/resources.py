"""Tables of members for django-import-export: the coordinators' export and the admin's import/export."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import Member, Office, User, Visibility


class MemberResource(resources.ModelResource):
    """One row per member. Imports match on the email and update an existing account's membership."""

    email = fields.Field(
        attribute="user", column_name="email", widget=ForeignKeyWidget(User, field="email"), readonly=False
    )
    full_name = fields.Field(attribute="user__full_name", column_name="full_name", readonly=True)
    office = fields.Field(attribute="office", column_name="office", widget=ForeignKeyWidget(Office, field="code"))
    office_name = fields.Field(attribute="office__name", column_name="office_name", readonly=True)

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


class DirectoryExportResource(MemberResource):
    """The coordinators' export: an email its owner shows to nobody stays out; phones and birth dates never go."""

    def dehydrate_email(self, member: Member) -> str:
        return "" if member.email_visibility == Visibility.NOBODY else member.user.email
