"""Reads for review. Each runs a fixed number of queries, however many cards are due."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from reader.models import Article, Section
from study import scheduling
from study.models import CardEdit, EvidenceState, ReviewState
from study.review import sql
from study.review.display import faces, source_url

Phase = scheduling.Phase
# Anki stops at 200 reviews a day by default; past that an exact count helps nobody.
COUNT_CAP = 200


@dataclass(frozen=True)
class DueCard:
    card_id: int
    reps: int
    kind: str
    front: str
    back: str
    article_slug: str
    article_title: str
    section_heading: str
    source_url: str
    intervals: dict[str, str]  # "again" -> "1 min", in rating order

    def as_json(self) -> dict[str, Any]:
        return {
            "card_id": self.card_id,
            "reps": self.reps,
            "kind": self.kind,
            "front": self.front,
            "back": self.back,
            "article": {"slug": self.article_slug, "title": self.article_title},
            "section": self.section_heading,
            "source_url": self.source_url,
            "intervals": self.intervals,
        }


@dataclass(frozen=True)
class Queue:
    card: DueCard | None
    remaining: int
    more: bool = False  # more than `remaining` are due (the count stops at COUNT_CAP)


def _visible(user) -> QuerySet[ReviewState]:
    """The reader's states for cards they can still see: not orphaned, not deleted by them."""
    hidden = CardEdit.objects.filter(owner=user, card_id=OuterRef("card_id"), hidden=True)
    return ReviewState.objects.filter(user=user, card__state=EvidenceState.ANCHORED).exclude(
        Exists(hidden)
    )


def due_states(*, user, now: datetime, day_end: datetime, article: Article | None = None):
    """Due per study.scheduling.is_due, soonest first (overdue cards, then later today).

    Written so the database walks the (user, due) index in order and stops at the first visible
    card: a range on `due`, the rest as a filter, and an order the index already has (SQLite
    keeps equal keys in rowid order; PostgreSQL sorts the ties incrementally).
    """
    ahead = now + scheduling.LEARN_AHEAD
    queryset = (
        _visible(user)
        .filter(due__lte=max(day_end, ahead))
        .filter(Q(phase=Phase.REVIEW, due__lt=day_end) | Q(due__lte=ahead))
    )
    if article is not None:
        queryset = queryset.filter(article=article)
    return queryset.order_by("due", "id")


def review_queue(*, user, now: datetime, zone: tzinfo, article: Article | None = None) -> Queue:
    """The next card to review and how many are due: one query (study.review.sql),
    reading no more than COUNT_CAP rows however many cards are due."""
    _, day_end = scheduling.day_bounds(now=now, zone=zone)
    # Counting is capped: past COUNT_CAP the page says "200+", and the count stays cheap.
    row, counted = sql.next_due(
        user_id=user.pk,
        day_end=day_end,
        ahead=now + scheduling.LEARN_AHEAD,
        article_id=article.pk if article is not None else None,
        limit=COUNT_CAP + 1,
    )
    if row is None:
        return Queue(card=None, remaining=0)
    return Queue(
        card=_due_card_from_row(row, now=now),
        remaining=min(counted, COUNT_CAP),
        more=counted > COUNT_CAP,
    )


def _due_card_from_row(row: tuple, *, now: datetime) -> DueCard:
    (_, card_id, reps, memory, anchor, kind, question, answer, quote) = row[:9]
    (edit_question, edit_answer, slug, title, heading) = row[9:]
    if isinstance(memory, str):  # SQLite hands JSON back as text; PostgreSQL parses it
        memory = json.loads(memory)
    return _due_card(
        card_id=card_id,
        reps=reps,
        memory=memory,
        kind=kind,
        question=edit_question or question,
        answer=edit_answer or answer,
        quote=quote,
        anchor=anchor,
        slug=slug or "",
        title=title or "",
        heading=heading or "",
        now=now,
    )


