"""`readmark worker [--burst]`: run queued flashcard generations in this process.

Any number of workers may run, on any machine that shares the database: each job is claimed
with a conditional UPDATE, so it runs once. SIGTERM or Ctrl+C finish the current job first.
With READMARK_TASK_BACKEND=redis the worker takes jobs from the Redis queue instead.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading

log = logging.getLogger("readmark.worker")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("worker", help="Run queued flashcard generations.")
    parser.add_argument("--burst", action="store_true", help="Run what is queued now, then exit.")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.utils.module_loading import import_string

    from study import tasks

    loop = tasks.WORKER_LOOPS.get(settings.READMARK_TASK_BACKEND)
    if loop:
        import_string(loop)(burst=args.burst)
        return 0
    if args.burst:
        ran = tasks.run_queued()
        print(f"ran {ran} generation{'s' if ran != 1 else ''}")
        return 0
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    print(f"readmark worker {tasks.worker_name()} is running (Ctrl+C stops it)", flush=True)
    tasks.work(stop=stop)
    return 0
