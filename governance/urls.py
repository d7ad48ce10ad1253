from django.urls import path

from .views import documents, manage, meetings, people

app_name = "governance"

VERSION = "d/<slug:slug>/v/<int:major>.<int:minor>/"

urlpatterns = [
    path("", documents.index, name="index"),
    path("d/<slug:slug>/", documents.document_detail, name="document"),
    path("d/<slug:slug>/diff/", documents.version_diff, name="diff"),
    path("d/<slug:slug>/new/", manage.version_create, name="version_create"),
    path(VERSION, documents.version_detail, name="version"),
    path(VERSION + "pdf/", documents.version_pdf, name="version_pdf"),
    path(VERSION + "edit/", manage.version_edit, name="version_edit"),
    path(VERSION + "consultation/", manage.version_consultation, name="version_consultation"),
    path(VERSION + "approve/", manage.version_approve_view, name="version_approve"),
    path(VERSION + "withdraw/", manage.version_withdraw_view, name="version_withdraw"),
    path(VERSION + "acknowledge/", manage.acknowledge, name="acknowledge"),
    path("comments/<int:pk>/resolve/", manage.comment_resolve_view, name="comment_resolve"),
    path("acknowledgements/", manage.acknowledgements, name="acknowledgements"),
    path("acknowledgements/pending.csv", manage.acknowledgements_csv, name="acknowledgements_csv"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_create_view, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/rsvp/", meetings.meeting_rsvp, name="meeting_rsvp"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_create, name="decision_create"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_ics_view, name="meeting_ics"),
    path("whos-who/", people.whos_who, name="whos_who"),
]
