"""Small page behaviours from issue 15: where a visitor lands, where a sign-up error shows, and
a progress page without reviews."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.test import Client


def test_a_visitor_opening_the_import_page_gets_our_login_page_not_the_admins(db):
    response = Client().get("/articles/import/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=/articles/import/" in response["Location"]
    assert "/admin/" not in response["Location"]


def test_a_refused_password_is_kept_and_its_error_shows_under_password(db):
    response = Client().post(
        "/accounts/signup/",
        {"username": "weak", "password1": "1234567", "password2": "1234567"},
    )
    assert response.status_code == 400
    assert not get_user_model().objects.filter(username="weak").exists()
    form = response.context["form"]
    assert form.errors.get("password1") and "password2" not in form.errors
    body = response.content.decode()
    assert body.count('value="1234567"') == 2  # neither field was emptied
    # The error list is in the Password field's block, before the confirmation's label.
    password = body.index('for="id_password1"')
    error = body.index('class="errorlist', password)
    assert error < body.index('for="id_password2"')


def test_mismatched_passwords_are_reported_on_the_confirmation(db):
    response = Client().post(
        "/accounts/signup/",
        {"username": "typo", "password1": "a-long-good-pass-1", "password2": "a-long-good-pass-2"},
    )
    assert "password2" in response.context["form"].errors


def test_progress_without_reviews_draws_no_empty_chart(owner_client):
    body = owner_client.get("/accounts/profile/progress/").content.decode()
    assert 'class="chart-bar"' not in body and "<svg" not in body
    assert re.search(r"No reviews in the last 30 days yet", body)
