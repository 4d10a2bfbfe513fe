"""Personal access tokens: create, revoke, and resolve a presented secret to its user.

Secrets look like ``rmk_<43 url-safe characters>``; the prefix makes leaked tokens easy to
recognise (secret scanners, logs) and lets us refuse other schemes early.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from accounts.models import PersonalAccessToken

TOKEN_PREFIX = "rmk_"
MAX_TOKENS_PER_USER = 20
MAX_NAME_LENGTH = 100
# Writing last_used on every request would turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenError(ValueError):
    """A request the user can fix; the message says how."""


@dataclass(frozen=True)
class NewToken:
    token: PersonalAccessToken
    secret: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user: AbstractBaseUser, name: str) -> NewToken:
    name = " ".join(name.split())
    if not name:
        raise TokenError("Give the token a name, such as the script that will use it.")
    if len(name) > MAX_NAME_LENGTH:
        raise TokenError(f"Token names can be at most {MAX_NAME_LENGTH} characters.")
    with transaction.atomic():
        if PersonalAccessToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
            raise TokenError(
                f"You already have {MAX_TOKENS_PER_USER} tokens. Revoke one you no longer use."
            )
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = PersonalAccessToken.objects.create(
            user=user,
            name=name,
            token_hash=hash_secret(secret),
            prefix=secret[: len(TOKEN_PREFIX) + 6],
        )
    return NewToken(token=token, secret=secret)


def token_revoke(*, user: AbstractBaseUser, token_id: int) -> None:
    with transaction.atomic():
        deleted, _ = PersonalAccessToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise Http404("No such token.")


def token_revoke_all(*, user: AbstractBaseUser) -> int:
    """Revoke every token of ``user`` (a password change); how many there were."""
    with transaction.atomic():
        deleted, _ = PersonalAccessToken.objects.filter(user=user).delete()
    return deleted


def token_user(*, secret: str) -> AbstractBaseUser | None:
    """The active user a presented secret belongs to, or None.

    One query: the user, with their token's id and last use.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    user = (
        get_user_model()
        .objects.filter(access_tokens__token_hash=hash_secret(secret))
        .annotate(token_id=F("access_tokens__id"), token_last_used=F("access_tokens__last_used"))
        .first()
    )
    if user is None or not user.is_active:
        return None
    now = timezone.now()
    if user.token_last_used is None or now - user.token_last_used > LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=user.token_id).update(last_used=now)
    return user


def token_list(*, user: AbstractBaseUser) -> list[PersonalAccessToken]:
    return list(PersonalAccessToken.objects.filter(user=user).order_by("-created"))
