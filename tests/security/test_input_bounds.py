"""Issue 17, findings 2 and 5: numbers past what the database holds, wrong types and unknown
fields answer 422 naming the field, never 500 and never a silent default."""

from __future__ import annotations

import json

import pytest

from annotations.models import Annotation
from study.models import Card
from tests.annotations.helpers import payload

INT_MAX = 2**31 - 1
PAST_64_BITS = 2**63


def send(client, method: str, url: str, body) -> tuple[int, str]:
    response = client.generic(method, url, json.dumps(body), content_type="application/json")
    return response.status_code, response.json().get("detail", "")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"q=v&offset={PAST_64_BITS}", "offset"),
        (f"offset={PAST_64_BITS}", "offset"),
        (f"q=v&offset={INT_MAX + 1}", "offset"),
        (f"limit={PAST_64_BITS}", "limit"),
        ("offset=-1", "offset"),
    ],
)
def test_query_numbers_out_of_range_are_422_naming_the_field(owner_client, query, field):
    response = owner_client.get(f"/api/v1/annotations?{query}")
    assert response.status_code == 422
    assert f"query.{field}" in response.json()["detail"] or field in response.json()["detail"]


def test_the_largest_offset_the_database_holds_is_an_empty_page(owner_client):
    response = owner_client.get(f"/api/v1/annotations?q=v&offset={INT_MAX}")
    assert response.status_code == 200 and response.json()["items"] == []


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/annotations/{PAST_64_BITS}",
        "/api/v1/annotations/0",
        f"/api/v1/review/cards/{PAST_64_BITS}",
    ],
)
def test_path_ids_out_of_range_are_422(owner_client, path):
    response = owner_client.get(path)
    assert response.status_code == 422
    assert "id" in response.json()["detail"]


@pytest.mark.parametrize("value", ["0", False, 10.0, INT_MAX + 1, -1, None])
def test_selector_offsets_must_be_integers_in_range(owner_client, article, value):
    body = payload(article, "backyard furnaces")
    position = next(s for s in body["selectors"] if s["type"] == "TextPositionSelector")
    position["start"] = value
    status, detail = send(owner_client, "POST", "/api/v1/annotations", body)
    assert status == 422
    assert "selectors" in detail and "start" in detail
    assert Annotation.objects.count() == 0


@pytest.mark.parametrize("exact", [" ", "   \n\t", "\u00a0"])
def test_an_empty_or_whitespace_selection_is_refused(owner_client, article, exact):
    body = payload(article, "backyard furnaces")
    quote = next(s for s in body["selectors"] if s["type"] == "TextQuoteSelector")
    quote["exact"] = exact
    status, detail = send(owner_client, "POST", "/api/v1/annotations", body)
    assert status == 422
    assert "empty or only spaces" in detail
    assert Annotation.objects.count() == 0


def test_an_if_match_version_past_the_database_is_422(owner_client, article):
    url = f"/api/v1/articles/{article.slug}/notebook"
    response = owner_client.put(
        url,
        json.dumps({"body": "x"}),
        content_type="application/json",
        headers={"If-Match": f'"v{PAST_64_BITS}"'},
    )
    assert response.status_code == 422
    assert "If-Match" in response.json()["detail"]


@pytest.fixture
def own_card(owner_client, article) -> int:
    url = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards/cards"
    status, _ = send(owner_client, "POST", url, {"question": "Who?", "answer": "Mao"})
    assert status == 201
    return Card.objects.get().pk


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"questoin": "Why?"}, "questoin"),
        (None, "body"),
        ({}, "question, answer or reset"),
        ({"question": 5}, "question"),
        ({"reset": "true"}, "reset"),
        ([], "body"),
    ],
)
def test_a_card_patch_with_unknown_fields_wrong_types_or_nothing_is_422(
    owner_client, own_card, body, named
):
    status, detail = send(owner_client, "PATCH", f"/api/v1/flashcards/cards/{own_card}", body)
    assert status == 422
    assert named in detail
    assert Card.objects.get().question == "Who?"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"question": "Who?", "anwser": "Mao"}, "anwser"),
        ({"question": ["Who?"]}, "question"),
    ],
)
def test_a_new_card_with_unknown_fields_or_wrong_types_is_422(owner_client, article, body, named):
    url = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards/cards"
    status, detail = send(owner_client, "POST", url, body)
    assert status == 422 and named in detail
    assert Card.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"anchor": "lessons", "fraction": 0.5, "secton": "x"}, "secton"),
        ({"anchor": "lessons", "fraction": "0.5"}, "fraction"),
        ({"anchor": 3, "fraction": 0.5}, "anchor"),
        ({"read": "lessons"}, "read"),
    ],
)
def test_progress_bodies_are_strict(owner_client, article, body, named):
    url = f"/api/v1/articles/{article.slug}/progress"
    status, detail = send(owner_client, "PUT", url, body)
    assert status == 422 and named in detail


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"grade": 3, "grde": 3}, "grde"),
        ({"grade": "3"}, "grade"),
        ({"grade": 3.0}, "grade"),
        ({"grade": True}, "grade"),
        ({"grade": 3, "reps": INT_MAX + 1}, "reps"),
        ({"grade": 3, "reps": "0"}, "reps"),
    ],
)
def test_rating_bodies_are_strict(owner_client, own_card, body, named):
    status, detail = send(owner_client, "POST", f"/api/v1/review/cards/{own_card}/rating", body)
    assert status == 422 and named in detail


def test_a_whole_number_fraction_is_still_a_fraction(owner_client, article):
    # Strict types refuse strings and booleans, not a JSON number written without a point.
    url = f"/api/v1/articles/{article.slug}/progress"
    status, _ = send(owner_client, "PUT", url, {"anchor": "", "fraction": 1})
    assert status == 200


def test_the_service_refuses_a_blank_selection_whatever_the_caller(owner, article):
    from anchoring import describe, to_w3c
    from annotations.errors import AnnotationError
    from annotations.services import annotation_create
    from tests.annotations.helpers import section_of

    section = section_of(article)
    start = section.text.index(" ")
    with pytest.raises(AnnotationError, match="empty or only spaces"):
        annotation_create(
            owner=owner,
            article=article,
            section_anchor=section.anchor,
            kind="highlight",
            selectors=to_w3c(describe(section.text, start, start + 1)),
        )
    assert Annotation.objects.count() == 0
