"""Online backup and restore of the SQLite database.

Copies go through SQLite's online backup API (never a file copy: a live WAL database copied
with `cp` can be torn), and every copy is checked with `PRAGMA integrity_check` before it is
trusted. PostgreSQL has its own tools (pg_dump / pg_restore); `postgres_instructions` says how.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# Pages copied per step: between steps the source is unlocked, so writers are never blocked
# for more than one step's worth of copying.
PAGES_PER_STEP = 256


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    tables: int


def integrity_problems(path: Path) -> list[str]:
    """`PRAGMA integrity_check` of a database file: an empty list when it is sound."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def _table_count(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        query = "SELECT count(*) FROM sqlite_master WHERE type='table'"
        return connection.execute(query).fetchone()[0]
    finally:
        connection.close()


def sqlite_backup(*, database: Path, target: Path) -> BackupResult:
    """Copy the live database to `target` (atomically: a temporary file, checked, then renamed)."""
    if not database.exists():
        raise BackupError(f"{database}: no database to back up (run `readmark setup` first).")
    if target.exists() and target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name: {target}/readmark.sqlite3")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(database, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy, pages=PAGES_PER_STEP)
        # A standalone file: fold the WAL in so the copy is one self-contained file.
        copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {error}. The database itself is untouched.") from None
    finally:
        copy.close()
        source.close()
    problems = integrity_problems(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check ({problems[0]}); nothing saved.")
    os.replace(partial, target)
    return BackupResult(path=target, size=target.stat().st_size, tables=_table_count(target))


def sqlite_restore(*, database: Path, source: Path, safety_dir: Path) -> Path:
    """Replace the live database's contents with `source`; returns the pre-restore safety copy.

    The copy goes through the backup API into the live file, so running processes keep their
    connections and see the restored data after the single commit; writers wait meanwhile.
    """
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file.")
    problems = integrity_problems(source)
    if problems:
        raise BackupError(f"{source} is not a sound SQLite database ({problems[0]}); not restored.")
    probe = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        has_migrations = probe.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
        ).fetchone()
    finally:
        probe.close()
    if not has_migrations:
        raise BackupError(f"{source} is not a Readmark backup (no django_migrations table).")
    safety = safety_dir / f"pre-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.sqlite3"
    if database.exists():
        sqlite_backup(database=database, target=safety)
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = sqlite3.connect(database, timeout=30)
    try:
        # One step: the destination is rewritten inside one transaction, all or nothing.
        backup.backup(live, pages=-1)
    except sqlite3.Error as error:
        raise BackupError(
            f"restore failed: {error}. The database is unchanged; a copy is at {safety}."
        ) from None
    finally:
        live.close()
        backup.close()
    problems = integrity_problems(database)
    if problems:
        raise BackupError(
            f"the restored database failed its integrity check ({problems[0]}); "
            f"restore the safety copy with `readmark restore {safety}`."
        )
    return safety


def postgres_instructions(*, target: Path) -> str:
    return (
        "readmark backup copies the embedded SQLite database; this site uses PostgreSQL, "
        "whose own tools make consistent online backups:\n"
        f'  pg_dump --format=custom --file {target} "$DATABASE_URL"\n'
        "and restore into an empty database with:\n"
        f'  pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" {target}\n'
        "then run `readmark setup` to apply any newer migrations (docs/deployment.md)."
    )
