from django.urls import path

from .views import applications, directory, profiles

app_name = "members"
urlpatterns = [
    path("", directory.member_list, name="list"),
    path("export/<str:file_format>/", directory.member_export, name="export"),
    path("exports/<uuid:export_id>/", directory.export_status, name="export_status"),
    path("exports/<uuid:export_id>/download/", directory.export_download, name="export_download"),
    path("alumni-candidates/", directory.alumni_candidates, name="alumni_candidates"),
    path("me/", profiles.profile_edit, name="me"),
    path("<int:member_id>/", profiles.member_detail, name="detail"),
    path("<int:member_id>/edit/", profiles.profile_edit, name="edit"),
    path("<int:member_id>/photo/", profiles.member_photo, name="photo"),
    path("<int:member_id>/status/", profiles.member_status_change, name="status_change"),
    path("<int:member_id>/anonymise/", profiles.member_anonymise_view, name="anonymise"),
    path("apply/", applications.apply, name="apply"),
    path("apply/thanks/", applications.apply_thanks, name="apply_thanks"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<int:application_id>/", applications.application_review, name="application_review"),
    path("invite/<str:token>/", applications.invitation, name="invitation"),
]
