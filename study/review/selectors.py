"""Reads for review. Each runs a fixed number of queries, however many cards are due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from reader.models import Article, Section
from study import scheduling
from study.models import CardEdit, EvidenceState
from study.review.display import faces, source_url
from study.review.models import ReviewLog, ReviewState

Phase = scheduling.Phase


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


def _visible(user) -> QuerySet[ReviewState]:
    """The reader's states for cards they can still see: not orphaned, not deleted by them."""
    hidden = CardEdit.objects.filter(owner=user, card_id=OuterRef("card_id"), hidden=True)
    return ReviewState.objects.filter(user=user, card__state=EvidenceState.ANCHORED).exclude(
        Exists(hidden)
    )


def due_states(*, user, now: datetime, day_end: datetime, article: Article | None = None):
    """Due per study.scheduling.is_due, in the order to review them: overdue first, then review
    cards later today, then learning steps within the learn-ahead window."""
    queryset = _visible(user).filter(
        Q(phase=Phase.REVIEW, due__lt=day_end) | Q(due__lte=now + scheduling.LEARN_AHEAD)
    )
    if article is not None:
        queryset = queryset.filter(article=article)
    return queryset.annotate(
        priority=Case(
            When(due__lte=now, then=Value(0)),
            When(phase=Phase.REVIEW, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("priority", "due", "id")


def review_queue(*, user, now: datetime, zone: tzinfo, article: Article | None = None) -> Queue:
    """The next card to review and how many are due (two queries)."""
    _, day_end = scheduling.day_bounds(now=now, zone=zone)
    states = due_states(user=user, now=now, day_end=day_end, article=article)
    edits = CardEdit.objects.filter(owner=user, card_id=OuterRef("card_id"))
    heading = Section.objects.filter(
        revision_id=OuterRef("article__current_revision_id"), anchor=OuterRef("section_anchor")
    ).values("heading")[:1]
    state = (
        states.select_related("card", "article")
        .annotate(
            edit_question=Subquery(edits.values("question")[:1]),
            edit_answer=Subquery(edits.values("answer")[:1]),
            section_heading=Subquery(heading),
        )
        .first()
    )
    if state is None:
        return Queue(card=None, remaining=0)
    return Queue(card=due_card(state, now=now), remaining=states.count())


def due_card(state: ReviewState, *, now: datetime) -> DueCard:
    card = state.card
    face = faces(
        kind=card.kind,
        question=getattr(state, "edit_question", "") or card.question,
        answer=getattr(state, "edit_answer", "") or card.answer,
    )
    article = state.article
    intervals = scheduling.preview(state.memory, now=now)
    return DueCard(
        card_id=card.id,
        reps=state.reps,
        kind=card.kind,
        front=face.front,
        back=face.back,
        article_slug=article.slug if article else "",
        article_title=article.title if article else "",
        section_heading=getattr(state, "section_heading", "") or "",
        source_url=(
            source_url(slug=article.slug, anchor=state.section_anchor, exact=card.quote)
            if article
            else ""
        ),
        intervals={
            grade.name.lower(): scheduling.format_interval(interval)
            for grade, interval in intervals.items()
        },
    )


def review_state_get(*, user, card_id: int) -> ReviewState | None:
    return ReviewState.objects.filter(user=user, card_id=card_id).first()


# --- The progress page -----------------------------------------------------------------------


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


def due_forecast(*, user, now: datetime, zone: tzinfo, days: int = 7) -> dict[str, Any]:
    """Cards due today (overdue included) and on each of the next `days` days (one query)."""
    day_start, day_end = scheduling.day_bounds(now=now, zone=zone)
    horizon = day_end + timedelta(days=days)
    rows = (
        _visible(user)
        .filter(due__lt=horizon)
        .annotate(day=TruncDate("due", tzinfo=zone))
        .values("day")
        .annotate(count=Count("id"))
        .order_by("day")
    )
    today = day_start.astimezone(zone).date()
    by_day = {row["day"]: row["count"] for row in rows}
    due_today = sum(count for day, count in by_day.items() if day <= today)
    upcoming = [
        DayCount(today + timedelta(days=offset), by_day.get(today + timedelta(days=offset), 0))
        for offset in range(1, days + 1)
    ]
    return {
        "today": due_today,
        "upcoming": upcoming,
        "next_week": sum(item.count for item in upcoming),
    }


def reviews_per_day(*, user, now: datetime, zone: tzinfo, days: int = 30) -> list[DayCount]:
    """Ratings per local day over the last `days` days, oldest first, zeros included."""
    day_start, _ = scheduling.day_bounds(now=now, zone=zone)
    since = day_start - timedelta(days=days - 1)
    rows = (
        ReviewLog.objects.filter(user=user, reviewed__gte=since)
        .annotate(day=TruncDate("reviewed", tzinfo=zone))
        .values("day")
        .annotate(count=Count("id"))
    )
    by_day = {row["day"]: row["count"] for row in rows}
    today = day_start.astimezone(zone).date()
    return [
        DayCount(day, by_day.get(day, 0))
        for day in (today - timedelta(days=offset) for offset in range(days - 1, -1, -1))
    ]


def review_streak(*, user, now: datetime, zone: tzinfo, limit_days: int = 400) -> int:
    day_start, _ = scheduling.day_bounds(now=now, zone=zone)
    days = set(
        ReviewLog.objects.filter(user=user, reviewed__gte=day_start - timedelta(days=limit_days))
        .annotate(day=TruncDate("reviewed", tzinfo=zone))
        .values_list("day", flat=True)
        .distinct()
    )
    return scheduling.current_streak(days, today=day_start.astimezone(zone).date())


def retention_30_days(*, user, now: datetime) -> dict[str, Any]:
    """Recall rate of reviews made in the review phase over the last 30 days (one query)."""
    counts = ReviewLog.objects.filter(
        user=user, reviewed__gte=now - timedelta(days=30), phase_before=Phase.REVIEW
    ).aggregate(total=Count("id"), forgotten=Count("id", filter=Q(grade=scheduling.Grade.AGAIN)))
    total, forgotten = counts["total"], counts["forgotten"]
    rate = (total - forgotten) / total if total else None
    return {"reviews": total, "percent": round(rate * 100) if rate is not None else None}


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