def due_card(state: ReviewState, *, now: datetime) -> DueCard:
    """A state fetched with the ORM, as the review page shows it (the reader's edits applied)."""
    card = state.card
    edit = CardEdit.objects.filter(owner_id=state.user_id, card=card).first()
    article = state.article
    heading = ""
    if article is not None:
        heading = (
            Section.objects.filter(
                revision_id=article.current_revision_id, anchor=state.section_anchor
            )
            .values_list("heading", flat=True)
            .first()
            or ""
        )
    return _due_card(
        card_id=card.id,
        reps=state.reps,
        memory=state.memory,
        kind=card.kind,
        question=(edit.question if edit else "") or card.question,
        answer=(edit.answer if edit else "") or card.answer,
        quote=card.quote,
        anchor=state.section_anchor,
        slug=article.slug if article else "",
        title=article.title if article else "",
        heading=heading,
        now=now,
    )


def _due_card(
    *,
    card_id: int,
    reps: int,
    memory: dict[str, Any],
    kind: str,
    question: str,
    answer: str,
    quote: str,
    anchor: str,
    slug: str,
    title: str,
    heading: str,
    now: datetime,
) -> DueCard:
    face = faces(kind=kind, question=question, answer=answer)
    intervals = scheduling.preview(memory, now=now)
    return DueCard(
        card_id=card_id,
        reps=reps,
        kind=kind,
        front=face.front,
        back=face.back,
        article_slug=slug,
        article_title=title,
        section_heading=heading,
        source_url=source_url(slug=slug, anchor=anchor, exact=quote) if slug else "",
        intervals={
            grade.name.lower(): scheduling.format_interval(interval)
            for grade, interval in intervals.items()
        },
    )


def review_state_get(*, user, card_id: int) -> ReviewState | None:
    return ReviewState.objects.filter(user=user, card_id=card_id).first()


# --- The progress page -----------------------------------------------------------------------
# Counted by study.review.sql: one grouped statement for the reviews and one for what
# is due, however many rows there are.


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


def _today(now: datetime, zone: tzinfo) -> date:
    day_start, _ = scheduling.day_bounds(now=now, zone=zone)
    return day_start.astimezone(zone).date()


def _span(newest: date, days: int) -> list[date]:
    """`days` days ending with `newest`, oldest first."""
    return [newest - timedelta(days=offset) for offset in range(days - 1, -1, -1)]


def _edges(days: list[date], zone: tzinfo) -> tuple[datetime, ...]:
    """The local midnights starting each of the consecutive `days`, and the one ending them."""
    return _midnights(days[0], len(days) + 1, zone)


@lru_cache(maxsize=64)
def _midnights(first: date, count: int, zone: tzinfo) -> tuple[datetime, ...]:
    # Kept: the same few windows serve every request of the day.
    return tuple(
        scheduling.local_midnight(first + timedelta(days=offset), zone) for offset in range(count)
    )


def due_forecast(*, user, now: datetime, zone: tzinfo, days: int = 7) -> dict[str, Any]:
    """Cards due today (overdue included) and on each of the next `days` days (one query)."""
    day_start, day_end = scheduling.day_bounds(now=now, zone=zone)
    today = day_start.astimezone(zone).date()
    ahead = [today + timedelta(days=offset) for offset in range(1, days + 1)]
    due_today, counts = sql.due_counts(
        user_id=user.pk, day_end=day_end, edges=_edges(ahead, zone) if ahead else ()
    )
    upcoming = [DayCount(day, count) for day, count in zip(ahead, counts, strict=True)]
    return {
        "today": due_today,
        "upcoming": upcoming,
        "next_week": sum(item.count for item in upcoming),
    }


def reviews_per_day(*, user, now: datetime, zone: tzinfo, days: int = 30) -> list[DayCount]:
    """Ratings per local day over the last `days` days, oldest first, zeros included."""
    span = _span(_today(now, zone), days)
    if not span:
        return []
    counts, _, _ = sql.review_counts(user_id=user.pk, edges=_edges(span, zone), since=None)
    return [DayCount(day, count) for day, count in zip(span, counts, strict=True)]


