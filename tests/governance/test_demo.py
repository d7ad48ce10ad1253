from __future__ import annotations

import pytest
from django.core.management import call_command

from audit.models import AuditEntry
from governance.models import Acknowledgement, Comment, Decision, Mandate, Meeting, Version, VersionStatus
from governance.permissions import is_secretary
from members.models import User


def _snapshot():
    return (
        sorted(Version.objects.values_list("major", "minor", "status", "content_sha256")),
        Meeting.objects.count(),
        Decision.objects.count(),
        Mandate.objects.count(),
        Acknowledgement.objects.count(),
        Comment.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.django_db
def test_demo_tells_the_story_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo")
    versions = {v.number: v for v in Version.objects.all()}
    assert versions["0.1"].status == VersionStatus.WITHDRAWN
    assert versions["1.0"].status == VersionStatus.APPROVED and versions["1.0"].approved_by.meeting.kind == "agm"
    assert versions["1.1"].status == VersionStatus.CONSULTATION and versions["1.1"].consultation_is_open()
    assert versions["1.1"].comments.count() == 3
    assert Meeting.objects.filter(kind="workshop", starts_at__date="2022-11-28").exists()
    member = User.objects.get(email="member@ngn.example")
    assert Acknowledgement.objects.filter(member__user=member, version=versions["1.0"]).exists()
    assert not Acknowledgement.objects.filter(member__user__email="kevin.muestra@ngn.example").exists()
    assert Mandate.objects.current().filter(position__code="executive-sponsor").exists()
    assert is_secretary(User.objects.get(email="sofia.demo@ngn.example"))
    first = _snapshot()
    call_command("load_demo")
    assert _snapshot() == first


@pytest.mark.django_db
def test_demo_pages_render_for_each_role(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    v11 = Version.objects.get(major=1, minor=1)
    agm = Version.objects.get(major=1, minor=0).approved_by.meeting_id
    pages = [
        "/governance/",
        "/governance/d/terminos-de-referencia/",
        "/governance/d/terminos-de-referencia/v/1.1/",
        "/governance/d/terminos-de-referencia/v/1.1/?lang=en",
        "/governance/d/terminos-de-referencia/diff/?a=1.0&b=1.1",
        "/governance/meetings/",
        f"/governance/meetings/{agm}/",
        "/governance/whos-who/",
        "/",
    ]
    for email in ("member@ngn.example", "coordinator@ngn.example"):
        client.force_login(User.objects.get(email=email))
        for url in pages:
            assert client.get(url).status_code == 200, (email, url)
    assert client.get("/governance/acknowledgements/").status_code == 200
    assert v11.comments.count() == 3
    client.logout()
    # The ToR is public: its approved text is readable without signing in.
    assert client.get("/governance/d/terminos-de-referencia/").status_code == 200
    assert client.get("/governance/d/terminos-de-referencia/v/1.1/").status_code == 302
