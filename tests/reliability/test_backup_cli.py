"""`readmark backup` / `readmark restore` refusals: each says what happened and what to do, and
changes nothing."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from tests.reliability.support import BIN, ROOT, prepare_site, site_env

pytestmark = pytest.mark.own_site


def readmark(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "readmark"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_on_postgresql_backup_explains_pg_dump(tmp_path):
    env = site_env(tmp_path, DATABASE_URL="postgres://readmark@127.0.0.1:5432/readmark")
    result = readmark(env, "backup", str(tmp_path / "x.dump"))
    assert result.returncode == 1
    assert "pg_dump --format=custom" in result.stderr and "pg_restore" in result.stderr
    assert not (tmp_path / "x.dump").exists()


def test_restore_refuses_what_is_not_a_sound_backup_and_changes_nothing(tmp_path):
    env = site_env(tmp_path / "site")
    prepare_site(env)
    database = tmp_path / "site" / "readmark.sqlite3"
    before = database.stat().st_mtime_ns
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    result = readmark(env, "restore", "--yes", str(junk))
    assert result.returncode == 1 and "not a sound SQLite database" in result.stderr
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    result = readmark(env, "restore", "--yes", str(foreign))
    assert result.returncode == 1 and "not a Readmark backup" in result.stderr
    result = readmark(env, "restore", str(tmp_path / "missing.sqlite3"))
    assert result.returncode == 1
    assert database.stat().st_mtime_ns == before
    assert not (tmp_path / "site" / "backups").exists()


def test_restore_without_yes_and_without_a_terminal_asks_for_it(tmp_path):
    env = site_env(tmp_path / "site")
    prepare_site(env)
    backup = tmp_path / "b.sqlite3"
    assert readmark(env, "backup", str(backup)).returncode == 0
    result = readmark(env, "restore", str(backup))
    assert result.returncode == 1 and "--yes" in result.stderr
