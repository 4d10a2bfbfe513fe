"""The Redis-backed task queue (RQ), the scale option behind the task interface in study/tasks.py.

With `READMARK_TASK_QUEUE=embedded` (the default) no broker is needed and this module is unused.
With `READMARK_TASK_QUEUE=redis`, jobs go to an RQ queue on `REDIS_URL` and any number of
`readmark worker` processes, on any machine, run them.

Delivery is at least once: a job whose worker dies mid-run (SIGKILL, OOM, power) stays in RQ's
started registry until its lease expires (job timeout + LEASE_GRACE_SECONDS); a live worker's
maintenance pass then requeues it (RQ's `Retry`). So job functions must be idempotent: the
generation job claims its database row with a conditional UPDATE and skips work already done.

The worker runs jobs in its own process (RQ's SimpleWorker, no fork per job): Django's database
connections and psycopg's pool threads do not survive a fork.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections
from redis import Redis
from rq import Queue, Retry, SimpleWorker
from rq.exceptions import DuplicateJobError
from rq.executions import Execution
from rq.serializers import JSONSerializer

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


def enabled() -> bool:
    return settings.READMARK_TASK_QUEUE == "redis"


def connection() -> Redis:
    if not settings.REDIS_URL:
        raise ImproperlyConfigured("READMARK_TASK_QUEUE=redis needs REDIS_URL.")
    return Redis.from_url(settings.REDIS_URL)


def queue(redis: Redis | None = None) -> Queue:
    # JSON, not pickle: whoever can write to Redis must not be able to run code in the worker.
    return Queue(QUEUE_NAME, connection=redis or connection(), serializer=JSONSerializer)


def enqueue(
    function: str, *, job_id: str, kwargs: dict[str, Any], timeout: int | None = None
) -> bool:
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
            job_timeout=timeout or settings.READMARK_TASK_TIMEOUT_SECONDS,
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
