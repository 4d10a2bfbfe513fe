"""The review page per reader: their own name, a working CSRF token, and messages."""

from __future__ import annotations

import json
import re

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
