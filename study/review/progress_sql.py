"""The progress page's counts per local day, written as SQL: one statement each.

Why not the ORM here: the page counted each day with its own ``Count(filter=Q(...))``, about a
hundred of them, and building those aggregates made the section cost 17.6 ms a page (35 ms
with 2,000 reviews) against well under a millisecond for the database to answer. These
statements are strings, cached by their number of days; a call only binds its values.

A day is what ``study.scheduling.local_midnight`` says, as before: day ``i`` is
``edges[i] <= time < edges[i + 1]``, the edges being local midnights worked out in Python (a
day in the reader's zone may last 23 or 25 hours). The days are a VALUES list joined to the
rows and grouped, plain SQL for SQLite and PostgreSQL alike. Measured with 2,000 reviews:
SQLite seeks the (user, time) index once a day and counts from the index alone, 0.5 ms with
the retention row; finding each row's day with a CASE took 1.6 ms, and sixty COUNT subqueries
took 4.7 ms on PostgreSQL (planning them). Not TruncDate: on SQLite Django converts each row's
time zone in Python.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django.db import connection

from study.models import EvidenceState
from study.scheduling import Grade, Phase

_TODAY = -1  # the index of the row counting what is due before the end of today
_RECENT = -1  # the index of the row counting recent reviews for retention


def _days(count: int) -> str:
    """The days as rows (index, start, end): the parameters e0, e1... are their edges."""
    rows = ", ".join(f"({index}, %(e{index})s, %(e{index + 1})s)" for index in range(count))
    return f"(VALUES {rows}) d"


def _edge_params(edges: tuple[datetime, ...]) -> dict[str, object]:
    return dict(_adapted(connection.vendor, edges))


@lru_cache(maxsize=64)
def _adapted(vendor: str, edges: tuple[datetime, ...]) -> dict[str, object]:
    # Kept (by database vendor, as that decides the form): sixty conversions cost as much as
    # the query.
    adapt = connection.ops.adapt_datetimefield_value
    return {f"e{index}": adapt(edge) for index, edge in enumerate(edges)}


@lru_cache(maxsize=16)
def _reviews_sql(days: int, recent: bool) -> str:
    parts = []
    if days:
        parts.append(
            f"SELECT d.column1, COUNT(*), 0 FROM {_days(days)}"
            " JOIN study_reviewlog r ON r.user_id = %(user)s"
            " AND r.reviewed >= d.column2 AND r.reviewed < d.column3"
            " GROUP BY d.column1"
        )
    if recent:
        # Retention's 30 days end at `now`, not at a midnight: a row of its own.
        parts.append(
            f"SELECT {_RECENT}, COUNT(*), SUM(CASE WHEN r.grade = %(again)s THEN 1 ELSE 0 END)"
            " FROM study_reviewlog r WHERE r.user_id = %(user)s"
            " AND r.reviewed >= %(since)s AND r.phase_before = %(review)s"
        )
    return " UNION ALL ".join(parts)


def review_counts(
    *, user_id: int, edges: tuple[datetime, ...], since: datetime | None
) -> tuple[list[int], int, int]:
    """Ratings per day between consecutive `edges` (none for fewer than two), and, from `since`
    on (None: not counted), how many rated cards in the review phase and how many of those
    were forgotten (rated Again)."""
    days = max(len(edges) - 1, 0)
    params = _edge_params(edges) if days else {}
    params.update(user=user_id)
    if since is not None:
        params.update(
            since=connection.ops.adapt_datetimefield_value(since),
            review=int(Phase.REVIEW),
            again=int(Grade.AGAIN),
        )
    counts = [0] * days
    recent = forgotten = 0
    if not days and since is None:
        return counts, recent, forgotten
    with connection.cursor() as cursor:
        cursor.execute(_reviews_sql(days, since is not None), params)
        for index, count, lapsed in cursor.fetchall():
            if index == _RECENT:
                recent, forgotten = count, lapsed or 0  # SUM of no rows is NULL
            else:
                counts[index] = count
    return counts, recent, forgotten


# The rules of study.review.selectors._visible: the card still anchored, not hidden by this
# reader.
_VISIBLE = (
    " JOIN study_card c ON c.id = s.card_id"
    " WHERE c.state = %(anchored)s"
    " AND NOT EXISTS (SELECT 1 FROM study_cardedit h"
    "  WHERE h.owner_id = %(user)s AND h.card_id = s.card_id AND h.hidden)"
)


@lru_cache(maxsize=16)
def _due_sql(days: int) -> str:
    parts = [
        f"SELECT {_TODAY}, COUNT(*) FROM study_reviewstate s"
        + _VISIBLE
        + " AND s.user_id = %(user)s AND s.due < %(day_end)s"
    ]
    if days:
        parts.append(
            f"SELECT d.column1, COUNT(*) FROM {_days(days)}"
            " JOIN study_reviewstate s ON s.user_id = %(user)s"
            " AND s.due >= d.column2 AND s.due < d.column3" + _VISIBLE + " GROUP BY d.column1"
        )
    return " UNION ALL ".join(parts)


def due_counts(
    *, user_id: int, day_end: datetime, edges: tuple[datetime, ...]
) -> tuple[int, list[int]]:
    """Visible cards due before `day_end` (overdue included), and due between consecutive
    `edges` (the days ahead; none for fewer than two edges)."""
    days = max(len(edges) - 1, 0)
    params = _edge_params(edges) if days else {}
    params.update(
        user=user_id,
        day_end=connection.ops.adapt_datetimefield_value(day_end),
        anchored=EvidenceState.ANCHORED.value,
    )
    today = 0
    counts = [0] * days
    with connection.cursor() as cursor:
        cursor.execute(_due_sql(days), params)
        for index, count in cursor.fetchall():
            if index == _TODAY:
                today = count
            else:
                counts[index] = count
    return today, counts
