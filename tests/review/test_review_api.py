from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from study import scheduling
from study.models import Card, CardEdit, CardSetPin, ReviewLog, ReviewState
from tests.review.conftest import keep_url, rate_url


def post(client: Client, url: str, body: dict | None = None, **extra):
    return client.post(url, json.dumps(body or {}), content_type="application/json", **extra)


def test_study_these_cards_adds_the_section_set_once(owner_client, owner, lessons_set):
    response = post(owner_client, keep_url())
    assert response.status_code == 200, response.content
    body = response.json()
    cards = lessons_set.cards.count()
    assert (body["added"], body["total"], body["due"]) == (cards, cards, cards)
    assert body["review_url"] == "/review/?article=great-leap-forward"
    assert post(owner_client, keep_url()).json()["added"] == 0
    states = ReviewState.objects.filter(user=owner)
    assert states.count() == cards
    assert {s.section_anchor for s in states} == {"lessons"}
    # The reader's deck is pinned: someone else regenerating the text does not swap it away.
    assert CardSetPin.objects.get(owner=owner).cardset == lessons_set


def test_study_needs_cards_first(owner_client, article):
    response = post(owner_client, keep_url(anchor="key-takeaways"))
    assert response.status_code == 422
    assert "Generate them first" in response.json()["detail"]


def test_study_is_for_signed_in_readers_with_csrf(owner, visitor_client, lessons_set):
    assert post(visitor_client, keep_url()).status_code == 401
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert post(client, keep_url()).status_code == 403
    assert not ReviewState.objects.exists()


def test_unknown_section_is_404(owner_client, lessons_set):
    assert post(owner_client, keep_url(anchor="nope")).status_code == 404


def test_next_card_and_rating(owner_client, owner, lessons_set):
    post(owner_client, keep_url())
    queue = owner_client.get("/api/v1/review/next").json()
    card = queue["card"]
    assert queue["remaining"] == lessons_set.cards.count()
    assert card["reps"] == 0 and card["front"] and card["back"]
    assert card["intervals"] == {"again": "1 min", "hard": "6 min", "good": "10 min", "easy": "8 d"}
    assert card["source_url"].startswith("/articles/great-leap-forward/#lessons:~:text=")

    before = timezone.now()
    response = post(owner_client, rate_url(card["card_id"]), {"grade": 3, "reps": 0})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["rated"]["interval"] == "10 min"
    state = ReviewState.objects.get(user=owner, card_id=card["card_id"])
    assert state.reps == 1 and state.last_review >= before
    assert timedelta(minutes=9) < state.due - before < timedelta(minutes=11)
    log = ReviewLog.objects.get(user=owner)
    assert (log.grade, log.phase_before, log.interval_seconds) == (3, 1, 600)
    # The next card is another one, and the rated one is still due (learn-ahead) but later.
    assert body["card"]["card_id"] != card["card_id"]
    assert body["remaining"] == queue["remaining"]


def test_a_double_rating_is_refused_and_the_next_card_offered(owner_client, owner, lessons_set):
    post(owner_client, keep_url())
    card = owner_client.get("/api/v1/review/next").json()["card"]
    assert post(owner_client, rate_url(card["card_id"]), {"grade": 3, "reps": 0}).status_code == 200
    again = post(owner_client, rate_url(card["card_id"]), {"grade": 4, "reps": 0})
    assert again.status_code == 409
    assert "already rated" in again.json()["detail"]
    assert again.json()["card"] is not None
    assert ReviewLog.objects.filter(user=owner).count() == 1


@pytest.mark.parametrize("grade", [0, 5, "good"])
def test_bad_grades_are_refused(owner_client, owner, lessons_set, grade):
    post(owner_client, keep_url())
    card = owner_client.get("/api/v1/review/next").json()["card"]
    assert post(owner_client, rate_url(card["card_id"]), {"grade": grade}).status_code == 422
    assert not ReviewLog.objects.exists()


def test_review_state_is_private(owner_client, other_client, visitor_client, lessons_set):
    post(owner_client, keep_url())
    card_id = owner_client.get("/api/v1/review/next").json()["card"]["card_id"]
    assert owner_client.get(f"/api/v1/review/cards/{card_id}").status_code == 200
    # Another reader: the same shared card is not in their review.
    assert other_client.get(f"/api/v1/review/cards/{card_id}").status_code == 404
    assert post(other_client, rate_url(card_id), {"grade": 3}).status_code == 404
    assert other_client.get("/api/v1/review/next").json() == {
        "card": None,
        "remaining": 0,
        "more": False,
    }
    assert visitor_client.get("/api/v1/review/next").status_code == 401
    assert post(visitor_client, rate_url(card_id), {"grade": 3}).status_code == 401
    assert not ReviewLog.objects.exists()


def test_state_endpoint_reports_fsrs_memory(owner_client, lessons_set):
    post(owner_client, keep_url())
    card_id = owner_client.get("/api/v1/review/next").json()["card"]["card_id"]
    post(owner_client, rate_url(card_id), {"grade": 4, "reps": 0})
    state = owner_client.get(f"/api/v1/review/cards/{card_id}").json()
    assert state["phase"] == "review" and state["reps"] == 1
    assert state["stability"] == pytest.approx(8.2956)


def test_article_filter(owner_client, owner, lessons_set):
    post(owner_client, keep_url())
    assert owner_client.get("/api/v1/review/next?article=great-leap-forward").json()["remaining"]
    from tests.conftest import import_sample

    import_sample("printing-press")
    assert owner_client.get("/api/v1/review/next?article=printing-press").json() == {
        "card": None,
        "remaining": 0,
        "more": False,
    }
    assert owner_client.get("/api/v1/review/next?article=nope").status_code == 404


