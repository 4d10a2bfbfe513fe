"""`readmark backup` and `readmark restore` while another process keeps writing.

The backup holds every write acknowledged before it started and passes integrity_check; the
restore goes through while the writer waits its turn (no errors), and afterwards the database
holds the backup's rows plus every write begun after the restore finished."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from tests.reliability.support import BIN, ROOT, prepare_site, site_env, sqlite_integrity

# Its own SQLite site in subprocesses: the run's DATABASE_URL does not apply (one CI pass).
pytestmark = pytest.mark.own_site

WRITES = 5000  # an upper bound: the test stops the writer when it has seen enough


def ids_in(path) -> set[int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM annotations_annotation")}
    finally:
        connection.close()


class Stream(threading.Thread):
    def __init__(self, process: subprocess.Popen) -> None:
        super().__init__(daemon=True)
        self.process = process
        self.events: list[dict] = []

    def run(self) -> None:
        for line in self.process.stdout:
            self.events.append(json.loads(line))

    def acked(self) -> list[dict]:
        return [event for event in list(self.events) if "id" in event]


def readmark(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "readmark"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def wait_for(stream: Stream, count: int, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while len(stream.acked()) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(stream.acked()) >= count, "the writer is not writing"


def test_backup_and_restore_round_trip_during_writes(tmp_path):
    env = site_env(tmp_path / "site")
    prepare_site(env)
    database = tmp_path / "site" / "readmark.sqlite3"
    with (tmp_path / "writer.log").open("w") as log:
        writer = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reliability.writer",
                "bk",
                str(WRITES),
                "--stream",
                "--paced",
            ],  # fmt: skip
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    stream = Stream(writer)
    stream.start()
    try:
        wait_for(stream, 20)
        acked_before = {event["id"] for event in stream.acked()}
        backup = tmp_path / "backups" / "readmark.sqlite3"
        made = readmark(env, "backup", str(backup))
        assert made.returncode == 0, made.stderr
        assert "integrity ok" in made.stdout
        assert sqlite_integrity(backup) == []
        in_backup = ids_in(backup)
        assert acked_before <= in_backup

        wait_for(stream, len(stream.acked()) + 20)  # more writes the restore will undo
        restored = readmark(env, "restore", "--yes", str(backup))
        restore_finished = time.time()
        assert restored.returncode == 0, restored.stderr
        assert "previous contents are saved" in restored.stdout
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and writer.poll() is None:
            if len([e for e in stream.acked() if e["started"] > restore_finished]) >= 20:
                break
            time.sleep(0.05)
    finally:
        writer.kill()
        writer.wait(timeout=30)
        stream.join(timeout=10)
        writer.stdout.close()
    assert [event for event in stream.events if "error" in event] == []
    after = {event["id"] for event in stream.acked() if event["started"] > restore_finished}
    assert len(after) >= 20, "the writer should have gone on writing after the restore"
    final = ids_in(database)
    assert in_backup <= final
    assert after <= final
    assert sqlite_integrity(database) == []
    safety = list((tmp_path / "site" / "backups").glob("pre-restore-*.sqlite3"))
    assert len(safety) == 1 and sqlite_integrity(safety[0]) == []
