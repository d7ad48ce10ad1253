"""The permission matrix: every URL of the portal, for every role, by GET and by POST.

``test_every_portal_url_has_a_row`` fails when a URL is added without its row, so no page can
ship without someone deciding who may see it. The Django admin (its own permission system)
and allauth's pages are covered by their own tests; the portal's apps are walked in full.

Roles: anonymous, member (alice, who owns the objects), other_member (bob), coordinator, and
staff (an administrator with no membership). For object URLs, the object alice owns is compared
before and after bob's GET and POST: another member's request must never change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PORTAL_APPS = ("ngn_portal", "members", "governance", "actionplan", "engagement", "audit")
ROLES = ("anonymous", "member", "other_member", "coordinator", "staff")

OK, REDIRECT, BAD, FORBIDDEN, MISSING, NOT_ALLOWED = 200, 302, 400, 403, 404, 405
LOGIN = "302 to sign in"  # anonymous visitors are sent to the sign-in page


@dataclass(frozen=True)
class Row:
    """Expected status per role; ``post`` defaults to the same answers as ``get``."""

    get: dict[str, int | str]
    post: dict[str, int | str] | None = None
    # For object URLs: alice's object, which other members' requests must leave unchanged.
    guarded: Callable[[Any], Any] | None = None


def answers(anonymous: Any, member: Any, other_member: Any, coordinator: Any, staff: Any) -> dict[str, Any]:
    return {
        "anonymous": anonymous,
        "member": member,
        "other_member": other_member,
        "coordinator": coordinator,
        "staff": staff,
    }


def V(version) -> dict[str, Any]:
    return {"slug": version.document.slug, "major": version.major, "minor": version.minor}


PUBLIC = answers(OK, OK, OK, OK, OK)
SIGNED_IN = answers(LOGIN, OK, OK, OK, OK)
# The plan is read by members; an administrator without a membership uses the admin instead.
PLAN_READ = answers(LOGIN, OK, OK, OK, FORBIDDEN)
COORDINATORS = answers(LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN)
POST_ONLY = answers(LOGIN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)
NOWHERE = answers(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)
# A coordinator's empty POST is bad input (the form comes back with its errors); others are refused.
COORDINATOR_FORM = answers(LOGIN, FORBIDDEN, FORBIDDEN, BAD, FORBIDDEN)
COORDINATOR_ACTION = answers(LOGIN, FORBIDDEN, FORBIDDEN, REDIRECT, FORBIDDEN)

Kwargs = Callable[[Any], dict[str, Any]] | None

MATRIX: dict[str, tuple[Kwargs, Row]] = {
    # The portal
    "home": (None, Row(PUBLIC)),
    "health": (None, Row(PUBLIC, post=NOWHERE)),
    "set_language": (None, Row(NOWHERE, post=answers(*[REDIRECT] * 5))),
    # Anyone signed in downloads their own data (the file is built from the requester, never from the URL).
    "personal_data": (None, Row(SIGNED_IN, post=POST_ONLY)),
    # Audit register
    "audit:list": (None, Row(COORDINATORS)),
    "audit:export": (None, Row(COORDINATORS)),
    # Members
    "members:list": (None, Row(SIGNED_IN)),
    "members:apply": (None, Row(PUBLIC)),
    "members:apply_thanks": (None, Row(PUBLIC)),
    "members:invitation": (lambda o: {"token": o.invitation}, Row(PUBLIC)),
    "members:me": (None, Row(answers(LOGIN, OK, OK, OK, OK))),  # staff without a membership: a page saying so
    "members:detail": (lambda o: {"member_id": o.member.pk}, Row(SIGNED_IN)),
    "members:edit": (
        lambda o: {"member_id": o.member.pk},
        Row(answers(LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN), guarded=lambda o: o.member),
    ),
    "members:photo": (lambda o: {"member_id": o.member.pk}, Row(answers(LOGIN, *[MISSING] * 4))),  # no photo yet
    "members:status_change": (
        lambda o: {"member_id": o.member.pk},
        Row(POST_ONLY, post=COORDINATOR_FORM, guarded=lambda o: o.member),
    ),
    # alice is active, so a coordinator's POST is refused beside the form; nobody else may even try.
    "members:anonymise": (
        lambda o: {"member_id": o.member.pk},
        Row(POST_ONLY, post=COORDINATOR_FORM, guarded=lambda o: o.member),
    ),
    "members:export": (lambda o: {"file_format": "csv"}, Row(POST_ONLY, post=COORDINATORS)),
    "members:alumni_candidates": (None, Row(COORDINATORS)),
    # A background export belongs to the coordinator who asked for it (coordinator is that person here).
    "members:export_status": (lambda o: {"export_id": o.export.pk}, Row(COORDINATORS)),
    "members:export_download": (lambda o: {"export_id": o.export.pk}, Row(COORDINATORS)),
    "members:applications": (None, Row(COORDINATORS)),
    "members:application_review": (
        lambda o: {"application_id": o.application.pk},
        Row(COORDINATORS, guarded=lambda o: o.application),
    ),
    # Engagement: an unsubscribe link is its own credential, so it needs no sign-in
    "engagement:preferences": (None, Row(SIGNED_IN)),
    # The first POST uses the link; whoever comes after gets the friendly "already used" page.
    "engagement:unsubscribe": (lambda o: {"token": o.unsubscribe}, Row(PUBLIC, post=answers(OK, BAD, BAD, BAD, BAD))),
    "engagement:resubscribe": (lambda o: {"token": o.undo}, Row(NOWHERE, post=PUBLIC)),
    # Governance: approved versions of a public document are readable by anyone
    "governance:index": (None, Row(SIGNED_IN)),
    "governance:document": (lambda o: {"slug": o.approved.document.slug}, Row(PUBLIC)),
    "governance:diff": (lambda o: {"slug": o.approved.document.slug}, Row(PUBLIC)),
    "governance:version_pdf": (lambda o: V(o.approved), Row(PUBLIC)),
    "governance:version": (lambda o: V(o.consultation), Row(answers(LOGIN, OK, OK, OK, MISSING))),
    "governance:version_create": (lambda o: {"slug": o.approved.document.slug}, Row(COORDINATORS)),
    "governance:version_edit": (lambda o: V(o.consultation), Row(COORDINATORS, guarded=lambda o: o.consultation)),
    "governance:version_consultation": (
        lambda o: V(o.consultation),
        Row(COORDINATORS, guarded=lambda o: o.consultation),
    ),
    "governance:version_approve": (lambda o: V(o.consultation), Row(COORDINATORS, guarded=lambda o: o.consultation)),
    "governance:version_withdraw": (
        lambda o: V(o.consultation),
        Row(POST_ONLY, post=COORDINATOR_ACTION, guarded=lambda o: o.consultation),
    ),
    "governance:acknowledge": (
        lambda o: V(o.approved),
        Row(POST_ONLY, post=answers(LOGIN, REDIRECT, REDIRECT, REDIRECT, MISSING)),
    ),
    "governance:comment_resolve": (lambda o: {"pk": o.comment.pk}, Row(COORDINATORS, guarded=lambda o: o.comment)),
    "governance:acknowledgements": (None, Row(COORDINATORS)),
    "governance:acknowledgements_csv": (None, Row(COORDINATORS)),
    "governance:meetings": (None, Row(SIGNED_IN)),
    "governance:meeting_create": (None, Row(COORDINATORS)),
    "governance:meeting": (lambda o: {"pk": o.meeting.pk}, Row(SIGNED_IN)),
    "governance:meeting_ics": (lambda o: {"pk": o.meeting.pk}, Row(SIGNED_IN)),
    "governance:meeting_edit": (lambda o: {"pk": o.meeting.pk}, Row(COORDINATORS, guarded=lambda o: o.meeting)),
    "governance:meeting_attendance": (lambda o: {"pk": o.meeting.pk}, Row(COORDINATORS)),
    "governance:meeting_minutes": (lambda o: {"pk": o.meeting.pk}, Row(COORDINATORS, guarded=lambda o: o.meeting)),
    "governance:decision_create": (lambda o: {"pk": o.meeting.pk}, Row(COORDINATORS)),
    "governance:meeting_rsvp": (
        lambda o: {"pk": o.meeting.pk},
        Row(POST_ONLY, post=answers(LOGIN, REDIRECT, REDIRECT, REDIRECT, MISSING)),
    ),
    "governance:whos_who": (None, Row(SIGNED_IN)),
    # Action plan
    "actionplan:index": (None, Row(PLAN_READ)),
    "actionplan:plans": (None, Row(PLAN_READ)),
    "actionplan:mine": (None, Row(PLAN_READ)),
    "actionplan:calendar": (None, Row(PLAN_READ)),
    "actionplan:calendar_feed": (  # the secret URL is the credential (calendar apps cannot sign in)
        lambda o: {"key": o.calendar.key, "secret": o.calendar_secret},
        Row(PUBLIC, post=NOWHERE),
    ),
    "actionplan:plan": (lambda o: {"pk": o.plan.pk}, Row(PLAN_READ)),
    "actionplan:timeline": (lambda o: {"pk": o.plan.pk}, Row(PLAN_READ)),
    "actionplan:activities": (lambda o: {"pk": o.plan.pk}, Row(PLAN_READ)),
    "actionplan:objective": (lambda o: {"pk": o.objective.pk}, Row(PLAN_READ)),
    "actionplan:activity": (
        lambda o: {"pk": o.activity.pk},
        Row(PLAN_READ, post=answers(LOGIN, BAD, FORBIDDEN, BAD, FORBIDDEN), guarded=lambda o: o.activity),
    ),
    "actionplan:evidence": (lambda o: {"pk": o.update.pk}, Row(PLAN_READ)),
    "actionplan:activities_csv": (lambda o: {"pk": o.plan.pk}, Row(COORDINATORS)),
    "actionplan:report_pdf": (lambda o: {"pk": o.plan.pk}, Row(COORDINATORS)),
    "actionplan:plan_copy": (lambda o: {"pk": o.plan.pk}, Row(COORDINATORS, guarded=lambda o: o.plan)),
    "actionplan:plan_transition": (
        lambda o: {"pk": o.plan.pk},
        Row(NOWHERE, post=COORDINATOR_ACTION, guarded=lambda o: o.plan),
    ),
    "actionplan:activity_create": (
        lambda o: {"objective_pk": o.objective.pk},
        Row(COORDINATORS, post=COORDINATOR_FORM),
    ),
    "actionplan:activity_edit": (
        lambda o: {"pk": o.activity.pk},
        Row(COORDINATORS, post=COORDINATOR_FORM, guarded=lambda o: o.activity),
    ),
    "actionplan:indicator_value": (lambda o: {"pk": o.indicator.pk}, Row(COORDINATORS, post=COORDINATOR_FORM)),
}


def _walk(patterns, namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's admin: its own permission system, tested per app
            inner = pattern.namespace or namespace
            if pattern.namespace and namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "")
            if module.split(".")[0] in PORTAL_APPS:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def portal_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def test_every_portal_url_has_a_row():
    names = portal_url_names()
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert missing == [], f"URLs without a row in the permission matrix: {missing}"
    assert stale == [], f"rows for URLs that no longer exist: {stale}"


@pytest.fixture
def clients(db, alice, bob, coordinator) -> dict[str, Client]:
    staff = UserFactory(email="staff@ngn.example", is_staff=True)
    result = {"anonymous": Client()}
    for role, user in (("member", alice), ("other_member", bob), ("coordinator", coordinator), ("staff", staff)):
        result[role] = Client()
        result[role].force_login(user)
    return result


@pytest.fixture
def objects(db, alice, bob, coordinator, tmp_path, settings):
    """The objects that object URLs point at. alice owns them; bob is the other member."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actionplan.services import calendar_token_issue, progress_update_post
    from engagement.models import OutgoingEmail
    from engagement.tokens import UnsubscribeClaim, undo_token, unsubscribe_token
    from governance.models import VersionStatus
    from governance.services import comment_create, version_open_consultation
    from members.invitations import invitation_token
    from members.models import DirectoryExport
    from members.services.exports import directory_export_run
    from tests.actionplan.factories import ActivityFactory, IndicatorFactory, ObjectiveFactory
    from tests.factories import MembershipApplicationFactory
    from tests.governance.factories import DocumentFactory, MeetingFactory, VersionFactory, approved_version

    settings.MEDIA_ROOT = tmp_path
    found = SimpleNamespace(alice=alice, bob=bob, coordinator=coordinator)
    found.member = alice.member
    # Governance: an approved v1.0 and a v1.1 in consultation with alice's comment; a meeting.
    document = DocumentFactory(is_public=True)
    found.approved = approved_version(by=coordinator, document=document, major=1, minor=0)
    found.consultation = version_open_consultation(
        version=VersionFactory(document=document, major=1, minor=1, status=VersionStatus.DRAFT),
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=10),
        by=coordinator,
    )
    found.comment = comment_create(version=found.consultation, author=alice, section="", body="Un comentario de Alice")
    found.meeting = MeetingFactory(starts_at=timezone.now() + dt.timedelta(days=3))
    # Action plan: alice owns an activity with an update carrying evidence.
    found.objective = ObjectiveFactory()
    found.plan = found.objective.plan
    found.activity = ActivityFactory(objective=found.objective, owner=alice.member)
    found.update = progress_update_post(
        activity=found.activity,
        by=alice,
        percent=30,
        note="Avance",
        evidence_file=SimpleUploadedFile("acta.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    found.indicator = IndicatorFactory(objective=found.objective)
    found.calendar, found.calendar_secret = calendar_token_issue(user=alice)
    # Members: a pending application and an invitation for a newly approved person.
    found.application = MembershipApplicationFactory()
    found.invitation = invitation_token(UserFactory(email="invited@ngn.example"))
    found.export = DirectoryExport.objects.create(requested_by=coordinator, file_format="csv")
    directory_export_run(export_id=str(found.export.pk))
    # Engagement: an optional email that alice received.
    email = OutgoingEmail.objects.create(
        kind="members.application_submitted",
        dedupe_key="matrix:1",
        to_email=alice.email,
        recipient=alice,
        language="es",
    )
    claim = UnsubscribeClaim(
        email_public_id=str(email.public_id), user_id=alice.pk, kind="members.application_submitted"
    )
    found.unsubscribe, found.undo = unsubscribe_token(claim), undo_token(claim)
    return found


# Every GET first, then POSTs from the roles that must not change anything, then from those who may:
# one set of objects serves the whole row without a permitted POST spoiling a refused one.
ATTEMPTS = [("get", role) for role in ROLES] + [
    ("post", role) for role in ("anonymous", "staff", "other_member", "member", "coordinator")
]


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_matrix(clients, objects, url_name):
    build_kwargs, row = MATRIX[url_name]
    url = reverse(url_name, kwargs=build_kwargs(objects) if build_kwargs else None)
    guarded = row.guarded(objects) if row.guarded else None
    if guarded is not None:
        guarded.refresh_from_db()
    before = model_to_dict(guarded) if guarded is not None else None

    wrong = []
    for method, role in ATTEMPTS:
        response = getattr(clients[role], method)(url, {})
        expected = (row.post if method == "post" and row.post is not None else row.get)[role]
        if expected == LOGIN:
            if response.status_code != 302 or not response.url.startswith(reverse("account_login")):
                wrong.append(f"{role} {method.upper()}: got {response.status_code}, expected {LOGIN}")
        elif response.status_code != expected:
            wrong.append(f"{role} {method.upper()}: got {response.status_code}, expected {expected}")
        if guarded is not None and role == "other_member":
            guarded.refresh_from_db()
            if model_to_dict(guarded) != before:
                wrong.append(f"other_member {method.upper()} changed alice's object")
    assert wrong == [], f"{url}: " + "; ".join(wrong)
