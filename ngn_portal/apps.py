from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NgnPortalConfig(AppConfig):
    name = "ngn_portal"
    verbose_name = _("NGN Portal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (registers the system checks)
        from .middleware import mark_session_active
        from .roles import sync_role_permissions

        user_logged_in.connect(
            lambda sender, request, user, **kwargs: mark_session_active(request),
            dispatch_uid="ngn_portal.mark_session_active",
            weak=False,
        )

        # ngn_portal is the last app, so every other app's permissions exist when this runs.
        post_migrate.connect(sync_role_permissions, sender=self, dispatch_uid="ngn_portal.sync_role_permissions")
