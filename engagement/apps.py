from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = _("Engagement")

    def ready(self) -> None:
        # Each app's reminders.py registers its kinds, the way admin.py registers with the admin.
        from .registry import autodiscover

        autodiscover()