def review_streak(*, user, now: datetime, zone: tzinfo, window: int = 60, limit: int = 400) -> int:
    """Consecutive days with reviews up to today; reads windows of `window` days going back
    only while the streak reaches the window's edge (one query for most readers)."""
    return _streak(user=user, today=_today(now, zone), zone=zone, window=window, limit=limit)


def _streak(
    *, user, today: date, zone: tzinfo, window: int, limit: int, first: list[int] | None = None
) -> int:
    """`first`: the counts of the newest window when the caller has them already."""
    active: set[date] = set()
    newest = today
    while (today - newest).days < limit:
        span = _span(newest, window)
        if first is not None and newest == today:
            counts = first
        else:
            counts, _, _ = sql.review_counts(user_id=user.pk, edges=_edges(span, zone), since=None)
        active |= {day for day, count in zip(span, counts, strict=True) if count}
        streak = scheduling.current_streak(active, today=today)
        if streak < (today - span[0]).days:
            return streak
        newest = span[0] - timedelta(days=1)
    return scheduling.current_streak(active, today=today)


def retention_30_days(*, user, now: datetime) -> dict[str, Any]:
    """Recall rate of reviews made in the review phase over the last 30 days (one query)."""
    since = now - timedelta(days=30)
    _, total, forgotten = sql.review_counts(user_id=user.pk, edges=(), since=since)
    return _retention(total, forgotten)


def _retention(total: int, forgotten: int) -> dict[str, Any]:
    rate = (total - forgotten) / total if total else None
    return {"reviews": total, "percent": round(rate * 100) if rate is not None else None}


def review_progress(
    *, user, now: datetime, zone: tzinfo, days: int = 30, window: int = 60, limit: int = 400
) -> dict[str, Any]:
    """`reviews_per_day`, `review_streak` and `retention_30_days` together, in one query (the
    streak reads further back only when it reaches the start of its window)."""
    today = _today(now, zone)
    span = _span(today, max(days, window, 1))
    counts, total, forgotten = sql.review_counts(
        user_id=user.pk, edges=_edges(span, zone), since=now - timedelta(days=30)
    )
    per_day = [DayCount(day, count) for day, count in zip(span, counts, strict=True)]
    return {
        "per_day": per_day[len(span) - days :],
        "streak": _streak(
            user=user,
            today=today,
            zone=zone,
            window=window,
            limit=limit,
            first=counts[len(span) - window :],
        ),
        "retention": _retention(total, forgotten),
    }


# --- For exports (the Anki deck) --------------------------------------------------------------


@dataclass(frozen=True)
class CardSchedule:
    """A card's review state in the terms Anki uses when importing scheduling."""

    card_id: int
    phase: str  # "learning" | "review" | "relearning"
    due: datetime
    last_review: datetime | None
    interval_days: int  # days between the last review and due (0 while learning)
    stability: float | None
    difficulty: float | None  # FSRS 1..10
    reps: int
    lapses: int
    memory: dict[str, Any]  # fsrs Card.to_dict(), for tools that read FSRS directly


def review_schedules(*, user, card_ids: list[int] | None = None) -> dict[int, CardSchedule]:
    """`card_id -> CardSchedule` for the reader's cards in review (one query). Private: only
    ever for `user`'s own states. The exports engineer maps these onto genanki cards."""
    states = ReviewState.objects.filter(user=user)
    if card_ids is not None:
        states = states.filter(card_id__in=card_ids)
    names = {Phase.LEARNING: "learning", Phase.REVIEW: "review", Phase.RELEARNING: "relearning"}
    result = {}
    for state in states.only("card_id", "phase", "due", "last_review", "reps", "lapses", "memory"):
        interval = 0
        if state.last_review is not None and state.phase == Phase.REVIEW:
            interval = max(1, round((state.due - state.last_review).total_seconds() / 86400))
        result[state.card_id] = CardSchedule(
            card_id=state.card_id,
            phase=names[Phase(state.phase)],
            due=state.due,
            last_review=state.last_review,
            interval_days=interval,
            stability=state.memory.get("stability"),
            difficulty=state.memory.get("difficulty"),
            reps=state.reps,
            lapses=state.lapses,
            memory=state.memory,
        )
    return result
