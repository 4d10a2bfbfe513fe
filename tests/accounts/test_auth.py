from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import PASSWORD


def test_signup_creates_an_account_and_logs_in(db):
    client = Client()
    page = client.get("/accounts/signup/").content.decode()
    for label in ("Username", "Password", "Password confirmation", ">Sign up<"):
        assert label in page
    response = client.post(
        "/accounts/signup/",
        {"username": "newbie", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200


def test_signup_rejects_weak_passwords(db):
    response = Client().post(
        "/accounts/signup/", {"username": "weak", "password1": "1234567", "password2": "1234567"}
    )
    assert response.status_code == 400
    assert not get_user_model().objects.filter(username="weak").exists()


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = get_user_model().objects.create_user("argon", password=PASSWORD)
    assert user.password.startswith("argon2$")


def test_login_rotates_the_session_and_logout_kills_it(owner):
    client = Client()
    client.get("/accounts/login/")
    client.cookies["sessionid"] = "attacker-chosen"
    response = client.post("/accounts/login/", {"username": "olivia", "password": PASSWORD})
    assert response.status_code == 302
    session_id = client.cookies["sessionid"].value
    assert session_id != "attacker-chosen"
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies["sessionid"] = session_id
    assert replay.get("/accounts/profile/").status_code == 302


def test_next_only_redirects_on_site(owner):
    client = Client()
    evil = client.post(
        "/accounts/login/?next=https://evil.example/",
        {"username": "olivia", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert evil.status_code == 302 and not evil["Location"].startswith("https://evil")
    client.post("/accounts/logout/")
    good = client.post(
        "/accounts/login/",
        {"username": "olivia", "password": PASSWORD, "next": "/articles/x/"},
    )
    assert good["Location"] == "/articles/x/"


def test_repeated_failures_lock_the_username_from_that_address(owner, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "olivia", "password": "wrong-password"})
    locked = client.post("/accounts/login/", {"username": "olivia", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many failed" in locked.content.decode()


def test_unknown_and_known_usernames_get_the_same_message(owner):
    known = Client().post("/accounts/login/", {"username": "olivia", "password": "nope-nope"})
    unknown = Client().post("/accounts/login/", {"username": "nobody", "password": "nope-nope"})
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_profile_needs_login(visitor_client):
    response = visitor_client.get("/accounts/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_password_change_page_works(owner_client):
    assert owner_client.get("/accounts/password/").status_code == 200
