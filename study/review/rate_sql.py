"""A rating's three statements, compiled once (the read) or written as SQL (the two writes).

Why not the ORM each time: a rating locks the state, logs the rating and updates the state, and
Django took about 0.6 ms to build those three statements (a filtered get, a model insert, an
update of six columns) against well under 0.1 ms to run them, on every rating. The read is the
ORM's own query through readmark.prepared; the writes are plain enough for SQLite and
PostgreSQL alike, their values converted by the models' fields as ``save()`` would.

No ``post_save`` is sent for these rows: nothing listens to ReviewState or ReviewLog saves (a
receiver added later must be called from study.review.services.review_rate instead).
Call these inside ``transaction.atomic()``: the read locks the row on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from readmark.prepared import PreparedQuery
from study.review.models import ReviewLog, ReviewState

_locked_state = PreparedQuery(
    lambda user_id, card_id: ReviewState.objects.select_for_update().filter(
        user_id=user_id, card_id=card_id
    ),
    int,
    int,
)

_INSERT_LOG = (
    "INSERT INTO study_reviewlog (user_id, card_id, article_id, grade, phase_before, reviewed,"
    " due_before, interval_seconds, duration_ms) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_UPDATE_STATE = (
    "UPDATE study_reviewstate SET memory = %s, phase = %s, due = %s, last_review = %s,"
    " reps = %s, lapses = %s WHERE id = %s"
)
_memory = ReviewState._meta.get_field("memory")


def locked_state(*, user_id: int, card_id: int) -> ReviewState | None:
    """The reader's state of the card, locked until the transaction ends; None if not theirs."""
    return _locked_state.first(user_id, card_id)


def log_rating(log: ReviewLog) -> None:
    """Insert the rating (its id is not read back: nothing uses it)."""
    moment = connection.ops.adapt_datetimefield_value
    params: list[Any] = [
        log.user_id,
        log.card_id,
        log.article_id,
        int(log.grade),
        int(log.phase_before),
        moment(log.reviewed),
        moment(log.due_before),
        log.interval_seconds,
        log.duration_ms,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_LOG, params)


def save_rated_state(state: ReviewState) -> None:
    """Write the columns a rating changes (memory, phase, due, last review, reps, lapses)."""
    moment = connection.ops.adapt_datetimefield_value
    params: list[Any] = [
        _memory.get_db_prep_save(state.memory, connection),
        int(state.phase),
        moment(state.due),
        moment(state.last_review),
        state.reps,
        state.lapses,
        state.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_STATE, params)
