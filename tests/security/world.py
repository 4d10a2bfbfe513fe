"""The owner's data the security suite attacks: made through the public API, each piece
carrying a marker that must never reach another user or a visitor."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.test import Client

from tests.annotations.helpers import payload, section_of

MARKER = "OWNER-SECRET-7f3a"


@dataclass(frozen=True)
class World:
    slug: str
    section: str
    annotation_id: int
    card_id: int

    def values(self) -> dict[str, object]:
        """Values for every path parameter of the API and the site (see routes.fill)."""
        return {
            "slug": self.slug,
            "section_id": self.section,
            "annotation_id": self.annotation_id,
            "card_id": self.card_id,
            "token_id": 1,
        }


def send(client: Client, method: str, path: str, body=None, **headers):
    data = b"" if body is None else json.dumps(body)
    return client.generic(method, path, data=data, content_type="application/json", headers=headers)


def build_world(owner_client: Client, article) -> World:
    section = section_of(article)
    note = payload(article, "backyard furnaces", kind="note", body=f"note {MARKER}")
    created = send(owner_client, "POST", "/api/v1/annotations", note)
    assert created.status_code == 201, created.content
    notebook = f"/api/v1/articles/{article.slug}/notebook"
    etag = send(owner_client, "GET", notebook).headers.get("ETag", '"v0"')
    saved = send(
        owner_client, "PUT", notebook, {"body": f"notebook {MARKER}"}, **{"If-Match": etag}
    )
    assert saved.status_code == 200, saved.content
    cards = f"/api/v1/articles/{article.slug}/sections/{section.anchor}/flashcards/cards"
    card = send(owner_client, "POST", cards, {"question": f"Who? {MARKER}", "answer": MARKER})
    assert card.status_code == 201, card.content
    return World(
        slug=article.slug,
        section=section.anchor,
        annotation_id=created.json()["id"],
        card_id=card.json()["id"],
    )


def owner_view(owner_client: Client, world: World) -> dict[str, object]:
    """What the owner sees of their data: compared before and after an attack."""
    annotation = send(owner_client, "GET", f"/api/v1/annotations/{world.annotation_id}")
    notebook = send(owner_client, "GET", f"/api/v1/articles/{world.slug}/notebook")
    deck = send(
        owner_client, "GET", f"/api/v1/articles/{world.slug}/sections/{world.section}/flashcards"
    )
    return {
        "annotation": annotation.json(),
        "notebook": notebook.json(),
        "cards": [c for c in deck.json().get("cards", []) if c.get("own")]
        if deck.status_code == 200
        else deck.status_code,
    }
