from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

# The admin's login goes through allauth, so it shares allauth's rate limits (and, later, MFA).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "NGN Portal"
admin.site.site_title = "NGN Portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("me/data.json", views.personal_data, name="personal_data"),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("governance/", include("governance.urls")),
    path("plan/", include("actionplan.urls")),
    path("engagement/", include("engagement.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
]
