from __future__ import annotations

import json
import re
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reader.models import ReadingProgress
from study.models import ReviewLog, ReviewState
from study.review.selectors import review_schedules
from tests.review.conftest import keep_url, make_due_cards, rate_url


def post(client: Client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def config_of(body: str, name: str) -> dict:
    raw = body.split(f'id="{name}" type="application/json">')[1].split("</script>")[0]
    return json.loads(raw)


def test_review_page_shows_the_first_due_card(owner_client, lessons_set):
    post(owner_client, keep_url())
    response = owner_client.get("/review/")
    body = response.content.decode()
    assert response.status_code == 200
    count = lessons_set.cards.count()
    assert f"{count} cards due today" in body
    config = config_of(body, "review-config")
    assert config["remaining"] == count and config["card"]["front"] in body.replace("&#x27;", "'")
    for label in ("Again", "Hard", "Good", "Easy"):
        assert f'<span class="rating-label">{label}</span>' in body
    assert 'data-interval="good">in 10 min</span>' in body
    assert "Show in text" in body and ">Show answer" in body


def test_review_page_is_for_signed_in_readers(visitor_client, db):
    response = visitor_client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/review/")


def test_another_readers_review_is_empty(owner_client, other_client, lessons_set):
    post(owner_client, keep_url())
    body = other_client.get("/review/").content.decode()
    assert "0 cards due today" in body
    assert config_of(body, "review-config")["card"] is None
    assert "Nothing left to review" in body


def test_review_page_for_one_article(owner_client, lessons_set):
    post(owner_client, keep_url())
    body = owner_client.get("/review/?article=great-leap-forward").content.decode()
    assert "Review: The Great Leap Forward" in body
    assert owner_client.get("/review/?article=nope").status_code == 404


def _queries(client: Client, method: str, url: str, body: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url) if method == "get" else post(client, url, body)
        assert response.status_code == 200, response.content
    return len(queries)


def test_review_page_and_rating_run_a_constant_number_of_queries(owner_client, owner, article):
    cards = make_due_cards(user=owner, article=article, count=2)
    page_few = _queries(owner_client, "get", "/review/")
    rate_few = _queries(owner_client, "post", rate_url(cards[0].id), {"grade": 3})
    more = make_due_cards(user=owner, article=article, count=300, anchor="what-it-was")
    assert _queries(owner_client, "get", "/review/") == page_few
    assert _queries(owner_client, "post", rate_url(more[5].id), {"grade": 3}) == rate_few
    assert page_few <= 5 and rate_few <= 10


def _review(client, owner, grades):
    for grade in grades:
        card = client.get("/api/v1/review/next").json()["card"]
        assert post(client, rate_url(card["card_id"]), {"grade": grade}).status_code == 200


def test_progress_page_reflects_reviews_and_reading(owner_client, owner, article, lessons_set):
    post(owner_client, keep_url())
    _review(owner_client, owner, [4, 4, 1])  # two learned for days, one back in minutes
    # A review-phase card recalled and one forgotten, a few days ago, for retention and streak.
    state = ReviewState.objects.filter(user=owner, phase=2).first()
    earlier = timezone.now() - timedelta(days=1)
    ReviewLog.objects.create(
        user=owner,
        card=state.card,
        grade=3,
        phase_before=2,
        reviewed=earlier,
        due_before=earlier,
        interval_seconds=86400,
    )
    ReviewLog.objects.create(
        user=owner,
        card=state.card,
        grade=1,
        phase_before=2,
        reviewed=earlier,
        due_before=earlier,
        interval_seconds=600,
    )
    ReadingProgress.objects.create(
        user=owner, article=article, sections_read=["key-takeaways", "lessons"]
    )
    body = owner_client.get("/accounts/profile/progress/").content.decode()
    facts = dict(re.findall(r'data-fact="([a-z-]+)">([^<]*)', body))
    assert facts["due-today"] == "1"  # the card rated Again
    assert facts["due-week"] == "0"  # the two rated Easy come back in 8 days: after the week
    assert facts["streak"] == "2 days"
    assert facts["retention"] == "50%"
    assert "5 reviews in the last 30 days" in body
    assert body.count('class="chart-bar"') == 30
    assert "2 of 9 sections" in body

    ReviewState.objects.filter(pk=state.pk).update(due=timezone.now() + timedelta(days=3))
    body = owner_client.get("/accounts/profile/progress/").content.decode()
    assert 'data-fact="due-week">1<' in body

    profile = owner_client.get("/accounts/profile/").content.decode()
    assert 'id="progress-heading">Study progress' in profile
    assert "5 reviews in the last 30 days" in profile


def test_progress_is_private(owner_client, other_client, owner, lessons_set):
    post(owner_client, keep_url())
    _review(owner_client, owner, [3])
    body = other_client.get("/accounts/profile/progress/").content.decode()
    assert "No reviews in the last 30 days yet" in body and "chart-bar" not in body
    assert Client().get("/accounts/profile/progress/").status_code == 302


def test_review_schedules_for_the_anki_export(owner_client, owner, other, lessons_set):
    post(owner_client, keep_url())
    card = owner_client.get("/api/v1/review/next").json()["card"]
    post(owner_client, rate_url(card["card_id"]), {"grade": 4})
    schedules = review_schedules(user=owner)
    assert len(schedules) == lessons_set.cards.count()
    learned = schedules[card["card_id"]]
    assert (learned.phase, learned.interval_days, learned.reps) == ("review", 8, 1)
    assert learned.stability and 1 <= learned.difficulty <= 10
    assert review_schedules(user=other) == {}


def test_the_due_count_stops_at_two_hundred(owner_client, owner, article):
    make_due_cards(user=owner, article=article, count=201)
    body = owner_client.get("/review/").content.decode()
    assert "200+ cards due today" in body
    queue = owner_client.get("/api/v1/review/next").json()
    assert (queue["remaining"], queue["more"]) == (200, True)


def test_cards_come_overdue_first_then_soonest(owner_client, owner, article):
    now = timezone.now()
    cards = make_due_cards(user=owner, article=article, count=4)
    dues = {
        cards[0].id: now + timedelta(minutes=5),  # a learning step, within learn-ahead
        cards[1].id: now - timedelta(days=2),
        cards[2].id: now - timedelta(hours=1),
        cards[3].id: now + timedelta(hours=3),  # learning, not yet: not due
    }
    for card_id, due in dues.items():
        ReviewState.objects.filter(user=owner, card_id=card_id).update(due=due)
    seen = []
    for _ in range(3):
        card_id = owner_client.get("/api/v1/review/next").json()["card"]["card_id"]
        seen.append(card_id)
        ReviewState.objects.filter(user=owner, card_id=card_id).update(
            due=now + timedelta(days=5), phase=2
        )
    assert seen == [cards[1].id, cards[2].id, cards[0].id]
    assert owner_client.get("/api/v1/review/next").json()["card"] is None
