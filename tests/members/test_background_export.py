"""A large directory export runs in the background and shows its progress."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from members.models import DirectoryExport, ExportStatus
from members.services.exports import directory_export_run
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_members(db):
    return MemberFactory.create_batch(5)


def _start(client, django_capture_on_commit_callbacks, query=""):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("members:export", args=["csv"]) + query)


def test_a_large_export_runs_in_the_background_and_is_downloaded(
    coordinator, coordinator_client, five_members, settings, django_capture_on_commit_callbacks
):
    settings.MEMBERS_EXPORT_INLINE_LIMIT = 2
    response = _start(coordinator_client, django_capture_on_commit_callbacks)
    export = DirectoryExport.objects.get()
    assert response.status_code == 302 and response.url == reverse("members:export_status", args=[export.pk])

    page = coordinator_client.get(response.url)
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("members:export_download", args=[export.pk]) in body
    assert 'hx-trigger="every 1s"' not in body  # finished: no more polling

    download = coordinator_client.get(reverse("members:export_download", args=[export.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 6  # header, the five members and the coordinator
    entry = AuditEntry.objects.get(action="members.directory.exported")
    assert entry.actor == coordinator and entry.data["background"] is True and entry.data["rows"] == 6


def test_a_small_export_is_still_downloaded_at_once(coordinator_client, five_members, settings):
    settings.MEMBERS_EXPORT_INLINE_LIMIT = 1000
    response = coordinator_client.post(reverse("members:export", args=["csv"]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert not DirectoryExport.objects.exists()


def test_the_progress_fragment_keeps_polling_while_running(coordinator, coordinator_client):
    export = DirectoryExport.objects.create(
        requested_by=coordinator, file_format="csv", status=ExportStatus.RUNNING, total=10, processed=4
    )
    response = coordinator_client.get(reverse("members:export_status", args=[export.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert next(t.name for t in response.templates) == "members/_export_progress.html"
    assert 'hx-trigger="every 1s"' in body and 'aria-valuenow="40"' in body
    assert "4" in body and "10" in body


def test_a_failed_export_says_so_and_stops_polling(coordinator, coordinator_client):
    export = DirectoryExport.objects.create(requested_by=coordinator, file_format="bogus")
    assert directory_export_run(export_id=str(export.pk)) is None
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and "KeyError" in export.error
    body = coordinator_client.get(reverse("members:export_status", args=[export.pk])).content.decode()
    assert "alert-danger" in body and "hx-trigger" not in body
    assert coordinator_client.get(reverse("members:export_download", args=[export.pk])).status_code == 404


def test_a_job_is_run_once(coordinator, five_members):
    export = DirectoryExport.objects.create(requested_by=coordinator, file_format="csv")
    assert directory_export_run(export_id=str(export.pk)) is not None
    assert directory_export_run(export_id=str(export.pk)) is None  # already claimed and done
    assert AuditEntry.objects.filter(action="members.directory.exported").count() == 1


@pytest.mark.parametrize("url_name", ["members:export_status", "members:export_download"])
def test_only_the_requesting_coordinator_sees_an_export(coordinator, role_clients, url_name):
    export = DirectoryExport.objects.create(requested_by=coordinator, file_format="csv")
    directory_export_run(export_id=str(export.pk))
    url = reverse(url_name, args=[export.pk])
    assert role_clients["anonymous"].get(url).status_code == 302
    assert role_clients["member"].get(url).status_code == 403
    another = UserFactory(coordinator=True)
    role_clients["anonymous"].force_login(another)
    assert role_clients["anonymous"].get(url).status_code == 404  # another coordinator learns nothing
    assert role_clients["coordinator"].get(url).status_code == 200


@pytest.mark.parametrize("extra", [3, 30])
def test_the_progress_page_budget_does_not_grow(coordinator, coordinator_client, extra, django_assert_max_num_queries):
    MemberFactory.create_batch(extra)
    export = DirectoryExport.objects.create(requested_by=coordinator, file_format="csv")
    directory_export_run(export_id=str(export.pk))
    with django_assert_max_num_queries(6):
        assert coordinator_client.get(reverse("members:export_status", args=[export.pk])).status_code == 200
