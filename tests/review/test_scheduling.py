"""The scheduling core with fixed dates.

Expected values are not computed with fsrs (that would be circular); they come from what FSRS v6
documents: its default parameters (w0..w3 are the first stabilities in days for Again..Easy),
the learning steps (1 min, 10 min) and relearning step (10 min), an interval equal to the
stability at 90% retention, and the published py-fsrs sequence for repeated Good ratings.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from study.scheduling import (
    Grade,
    Phase,
    current_streak,
    day_bounds,
    format_interval,
    is_due,
    new_memory,
    preview,
    retention,
    retrievability,
    review,
)

START = datetime(2022, 11, 29, 12, 30, tzinfo=UTC)
MIN = timedelta(minutes=1)
DAY = timedelta(days=1)
# FSRS-6 default parameters as documented (fsrs 6.x DEFAULT_PARAMETERS).
W = (0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796)
W17, W18, W19 = 0.5425, 0.0912, 0.0658


def run(grades: list[Grade]):
    """Review a new card with each grade in turn, each time exactly when it is due."""
    memory, now, outcomes = new_memory(card_id=1, now=START), START, []
    for grade in grades:
        outcome = review(memory, grade, now=now)
        outcomes.append(outcome)
        memory, now = outcome.memory, outcome.due
    return outcomes


G, A, H, E = Grade.GOOD, Grade.AGAIN, Grade.HARD, Grade.EASY


@pytest.mark.parametrize(
    ("grades", "intervals", "phases"),
    [
        # The sequence: learn (10 min), graduate (w2 = 2.3 d -> 2 d), forget (relearn
        # 10 min), relearn the same day (short-term stability below 1 d -> the 1 d minimum).
        ([G, G, A, G], [10 * MIN, 2 * DAY, 10 * MIN, 1 * DAY], "LRXR"),
        # Measured when we chose the library (shared/research/flashcards.md section 5).
        ([G, G, G, A, G], [10 * MIN, 2 * DAY, 11 * DAY, 10 * MIN, 2 * DAY], "LRRXR"),
        # py-fsrs's own test of repeated Good ratings: 0, 2, 11, 46, 163 days.
        ([G] * 5, [10 * MIN, 2 * DAY, 11 * DAY, 46 * DAY, 163 * DAY], "LRRRR"),
        # Easy graduates at once with w3 = 8.3 d; Again restarts the first step.
        ([E], [8 * DAY], "R"),
        ([A], [1 * MIN], "L"),
        # Hard on the first step waits between the two steps: (1 + 10) / 2 min.
        ([H], [timedelta(minutes=5, seconds=30)], "L"),
    ],
)
def test_intervals_follow_fsrs_v6(grades, intervals, phases):
    outcomes = run(grades)
    assert [outcome.interval for outcome in outcomes] == intervals
    letters = {Phase.LEARNING: "L", Phase.REVIEW: "R", Phase.RELEARNING: "X"}
    assert "".join(letters[outcome.phase] for outcome in outcomes) == phases


def test_first_stability_and_difficulty_are_the_documented_defaults():
    good, again = run([G])[0], run([A])[0]
    assert good.stability == pytest.approx(W[2])
    assert again.stability == pytest.approx(W[0])
    # D0(G) = w4 - e^(w5 * (G - 1)) + 1
    assert good.difficulty == pytest.approx(W[4] - math.exp(W[5] * 2) + 1)


def test_relearning_the_same_day_uses_the_short_term_stability_formula():
    outcomes = run([G, G, A, G])
    forgotten, relearned = outcomes[2], outcomes[3]
    # S' = S * e^(w17 * (G - 3 + w18)) * S^-w19, with G = 3 (Good)
    expected = forgotten.stability * math.exp(W17 * W18) * forgotten.stability**-W19
    assert relearned.stability == pytest.approx(expected)


def test_due_dates_are_utc_and_follow_the_interval():
    outcome = run([G, G])[1]
    assert outcome.due.tzinfo is UTC or outcome.due.utcoffset() == timedelta(0)
    assert outcome.due == START + 10 * MIN + 2 * DAY


def test_preview_orders_the_ratings_and_matches_the_review():
    memory = run([G, G])[-1].memory
    now = START + 10 * MIN + 2 * DAY
    intervals = preview(memory, now=now)
    assert list(intervals) == [A, H, G, E]
    assert intervals[A] < intervals[H] <= intervals[G] < intervals[E]
    for grade, interval in intervals.items():
        assert review(memory, grade, now=now).interval == interval


def test_preview_of_a_new_card():
    intervals = preview(new_memory(card_id=7, now=START), now=START)
    assert intervals == {A: 1 * MIN, H: timedelta(minutes=5, seconds=30), G: 10 * MIN, E: 8 * DAY}


def test_good_streaks_grow_and_again_shrinks():
    goods = run([G] * 8)
    review_intervals = [o.interval for o in goods[1:]]
    assert review_intervals == sorted(review_intervals)
    assert len(set(review_intervals)) == len(review_intervals)
    before = run([G, G, G])[-1]
    assert run([G, G, G, A, G])[-1].stability < before.stability


def test_reviewing_late_still_works_and_is_not_punished_below_on_time():
    on_time = run([G, G, G])
    memory = run([G, G])[-1].memory
    late = review(memory, G, now=START + 10 * MIN + 2 * DAY + 10 * DAY)
    assert late.interval >= on_time[-1].interval


def test_naive_or_non_utc_datetimes_are_refused():
    memory = new_memory(card_id=1, now=START)
    with pytest.raises(ValueError, match="UTC"):
        review(memory, G, now=datetime(2022, 11, 29, 12, 30))
    with pytest.raises(ValueError, match="UTC"):
        review(memory, G, now=datetime(2022, 11, 29, 12, 30, tzinfo=timezone(timedelta(hours=2))))


def test_retrievability_falls_with_time():
    memory = run([G, G])[-1].memory
    due = START + 10 * MIN + 2 * DAY
    soon = retrievability(memory, now=due)
    later = retrievability(memory, now=due + 30 * DAY)
    assert 0 < later < soon <= 1
    assert retrievability(new_memory(card_id=1, now=START), now=START) == 0


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=20), "<1 min"),
        (10 * MIN, "10 min"),
        (timedelta(minutes=5, seconds=30), "6 min"),
        (timedelta(hours=5), "5 h"),
        (2 * DAY, "2 d"),
        (46 * DAY, "2 mo"),
        (163 * DAY, "5 mo"),
        (365 * DAY, "1 y"),
        (500 * DAY, "1.4 y"),
    ],
)
def test_format_interval(delta, text):
    assert format_interval(delta) == text


def test_day_bounds_follow_the_readers_zone():
    zone = ZoneInfo("America/New_York")
    start, end = day_bounds(now=datetime(2024, 3, 10, 3, 0, tzinfo=UTC), zone=zone)
    # 03:00 UTC is still 9 March in New York (UTC-5).
    assert start == datetime(2024, 3, 9, 5, 0, tzinfo=UTC)
    assert end == datetime(2024, 3, 10, 5, 0, tzinfo=UTC)
    start, end = day_bounds(now=datetime(2024, 3, 10, 12, 0, tzinfo=UTC), zone=zone)
    assert end - start == timedelta(hours=23)  # the spring-forward day is short


@pytest.mark.parametrize(
    ("phase", "due", "expected"),
    [
        (Phase.REVIEW, START + timedelta(hours=6), True),  # later today
        (Phase.REVIEW, START + DAY, False),
        (Phase.LEARNING, START + 10 * MIN, True),  # within learn-ahead
        (Phase.RELEARNING, START + timedelta(hours=2), False),
        (Phase.LEARNING, START - DAY, True),
    ],
)
def test_is_due(phase, due, expected):
    _, day_end = day_bounds(now=START, zone=UTC)
    assert is_due(phase=phase, due=due, now=START, day_end=day_end) is expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (set(), 0),
        ({date(2024, 5, 10)}, 1),
        ({date(2024, 5, 9)}, 1),  # yesterday counts until today is over
        ({date(2024, 5, 8)}, 0),
        ({date(2024, 5, d) for d in (6, 7, 8, 9, 10)}, 5),
        ({date(2024, 5, d) for d in (5, 7, 8, 9)}, 3),
    ],
)
def test_current_streak(days, expected):
    assert current_streak(days, today=date(2024, 5, 10)) == expected


def test_retention_counts_recalls_among_due_reviews():
    assert retention([]) is None
    assert retention([3, 3, 1, 4]) == 0.75


def test_cloze_faces_hide_the_gap_and_skip_a_repeated_answer():
    from study.review.display import faces

    face = faces(kind="cloze", question="Planners lost sight of {{c1::reality}}.", answer="reality")
    assert face.front == "Planners lost sight of […]."
    assert face.back == "Planners lost sight of reality."
    hinted = faces(kind="cloze", question="In {{c1::1958::year}} it began.", answer="A note")
    assert hinted.front == "In [year] it began."
    assert hinted.back == "In 1958 it began.\n\nA note"
    assert faces(kind="basic", question="Q?", answer="A").back == "A"


def test_show_in_text_links_a_text_fragment():
    from study.review.display import source_url

    short = source_url(slug="gl", anchor="lessons", exact="local reports, ignored")
    assert short == "/articles/gl/#lessons:~:text=local%20reports%2C%20ignored"
    long = source_url(slug="gl", anchor="lessons", exact=" ".join(f"w{i}" for i in range(12)))
    assert long.endswith(":~:text=w0%20w1%20w2%20w3,w8%20w9%20w10%20w11")
    assert source_url(slug="gl", anchor="", exact="x") == "/articles/gl/"
    assert "%2D" in source_url(slug="gl", anchor="a", exact="well-known")
