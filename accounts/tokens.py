"""Personal access tokens: create, revoke, and resolve a presented secret to its user.

Secrets look like ``rmk_<43 url-safe characters>``; the prefix makes leaked tokens easy to
recognise (secret scanners, logs) and lets us refuse other schemes early.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Field
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


def token_user(*, secret: str) -> AbstractBaseUser | None:
    """The active user a presented secret belongs to, or None.

    Every API request with a token runs this, so the lookup is one plain SQL join instead of an
    ORM query (whose compilation cost more than the query itself: bench/load).
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    user_model = get_user_model()
    fields = list(user_model._meta.concrete_fields)
    columns = ", ".join(f"u.{connection.ops.quote_name(f.column)}" for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.id, t.last_used, {columns} "
            f"FROM {PersonalAccessToken._meta.db_table} t "
            f"JOIN {user_model._meta.db_table} u ON u.id = t.user_id "
            "WHERE t.token_hash = %s",
            [hash_secret(secret)],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    token_id = row[0]
    last_used = _from_db(PersonalAccessToken._meta.get_field("last_used"), row[1])
    values = [_from_db(field, value) for field, value in zip(fields, row[2:], strict=True)]
    user = user_model.from_db(connection.alias, [f.attname for f in fields], values)
    if not user.is_active:
        return None
    now = timezone.now()
    if last_used is None or now - last_used > LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token_id).update(last_used=now)
    return user


def _from_db(field: Field, value: Any) -> Any:
    """What the ORM makes of a raw cursor value (SQLite hands back datetimes as text)."""
    column = field.get_col(field.model._meta.db_table)
    for converter in connection.ops.get_db_converters(column) + field.get_db_converters(column):
        value = converter(value, column, connection)
    return value


def token_list(*, user: AbstractBaseUser) -> list[PersonalAccessToken]:
    return list(PersonalAccessToken.objects.filter(user=user).order_by("-created"))
