"""The review page keeps its layout per reader (study/review/page.py): what it serves must be what
a full render with the request gives, per reader, with a working CSRF token and messages."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from tests.review.conftest import keep_url

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _keep(client: Client) -> None:
    client.post(keep_url(), json.dumps({}), content_type="application/json")


def _without_token(body: str) -> str:
    assert len(TOKEN.findall(body)) == 1
    return TOKEN.sub('value="TOKEN"', body)


@pytest.mark.parametrize("url", ["/review/", "/review/?article=great-leap-forward"])
def test_the_kept_layout_serves_what_a_full_render_gives(owner_client, lessons_set, settings, url):
    _keep(owner_client)
    kept = [owner_client.get(url).content.decode() for _ in range(2)]
    settings.DEBUG = True  # renders the whole page with the request, as other pages do
    full = owner_client.get(url).content.decode()
    assert _without_token(kept[0]) == _without_token(kept[1]) == _without_token(full)
    assert 'data-ref="front" tabindex="-1">' in full and "\x00" not in full


def test_an_empty_review_matches_too(other_client, lessons_set, settings):
    kept = other_client.get("/review/").content.decode()
    settings.DEBUG = True
    full = other_client.get("/review/").content.decode()
    assert _without_token(kept) == _without_token(full)
    assert "Nothing left to review" in kept


def test_each_reader_gets_their_own_layout(owner_client, other_client, owner, lessons_set):
    _keep(owner_client)
    mine = owner_client.get("/review/").content.decode()
    theirs = other_client.get("/review/").content.decode()
    assert ">olivia</a>" in mine and "oscar" not in mine
    assert ">oscar</a>" in theirs and "olivia" not in theirs
    owner.username = "olivia2"
    owner.save()
    assert ">olivia2</a>" in owner_client.get("/review/").content.decode()


def test_the_csrf_token_on_the_page_is_a_working_one(owner, lessons_set):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    body = client.get("/review/").content.decode()
    tokens = {TOKEN.search(client.get("/review/").content.decode())[1] for _ in range(2)}
    assert len(tokens) == 2  # masked afresh for each response
    assert client.post("/accounts/logout/").status_code == 403
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": TOKEN.search(body)[1]})
    assert response.status_code == 302
    assert client.get("/review/").status_code == 302  # signed out


def test_messages_show_once(owner_client, lessons_set):
    request = RequestFactory().get("/")
    cookie = CookieStorage(request)._encode([Message(constants.INFO, "Saved <b>it</b>.")])
    owner_client.cookies["messages"] = cookie
    body = owner_client.get("/review/").content.decode()
    assert "Saved &lt;b&gt;it&lt;/b&gt;." in body
    assert "Saved" not in owner_client.get("/review/").content.decode()
