from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from accounts.models import PersonalAccessToken
from accounts.tokens import MAX_TOKENS_PER_USER, TokenError, token_create, token_user


def _form_id(client) -> str:
    page = client.get("/accounts/profile/").content.decode()
    return page.split('name="form_id" value="', 1)[1].split('"', 1)[0]


def _secret(page: str) -> str:
    return page.split('id="new-token-secret"', 1)[1].split('value="', 1)[1].split('"', 1)[0]


def test_created_token_is_shown_once_in_the_answer_and_stored_nowhere(owner_client, owner):
    from django.contrib.sessions.models import Session

    form_id = _form_id(owner_client)
    response = owner_client.post("/accounts/tokens/", {"name": "export script", "form_id": form_id})
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    secret = _secret(response.content.decode())
    token = PersonalAccessToken.objects.get()
    assert secret.startswith("rmk_") and len(secret) > 40
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in token.token_hash and token.prefix == secret[:10]
    # Stored nowhere: no session holds it.
    for session in Session.objects.all():
        assert secret not in str(session.get_decoded())
    # Never shown again: not on the profile, and posting the same form again (a reload of the
    # answer) creates nothing and shows no secret.
    profile = owner_client.get("/accounts/profile/").content.decode()
    assert secret not in profile and "export script" in profile
    again = owner_client.post(
        "/accounts/tokens/", {"name": "export script", "form_id": form_id}, follow=True
    )
    page = again.content.decode()
    assert "already created, and its secret shown once" in page and secret not in page
    assert PersonalAccessToken.objects.count() == 1


def test_a_password_change_revokes_every_token(owner_client, owner, article):
    from tests.conftest import PASSWORD

    secrets = [token_create(user=owner, name=f"script {n}").secret for n in range(2)]
    bearer = Client(headers={"Authorization": f"Bearer {secrets[0]}"})
    assert bearer.get("/api/v1/annotations").status_code == 200
    new_password = "a-brand-new-passphrase-42"
    response = owner_client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    page = response.content.decode()
    assert "Password changed" in page
    assert "Your 2 API tokens were revoked with the old password" in page
    assert PersonalAccessToken.objects.filter(user=owner).count() == 0
    for secret in secrets:
        assert token_user(secret=secret) is None
    assert bearer.get("/api/v1/annotations").status_code == 401
    # The session that changed it stays signed in.
    assert owner_client.get("/accounts/profile/").status_code == 200


def test_a_refused_password_change_keeps_the_tokens(owner_client, owner):
    token_create(user=owner, name="cli")
    response = owner_client.post(
        "/accounts/password/",
        {
            "old_password": "wrong",
            "new_password1": "x-new-1234567",
            "new_password2": "x-new-1234567",
        },
    )
    assert response.status_code == 200
    assert PersonalAccessToken.objects.filter(user=owner).count() == 1


def test_token_authenticates_the_api_until_revoked(owner_client, owner, article):
    secret = token_create(user=owner, name="cli").secret
    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    assert bearer.get("/api/v1/annotations").status_code == 200
    token = PersonalAccessToken.objects.get()
    assert token.last_used is not None
    response = owner_client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert bearer.get("/api/v1/annotations").status_code == 401
    assert token_user(secret=secret) is None


def test_a_token_does_not_open_the_session_pages(owner):
    secret = token_create(user=owner, name="cli").secret
    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    assert bearer.get("/accounts/profile/").status_code == 302  # to the login page


def test_others_cannot_revoke_my_token(owner, other_client):
    token = token_create(user=owner, name="mine").token
    assert other_client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert PersonalAccessToken.objects.filter(pk=token.pk).exists()


def test_token_forms_need_login_post_and_csrf(owner, visitor_client):
    assert visitor_client.post("/accounts/tokens/", {"name": "x"}).status_code == 302
    assert not PersonalAccessToken.objects.exists()
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post("/accounts/tokens/", {"name": "x"}).status_code == 403
    assert client.get("/accounts/tokens/").status_code == 405
    assert not PersonalAccessToken.objects.exists()


def test_names_are_required_and_the_count_is_capped(owner, owner_client):
    with pytest.raises(TokenError):
        token_create(user=owner, name="   ")
    response = owner_client.post("/accounts/tokens/", {"name": ""}, follow=True)
    assert "Give the token a name" in response.content.decode()
    for i in range(MAX_TOKENS_PER_USER):
        token_create(user=owner, name=f"t{i}")
    with pytest.raises(TokenError, match="Revoke one"):
        token_create(user=owner, name="one too many")


def test_deactivated_users_tokens_stop_working(owner):
    secret = token_create(user=owner, name="cli").secret
    owner.is_active = False
    owner.save()
    assert token_user(secret=secret) is None


@pytest.mark.django_db
def test_last_use_is_written_at_most_once_per_resolution(owner):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.tokens import LAST_USED_RESOLUTION

    secret = token_create(user=owner, name="cli").secret
    assert token_user(secret=secret) == owner
    first = PersonalAccessToken.objects.get().last_used
    assert token_user(secret=secret) == owner  # within the resolution: no write
    assert PersonalAccessToken.objects.get().last_used == first
    old = timezone.now() - LAST_USED_RESOLUTION - timedelta(seconds=1)
    PersonalAccessToken.objects.update(last_used=old)
    assert token_user(secret=secret) == owner
    assert PersonalAccessToken.objects.get().last_used > old
    owner.is_active = False
    owner.save()
    assert token_user(secret=secret) is None
