"""PostgreSQL backups that prove they restore.

A backup is a ``pg_dump -Fc`` file under ``var/backups/`` plus a manifest of the row count
of every table at the moment of the dump (taken inside the same snapshot). A restore check
restores the newest backup into a scratch database and compares its counts with the manifest.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from django.conf import settings
from django.db import connection
from django.utils import timezone

BACKUP_DIR = settings.VAR_DIR / "backups"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreReport:
    backup: Path
    tables: int
    mismatches: dict[str, tuple[int, int]]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _require_postgresql() -> dict:
    if connection.vendor != "postgresql":
        raise BackupError("Backups need PostgreSQL (DATABASE_URL); the embedded SQLite file is copied by hand.")
    return connection.settings_dict


def _libpq_env(db: dict, name: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "127.0.0.1"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or ""),
            "PGDATABASE": name or str(db["NAME"]),
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def _table_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    counts = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names come from pg_catalog
        counts[table] = cursor.fetchone()[0]
    return counts


def backup_create(*, directory: Path = BACKUP_DIR) -> Path:
    db = _require_postgresql()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"ngn-{stamp}.dump"
    # The manifest's counts and the dump must see the same data: export one snapshot and use it for both.
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _table_counts(cursor)
            _run(["pg_dump", "-Fc", f"--snapshot={snapshot}", "--no-owner", "-f", str(target)], _libpq_env(db))
        finally:
            cursor.execute("ROLLBACK")
    target.with_suffix(".counts.json").write_text(json.dumps(counts, indent=1, sort_keys=True))
    return target


def newest_backup(directory: Path = BACKUP_DIR) -> Path:
    dumps = sorted(directory.glob("ngn-*.dump"))
    if not dumps:
        raise BackupError(f"No backup found in {directory}; run `make backup` first.")
    return dumps[-1]


def restore_check(*, backup: Path | None = None) -> RestoreReport:
    db = _require_postgresql()
    backup = backup or newest_backup()
    manifest = backup.with_suffix(".counts.json")
    if not manifest.exists():
        raise BackupError(f"{manifest.name} is missing: the backup cannot be checked.")
    expected: dict[str, int] = json.loads(manifest.read_text())
    scratch = f"ngn_restore_check_{uuid.uuid4().hex[:10]}"
    admin_env = _libpq_env(db, name="postgres")
    _run(["createdb", scratch], admin_env)
    try:
        _run(["pg_restore", "--no-owner", "--exit-on-error", "-d", scratch, str(backup)], admin_env)
        with (
            psycopg2.connect(
                host=admin_env["PGHOST"],
                port=admin_env["PGPORT"],
                user=admin_env["PGUSER"] or None,
                password=admin_env.get("PGPASSWORD"),
                dbname=scratch,
            ) as restored,
            restored.cursor() as cursor,
        ):
            actual = _table_counts(cursor)
        restored.close()
    finally:
        _run(["dropdb", "--if-exists", scratch], admin_env)
    mismatches = {
        table: (expected.get(table, -1), actual.get(table, -1))
        for table in sorted(set(expected) | set(actual))
        if expected.get(table) != actual.get(table)
    }
    return RestoreReport(backup=backup, tables=len(expected), mismatches=mismatches)
