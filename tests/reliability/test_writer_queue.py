"""The writers' queue of readmark/sqlite/base.py: a transaction waits its turn behind writers in
other threads and processes, for at most the busy timeout, and always gives its turn back."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time

import pytest

from readmark.sqlite.base import WriterQueue
from tests.reliability.support import prepare_site, run_site_script, site_env

HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_in_another_process(path: str, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, path, str(seconds)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.stdout.close()
    return holder


def test_a_writer_waits_for_another_process_then_goes(tmp_path):
    queue = WriterQueue(str(tmp_path / "db-writers"))
    holder = hold_in_another_process(queue.path, 0.4)
    started = time.monotonic()
    assert queue.acquire(timeout=5)
    waited = time.monotonic() - started
    queue.release()
    holder.wait(timeout=10)
    assert 0.2 < waited < 3


def test_the_wait_ends_at_the_timeout_and_leaves_the_queue_usable(tmp_path):
    queue = WriterQueue(str(tmp_path / "db-writers"))
    holder = hold_in_another_process(queue.path, 30)
    try:
        started = time.monotonic()
        assert queue.acquire(timeout=0.3) is False
        assert 0.25 < time.monotonic() - started < 3
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert queue.acquire(timeout=5)
    queue.release()


def test_threads_of_one_process_take_turns(tmp_path):
    queue = WriterQueue(str(tmp_path / "db-writers"))
    inside = 0
    most_inside = 0
    guard = threading.Lock()

    def writer() -> None:
        nonlocal inside, most_inside
        for _ in range(50):
            assert queue.acquire(timeout=10)
            with guard:
                inside += 1
                most_inside = max(most_inside, inside)
            time.sleep(0.0005)
            with guard:
                inside -= 1
            queue.release()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert most_inside == 1
    # and the file lock is free afterwards, for another process
    fd = os.open(queue.path, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(fd)


ROLLBACK_THEN_COMMIT = """
from django.db import connection, transaction
from annotations.models import Annotation
connection.settings_dict["OPTIONS"]["timeout"] = 0.3
try:
    with transaction.atomic():
        Annotation.objects.count()
        raise ValueError("rolled back")
except ValueError:
    pass
"""
SITE_TRANSACTIONS = """
import json, time
from django.db import OperationalError, connection, transaction
from annotations.models import Annotation
from readmark.errors import classify
connection.settings_dict["OPTIONS"]["timeout"] = 0.3
outcomes = []
started = time.monotonic()
try:
    with transaction.atomic():
        Annotation.objects.count()
    outcomes.append("committed")
except OperationalError as error:
    outcomes.append(classify(error))
outcomes.append(round(time.monotonic() - started, 2))
print(json.dumps(outcomes))
"""


# A SQLite site of its own, in a subprocess: the PostgreSQL pass has no writers' queue.
@pytest.mark.own_site
def test_a_transaction_behind_a_stuck_writer_is_a_busy_error_and_the_next_one_runs(tmp_path):
    env = site_env(tmp_path)
    prepare_site(env)
    holder = hold_in_another_process(str(tmp_path / "readmark.sqlite3") + "-writers", 30)
    try:
        last_line = run_site_script(env, SITE_TRANSACTIONS).strip().splitlines()[-1]
    finally:
        holder.kill()
        holder.wait(timeout=10)
    outcome, waited = json.loads(last_line)
    assert outcome == "busy"  # 503 with Retry-After, as a database locked past its timeout
    assert 0.25 < waited < 5
    again = run_site_script(env, ROLLBACK_THEN_COMMIT + SITE_TRANSACTIONS).strip().splitlines()[-1]
    assert again.startswith('["committed"')
