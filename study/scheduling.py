"""Review scheduling: a thin, pure wrapper around the `fsrs` package (FSRS v6). No Django.

Everything here takes the current time as an argument (timezone-aware UTC, as fsrs requires),
so the rules are tested with fixed dates. A card's memory is stored as fsrs's own JSON
(`Card.to_dict()`), which keeps our rows readable by any FSRS tool and lets a later version
reschedule from the review log.

Fuzzing is off: fsrs draws its fuzz from the global `random` module, so with it on, the interval
shown on a rating button could differ from the one the rating then gives. Readers see exactly
what they will get; the cost is that cards reviewed together stay together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import IntEnum
from typing import Any

from fsrs import Card, Rating, Scheduler, State

DESIRED_RETENTION = 0.9
# Learning cards (minutes apart) may be shown this early when nothing else is due.
LEARN_AHEAD = timedelta(minutes=20)

_scheduler = Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=False)


class Grade(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Phase(IntEnum):
    """fsrs's card states, named for the progress page."""

    LEARNING = State.Learning.value
    REVIEW = State.Review.value
    RELEARNING = State.Relearning.value


@dataclass(frozen=True)
class Outcome:
    memory: dict[str, Any]  # the new fsrs card state, JSON-ready
    due: datetime
    interval: timedelta
    phase: Phase
    stability: float
    difficulty: float


def require_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() != timedelta(0):
        raise ValueError("Scheduling needs a timezone-aware UTC datetime.")
    return moment.astimezone(UTC)


def new_memory(*, card_id: int, now: datetime) -> dict[str, Any]:
    """A card that has never been reviewed: learning, due now."""
    return Card(card_id=card_id, due=require_utc(now)).to_dict()


def review(memory: dict[str, Any], grade: Grade | int, *, now: datetime) -> Outcome:
    now = require_utc(now)
    card, _ = _scheduler.review_card(Card.from_dict(memory), Rating(int(grade)), now)
    due = card.due.astimezone(UTC)
    return Outcome(
        memory=card.to_dict(),
        due=due,
        interval=due - now,
        phase=Phase(card.state.value),
        stability=float(card.stability or 0.0),
        difficulty=float(card.difficulty or 0.0),
    )


def preview(memory: dict[str, Any], *, now: datetime) -> dict[Grade, timedelta]:
    """The interval each rating would give now: what the rating buttons show (the same
    scheduler call as `review`, without building each outcome's memory: the page shows four)."""
    now = require_utc(now)
    card = Card.from_dict(memory)  # review_card copies the card: one parse serves all four
    return {
        grade: _scheduler.review_card(card, Rating(int(grade)), now)[0].due.astimezone(UTC) - now
        for grade in Grade
    }


def phase_of(memory: dict[str, Any]) -> Phase:
    return Phase(int(memory["state"]))


def retrievability(memory: dict[str, Any], *, now: datetime) -> float:
    """The predicted chance of recalling the card now (0 for a card never reviewed)."""
    return float(_scheduler.get_card_retrievability(Card.from_dict(memory), require_utc(now)))


def format_interval(delta: timedelta) -> str:
    """Short and honest: "<1 min", "10 min", "5 h", "2 d", "3 mo", "1.4 y"."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1 min"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 30.5:
        return f"{round(days)} d"
    if days < 365:
        return f"{round(days / 30.4)} mo"
    years = days / 365
    return f"{years:.1f} y".replace(".0 y", " y")


def day_bounds(*, now: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """Start and end (exclusive) of the reader's local day containing `now`, in UTC."""
    local_day = require_utc(now).astimezone(zone).date()
    return local_midnight(local_day, zone), local_midnight(local_day + timedelta(days=1), zone)


def local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def is_due(*, phase: Phase, due: datetime, now: datetime, day_end: datetime) -> bool:
    """A review card is due on its day; a (re)learning card, minutes apart, only at its time
    (or within the learn-ahead window, so a short session does not stop at a ten-minute gap)."""
    if phase == Phase.REVIEW:
        return due < day_end
    return due <= now + LEARN_AHEAD


def current_streak(days: set[date], *, today: date) -> int:
    """Consecutive days with at least one review, ending today (or yesterday: a streak is not
    broken before the day is over)."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def retention(grades_of_due_reviews: list[int]) -> float | None:
    """Share of reviews of cards in the review phase that were recalled (anything but Again).

    Learning steps are left out: they measure the first minutes, not memory over days.
    """
    if not grades_of_due_reviews:
        return None
    recalled = sum(1 for grade in grades_of_due_reviews if grade != Grade.AGAIN)
    return recalled / len(grades_of_due_reviews)
