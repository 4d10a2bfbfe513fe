"""The flashcards API for the owner, another reader and a visitor (design section 7)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from study.cooldown import cooldown_remaining
from study.engine import generator_choice
from study.models import Card, Generation
from study.selectors import flashcards_config
from tests.conftest import import_sample
from tests.study.helpers import import_text, section

BASE = "/api/v1/articles/great-leap-forward/sections/{}/flashcards"
LESSONS = BASE.format("lessons")


def generate(client: Client, url: str = LESSONS) -> dict:
    response = client.post(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_nothing_yet_is_a_404_that_says_what_to_do(owner_client, article):
    response = owner_client.get(LESSONS)
    assert response.status_code == 404
    body = response.json()
    assert body["status"] == "none"
    assert "Generate Flashcards" in body["detail"]


def test_post_generates_then_get_returns_the_set(owner_client, owner, article):
    body = generate(owner_client)
    assert body["status"] == "ready"
    assert body["section"] == {"id": "lessons", "title": "Lessons"}
    assert 1 <= len(body["cards"]) <= 8  # "Lessons" states few facts: no trivial filler
    text = section(article, "lessons").text
    for card in body["cards"]:
        evidence = card["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["exact"]
        assert card["kind"] in {"basic", "cloze"} and card["own"] is False
    assert body["generator"] == "local 2"
    assert body["cooldown_seconds"] >= 170
    again = owner_client.get(LESSONS)
    assert again.status_code == 200
    assert again.json()["cards"] == body["cards"]


def test_another_reader_gets_the_cached_set_free(owner_client, other_client, other, article):
    made = generate(owner_client)
    seen = generate(other_client)
    assert seen["cards"] == made["cards"]
    assert seen["cooldown_seconds"] == 0
    assert cooldown_remaining(user=other) == 0
    assert Generation.objects.count() == 1


def test_cooldown_answers_429_with_retry_after(owner_client, article):
    generate(owner_client)
    response = owner_client.post(BASE.format("what-it-was"))
    assert response.status_code == 429
    retry = int(response["Retry-After"])
    assert 170 <= retry <= 300
    body = response.json()
    assert body["retry_after"] == retry
    assert "You can generate new flashcards in" in body["detail"]
    # Regenerating the cached set is a new generation too.
    assert owner_client.post(LESSONS + "/regenerate").status_code == 429
    # The cached set itself stays available.
    assert owner_client.post(LESSONS).status_code == 200


def test_a_failed_generation_says_why_and_costs_nothing(owner_client, owner, db):
    import_text("thin", "# Thin\n\n## Nothing here\n\nHello there.\n")
    url = "/api/v1/articles/thin/sections/nothing-here/flashcards"
    response = owner_client.post(url)
    assert response.status_code == 422
    # Too short to hold facts: refused before any generation starts, with no Try again.
    assert "too short to make flashcards" in response.json()["detail"]
    assert response.json()["retryable"] is False
    assert cooldown_remaining(user=owner) == 0
    after = owner_client.get(url)
    assert after.status_code == 404
    assert after.json()["status"] == "none"


def test_visitors_are_asked_to_log_in(visitor_client, article):
    assert visitor_client.get(LESSONS).status_code == 401
    assert visitor_client.post(LESSONS).status_code == 401
    assert visitor_client.post(LESSONS + "/cards", {}, "application/json").status_code == 401
    assert (
        visitor_client.patch("/api/v1/flashcards/cards/1", {}, "application/json").status_code
        == 401
    )
    assert visitor_client.delete("/api/v1/flashcards/cards/1").status_code == 401
    assert Generation.objects.count() == 0


def test_unknown_articles_and_sections_are_404(owner_client, article):
    assert (
        owner_client.get(BASE.replace("great-leap-forward", "nope").format("lessons")).status_code
        == 404
    )
    assert owner_client.post(BASE.format("no-such-section")).status_code == 404


def test_unsafe_requests_need_the_csrf_token(owner, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(LESSONS)
    assert response.status_code == 403
    assert "Reload the page" in response.json()["detail"]
    assert Generation.objects.count() == 0


def test_edits_are_private_to_their_reader(owner_client, other_client, article):
    cards = generate(owner_client)["cards"]
    basic = [c for c in cards if c["kind"] == "basic"]
    target = basic[0] if basic else cards[0]
    new = (
        {"question": "What do reports of success hide from planners?", "answer": "reality"}
        if basic
        else {"question": "Planners lose sight of {{c1::reality}} when success is rewarded."}
    )
    response = owner_client.patch(
        f"/api/v1/flashcards/cards/{target['id']}", new, "application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["question"] == new["question"] and response.json()["edited"] is True
    mine = owner_client.get(LESSONS).json()["cards"]
    theirs = other_client.get(LESSONS).json()["cards"]
    assert next(c for c in mine if c["id"] == target["id"])["question"] == new["question"]
    assert next(c for c in theirs if c["id"] == target["id"])["question"] == target["question"]
    # Back to the original.
    reset = owner_client.patch(
        f"/api/v1/flashcards/cards/{target['id']}", {"reset": True}, "application/json"
    )
    assert reset.json()["question"] == target["question"] and reset.json()["edited"] is False


def test_deleting_a_generated_card_hides_it_for_that_reader_only(
    owner_client, other_client, article
):
    cards = generate(owner_client)["cards"]
    gone = cards[0]["id"]
    assert owner_client.delete(f"/api/v1/flashcards/cards/{gone}").status_code == 204
    assert gone not in [c["id"] for c in owner_client.get(LESSONS).json()["cards"]]
    assert gone in [c["id"] for c in other_client.get(LESSONS).json()["cards"]]
    restored = owner_client.post(f"/api/v1/flashcards/cards/{gone}/restore")
    assert restored.status_code == 200
    assert gone in [c["id"] for c in owner_client.get(LESSONS).json()["cards"]]


def test_own_cards_are_the_writers_alone(owner_client, other_client, article):
    response = owner_client.post(
        LESSONS + "/cards",
        {"question": "When did the Great Leap Forward begin?", "answer": "1958"},
        "application/json",
    )
    assert response.status_code == 201, response.content
    own = response.json()
    assert own["own"] is True and own["kind"] == "basic" and own["evidence"] is None
    assert own["id"] in [c["id"] for c in owner_client.get(LESSONS).json()["cards"]]
    # Another reader: not listed, and every verb on it is 404.
    assert other_client.get(LESSONS).status_code == 404  # no set, no cards of theirs
    url = f"/api/v1/flashcards/cards/{own['id']}"
    assert other_client.patch(url, {"question": "Mine now?"}, "application/json").status_code == 404
    assert other_client.delete(url).status_code == 404
    assert other_client.post(url + "/restore").status_code == 404
    assert Card.objects.get(id=own["id"]).question == "When did the Great Leap Forward begin?"
    # The writer edits and deletes it.
    edited = owner_client.patch(url, {"answer": "In 1958"}, "application/json")
    assert edited.json()["answer"] == "In 1958"
    assert owner_client.delete(url).status_code == 204
    assert not Card.objects.filter(id=own["id"]).exists()


def test_a_cloze_card_of_your_own(owner_client, article):
    response = owner_client.post(
        LESSONS + "/cards",
        {"question": "Silencing {{c1::critics}} removes warning signals."},
        "application/json",
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "cloze" and response.json()["answer"] == "critics"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"question": "", "answer": "x"}, "Write a question"),
        ({"question": "Who?", "answer": ""}, "Write an answer"),
        ({"question": "A {{c1::}} gap.", "answer": ""}, "Mark each gap"),
        ({"question": "x" * 1001, "answer": "y"}, "too long"),
    ],
)
def test_bad_cards_are_refused_with_the_reason(owner_client, article, payload, message):
    response = owner_client.post(LESSONS + "/cards", payload, "application/json")
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert Card.objects.count() == 0


def test_mass_assignment_is_refused_naming_the_fields(owner_client, other, article):
    response = owner_client.post(
        LESSONS + "/cards",
        {"question": "Who?", "answer": "Mao", "owner": other.id, "id": 999, "cardset": 1},
        "application/json",
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "owner: Extra inputs are not permitted" in detail and "cardset" in detail
    assert Card.objects.count() == 0


def test_reader_config_needs_the_same_queries_for_any_number_of_sections(owner, db):
    choice = generator_choice()
    small = import_text("small", "# Small\n\n## One\n\nThe cat sat on the mat in 1990.\n")
    big = import_sample()

    def queries(article) -> int:
        sections = list(article.current_revision.sections.all())
        with CaptureQueriesContext(connection) as captured:
            config = flashcards_config(
                user=owner, article=article, sections=sections, keys=choice.cache_key
            )
        assert len(config["sections"]) == len(sections)
        return len(captured)

    assert queries(small) == queries(big) <= 4


def test_get_needs_the_same_queries_for_any_number_of_cards(owner_client, article):
    generate(owner_client)
    with CaptureQueriesContext(connection) as few:
        assert owner_client.get(LESSONS).status_code == 200
    for n in range(12):
        owner_client.post(
            LESSONS + "/cards", {"question": f"Own {n}?", "answer": "A"}, "application/json"
        )
    cards = owner_client.get(LESSONS).json()["cards"]
    owner_client.delete(f"/api/v1/flashcards/cards/{cards[0]['id']}")
    owner_client.patch(
        f"/api/v1/flashcards/cards/{cards[1]['id']}",
        {"question": "Edited one?"},
        "application/json",
    )
    with CaptureQueriesContext(connection) as many:
        assert owner_client.get(LESSONS).status_code == 200
    assert len(many) == len(few)