def test_cards_a_reader_writes_or_edits_are_kept_automatically(owner_client, owner, lessons_set):
    created = post(
        owner_client,
        "/api/v1/articles/great-leap-forward/sections/lessons/flashcards/cards",
        {"question": "What did the famine teach planners?", "answer": "To heed local reports."},
    )
    assert created.status_code == 201, created.content
    own = ReviewState.objects.get(user=owner, card_id=created.json()["id"])
    assert (own.article.slug, own.section_anchor) == ("great-leap-forward", "lessons")

    shared = lessons_set.cards.filter(kind="basic").first()
    response = owner_client.patch(
        f"/api/v1/flashcards/cards/{shared.id}",
        json.dumps({"question": "Rewritten by me?"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert ReviewState.objects.filter(user=owner).count() == 2
    # The review shows the reader's own wording.
    own.due = timezone.now() + timedelta(days=3)
    own.save()
    body = owner_client.get("/api/v1/review/next").json()
    assert body["remaining"] == 1
    assert (body["card"]["card_id"], body["card"]["front"]) == (shared.id, "Rewritten by me?")


def test_a_card_the_reader_deleted_leaves_the_queue(owner_client, owner, lessons_set):
    post(owner_client, keep_url())
    total = lessons_set.cards.count()
    card = lessons_set.cards.first()
    assert owner_client.delete(f"/api/v1/flashcards/cards/{card.id}").status_code == 204
    assert CardEdit.objects.get(owner=owner, card=card).hidden
    assert owner_client.get("/api/v1/review/next").json()["remaining"] == total - 1


def test_regenerating_keeps_state_of_unchanged_cards(owner_client, owner, lessons_set):
    post(owner_client, keep_url())
    cards = list(lessons_set.cards.order_by("position"))
    kept, changed = cards[0], cards[1]
    post(owner_client, rate_url(kept.id), {"grade": 4, "reps": 0})
    ReviewState.objects.filter(user=owner, card=changed).update(reps=5)

    # A regenerated set for the same text: one card identical, one with a new question.
    new_set = type(lessons_set).objects.get(pk=lessons_set.pk)
    new_set.pk = None
    new_set.save()
    same = Card.objects.create(
        cardset=new_set,
        position=0,
        kind=kept.kind,
        question=kept.question,
        answer=kept.answer + " (reworded answer)",
        selectors=kept.selectors,
        quote=kept.quote,
        start=kept.start,
        end=kept.end,
    )
    different = Card.objects.create(
        cardset=new_set,
        position=1,
        kind=changed.kind,
        question="A different question?",
        answer=changed.answer,
        selectors=changed.selectors,
        quote=changed.quote,
        start=changed.start,
        end=changed.end,
    )
    CardSetPin.objects.update_or_create(
        owner=owner, cache_key=new_set.cache_key, defaults={"cardset": new_set}
    )

    moved = ReviewState.objects.get(user=owner, card=same)
    assert moved.reps == 1 and moved.phase == 2
    assert moved.memory["card_id"] == same.id
    assert ReviewLog.objects.get(user=owner).card_id == same.id
    fresh = ReviewState.objects.get(user=owner, card=different)
    assert fresh.reps == 0
    assert not ReviewState.objects.filter(user=owner, card__cardset=lessons_set).exists()


def test_regenerating_through_the_api_keeps_the_review(owner_client, owner, lessons_set, settings):
    settings.READMARK_FLASHCARD_GENERATOR = "local"
    settings.READMARK_TASK_BACKEND = "embedded"
    post(owner_client, keep_url())
    card = owner_client.get("/api/v1/review/next").json()["card"]
    post(owner_client, rate_url(card["card_id"]), {"grade": 4, "reps": 0})
    response = post(
        owner_client, "/api/v1/articles/great-leap-forward/sections/lessons/flashcards/regenerate"
    )
    assert response.status_code == 200, response.content
    new_set = CardSetPin.objects.get(owner=owner).cardset
    assert new_set != lessons_set
    # Regenerate makes a different set (cards not shown before): the review follows the set
    # the reader now sees, and the rating stays in the log of the card it was given to.
    old = set(lessons_set.cards.values_list("question", flat=True))
    assert not old & set(new_set.cards.values_list("question", flat=True))
    states = ReviewState.objects.filter(user=owner)
    assert states.count() == new_set.cards.count()
    assert {state.card.cardset_id for state in states} == {new_set.id}
    assert ReviewLog.objects.get(user=owner).card_id == card["card_id"]
    assert Card.objects.filter(pk=card["card_id"]).exists()


def test_a_rating_writes_the_log_and_state_as_the_scheduler_says(owner_client, owner, lessons_set):
    post(owner_client, keep_url())
    card = owner_client.get("/api/v1/review/next").json()["card"]
    state = ReviewState.objects.get(user=owner, card_id=card["card_id"])
    before = state.due
    post(owner_client, rate_url(card["card_id"]), {"grade": 4, "duration_ms": 1234})
    log = ReviewLog.objects.get(user=owner)
    assert (log.card_id, log.article_id, log.duration_ms) == (state.card_id, state.article_id, 1234)
    assert log.due_before == before and log.reviewed <= timezone.now()
    rated = ReviewState.objects.get(pk=state.pk)
    outcome = scheduling.review(state.memory, 4, now=log.reviewed)
    assert rated.memory == outcome.memory and rated.due == outcome.due
    assert (rated.phase, rated.reps, rated.lapses, rated.last_review) == (2, 1, 0, log.reviewed)
    # Forgetting a card in the review phase counts a lapse.
    ReviewState.objects.filter(pk=state.pk).update(due=timezone.now())
    post(owner_client, rate_url(card["card_id"]), {"grade": 1, "reps": 1})
    assert ReviewState.objects.get(pk=state.pk).lapses == 1
