"""A signed-in person downloads their own data as JSON: /me/data.json."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from actionplan.models import CalendarToken
from audit.models import AuditEntry
from audit.services import audit_record
from engagement.models import KindPreference, OutgoingEmail
from governance.models import Acknowledgement, Attendance, Comment, Mandate
from ngn_portal.personal_data import PERSONAL_DATA_APPS, collect_personal_data
from tests.actionplan.factories import ActivityFactory, ProgressUpdateFactory
from tests.factories import MembershipApplicationFactory
from tests.governance.factories import MeetingFactory, PositionFactory, VersionFactory

URL = "/me/data.json"
# Per app: members 4, governance 4, actionplan 4, engagement 3, audit 1 (16); the rest is the session,
# the user, the savepoints and the audit append. Measured: 26 with one row of each kind, 25 with eight.
QUERY_BUDGET = 26


def _download(client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    return json.loads(b"".join(response.streaming_content) if response.streaming else response.content)


def _give_data(user, count: int) -> None:
    """``count`` rows of every kind the export covers, for ``user``."""
    member = user.member
    version = VersionFactory()
    for number in range(count):
        Comment.objects.create(version=version, author=user, body=f"Comentario {number}")
        Acknowledgement.objects.create(member=member, version=VersionFactory(), content_sha256="a" * 64)
        Attendance.objects.create(meeting=MeetingFactory(), member=member, status="attended")
        Mandate.objects.create(
            member=member,
            position=PositionFactory(code=f"seat-{number}"),
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2024, 1, 1),
        )
        activity = ActivityFactory(owner=member)
        ActivityFactory(contributors=[member])
        ProgressUpdateFactory(activity=activity, author=user, note=f"Avance {number}")
        KindPreference.objects.create(user=user, kind=f"kind.{number}", enabled=False)
        OutgoingEmail.objects.create(
            kind="x.y",
            dedupe_key=f"pd:{user.pk}:{number}",
            to_email=user.email,
            recipient=user,
            language="es",
            subject=f"Asunto {number}",
        )
        MembershipApplicationFactory(email=user.email.upper(), status="withdrawn", decided_at=timezone.now())
        audit_record(action="members.member.paused", actor=user, data={"n": number})
    CalendarToken.objects.create(user=user, secret_hash="f" * 64)


def test_anonymous_is_sent_to_sign_in(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not AuditEntry.objects.exists()


def test_only_get(alice_client):
    assert alice_client.post(URL, {}).status_code == 405
    assert not AuditEntry.objects.filter(action="members.personal_data.exported").exists()


def test_member_downloads_their_own_data_with_iso_dates(alice, alice_client):
    member = alice.member
    member.phone, member.date_of_birth = "+593 99 123 4567", dt.date(1995, 6, 7)
    member.save()
    _give_data(alice, 2)
    data = _download(alice_client)
    assert data["user_id"] == alice.pk
    assert list(data["sections"]) == list(PERSONAL_DATA_APPS)
    members = data["sections"]["members"]
    assert members["account"]["email"] == "alice@ngn.example"
    assert members["membership"]["date_of_birth"] == "1995-06-07"
    assert members["membership"]["joined_on"] == "2023-03-01"
    assert members["membership"]["phone"] == "+593 99 123 4567"
    assert dt.datetime.fromisoformat(members["account"]["date_joined"])
    assert len(members["applications"]) == 2  # matched by address, whatever its case
    assert members["email_addresses"] == [{"email": "alice@ngn.example", "verified": True, "primary": True}]
    governance = data["sections"]["governance"]
    assert [c["body"] for c in governance["comments"]] == ["Comentario 0", "Comentario 1"]
    assert len(governance["acknowledgements"]) == len(governance["attendance"]) == len(governance["mandates"]) == 2
    assert governance["mandates"][0]["starts_on"] == "2023-01-01"
    plan = data["sections"]["actionplan"]
    assert len(plan["activities_owned"]) == len(plan["activities_contributed"]) == 2
    assert [u["note"] for u in plan["progress_updates"]] == ["Avance 0", "Avance 1"]
    assert plan["calendar_feed_created_at"]
    engagement = data["sections"]["engagement"]
    assert [e["subject"] for e in engagement["emails"]] == ["Asunto 0", "Asunto 1"]
    assert len(engagement["preferences"]) == 2
    assert [e["action"] for e in data["sections"]["audit"]["entries"]] == ["members.member.paused"] * 2


def test_each_download_is_recorded_in_the_register(alice, alice_client):
    _download(alice_client)
    entry = AuditEntry.objects.get(action="members.personal_data.exported")
    assert entry.actor == alice
    assert entry.target_id == str(alice.pk)
    # The next download lists the first one among the person's acts.
    second = _download(alice_client)
    assert [e["action"] for e in second["sections"]["audit"]["entries"]] == ["members.personal_data.exported"]


def test_another_person_gets_only_their_own_data(alice, bob, bob_client):
    _give_data(alice, 1)
    # Bad input: a user id in the query string is ignored; the file is always the requester's.
    response = bob_client.get(URL, {"user": alice.pk, "user_id": alice.pk})
    text = response.content.decode()
    data = json.loads(text)
    assert data["user_id"] == bob.pk
    assert data["sections"]["members"]["account"]["email"] == "bob@ngn.example"
    assert "alice" not in text.lower()
    assert data["sections"]["governance"]["comments"] == []


def test_someone_without_a_membership_gets_an_empty_membership(charlie, charlie_client):
    data = _download(charlie_client)
    assert data["sections"]["members"]["membership"] is None
    assert data["sections"]["actionplan"]["activities_owned"] == []


def test_secrets_never_leave(alice, alice_client):
    Authenticator.objects.create(user=alice, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXPSECRET"})
    CalendarToken.objects.create(user=alice, secret_hash="deadbeef" * 8)
    text = alice_client.get(URL).content.decode()
    assert "JBSWY3DPEHPK3PXPSECRET" not in text
    assert "deadbeef" not in text
    assert alice.password not in text
    assert json.loads(text)["sections"]["members"]["authenticators"][0]["type"] == "totp"


@pytest.mark.parametrize("count", [1, 8])
def test_query_budget_is_the_same_at_two_sizes(alice, alice_client, count, django_assert_max_num_queries):
    _give_data(alice, count)
    with django_assert_max_num_queries(QUERY_BUDGET):
        data = _download(alice_client)
    assert len(data["sections"]["governance"]["comments"]) == count


def test_each_app_stays_within_its_own_budget(alice, django_assert_num_queries):
    _give_data(alice, 3)
    with django_assert_num_queries(16):  # 4 + 4 + 4 + 3 + 1
        collect_personal_data(alice)
