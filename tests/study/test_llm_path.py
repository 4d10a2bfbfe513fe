"""The `openai` generator end to end: a real worker thread, a fake provider over HTTP.

The web request only records the job (202); the provider is called from the worker thread.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.test import Client

from study.cooldown import cooldown_remaining
from study.models import CardSet, Generation, Status
from study.services import cardset_get_or_generate
from tests.conftest import import_sample, make_user
from tests.generation.fake_openai import Reply, card, error, reply_cards
from tests.study.helpers import section

pytestmark = pytest.mark.django_db(transaction=True)

LESSONS_CARDS = [
    card(
        "What happens when officials are rewarded for reporting success?",
        "planners lose sight of reality",  # "reality" alone is a guess, which the gate refuses
        "When officials are rewarded for reporting success, planners lose sight of reality.",
    ),
    card(
        "What does silencing critics remove?",
        "the warning signals needed to correct mistakes",
        "Silencing critics removes the warning signals needed to correct mistakes.",
    ),
    card(
        "What flourished after a bird species was removed in the sparrow campaign?",
        "insect pests",
        "removing a bird species helped insect pests flourish",
    ),
]


def held(reply: Reply, release: threading.Event):
    """A reply the provider sends only once the test says so."""

    def answer(body):
        release.wait(10)
        return reply

    return answer


def wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (value := predicate()) is not None:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def finished(generation_id: int) -> Generation | None:
    generation = Generation.objects.get(id=generation_id)
    return None if generation.in_flight else generation


def test_the_request_queues_and_a_worker_thread_calls_the_provider(llm):
    release = threading.Event()
    llm.script(held(reply_cards(LESSONS_CARDS), release))
    article = import_sample()
    reader = make_user("lena")
    # The provider cannot answer before we release it, so returning proves the request did
    # not wait for it.
    result = cardset_get_or_generate(
        user=reader, article=article, section=section(article, "lessons")
    )
    assert result.status in {"queued", "running"}
    assert cooldown_remaining(user=reader) > 0
    release.set()
    done = wait_for(lambda: finished(result.generation.id))
    assert done.status == Status.DONE, done.error
    assert "readmark-flashcards" in done.worker  # the embedded worker thread ran it
    cards = list(done.cardset.cards.order_by("position"))
    assert len(cards) >= 3
    text = section(article, "lessons").text
    for item in cards:
        assert text[item.start : item.end] == item.quote
    assert any(item.question.startswith("What does silencing critics") for item in cards)
    assert done.cardset.generator == "openai" and done.cardset.model == "fake-model"
    assert len(llm.requests) == 1
    assert llm.requests[0].headers["authorization"] == "Bearer sk-test"


def test_a_provider_failure_is_reported_and_costs_no_cooldown(llm):
    llm.always(error(500, "upstream exploded"))
    article = import_sample()
    reader = make_user("lena")
    result = cardset_get_or_generate(
        user=reader, article=article, section=section(article, "lessons")
    )
    done = wait_for(lambda: finished(result.generation.id))
    assert done.status == Status.FAILED
    assert done.error.endswith(".") and "Traceback" not in done.error  # a sentence for people
    assert cooldown_remaining(user=reader) == 0
    assert CardSet.objects.count() == 0


def test_the_api_answers_202_then_the_set_once_the_worker_is_done(llm):
    release = threading.Event()
    llm.script(held(reply_cards(LESSONS_CARDS), release))
    import_sample()
    reader = make_user("lena")
    client = Client()
    client.force_login(reader)
    url = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards"
    response = client.post(url)
    assert response.status_code == 202, response.content
    assert response.json()["status"] in {"queued", "running"}
    # A second reader asking meanwhile joins the same generation, at no cooldown cost.
    second = make_user("sam")
    other = Client()
    other.force_login(second)
    assert other.post(url).status_code == 202
    assert cooldown_remaining(user=second) == 0
    assert client.get(url).status_code == 202  # polling while the provider works
    release.set()

    def ready():
        answer = client.get(url)
        return answer if answer.status_code == 200 else None

    answer = wait_for(ready)
    body = answer.json()
    assert body["status"] == "ready" and len(body["cards"]) >= 3
    assert body["generator"].startswith("openai")
    assert Generation.objects.count() == 1
    assert len(llm.requests) == 1
