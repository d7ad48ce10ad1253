from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ngn_portal.backups import BackupError, backup_create, newest_backup, restore_check
from tests.factories import MemberFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump runs in its own session: the rows must be committed
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are pg_dump files"),
]


def test_a_backup_restores_with_equal_row_counts(tmp_path):
    MemberFactory.create_batch(7)
    backup = backup_create(directory=tmp_path)
    assert backup.exists() and backup.stat().st_size > 0
    manifest = json.loads(backup.with_suffix(".counts.json").read_text())
    assert manifest["members_member"] == 7
    report = restore_check(backup=backup)
    assert report.ok, report.mismatches
    assert report.tables == len(manifest) > 10


def test_restore_check_names_a_table_whose_count_differs(tmp_path):
    MemberFactory.create_batch(2)
    backup = backup_create(directory=tmp_path)
    manifest_path = backup.with_suffix(".counts.json")
    manifest = json.loads(manifest_path.read_text())
    manifest["members_member"] = 3  # the backup claims a row that the dump does not hold
    manifest_path.write_text(json.dumps(manifest))
    report = restore_check(backup=backup)
    assert report.mismatches == {"members_member": (3, 2)}


def test_restore_check_without_a_backup_says_so(tmp_path):
    with pytest.raises(BackupError, match="No backup found"):
        newest_backup(tmp_path)


def test_the_commands_report_success_and_failure(tmp_path, capsys):
    call_command("backup", directory=tmp_path)
    call_command("restore_check", backup=sorted(tmp_path.glob("*.dump"))[-1])
    output = capsys.readouterr().out
    assert "Backup written" in output and "Restore check passed" in output
    (tmp_path / "bad.dump").write_bytes(b"not a dump")
    with pytest.raises(CommandError):
        call_command("restore_check", backup=tmp_path / "bad.dump")
