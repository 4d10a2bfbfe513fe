"""Cross-site request forgery: every unsafe request without the CSRF token, or from a foreign
Origin, is refused with 403, on every page route and every API operation (logged in, by the
browser session). Personal Bearer tokens are exempt by design: browsers never send them."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.routes import UNSAFE, api_operations, site_path, site_routes

# CSRF is checked before any lookup, so these need not exist.
DUMMY = {"slug": "great-leap-forward", "section_id": "1", "annotation_id": 1, "card_id": 1}
DUMMY |= {"token_id": 1}
EVIL = "https://evil.example"


@pytest.fixture
def csrf_client(owner) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    client.get("/accounts/profile/")  # sets the CSRF cookie
    assert client.cookies.get("csrftoken"), "the profile page should set the CSRF cookie"
    return client


def unsafe_requests():
    for route in site_routes():
        for method in UNSAFE:
            yield method, site_path(route, DUMMY)
    for operation in api_operations():
        if operation.method in UNSAFE:
            yield operation.method, operation.path(DUMMY)


def send(client: Client, method: str, path: str, **extra):
    return client.generic(method, path, data=b"{}", content_type="application/json", **extra)


def test_the_suite_sees_the_api_and_the_pages(db):
    requests = set(unsafe_requests())
    assert ("POST", "/api/v1/annotations") in requests
    assert ("POST", "/accounts/login/") in requests
    assert len(requests) > 40


def test_every_unsafe_request_without_a_token_is_refused(csrf_client):
    allowed = [
        f"{method} {path} -> {response.status_code}"
        for method, path in unsafe_requests()
        if (response := send(csrf_client, method, path)).status_code != 403
    ]
    assert allowed == []


def test_every_unsafe_request_from_a_foreign_origin_is_refused(csrf_client):
    token = csrf_client.cookies["csrftoken"].value
    allowed = [
        f"{method} {path} -> {response.status_code}"
        for method, path in unsafe_requests()
        if (
            response := send(csrf_client, method, path, HTTP_X_CSRFTOKEN=token, HTTP_ORIGIN=EVIL)
        ).status_code
        != 403
    ]
    assert allowed == []


def test_with_the_token_and_our_origin_the_request_goes_through(csrf_client, article):
    token = csrf_client.cookies["csrftoken"].value
    response = send(
        csrf_client,
        "PUT",
        "/api/v1/articles/great-leap-forward/notebook",
        HTTP_X_CSRFTOKEN=token,
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code != 403, response.content


def test_the_refusal_tells_the_reader_what_to_do(csrf_client, article):
    response = send(csrf_client, "POST", "/api/v1/annotations")
    assert response.status_code == 403
    assert "Reload the page" in response.json()["detail"]
