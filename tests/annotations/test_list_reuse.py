"""The list endpoint reuses converted rows and their JSON while a row is unchanged: the page
must be byte-for-byte what encoding it afresh gives, and any change to a row — even one made
by a bulk update that leaves ``modified`` alone — must show at once."""

from __future__ import annotations

import json

import pytest
from ninja.responses import NinjaJSONEncoder

from annotations.models import Annotation
from annotations.services import annotation_create
from tests.annotations.helpers import section_of, selectors_for

pytestmark = pytest.mark.django_db
API = "/api/v1/annotations"


@pytest.fixture
def notes(owner, article):
    section = section_of(article)
    made = []
    for number, phrase in enumerate(("backyard furnaces", "people’s communes")):
        made.append(
            annotation_create(
                owner=owner,
                article=article,
                section_anchor=section.anchor,
                kind="note",
                selectors=selectors_for(section, phrase),
                body=f"note *{number}* with “quotes” and é",
            )  # fmt: skip
        )
    return made


def test_page_is_byte_for_byte_a_fresh_encoding(owner_client, article, notes):
    for query in (f"?article={article.slug}", "", f"?article={article.slug}&limit=1&offset=1"):
        first = owner_client.get(API + query)
        again = owner_client.get(API + query)  # the second answer comes from kept rows
        assert first.status_code == again.status_code == 200
        assert first.content == again.content
        page = json.loads(first.content)
        assert first.content == json.dumps(page, cls=NinjaJSONEncoder).encode()
    last_page = json.loads(first.content)
    assert last_page["count"] == 2 and len(last_page["items"]) == 1
    assert last_page["items"][0]["id"] in {note.pk for note in notes}


def test_a_bulk_update_that_keeps_modified_still_shows(owner_client, article, notes):
    url = f"{API}?article={article.slug}"
    before = json.loads(owner_client.get(url).content)["items"]
    assert {item["body"] for item in before} == {"note *0* with “quotes” and é",
                                                 "note *1* with “quotes” and é"}  # fmt: skip
    Annotation.objects.filter(pk=notes[0].pk).update(body="changed quietly")
    after = json.loads(owner_client.get(url).content)["items"]
    assert "changed quietly" in {item["body"] for item in after}


def test_other_readers_never_see_kept_rows(owner_client, other_client, article, notes):
    assert len(json.loads(owner_client.get(API).content)["items"]) == 2
    assert json.loads(other_client.get(API).content)["items"] == []
