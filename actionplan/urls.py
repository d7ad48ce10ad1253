from django.urls import path

from . import views

app_name = "actionplan"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/", views.plan_list, name="plans"),
    path("mine/", views.my_activities, name="mine"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<uuid:key>/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
    path("<int:pk>/", views.plan_overview, name="plan"),
    path("<int:pk>/timeline/", views.plan_timeline, name="timeline"),
    path("<int:pk>/activities/", views.activity_list, name="activities"),
    path("<int:pk>/activities.csv", views.activities_csv, name="activities_csv"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/status/", views.plan_transition, name="plan_transition"),
    path("<int:pk>/copy/", views.plan_copy, name="plan_copy"),
    path("objective/<int:pk>/", views.objective_detail, name="objective"),
    path("objective/<int:objective_pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activity/<int:pk>/", views.activity_detail, name="activity"),
    path("activity/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("indicator/<int:pk>/value/", views.indicator_value_add, name="indicator_value"),
]
