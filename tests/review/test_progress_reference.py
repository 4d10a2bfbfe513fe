"""The progress figures against a plain reference: each day counted by comparing every row
with that day's local midnights, over random histories, zones and times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study import scheduling
from study.models import Card, CardEdit, EvidenceState, ReviewLog, ReviewState
from study.review.selectors import (
    due_forecast,
    retention_30_days,
    review_progress,
    review_streak,
    reviews_per_day,
)
from tests.review.conftest import make_due_cards

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ZONES = [
    UTC,
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Kathmandu"),  # +5:45
    ZoneInfo("Australia/Lord_Howe"),  # a 30-minute DST shift
    ZoneInfo("America/Havana"),  # DST starts at midnight: no 00:00 that day
    ZoneInfo("America/Santiago"),  # DST ends at midnight: 23:00 twice
]
# Around the 2026 DST changes, where days last 23 or 25 hours.
BASES = [datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 11, 2, tzinfo=UTC)]
MICRO = timedelta(microseconds=1)


def midnight(day: date, zone) -> datetime:
    return scheduling.local_midnight(day, zone)


def in_day(moment: datetime, day: date, zone) -> bool:
    return midnight(day, zone) <= moment < midnight(day + timedelta(days=1), zone)


def today_of(now: datetime, zone) -> date:
    return scheduling.day_bounds(now=now, zone=zone)[0].astimezone(zone).date()


nows = st.builds(
    lambda base, seconds: base + timedelta(seconds=seconds),
    st.sampled_from(BASES),
    st.integers(-20 * 86400, 20 * 86400),
)
# Times given as days back from `now`, landing on a UTC or local midnight (or a microsecond
# either side) or anywhere in the day.
placements = st.tuples(
    st.integers(-2, 130),  # days back (negative: the future)
    st.sampled_from(["utc", "local", "any"]),
    st.sampled_from([-MICRO, timedelta(0), MICRO]),
    st.integers(0, 86399),
    st.integers(1, 4),  # grade
    st.integers(0, 3),  # phase before
)


def place(now: datetime, zone, spec) -> tuple[datetime, int, int]:
    back, kind, nudge, seconds, grade, phase = spec
    day = now.astimezone(zone).date() - timedelta(days=back)
    if kind == "utc":
        moment = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + nudge
    elif kind == "local":
        moment = midnight(day, zone) + nudge
    else:
        moment = midnight(day, zone) + timedelta(seconds=seconds)
    return moment, grade, phase


def save_logs(user, logs) -> None:
    ReviewLog.objects.filter(user=user).delete()
    ReviewLog.objects.bulk_create(
        ReviewLog(
            user=user,
            grade=grade,
            phase_before=phase,
            reviewed=moment,
            due_before=moment,
            interval_seconds=86400,
        )
        for moment, grade, phase in logs
    )


def reference_per_day(logs, now, zone, days=30) -> list[tuple[date, int]]:
    today = today_of(now, zone)
    span = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    return [(day, sum(1 for moment, _, _ in logs if in_day(moment, day, zone))) for day in span]


def reference_streak(logs, now, zone) -> int:
    today = today_of(now, zone)

    def active(day):
        return any(in_day(moment, day, zone) for moment, _, _ in logs)

    day = today if active(today) else today - timedelta(days=1)
    streak = 0
    while active(day):
        streak += 1
        day -= timedelta(days=1)
    return streak


def reference_retention(logs, now) -> dict:
    since = now - timedelta(days=30)
    recent = [grade for moment, grade, phase in logs
              if moment >= since and phase == scheduling.Phase.REVIEW]  # fmt: skip
    forgotten = sum(1 for grade in recent if grade == scheduling.Grade.AGAIN)
    percent = round((len(recent) - forgotten) / len(recent) * 100) if recent else None
    return {"reviews": len(recent), "percent": percent}


@SETTINGS
@given(
    now=nows,
    zone=st.sampled_from(ZONES),
    specs=st.lists(placements, max_size=40),
    every_day=st.integers(0, 75),  # a run of days with a review each, for long streaks
)
def test_review_figures_match_the_reference(owner, now, zone, specs, every_day):
    logs = [place(now, zone, spec) for spec in specs]
    logs += [place(now, zone, (back, "any", MICRO, 3600, 3, 2)) for back in range(every_day)]
    save_logs(owner, logs)

    per_day = [(item.day, item.count) for item in reviews_per_day(user=owner, now=now, zone=zone)]
    assert per_day == reference_per_day(logs, now, zone)
    assert review_streak(user=owner, now=now, zone=zone) == reference_streak(logs, now, zone)
    assert review_streak(user=owner, now=now, zone=zone, window=7) == reference_streak(
        logs, now, zone
    )
    assert retention_30_days(user=owner, now=now) == reference_retention(logs, now)

    together = review_progress(user=owner, now=now, zone=zone)
    assert [(item.day, item.count) for item in together["per_day"]] == per_day
    assert together["streak"] == reference_streak(logs, now, zone)
    assert together["retention"] == reference_retention(logs, now)


def test_an_empty_history(owner, db):
    now = BASES[0]
    progress = review_progress(user=owner, now=now, zone=UTC)
    assert [item.count for item in progress["per_day"]] == [0] * 30
    assert progress["per_day"][-1].day == date(2026, 3, 9)
    assert progress["streak"] == 0
    assert progress["retention"] == {"reviews": 0, "percent": None}
    assert reviews_per_day(user=owner, now=now, zone=UTC, days=0) == []


def test_a_review_at_midnight_utc_belongs_to_the_day_it_starts(owner, db):
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    midnight_utc = datetime(2026, 3, 10, tzinfo=UTC)
    save_logs(owner, [(midnight_utc, 3, 2), (midnight_utc - MICRO, 3, 2)])
    days = {item.day: item.count for item in reviews_per_day(user=owner, now=now, zone=UTC)}
    assert days[date(2026, 3, 10)] == 1 and days[date(2026, 3, 9)] == 1
    assert review_streak(user=owner, now=now, zone=UTC) == 2


def test_the_query_count_does_not_grow_with_the_history(owner, db):
    now = BASES[0]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            review_progress(user=owner, now=now, zone=UTC)
        return len(captured.captured_queries)

    empty = queries()
    # Every third day of the last 50: the streak stops inside the first window.
    save_logs(owner, [(now - timedelta(days=3 * n, hours=h), 3, 2)
                      for n in range(17) for h in range(100)])  # fmt: skip
    assert queries() == empty == 1


@SETTINGS
@given(
    now=nows,
    zone=st.sampled_from(ZONES),
    placements=st.lists(
        st.tuples(st.integers(-3, 9), st.sampled_from(["local", "any"]), st.integers(0, 86399)),
        min_size=8,
        max_size=8,
    ),
    hidden=st.sets(st.integers(0, 7), max_size=3),
    orphaned=st.sets(st.integers(0, 7), max_size=3),
)
def test_the_forecast_matches_the_reference(
    owner, other, article, now, zone, placements, hidden, orphaned
):
    cards = make_due_cards(user=owner, article=article, count=8, now=now)
    today = today_of(now, zone)
    dues = []
    for card, (ahead, kind, seconds) in zip(cards, placements, strict=True):
        start = midnight(today + timedelta(days=ahead), zone)
        due = start if kind == "local" else start + timedelta(seconds=seconds)
        ReviewState.objects.filter(card=card).update(due=due)
        dues.append(due)
    for index in hidden:
        CardEdit.objects.create(owner=owner, card=cards[index], hidden=True)
    for index in orphaned:
        Card.objects.filter(pk=cards[index].pk).update(state=EvidenceState.ORPHANED)
    # Another reader's hidden card and due state stay out of this reader's figures.
    CardEdit.objects.create(owner=other, card=cards[0], hidden=True)
    ReviewState.objects.create(user=other, card=cards[1], memory={}, phase=2, due=now)
    visible = [due for index, due in enumerate(dues) if index not in hidden | orphaned]

    forecast = due_forecast(user=owner, now=now, zone=zone)
    _, day_end = scheduling.day_bounds(now=now, zone=zone)
    assert forecast["today"] == sum(1 for due in visible if due < day_end)
    expected = [
        (today + timedelta(days=offset),
         sum(1 for due in visible if in_day(due, today + timedelta(days=offset), zone)))
        for offset in range(1, 8)
    ]  # fmt: skip
    assert [(item.day, item.count) for item in forecast["upcoming"]] == expected
    assert forecast["next_week"] == sum(count for _, count in expected)
    Card.objects.filter(pk__in=[card.pk for card in cards]).delete()
