"""The review queue's hot query (the next card and the due count), written as SQL.

Why not the ORM here: with 10,000 cards due, building the next-card queryset (a join, two
correlated subqueries and an EXISTS) took ~6 ms in Django's compiler against ~0.2 ms to run it,
and the review page and every rating run it. The count rides in the same statement: as a
second one it cost as much to pass through Django's cursor as to run. The SQL is plain enough
for SQLite and PostgreSQL alike; the same rules are kept in
``study.review.selectors.due_states`` (the ORM version, used where speed does not matter) and
tests compare the two.

Both walk the (user, due) index in order: a range on ``due``, the rest as a filter, ordered by
(due, id), which the index already has, so the next-card part stops at the first visible card
and the count reads at most ``limit`` rows.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection

from study.models import EvidenceState
from study.scheduling import Phase

_DUE = """
  FROM study_reviewstate s
  JOIN study_card c ON c.id = s.card_id
 WHERE s.user_id = %(user)s
   AND s.due <= %(bound)s
   AND ((s.phase = %(review)s AND s.due < %(day_end)s) OR s.due <= %(ahead)s)
   AND c.state = %(anchored)s
   AND NOT EXISTS (SELECT 1 FROM study_cardedit h
                    WHERE h.owner_id = %(user)s AND h.card_id = s.card_id AND h.hidden)
   {article}
"""

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
    " (SELECT x.heading FROM reader_section x"
    "   WHERE x.revision_id = a.current_revision_id AND x.anchor = s.section_anchor),"
    " (" + _COUNT_SQL + ")" + _FROM + " LEFT JOIN study_cardedit e"
    " ON e.owner_id = %(user)s AND e.card_id = s.card_id"
    " LEFT JOIN reader_article a ON a.id = s.article_id"
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
