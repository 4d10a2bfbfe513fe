"""Running a JSON-LD import for the profile page: small files at once, large ones in the
background with progress, and at most one import per reader at a time.

Why a background thread and not the flashcard task queue: an import's input is the uploaded
file, which lives in this process's memory; the queue's jobs are rows any process may take.
A thread of the web process that received the file keeps the request short (the file is
read and checked, then the page answers) while the placing runs; the status lives in the
cache (shared between processes with Redis), so the profile page shows it from any process.
If the process stops mid-import, what was written stays (see ``exports/services.py``), the
slot frees itself after ``SLOT_SECONDS`` without progress, and importing the file again adds
only what is missing.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import connections

from exports.services import ImportRefused, ImportReport, annotations_import, import_parse
from reader.models import Article

log = logging.getLogger(__name__)

# Files with more annotations than this are imported in the background: placing a fuzzy
# quote costs milliseconds a section, so a request with this many answers within seconds.
INLINE_MAX = 50
SLOT_SECONDS = 120  # an import that reports no progress for this long is taken as dead
STATUS_SECONDS = 24 * 3600  # how long the profile shows a finished import's result


class ImportBusy(ImportRefused):
    """This reader already has an import running."""


@dataclass
class ImportStatus:
    state: str  # "running", "done" or "failed"
    total: int
    placed: int = 0
    summary: str = ""
    details: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.time)

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def percent(self) -> int:
        return 100 * self.placed // self.total if self.total else 100


def _slot_key(owner_id: int) -> str:
    return f"readmark:import:slot:{owner_id}"


def _status_key(owner_id: int) -> str:
    return f"readmark:import:status:{owner_id}"


def import_status(*, owner: AbstractBaseUser) -> ImportStatus | None:
    """The reader's running import, or the last one's result, or None."""
    data: dict[str, Any] | None = cache.get(_status_key(owner.pk))
    if data is None:
        return None
    status = ImportStatus(**data)
    if status.running and cache.get(_slot_key(owner.pk)) is None:
        # The process running it stopped: say so instead of showing progress forever.
        status = ImportStatus(
            state="failed",
            total=status.total,
            placed=status.placed,
            summary="The import stopped part-way (the server restarted). What was imported "
            "is kept; import the same file again to add the rest.",
        )
    return status


def _save(owner_id: int, status: ImportStatus) -> None:
    cache.set(_status_key(owner_id), asdict(status), STATUS_SECONDS)


def import_start(
    *, owner: AbstractBaseUser, data: bytes, article: Article | None = None
) -> ImportReport | None:
    """Import ``data`` for ``owner``: the report when done at once, None when it went to the
    background (``import_status`` follows it). Raises ImportRefused for an unreadable file and
    ImportBusy while another import of this reader runs."""
    incoming, _ = import_parse(data=data)  # refuse a bad file now, not in the background
    token = uuid.uuid4().hex
    if not cache.add(_slot_key(owner.pk), token, SLOT_SECONDS):
        raise ImportBusy(
            "Another import of yours is still running. Wait until it finishes (its progress "
            "shows below), then import this file."
        )
    if len(incoming) <= INLINE_MAX:
        try:
            return annotations_import(owner=owner, data=data, article=article)
        finally:
            cache.delete(_slot_key(owner.pk))
    _save(owner.pk, ImportStatus(state="running", total=len(incoming)))
    thread = threading.Thread(
        target=_run,
        args=(owner, data, article, token),
        name=f"annotation-import-{owner.pk}",
        daemon=True,
    )
    thread.start()
    return None


def _run(owner: AbstractBaseUser, data: bytes, article: Article | None, token: str) -> None:
    owner_id = owner.pk

    def progress(placed: int, total: int) -> None:
        _save(owner_id, ImportStatus(state="running", total=total, placed=placed))
        cache.touch(_slot_key(owner_id), SLOT_SECONDS)

    try:
        report = annotations_import(owner=owner, data=data, article=article, progress=progress)
        total = report.created + report.already_there + len(report.skipped)
        _save(
            owner_id,
            ImportStatus(
                state="done",
                total=total,
                placed=total,
                summary=report.summary(),
                details=report.details(limit=10),
            ),
        )
    except Exception:  # the reader must learn that it failed, whatever the cause
        log.exception("annotation import for reader %s failed", owner_id)
        _save(
            owner_id,
            ImportStatus(
                state="failed",
                total=0,
                summary="The import failed part-way. What was imported is kept; import the "
                "same file again to add the rest, and tell the administrator if it fails again.",
            ),
        )
    finally:
        if cache.get(_slot_key(owner_id)) == token:
            cache.delete(_slot_key(owner_id))
        connections.close_all()  # this thread's connections
