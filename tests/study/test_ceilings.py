"""Hourly ceilings on new generations: per reader (failed attempts count) and for the site."""

from __future__ import annotations

import pytest
from django.test import Client

from study.models import Generation, Status
from tests.conftest import import_sample, make_user
from tests.generation.fake_openai import error
from tests.study.test_llm_path import finished, wait_for

LESSONS = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards"


@pytest.mark.django_db(transaction=True)
def test_failed_generations_count_toward_the_readers_hourly_limit(llm, settings):
    """A provider that keeps failing: each failure gives the cooldown back, but counts."""
    settings.READMARK_GENERATIONS_PER_READER_HOUR = 3
    llm.always(error(500, "upstream exploded"))
    import_sample()
    client = Client()
    client.force_login(make_user("lena"))
    for _ in range(3):
        started = client.post(LESSONS)
        assert started.status_code == 202, started.content
        generation_id = started.json()["generation"]["id"]
        done = wait_for(lambda gid=generation_id: finished(gid))
        assert done.status == Status.FAILED  # and the cooldown was given back:
    refused = client.post(LESSONS)
    assert refused.status_code == 429
    body = refused.json()
    assert "3 flashcard generations this hour" in body["detail"]
    assert "failed ones count too" in body["detail"]
    assert 0 < int(refused["Retry-After"]) <= 3600 and body["retry_after"] > 0
    assert Generation.objects.count() == 3  # the refusal started nothing


def test_the_site_wide_ceiling_holds_whatever_the_number_of_accounts(article, settings):
    settings.READMARK_GENERATIONS_PER_HOUR = 2
    settings.READMARK_COOLDOWN_MIN_SECONDS = settings.READMARK_COOLDOWN_MAX_SECONDS = 0
    sections = ["what-it-was", "lessons", "industrial-policy-problems"]
    answers = []
    for number, anchor in enumerate(sections):
        client = Client()
        client.force_login(make_user(f"reader{number}"))
        url = f"/api/v1/articles/great-leap-forward/sections/{anchor}/flashcards"
        answers.append(client.post(url))
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "as many new flashcard sets this hour" in answers[2].json()["detail"]
    assert Generation.objects.count() == 2


def test_cached_sets_are_served_past_the_ceiling(owner_client, other_client, article, settings):
    settings.READMARK_GENERATIONS_PER_HOUR = 1
    url = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards"
    assert owner_client.post(url).status_code == 200
    assert other_client.post(url).status_code == 200  # cached: no new generation, no limit
