"""The Redis-backed task queue (RQ), the scale option behind the task interface in study/tasks.py.

With `READMARK_TASK_BACKEND=redis` (study.tasks maps it to `RedisBackend` here) each queued
generation is also pushed to an RQ queue on `REDIS_URL`, and any number of `readmark worker`
processes, on any machine, take jobs from it at once instead of polling the database.

Delivery is at least once: a job whose worker dies mid-run (SIGKILL, OOM, power) stays in RQ's
started registry until its lease expires (job timeout + LEASE_GRACE_SECONDS); a live worker's
maintenance pass then requeues it (RQ's `Retry`). So job functions must be idempotent: the
generation job claims its database row with a conditional UPDATE and skips work already done.

The worker runs jobs in its own process (RQ's SimpleWorker, no fork per job): Django's database
connections and psycopg's pool threads do not survive a fork.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections, transaction
from django.utils import timezone
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry, SimpleWorker
from rq.exceptions import DuplicateJobError
from rq.executions import Execution
from rq.serializers import JSONSerializer

from study import tasks
from study.jobs import generation_run
from study.models import Generation, Status

QUEUE_NAME = "readmark"
# How long after its lease a dead worker's job waits before another worker takes it over.
LEASE_GRACE_SECONDS = 10
# A dead worker's jobs are noticed by another worker's maintenance pass, this often.
MAINTENANCE_SECONDS = 10
# Redeliveries after a crash (or an unexpected exception) before RQ gives the job up as failed.
REDELIVERIES = 2
# The worker's registration expires this long after its last heartbeat; it also bounds how long
# an idle worker blocks on Redis before running maintenance again (RQ: worker_ttl - 15).
WORKER_TTL_SECONDS = 25

log = logging.getLogger(__name__)


def connection() -> Redis:
    if not settings.REDIS_URL:
        raise ImproperlyConfigured("READMARK_TASK_BACKEND=redis needs REDIS_URL.")
    return Redis.from_url(settings.REDIS_URL)


def queue(redis: Redis | None = None) -> Queue:
    # JSON, not pickle: whoever can write to Redis must not be able to run code in the worker.
    return Queue(QUEUE_NAME, connection=redis or connection(), serializer=JSONSerializer)


def enqueue(function: str, *, job_id: str, kwargs: dict[str, Any], timeout: int) -> bool:
    """Queue `function` (a dotted path) with JSON-able `kwargs`, once per `job_id`.

    Returns False when a job with this id is already queued or running (a double click, a retry
    of the same request): the caller's work is already on its way.
    """
    try:
        queue().enqueue(
            function,
            kwargs=kwargs,
            job_id=job_id,
            unique=True,
            job_timeout=timeout,
            retry=Retry(max=REDELIVERIES),
            result_ttl=0,  # results live in the database; a finished id may be queued again
            failure_ttl=7 * 24 * 3600,
        )
    except DuplicateJobError:
        return False
    return True


class ReadmarkWorker(SimpleWorker):
    """RQ's in-process worker with a short lease and Django's connection hygiene around jobs."""

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        # RQ's SimpleWorker adds 60 s; a dead worker's job would wait that long to be retried.
        timeout = job.timeout if job.timeout and job.timeout > 0 else 600
        return int(timeout) + LEASE_GRACE_SECONDS

    def prepare_execution(self, job):
        # A dead worker's execution record expires 60 s before RQ drops it from the job's
        # execution registry; finishing the redelivered job would then fail on the missing
        # record (rq 2.x-3.0). Forget such records before starting.
        registry = job.execution_registry
        for execution_id in self.connection.zrange(registry.key, 0, -1):
            execution = Execution(
                id=execution_id.decode(), job_id=job.id, connection=self.connection
            )
            if not self.connection.exists(execution.key):
                self.connection.zrem(registry.key, execution_id)
        return super().prepare_execution(job)

    def run_maintenance_tasks(self):
        super().run_maintenance_tasks()
        try:
            push_queued_generations()
        except Exception:  # maintenance must not stop the worker
            log.exception("re-queuing waiting generations failed")
        finally:
            close_old_connections()

    def perform_job(self, job, queue, *args, **kwargs):
        close_old_connections()
        try:
            return super().perform_job(job, queue, *args, **kwargs)
        finally:
            close_old_connections()


def run_worker(*, burst: bool = False, name: str | None = None) -> None:
    """Run jobs until stopped (SIGTERM/SIGINT finish the current job first); `burst` stops when
    the queue is empty."""
    redis = connection()
    worker = ReadmarkWorker(
        [queue(redis)],
        connection=redis,
        name=name,
        serializer=JSONSerializer,
        worker_ttl=WORKER_TTL_SECONDS,
        maintenance_interval=MAINTENANCE_SECONDS,
    )
    log.info("worker %s listening on Redis queue %r", worker.name, QUEUE_NAME)
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
    worker.work(burst=burst, with_scheduler=False, logging_level=level)


# --- Flashcard generations ------------------------------------------------------------------


def generation_timeout() -> int:
    """A generation job's time limit: two provider calls and the storing.

    It stays below the age at which study.jobs.generation_expire_stale gives a running
    generation up (2 x LLM timeout + 60 s), so a dead worker's job is redelivered (at this
    timeout + LEASE_GRACE_SECONDS) before it would be marked interrupted.
    """
    return settings.READMARK_LLM_TIMEOUT_SECONDS * 2 + 10


def generation_job_id(generation_id: int) -> str:
    return f"generation-{generation_id}"


def enqueue_generation(generation_id: int) -> bool:
    return enqueue(
        "study.queue.run_generation",
        job_id=generation_job_id(generation_id),
        kwargs={"generation_id": generation_id},
        timeout=generation_timeout(),
    )


def run_generation(*, generation_id: int) -> None:
    """The RQ job: run one queued generation, at most once to completion.

    A redelivered job finds its row still `running` under the dead worker's name. RQ redelivers
    only after the job's lease (its timeout, enforced by the worker) has run out, so that worker
    is gone: give the row back to the queue, then claim it as any job does. The claim is a
    conditional UPDATE, so a second delivery of a finished or taken job does nothing.
    """
    lease_ended = timezone.now() - timedelta(seconds=generation_timeout())
    Generation.objects.filter(
        id=generation_id, status=Status.RUNNING, started__lt=lease_ended
    ).update(status=Status.QUEUED)
    generation_run(generation_id=generation_id, claimed=False, worker=tasks.worker_name())


class RedisBackend:
    """study.tasks backend: the row is the job's truth, RQ only delivers it to a worker."""

    def submit(self, generation_id: int, *, offline: bool) -> None:
        # After commit: a worker that takes the job at once must find the row.
        transaction.on_commit(lambda: _push(generation_id))


def _push(generation_id: int) -> None:
    try:
        enqueue_generation(generation_id)
    except RedisError:
        # The row stays queued; every worker re-pushes queued rows when it starts and on each
        # maintenance pass (push_queued_generations), so the job is late, not lost.
        log.exception("could not queue generation %s on Redis", generation_id)


def push_queued_generations() -> int:
    """Queue every generation still waiting in the database (unique job ids: no duplicates)."""
    queued = Generation.objects.filter(status=Status.QUEUED).values_list("id", flat=True)
    return sum(enqueue_generation(generation_id) for generation_id in queued)
