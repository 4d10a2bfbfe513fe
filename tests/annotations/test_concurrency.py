"""Real concurrent requests (threads, each with its own database connection)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from annotations.models import Annotation
from tests.annotations.helpers import payload
from tests.conftest import import_sample, make_user

PHRASES = ["backyard furnaces", "Mao Zedong", "famine", "1958", "people’s communes"]


def _in_thread(fn):
    def run(*args):
        try:
            return fn(*args)
        finally:
            connection.close()

    return run


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_posts_with_distinct_keys_are_all_stored():
    user = make_user("concurrent")
    article = import_sample()
    bodies = [payload(article, PHRASES[i % len(PHRASES)]) for i in range(20)]

    @_in_thread
    def send(i: int) -> int:
        client = Client()
        client.force_login(user)
        return client.post(
            "/api/v1/annotations",
            json.dumps(bodies[i]),
            content_type="application/json",
            headers={"Idempotency-Key": f"key-{i}"},
        ).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(send, range(20)))
    assert statuses == [201] * 20
    assert Annotation.objects.filter(owner=user).count() == 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_store_one_annotation():
    user = make_user("retrier")
    article = import_sample()
    body = json.dumps(payload(article, "backyard furnaces"))

    @_in_thread
    def send(_: int):
        client = Client()
        client.force_login(user)
        response = client.post(
            "/api/v1/annotations",
            body,
            content_type="application/json",
            headers={"Idempotency-Key": "the-same-key"},
        )
        return response.status_code, response.json()["id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, range(8)))
    assert {status for status, _ in results} == {201}
    assert len({pk for _, pk in results}) == 1
    assert Annotation.objects.filter(owner=user).count() == 1
