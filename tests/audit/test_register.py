from __future__ import annotations

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit.models import GENESIS_HASH, AppendOnlyError, AuditEntry
from audit.services import audit_record
from audit.verification import verify_chain

pytestmark = pytest.mark.django_db


def test_entries_are_chained_in_order(alice):
    first = audit_record(action="members.application.approved", actor=alice, target=alice, data={"reason": "ok"})
    second = audit_record(action="members.member.paused", actor=alice)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.entry_hash
    assert first.entry_hash == first.compute_hash()
    assert first.target == alice
    assert verify_chain().ok and verify_chain().checked == 2


def test_secrets_are_masked_at_any_depth(alice):
    entry = audit_record(
        action="members.user.invited",
        actor=alice,
        data={"password": "hunter2", "invite": {"token": "abc", "email": "x@ngn.example"}, "list": [{"api_key": 1}]},
    )
    entry.refresh_from_db()
    assert entry.data == {
        "password": "***",
        "invite": {"token": "***", "email": "x@ngn.example"},
        "list": [{"api_key": "***"}],
    }


def test_action_must_be_namespaced():
    with pytest.raises(ValueError, match="namespaced"):
        audit_record(action="approved")
    assert not AuditEntry.objects.exists()


def test_the_orm_refuses_updates_and_deletes(alice):
    entry = audit_record(action="governance.version.approved", actor=alice)
    entry.action = "governance.version.rejected"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x.y.z")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.action == "governance.version.approved"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_updates_and_deletes(alice):
    entry = audit_record(action="governance.version.approved", actor=alice)
    for statement in (
        "UPDATE audit_auditentry SET action = 'x.y.z' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    entry.refresh_from_db()
    assert entry.action == "governance.version.approved"


def _tamper(sql: str, params: list) -> None:
    """Edit the register behind the ORM's back, as an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser can switch ordinary triggers off for their session.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def _three_entries(actor) -> list[AuditEntry]:
    return [audit_record(action="members.member.paused", actor=actor, data={"n": n}) for n in range(3)]


def test_verify_audit_passes_on_an_intact_chain(alice, capsys):
    _three_entries(alice)
    call_command("verify_audit")
    assert "3 entries verified" in capsys.readouterr().out


def test_verify_audit_names_an_entry_edited_by_raw_sql(alice):
    entries = _three_entries(alice)
    _tamper("UPDATE audit_auditentry SET data = %s WHERE id = %s", ['{"n": 99}', entries[1].pk])
    with pytest.raises(CommandError, match=r"BROKEN at entry #2: its content does not match"):
        call_command("verify_audit")


def test_verify_audit_notices_a_deleted_entry(alice):
    entries = _three_entries(alice)
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    with pytest.raises(CommandError, match=r"BROKEN at entry #3: expected entry #2"):
        call_command("verify_audit")


def test_verify_audit_notices_a_rehashed_entry(alice):
    # An attacker who recomputes the edited entry's own hash still breaks the next link.
    entries = _three_entries(alice)
    forged = AuditEntry.objects.get(pk=entries[1].pk)
    forged.data = {"n": 42}
    _tamper(
        "UPDATE audit_auditentry SET data = %s, entry_hash = %s WHERE id = %s",
        ['{"n": 42}', forged.compute_hash(), entries[1].pk],
    )
    with pytest.raises(CommandError, match=r"BROKEN at entry #3: its previous-hash"):
        call_command("verify_audit")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_concurrent_writers_keep_one_unbroken_chain(alice):
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(10):
                audit_record(action="members.member.paused", actor=alice, data={"worker": worker, "n": n})
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert AuditEntry.objects.count() == 40
    report = verify_chain()
    assert report.ok and report.checked == 40


def test_a_bulk_append_continues_the_chain_in_order_and_masks_secrets(coordinator):
    from django.utils import timezone

    from audit.models import AuditEntry
    from audit.services import audit_bulk_append

    audit_record(action="members.member.paused", actor=coordinator)
    drafts = (
        AuditEntry(created_at=timezone.now(), action="tests.bulk.loaded", data={"n": n, "token": "abc"})
        for n in range(5)
    )
    assert audit_bulk_append(drafts, batch_size=2) == 5
    audit_record(action="members.member.reactivated", actor=coordinator)
    entries = list(AuditEntry.objects.order_by("sequence"))
    assert [entry.sequence for entry in entries] == [1, 2, 3, 4, 5, 6, 7]
    assert [entry.data["n"] for entry in entries[1:6]] == [0, 1, 2, 3, 4]
    assert {entry.data["token"] for entry in entries[1:6]} == {"***"}
    assert verify_chain().ok and verify_chain().checked == 7
