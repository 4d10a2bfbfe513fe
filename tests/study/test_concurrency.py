"""Ten parallel requests for new cards: exactly one generation, one cooldown, no errors."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.test import Client

from study.models import CardSet, Generation
from tests.conftest import import_sample, make_user

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/articles/great-leap-forward/sections/{}/flashcards"


def parallel(count: int, request) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(5)
            results[index] = request(index)
        except Exception as error:  # reported below, with the others
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_ten_parallel_requests_for_one_section_start_one_generation():
    import_sample()
    reader = make_user("lena")

    def post(index: int):
        client = Client()
        client.force_login(reader)
        return client.post(URL.format("lessons"))

    responses = parallel(10, post)
    codes = sorted(getattr(r, "status_code", repr(r)) for r in responses)
    assert all(isinstance(code, int) for code in codes), codes
    assert set(codes) <= {200, 202, 429}, codes
    assert Generation.objects.count() == 1
    assert CardSet.objects.count() == 1
    # Whoever did not start it got the set (or the generation in flight), never a second one.
    assert codes.count(200) + codes.count(202) >= 1


def test_ten_parallel_requests_for_ten_sections_start_one_generation():
    article = import_sample()
    reader = make_user("lena")
    # Eight sections with facts to ask about (a failed generation would give the cooldown
    # back, rightly, and let one more start), asked for by ten requests at once.
    anchors = [s.anchor for s in article.current_revision.sections.order_by("order")][:8]
    anchors += anchors[:2]

    def post(index: int):
        client = Client()
        client.force_login(reader)
        return client.post(URL.format(anchors[index]))

    responses = parallel(10, post)
    codes = [getattr(r, "status_code", repr(r)) for r in responses]
    assert all(isinstance(code, int) for code in codes), codes
    assert Generation.objects.count() == 1, codes
    assert codes.count(429) >= 8, codes
    for response in responses:
        if response.status_code == 429:
            assert int(response["Retry-After"]) >= 170
