"""Background work: the one interface the rest of the code submits generations through.

The queue is the ``Generation`` table itself: a queued row is a job, and a worker takes it
with a conditional UPDATE (``status='queued'`` → ``'running'``), so two workers — threads,
processes or machines sharing the database — never run the same job twice.

Backends (``READMARK_TASK_BACKEND``; a dotted path to a class with ``submit`` also works):

- ``embedded`` (default): no broker and nothing else to start. The offline generator is fast
  and runs right away in the calling thread; language-model generations go to a worker thread
  in this process, started with the web server (``readmark serve``) or on first use.
- ``worker``: submit only records the job; ``readmark worker`` processes run every job. For
  several web processes, or to keep slow provider calls away from the web servers entirely.
- ``redis``: jobs are also pushed to an RQ queue (``study/queue.py``), so ``readmark
  worker`` processes on any machine take them at once instead of polling.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time
from functools import lru_cache
from typing import Protocol

from django.apps import apps
from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils.module_loading import import_string

from study.jobs import generation_claim, generation_expire_stale, generation_run
from study.models import Generation, Status

log = logging.getLogger(__name__)

BACKENDS = {
    "embedded": "study.tasks.EmbeddedBackend",
    "worker": "study.tasks.QueueOnlyBackend",
    "redis": "study.queue.RedisBackend",
}
# How `readmark worker` runs jobs for a backend; the rest poll the Generation table (`work`).
WORKER_LOOPS = {"redis": "study.queue.run_worker"}
POLL_SECONDS = 1.0
EXPIRE_EVERY_SECONDS = 30.0


class TaskBackend(Protocol):
    def submit(self, generation_id: int, *, offline: bool) -> None: ...


def runs_inline(*, offline: bool) -> bool:
    """Whether this generation runs right here, in the request (the caller then runs it with
    study.jobs.generation_execute instead of submitting it)."""
    current = backend()
    return offline and isinstance(current, EmbeddedBackend)


def submit(generation, *, offline: bool) -> None:
    """Hand a queued generation to the configured backend."""
    backend().submit(generation.id, offline=offline)


@lru_cache(maxsize=1)
def backend() -> TaskBackend:
    name = settings.READMARK_TASK_BACKEND
    return import_string(BACKENDS.get(name, name))()


def backend_reset() -> None:
    """Stop this process's embedded worker and forget the backend (after a settings change)."""
    if backend.cache_info().currsize:
        current = backend()
        if isinstance(current, EmbeddedBackend):
            current.stop()
    backend.cache_clear()


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"


def run_next(*, worker: str) -> bool:
    """Claim the oldest queued generation and run it; False when there was none to claim."""
    queued = Generation.objects.filter(status=Status.QUEUED).order_by("id")
    for generation_id in queued.values_list("id", flat=True)[:10]:
        if generation_claim(generation_id=generation_id, worker=worker):
            generation_run(generation_id=generation_id, worker=worker)
            return True
    return False


def run_queued() -> int:
    """Run every queued generation, one after another; how many ran (``--burst``)."""
    generation_expire_stale()
    name, ran = worker_name(), 0
    while run_next(worker=name):
        ran += 1
    return ran


def work(*, stop: threading.Event, wake: threading.Event | None = None, poll=POLL_SECONDS):
    """The worker loop, shared by the embedded thread and ``readmark worker``."""
    while not apps.ready:  # started from AppConfig.ready: let the other apps finish loading
        if stop.wait(0.05):
            return
    name = worker_name()
    wake = wake or threading.Event()
    next_expiry = 0.0
    while not stop.is_set():
        ran = False
        try:
            if time.monotonic() >= next_expiry:
                generation_expire_stale()
                next_expiry = time.monotonic() + EXPIRE_EVERY_SECONDS
            ran = run_next(worker=name)
        except Exception:  # the loop must outlive a bad job or a database hiccup
            log.exception("flashcard worker: a job failed")
        finally:
            close_old_connections()
        if not ran:
            wake.wait(poll)
            wake.clear()
    connections.close_all()  # this thread's connections: nothing may hold the database open


class QueueOnlyBackend:
    """Jobs wait in the table for ``readmark worker``."""

    def submit(self, generation_id: int, *, offline: bool) -> None:
        return None


class EmbeddedBackend:
    """Offline jobs inline, the rest on one worker thread per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._stop = threading.Event()
        self._wake = threading.Event()

    def submit(self, generation_id: int, *, offline: bool) -> None:
        if offline:
            generation_run(generation_id=generation_id, claimed=False, worker=worker_name())
            return
        self.start()
        # The worker reads the row with its own connection: wake it once the row is committed.
        transaction.on_commit(self._wake.set)

    def start(self) -> None:
        with self._lock:
            alive = self._thread is not None and self._thread.is_alive()
            if alive and self._pid == os.getpid():
                return
            # After a fork the thread object is copied but the thread is not: start anew.
            self._pid = os.getpid()
            self._stop = threading.Event()
            self._thread = threading.Thread(
                target=work,
                kwargs={"stop": self._stop, "wake": self._wake},
                name="readmark-flashcards",
                daemon=True,
            )
            self._thread.start()
            log.info("flashcard worker thread started in process %s", self._pid)

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
            self._stop.set()
            self._wake.set()
        if thread is not None:
            thread.join(timeout)


def serving() -> bool:
    """True inside a web server process (granian, as ``readmark serve`` runs it)."""
    return os.path.basename(sys.argv[0]) in {"granian", "gunicorn"}


def start_embedded_worker() -> None:
    """Start the worker thread now, so jobs queued before a restart run without waiting."""
    current = backend()
    if isinstance(current, EmbeddedBackend):
        current.start()
