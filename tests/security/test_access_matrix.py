"""Owner / other / visitor on every API operation (read from the OpenAPI document, so new
endpoints are attacked too): a visitor gets 401/403, another user gets 404 for the owner's
objects and never a byte of the owner's data, and the owner's data is unchanged afterwards."""

from __future__ import annotations

import pytest

from tests.annotations.helpers import payload
from tests.security.routes import api_operations, example_body
from tests.security.world import MARKER, build_world, owner_view, send

# Bodies an attacker would send (valid, so the refusal is about ownership and not about a
# malformed request). Operations not listed get a minimal body built from their schema.
HEADERS = {"update_annotation": {"If-Match": '"v1"'}, "put_notebook": {"If-Match": '"v1"'}}
OWNED = ("{annotation_id}", "{card_id}")


def body_for(operation, article):
    return {
        "create_annotation": payload(article, "people’s communes", body="other's note"),
        "update_annotation": {"body": "hacked"},
        "put_notebook": {"body": "hacked"},
        "flashcards_card_create": {"question": "Other's question?"},
        "flashcards_card_update": {"question": "Hacked?"},
        "progress_put": {"fraction": 0.5},
    }.get(operation.operation_id.rsplit("_api_", 1)[-1]) or example_body(operation)


@pytest.fixture
def world(owner_client, article):
    return build_world(owner_client, article)


def test_every_operation_is_covered(world):
    operations = api_operations()
    assert len(operations) >= 15
    for operation in operations:
        operation.path(world.values())  # raises for a parameter the suite cannot fill


def test_visitors_get_401_or_403_and_no_data(visitor_client, world, article):
    problems = []
    for operation in api_operations():
        response = send(
            visitor_client,
            operation.method,
            operation.path(world.values()),
            body_for(operation, article),
        )
        if response.status_code not in (401, 403) or MARKER.encode() in response.content:
            problems.append(f"{operation} -> {response.status_code}")
    assert problems == []


def test_other_users_get_404_for_the_owners_objects_and_never_see_them(
    owner_client, other_client, world, article
):
    before = owner_view(owner_client, world)
    problems = []
    for operation in api_operations():
        response = send(
            other_client,
            operation.method,
            operation.path(world.values()),
            body_for(operation, article),
            **HEADERS.get(operation.operation_id.rsplit("_api_", 1)[-1], {}),
        )
        status = response.status_code
        if status >= 500 or MARKER.encode() in response.content:
            problems.append(f"{operation} -> {status} (leak or crash)")
        elif any(part in operation.template for part in OWNED) and status != 404:
            problems.append(f"{operation} -> {status}, expected 404")
    assert problems == []
    assert owner_view(owner_client, world) == before


def test_the_owner_reaches_every_object_the_others_are_refused(owner_client, world):
    for operation in api_operations():
        if operation.method == "GET" and any(part in operation.template for part in OWNED):
            response = send(owner_client, "GET", operation.path(world.values()))
            assert response.status_code == 200, operation


def test_a_missing_id_and_someone_elses_id_look_the_same(other_client, world):
    theirs = send(other_client, "GET", f"/api/v1/annotations/{world.annotation_id}")
    missing = send(other_client, "GET", "/api/v1/annotations/987654321")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()


def test_lists_and_searches_hold_only_the_readers_own_data(other_client, world):
    for query in ({}, {"article": world.slug}, {"q": "OWNER"}, {"q": "' OR 1=1--"}):
        response = other_client.get("/api/v1/annotations", query)
        assert response.status_code == 200, query
        assert response.json()["count"] == 0 and MARKER not in response.content.decode()
