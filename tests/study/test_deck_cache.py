"""The stored GET response: served while nothing changed, rebuilt after any change."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from study.jobs import INTERRUPTED, generation_expire
from study.models import Cooldown, Generation
from study.schemas import DeckOut, MessageOut
from study.services import cardset_get_or_generate
from tests.study.helpers import section

URL = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards"
CARDS = "/api/v1/flashcards/cards/"


def get(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    return response, len(queries)


def test_an_unchanged_deck_is_served_with_one_query_beyond_sign_in(owner_client, article):
    owner_client.post(URL)
    first, built = get(owner_client)
    again, served = get(owner_client)
    assert again.json() == first.json()
    assert served == 3  # the session, the user, and the section with its fingerprint
    assert built > served
    DeckOut.model_validate(again.json())


def test_every_change_of_the_readers_deck_shows_at_once(owner_client, other_client, article):
    cards = owner_client.post(URL).json()["cards"]
    get(owner_client)
    basic = [c for c in cards if c["kind"] == "basic"]
    target = basic[0] if basic else cards[0]
    change = (
        {"question": "Which signals does silencing critics remove?"}
        if basic
        else {"question": "Silencing {{c1::critics}} removes warning signals."}
    )
    owner_client.patch(CARDS + str(target["id"]), change, "application/json")
    assert (
        get(owner_client)[0].json()["cards"][cards.index(target)]["question"] == change["question"]
    )
    owner_client.delete(CARDS + str(target["id"]))
    assert target["id"] not in [c["id"] for c in get(owner_client)[0].json()["cards"]]
    owner_client.post(CARDS + str(target["id"]) + "/restore")
    assert target["id"] in [c["id"] for c in get(owner_client)[0].json()["cards"]]
    own = owner_client.post(
        URL + "/cards", {"question": "Who?", "answer": "Mao"}, "application/json"
    ).json()
    assert get(owner_client)[0].json()["cards"][-1]["id"] == own["id"]
    owner_client.patch(CARDS + str(own["id"]), {"answer": "Mao Zedong"}, "application/json")
    assert get(owner_client)[0].json()["cards"][-1]["answer"] == "Mao Zedong"
    owner_client.delete(CARDS + str(own["id"]))
    assert own["id"] not in [c["id"] for c in get(owner_client)[0].json()["cards"]]
    # Another reader regenerates: a reader who edited keeps their set, one who did not gets
    # the new one — either way the stored answer is not reused blindly.
    other_client.get(URL)
    Cooldown.objects.all().update(until=timezone.now())
    other_client.post(URL + "/regenerate")
    assert get(other_client)[0].json()["cards"][0]["id"] not in [c["id"] for c in cards]
    assert {c["id"] for c in get(owner_client)[0].json()["cards"]} <= {c["id"] for c in cards}


def test_the_cooldown_counts_down_in_a_stored_answer(owner_client, owner, article):
    owner_client.post(URL)
    first = get(owner_client)[0].json()["cooldown_seconds"]
    Cooldown.objects.filter(user=owner).update(until=timezone.now() + timedelta(seconds=42))
    assert 40 <= get(owner_client)[0].json()["cooldown_seconds"] <= 42 < first


def test_a_generation_finishing_elsewhere_replaces_the_stored_progress(
    owner_client, owner, article
):
    lessons = section(article, "lessons")
    from study.engine import generator_choice

    key = generator_choice().cache_key(lessons.content_hash)
    running = Generation.objects.create(
        user=owner, article=article, section=lessons, section_anchor="lessons", cache_key=key,
        content_hash=lessons.content_hash, generator="local",
        generator_version=generator_choice().version,
        options_hash=generator_choice().options_hash, status="running", started=timezone.now(),
    )  # fmt: skip
    response, _ = get(owner_client)
    assert response.status_code == 202
    DeckOut.model_validate(response.json())
    # A worker gives it up: the stored 202 must not be served again.
    generation_expire(running)
    response, _ = get(owner_client)
    assert response.status_code == 404
    assert response.json()["detail"] == INTERRUPTED
    MessageOut.model_validate(response.json())
    cardset_get_or_generate(user=owner, article=article, section=lessons)
    assert get(owner_client)[0].status_code == 200


def test_stored_answers_are_per_reader(owner_client, other_client, article):
    owner_client.post(URL)
    owner_client.post(URL + "/cards", {"question": "Mine?", "answer": "Yes"}, "application/json")
    get(owner_client)
    theirs = get(other_client)[0].json()["cards"]
    assert "Mine?" not in [c["question"] for c in theirs]
