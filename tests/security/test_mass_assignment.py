"""Mass assignment: `owner`, `id` and friends in a request body are refused or ignored; the
object always belongs to the requester and gets a server-chosen id."""

from __future__ import annotations

import pytest

from annotations.models import Annotation
from tests.annotations.helpers import payload
from tests.security.world import build_world, send

FORGED_ID = 987654


def forged(other, owner) -> dict:
    return {
        "id": FORGED_ID,
        "owner": owner.pk,
        "owner_id": owner.pk,
        "user": owner.pk,
        "user_id": owner.pk,
        "version": 99,
        "created": "2000-01-01T00:00:00Z",
    }


def refused_or_ignored(response, *, model_rows):
    """Either a 4xx that created nothing, or a success whose object is the requester's."""
    if 400 <= response.status_code < 500:
        assert model_rows() == 0, response.content
        return None
    assert response.status_code in (200, 201), response.content
    data = response.json()
    assert data.get("id") != FORGED_ID
    return data


def test_creating_an_annotation_with_a_forged_owner_and_id(other_client, other, owner, article):
    body = payload(article, "backyard furnaces", kind="note", body="mine") | forged(other, owner)
    response = send(other_client, "POST", "/api/v1/annotations", body)
    refused_or_ignored(
        response,
        model_rows=lambda: Annotation.objects.filter(owner=owner).count(),
    )
    assert not Annotation.objects.filter(owner=owner).exists()
    assert not Annotation.objects.filter(pk=FORGED_ID).exists()


def test_the_accepted_create_belongs_to_the_requester(other_client, other, article):
    body = payload(article, "backyard furnaces", kind="note", body="mine")
    response = send(other_client, "POST", "/api/v1/annotations", body)
    assert response.status_code == 201
    assert Annotation.objects.get(pk=response.json()["id"]).owner == other


@pytest.mark.parametrize("field", ["owner", "id", "version", "article", "created"])
def test_patching_protected_fields_changes_nothing(owner_client, owner, other, article, field):
    world = build_world(owner_client, article)
    before = Annotation.objects.get(pk=world.annotation_id)
    value = {"owner": other.pk, "id": FORGED_ID, "version": 99}.get(field, "x")
    response = send(
        owner_client,
        "PATCH",
        f"/api/v1/annotations/{world.annotation_id}",
        {field: value},
        **{"If-Match": '"v1"'},
    )
    assert response.status_code in (200, 400, 422), response.content
    after = Annotation.objects.get(pk=world.annotation_id)
    assert (after.owner_id, after.pk, after.article_id) == (owner.pk, before.pk, before.article_id)
    assert after.version in (before.version, before.version + 1)


def test_cards_written_with_a_forged_owner_are_the_writers(other_client, owner, other, article):
    world = build_world(other_client, article)  # other's own world: their note, notebook, card
    path = f"/api/v1/articles/{world.slug}/sections/{world.section}/flashcards/cards"
    body = {"question": "What happened in 1958?", "answer": "The Leap"} | forged(other, owner)
    response = send(other_client, "POST", path, body)
    if response.status_code == 201:
        assert response.json()["id"] != FORGED_ID and response.json()["own"] is True
        from study.models import Card

        assert Card.objects.get(pk=response.json()["id"]).owner_id == other.pk
    else:
        assert 400 <= response.status_code < 500
