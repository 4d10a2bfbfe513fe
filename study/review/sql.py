"""The review page's and the progress page's hot reads, written as SQL through Django's cursor.

Why by hand: these queries' shape is not one the ORM builds. The review queue needs the next due
card, its edit and section heading, and the due count in one statement that walks the (user, due)
index in order and stops at the first visible card. The progress page counts ratings and due
cards per local day with a VALUES list of day edges joined to the rows and grouped: a day in the
reader's zone may last 23 or 25 hours, so its edges are local midnights worked out in Python
(``study.scheduling.local_midnight``; day ``i`` is ``edges[i] <= time < edges[i + 1]``), and
TruncDate would convert every row's time zone in Python on SQLite. The ORM's equivalents were
one aggregate per day.

The same rules are kept in ``study.review.selectors.due_states`` (the ORM version, used where
speed does not matter), and tests compare the two. Table names come from the models; the SQL is
plain enough for SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django.db import connection

from reader.models import Article, Section
from study.models import Card, CardEdit, EvidenceState, ReviewLog, ReviewState
from study.scheduling import Grade, Phase

STATES = ReviewState._meta.db_table
LOGS = ReviewLog._meta.db_table
CARDS = Card._meta.db_table
EDITS = CardEdit._meta.db_table
ARTICLES = Article._meta.db_table
SECTIONS = Section._meta.db_table

_DUE = """
  FROM {STATES} s
  JOIN {CARDS} c ON c.id = s.card_id
 WHERE s.user_id = %(user)s
   AND s.due <= %(bound)s
   AND ((s.phase = %(review)s AND s.due < %(day_end)s) OR s.due <= %(ahead)s)
   AND c.state = %(anchored)s
   AND NOT EXISTS (SELECT 1 FROM {EDITS} h
                    WHERE h.owner_id = %(user)s AND h.card_id = s.card_id AND h.hidden)
   {article}
"""

_TABLES = {"STATES": STATES, "CARDS": CARDS, "EDITS": EDITS, "ARTICLES": ARTICLES,
           "SECTIONS": SECTIONS, "article": "{article}"}  # fmt: skip
_DUE = _DUE.format(**_TABLES)

# SQL wants the joins before WHERE: the shared part is split where the WHERE starts.
_FROM, _WHERE = _DUE.split(" WHERE ", 1)

_COUNT_SQL = (
    "SELECT COUNT(*) FROM (SELECT s.id " + _DUE + " ORDER BY s.due, s.id LIMIT %(limit)s) q"
)

# The count rides along as the last column: one statement instead of two. It is a subquery
# of its own (no reference to the outer row), so the database counts once.
_NEXT_SQL = (
    "SELECT s.id, s.card_id, s.reps, s.memory, s.section_anchor,"
    " c.kind, c.question, c.answer, c.quote, e.question, e.answer, a.slug, a.title,"
    " (SELECT x.heading FROM " + SECTIONS + " x"
    "   WHERE x.revision_id = a.current_revision_id AND x.anchor = s.section_anchor),"
    " (" + _COUNT_SQL + ")" + _FROM + " LEFT JOIN " + EDITS + " e"
    " ON e.owner_id = %(user)s AND e.card_id = s.card_id"
    " LEFT JOIN " + ARTICLES + " a ON a.id = s.article_id"
    " WHERE " + _WHERE + " ORDER BY s.due, s.id LIMIT 1"
)


def _params(*, user_id: int, day_end: datetime, ahead: datetime, article_id) -> dict:
    adapt = connection.ops.adapt_datetimefield_value
    params = {
        "user": user_id,
        "bound": adapt(max(day_end, ahead)),
        "review": int(Phase.REVIEW),
        "day_end": adapt(day_end),
        "ahead": adapt(ahead),
        "anchored": EvidenceState.ANCHORED.value,
    }
    if article_id is not None:
        params["article_id"] = article_id
    return params


def _article_clause(article_id) -> str:
    return "AND s.article_id = %(article_id)s" if article_id is not None else ""


def next_due(
    *, user_id: int, day_end: datetime, ahead: datetime, article_id, limit: int
) -> tuple[tuple | None, int]:
    """The next due card's row and how many are due, counted up to `limit` (one statement).

    The row: (state id, card id, reps, memory, anchor, kind, question, answer, quote, edited
    question, edited answer, article slug, article title, section heading), or None."""
    sql = _NEXT_SQL.format(article=_article_clause(article_id))
    params = _params(user_id=user_id, day_end=day_end, ahead=ahead, article_id=article_id)
    params["limit"] = limit
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    # Nothing due means no row at all, and a count of zero.
    return (row[:-1], row[-1]) if row is not None else (None, 0)


def count_due(*, user_id: int, day_end: datetime, ahead: datetime, article_id, limit: int) -> int:
    sql = _COUNT_SQL.format(article=_article_clause(article_id))
    params = _params(user_id=user_id, day_end=day_end, ahead=ahead, article_id=article_id)
    params["limit"] = limit
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


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
    # Kept by database vendor, as that decides the form: the edges repeat from page to page.
    adapt = connection.ops.adapt_datetimefield_value
    return {f"e{index}": adapt(edge) for index, edge in enumerate(edges)}


@lru_cache(maxsize=16)
def _reviews_sql(days: int, recent: bool) -> str:
    parts = []
    if days:
        parts.append(
            f"SELECT d.column1, COUNT(*), 0 FROM {_days(days)}"
            f" JOIN {LOGS} r ON r.user_id = %(user)s"
            " AND r.reviewed >= d.column2 AND r.reviewed < d.column3"
            " GROUP BY d.column1"
        )
    if recent:
        # Retention's 30 days end at `now`, not at a midnight: a row of its own.
        parts.append(
            f"SELECT {_RECENT}, COUNT(*), SUM(CASE WHEN r.grade = %(again)s THEN 1 ELSE 0 END)"
            f" FROM {LOGS} r WHERE r.user_id = %(user)s"
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
    f" JOIN {CARDS} c ON c.id = s.card_id"
    " WHERE c.state = %(anchored)s"
    f" AND NOT EXISTS (SELECT 1 FROM {EDITS} h"
    "  WHERE h.owner_id = %(user)s AND h.card_id = s.card_id AND h.hidden)"
)


@lru_cache(maxsize=16)
def _due_sql(days: int) -> str:
    parts = [
        f"SELECT {_TODAY}, COUNT(*) FROM {STATES} s"
        + _VISIBLE
        + " AND s.user_id = %(user)s AND s.due < %(day_end)s"
    ]
    if days:
        parts.append(
            f"SELECT d.column1, COUNT(*) FROM {_days(days)}"
            f" JOIN {STATES} s ON s.user_id = %(user)s"
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
