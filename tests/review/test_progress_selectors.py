from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from study.models import ReviewLog, ReviewState
from study.review.selectors import due_forecast, review_streak, reviews_per_day
from tests.review.conftest import make_due_cards

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def _log(user, when, grade=3, phase=2):
    ReviewLog.objects.create(
        user=user,
        grade=grade,
        phase_before=phase,
        reviewed=when,
        due_before=when,
        interval_seconds=86400,
    )


def test_a_long_streak_reads_back_past_the_first_window(owner, db):
    for days_ago in range(70):
        _log(owner, NOW - timedelta(days=days_ago))
    _log(owner, NOW - timedelta(days=71))  # a gap at 70 days ago
    assert review_streak(user=owner, now=NOW, zone=UTC, window=30) == 70
    assert review_streak(user=owner, now=NOW, zone=UTC) == 70


def test_a_streak_survives_until_the_day_is_over(owner, db):
    _log(owner, NOW - timedelta(days=1))
    _log(owner, NOW - timedelta(days=2))
    assert review_streak(user=owner, now=NOW, zone=UTC) == 2
    _log(owner, NOW - timedelta(days=4))
    assert review_streak(user=owner, now=NOW, zone=UTC) == 2


def test_reviews_per_day_use_the_readers_local_days(owner, db):
    zone = ZoneInfo("America/New_York")  # UTC-4 after 8 March 2026
    _log(owner, datetime(2026, 3, 10, 3, 30, tzinfo=UTC))  # 9 March, 23:30 local
    _log(owner, datetime(2026, 3, 10, 4, 30, tzinfo=UTC))  # 10 March, 00:30 local
    days = {item.day.isoformat(): item.count for item in reviews_per_day(
        user=owner, now=NOW, zone=zone, days=30
    )}  # fmt: skip
    assert len(days) == 30 and days["2026-03-09"] == 1 and days["2026-03-10"] == 1
    assert sum(days.values()) == 2


def test_forecast_counts_today_and_each_of_the_next_seven_days(owner, article):
    cards = make_due_cards(user=owner, article=article, count=5, now=NOW)
    offsets = [timedelta(days=-2), timedelta(hours=3), timedelta(days=1), timedelta(days=7),
               timedelta(days=8)]  # fmt: skip
    for card, offset in zip(cards, offsets, strict=True):
        ReviewState.objects.filter(card=card).update(due=NOW + offset)
    forecast = due_forecast(user=owner, now=NOW, zone=UTC)
    assert forecast["today"] == 2
    counts = [item.count for item in forecast["upcoming"]]
    assert counts == [1, 0, 0, 0, 0, 0, 1] and forecast["next_week"] == 2
