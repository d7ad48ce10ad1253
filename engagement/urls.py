from django.urls import path  # noqa: F401 - pages arrive with this app's issue

app_name = "engagement"
urlpatterns: list = []
