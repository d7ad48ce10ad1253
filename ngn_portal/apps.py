from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgnPortalConfig(AppConfig):
    name = "ngn_portal"
    verbose_name = _("NGN Portal")
