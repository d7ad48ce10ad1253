"""manage.py seed_scale: deterministic, refuses a second run and DEBUG off, keeps the audit chain whole."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from audit.models import AuditEntry
from audit.services import audit_record
from engagement.models import OutgoingEmail
from members.models import Member
from ngn_portal.scale import DEFAULT_PASSWORD, EMAIL_DOMAIN, AlreadySeeded, ScaleSizes, seed

pytestmark = pytest.mark.django_db

TINY = ScaleSizes(
    members=12, activities=8, updates_per_activity=2, meetings=2, attendees_per_meeting=4, outbox=20, audit=25
)
DAY = dt.date(2026, 3, 2)


class _Rollback(Exception):
    pass


def _snapshot() -> tuple[list, list, list]:
    members = list(
        Member.objects.filter(user__email__endswith=EMAIL_DOMAIN)
        .order_by("user__email")
        .values_list("user__email", "user__full_name", "office__code", "status", "joined_on")
    )
    emails = list(OutgoingEmail.objects.order_by("dedupe_key").values_list("dedupe_key", "kind", "status", "to_email"))
    entries = list(AuditEntry.objects.order_by("sequence").values_list("action", "created_at", "data"))
    return members, emails, entries


def test_the_same_arguments_give_the_same_data() -> None:
    snapshots = []
    for _ in range(2):
        with pytest.raises(_Rollback), transaction.atomic():
            seed(sizes=TINY, seed=3, today=DAY)
            snapshots.append(_snapshot())
            raise _Rollback
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0][0]) == TINY.members + 1  # and the coordinator
    assert len(snapshots[0][1]) == TINY.outbox


def test_the_chain_still_verifies_and_goes_on(capsys) -> None:
    audit_record(action="tests.before.seeding")
    seed(sizes=TINY, seed=1)
    audit_record(action="tests.after.seeding")
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out
    assert AuditEntry.objects.count() == TINY.audit + 2


def test_a_second_run_is_refused_and_changes_nothing() -> None:
    seed(sizes=TINY, seed=1)
    before = Member.objects.count()
    with pytest.raises(AlreadySeeded):
        seed(sizes=TINY, seed=2)
    with pytest.raises(CommandError, match="already holds"), override_settings(DEBUG=True):
        call_command("seed_scale", "--members", "10")
    assert Member.objects.count() == before


def test_debug_off_needs_force() -> None:
    with pytest.raises(CommandError, match="--force"), override_settings(DEBUG=False):
        call_command("seed_scale", "--members", "10")
    assert not Member.objects.filter(user__email__endswith=EMAIL_DOMAIN).exists()


def test_the_command_builds_the_requested_sizes(capsys) -> None:
    with override_settings(DEBUG=True):
        call_command("seed_scale", "--members", "10", "--activities", "6", "--outbox", "15", "--audit", "9")
    assert Member.objects.filter(user__email__endswith=EMAIL_DOMAIN).count() == 11
    assert OutgoingEmail.objects.count() == 15
    assert "Seeded in" in capsys.readouterr().out


def test_a_seeded_member_signs_in_with_the_published_password(client) -> None:
    seed(sizes=TINY, seed=1)
    response = client.post(
        "/accounts/login/", {"login": f"member00003@{EMAIL_DOMAIN}", "password": DEFAULT_PASSWORD}, follow=False
    )
    assert response.status_code == 302 and "confirm-email" not in response["Location"]
    assert client.get("/plan/mine/").status_code == 200


def test_figures_cached_before_the_seed_are_not_served_after_it() -> None:
    from members.caching import directory_facts

    before = directory_facts(coordinator=True).total
    seed(sizes=TINY, seed=1, today=DAY)  # bulk_create: no signals
    assert (
        directory_facts(coordinator=True).total
        == before + Member.objects.filter(user__email__endswith=EMAIL_DOMAIN).count()
    )
