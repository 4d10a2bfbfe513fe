"""Sign-up is throttled per client address (django-axes covers log-in, not sign-up)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

PASSWORD = "a-long-enough-passphrase-42"


def _signup(client: Client, name: str, address: str = "203.0.113.7"):
    return client.post(
        "/accounts/signup/",
        {"username": name, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
    )


def test_signups_from_one_address_are_limited_per_hour(db, settings):
    settings.READMARK_SIGNUPS_PER_HOUR = 2
    assert _signup(Client(), "first").status_code == 302
    assert _signup(Client(), "second").status_code == 302
    refused = _signup(Client(), "third")
    assert refused.status_code == 429
    assert "Too many accounts were created from your network" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert not get_user_model().objects.filter(username="third").exists()
    # Another address is not held up by this one.
    assert _signup(Client(), "fourth", address="198.51.100.9").status_code == 302


def test_refused_forms_do_not_count(db, settings):
    settings.READMARK_SIGNUPS_PER_HOUR = 1
    bad = Client().post(
        "/accounts/signup/", {"username": "x", "password1": "short", "password2": "short"}
    )
    assert bad.status_code == 400
    assert _signup(Client(), "later").status_code == 302
