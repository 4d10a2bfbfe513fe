"""Log-in attacks beyond tests/accounts: lockout scope, enumeration, open redirects in every
form of ?next=, and sessions that end with the log-out (for the API too)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import PASSWORD, make_user

LOGIN = "/accounts/login/"


def fail_until_locked(client: Client, username: str, limit: int) -> None:
    for _ in range(limit):
        client.post(LOGIN, {"username": username, "password": "wrong-password-123"})


def test_a_lockout_holds_even_with_the_right_password_and_spares_other_users(owner, settings):
    make_user("bystander")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    fail_until_locked(attacker, "olivia", settings.AXES_FAILURE_LIMIT)
    assert attacker.post(LOGIN, {"username": "olivia", "password": PASSWORD}).status_code == 429
    # Another account from the same address, and the same account from elsewhere, still work.
    bystander = attacker.post(LOGIN, {"username": "bystander", "password": PASSWORD})
    assert bystander.status_code == 302
    elsewhere = Client(REMOTE_ADDR="198.51.100.4")
    assert elsewhere.post(LOGIN, {"username": "olivia", "password": PASSWORD}).status_code == 302


def test_unknown_usernames_lock_out_the_same_way(db, settings):
    client = Client()
    fail_until_locked(client, "nobody-here", settings.AXES_FAILURE_LIMIT)
    known = Client(REMOTE_ADDR="192.0.2.7")
    make_user("somebody")
    fail_until_locked(known, "somebody", settings.AXES_FAILURE_LIMIT)
    unknown_page = client.post(LOGIN, {"username": "nobody-here", "password": "x" * 12})
    known_page = known.post(LOGIN, {"username": "somebody", "password": "x" * 12})
    assert unknown_page.status_code == known_page.status_code == 429
    assert unknown_page.content == known_page.content


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
        " https://evil.example/",
    ],
)
@pytest.mark.parametrize("form", ["login", "signup"])
def test_next_never_leaves_the_site(db, owner, target, form):
    client = Client()
    if form == "login":
        data = {"username": "olivia", "password": PASSWORD, "next": target}
        response = client.post(f"{LOGIN}?next={target}", data)
    else:
        data = {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD}
        response = client.post(f"/accounts/signup/?next={target}", data | {"next": target})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil" not in location and "javascript" not in location


def test_signup_starts_a_new_session(db):
    client = Client()
    client.get("/accounts/signup/")
    client.cookies["sessionid"] = "attacker-fixed-session-id"
    client.post(
        "/accounts/signup/",
        {"username": "fresh", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert client.cookies["sessionid"].value not in ("", "attacker-fixed-session-id")


def test_after_log_out_the_old_session_cannot_use_the_api(owner, article):
    client = Client()
    assert client.post(LOGIN, {"username": "olivia", "password": PASSWORD}).status_code == 302
    old = client.cookies["sessionid"].value
    assert client.get("/api/v1/annotations").status_code == 200
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies["sessionid"] = old
    assert replay.get("/api/v1/annotations").status_code == 401


def test_a_password_change_ends_other_sessions(owner):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post(LOGIN, {"username": "olivia", "password": PASSWORD})
    new = "another-long-passphrase-42"
    response = laptop.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert laptop.get("/accounts/profile/").status_code == 200
    assert phone.get("/accounts/profile/").status_code == 302
