"""Statement counts of the hot views: each runs a fixed number of SQL statements, whatever the
amount of data behind it. A view that starts running one query per annotation, card or section
fails here, long before a reader notices it being slow.

Each view is measured twice, with a little and with a lot of data, and the two counts must be
equal and within the view's budget. Caches are warmed by one request first where the view has
one (what a reader gets on every visit after the first); the cold path is measured too.
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from anchoring import describe, to_w3c
from annotations.services import annotation_create
from reader.access import section_for_read
from study.services import cardset_generate_now
from tests.annotations.helpers import section_of
from tests.conftest import clear_caches, import_sample, make_user
from tests.review.conftest import make_due_cards, rate_url

# Transactions as in production: atomic blocks are BEGIN and COMMIT, not savepoints.
pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "great-leap-forward"


def statements(request) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code < 300, (response.status_code, response.content[:300])
    return len(queries), response


def annotate(user, article, count: int) -> None:
    """``count`` highlights spread over the article's sections."""
    sections = list(article.current_revision.sections.order_by("order"))
    for index in range(count):
        section = sections[index % len(sections)]
        start = (index // len(sections)) * 12
        annotation_create(
            owner=user, article=article, section_anchor=section.anchor, kind="highlight",
            selectors=to_w3c(describe(section.text, start, start + 10)),
        )  # fmt: skip


@pytest.fixture
def reader(article):
    """A signed-in reader with one annotation; ``grow()`` gives them many more."""
    user = make_user("rhea")
    annotate(user, article, 1)
    client = Client()
    client.force_login(user)
    client.user = user
    client.grow = lambda: annotate(user, article, 60)
    return client


def same_when_data_grows(client, request, *, budget: int, warm: bool = True) -> int:
    def measure() -> int:
        if warm:
            request()
        else:
            clear_caches()
        return statements(request)[0]

    few = measure()
    client.grow()
    many = measure()
    assert few == many, f"{few} statements with little data, {many} with more"
    print(f"STATEMENTS {many}")
    assert many <= budget, f"{many} statements, over the budget of {budget}"
    return many


def test_reader_page(reader):
    url = f"/articles/{SLUG}/"
    same_when_data_grows(reader, lambda: reader.get(url), budget=14)


def test_reader_page_cold(reader):
    url = f"/articles/{SLUG}/"
    same_when_data_grows(reader, lambda: reader.get(url), budget=20, warm=False)


def test_annotation_list(reader):
    url = f"/api/v1/annotations?article={SLUG}&limit=2000"
    same_when_data_grows(reader, lambda: reader.get(url), budget=6)


def test_annotation_create(reader, article):
    body = _a_payload(article)

    def create():
        return reader.post(
            "/api/v1/annotations", json.dumps(body), content_type="application/json",
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )  # fmt: skip

    same_when_data_grows(reader, create, budget=7)


def _a_payload(article) -> dict:
    section = section_of(article)
    return {
        "article": article.slug,
        "section": section.anchor,
        "kind": "note",
        "body": "A *note*",
        "selectors": to_w3c(describe(section.text, 0, 12)),
    }


def test_cached_flashcards(reader, article):
    section = section_for_read(article, "lessons")
    cardset_generate_now(article=article, section=section)
    url = f"/api/v1/articles/{SLUG}/sections/lessons/flashcards"
    same_when_data_grows(reader, lambda: reader.get(url), budget=6)


def test_a_new_flashcard_set_takes_at_most_15_statements(reader):
    url = f"/api/v1/articles/{SLUG}/sections/lessons/flashcards"
    count, response = statements(lambda: reader.post(url))
    assert response.status_code == 200 and response.json()["cards"]
    print(f"STATEMENTS {count}")
    assert count <= 15, f"{count} statements to generate a set"


def test_review_page_and_rating(reader, article):
    user = reader.user
    make_due_cards(user=user, article=article, count=3)
    reader.grow = lambda: make_due_cards(user=user, article=article, count=200, anchor="famine")
    same_when_data_grows(reader, lambda: reader.get("/review/"), budget=12)

    def rate():
        card = reader.get("/api/v1/review/next").json()["card"]
        return reader.post(
            rate_url(card["card_id"]), json.dumps({"grade": 3, "reps": card["reps"]}),
            content_type="application/json",
        )  # fmt: skip

    few, _ = statements(rate)
    make_due_cards(user=user, article=article, count=200, anchor="origins")
    many, _ = statements(rate)
    print(f"STATEMENTS {many}")
    assert few == many <= 16, (few, many)


def test_profile_page(reader):
    same_when_data_grows(reader, lambda: reader.get("/accounts/profile/"), budget=30)


def test_library_page(reader):
    reader.grow = lambda: (import_sample("printing-press"), import_sample("how-vaccines-work"))
    same_when_data_grows(reader, lambda: reader.get("/"), budget=8)
