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
    ORM query (whose compilation cost more than the query itself: bench/load); its SQL and the
    ORM's converters for its columns are worked out once per database (_lookup_plan).
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    plan = _plans.get(connection.alias) or _lookup_plan()
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [hash_secret(secret)])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for position, functions, column in plan.converters:
        for convert in functions:
            values[position] = convert(values[position], column, connection)
    user = plan.user_model.from_db(connection.alias, plan.attnames, values[2:])
    if not user.is_active:
        return None
    last_used = values[1]
    now = timezone.now()
    if last_used is None or now - last_used > LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=values[0]).update(last_used=now)
    return user


@dataclass(frozen=True)
class _Plan:
    sql: str
    user_model: Any
    attnames: list[str]
    # (position in the row, the ORM's converter functions for that column, the column)
    converters: list[tuple[int, list[Any], Any]]


_plans: dict[str, _Plan] = {}


def _lookup_plan() -> _Plan:
    user_model = get_user_model()
    fields = list(user_model._meta.concrete_fields)
    quote = connection.ops.quote_name
    columns = ", ".join(f"u.{quote(f.column)}" for f in fields)
    sql = (
        f"SELECT t.id, t.last_used, {columns} "
        f"FROM {quote(PersonalAccessToken._meta.db_table)} t "
        f"JOIN {quote(user_model._meta.db_table)} u ON u.id = t.user_id "
        "WHERE t.token_hash = %s"
    )
    row_fields = [PersonalAccessToken._meta.pk, PersonalAccessToken._meta.get_field("last_used")]
    converters = []
    for position, field in enumerate(row_fields + fields):
        column = field.get_col(field.model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + field.get_db_converters(column)
        if functions:
            converters.append((position, functions, column))
    plan = _Plan(sql, user_model, [f.attname for f in fields], converters)
    _plans[connection.alias] = plan
    return plan


def token_list(*, user: AbstractBaseUser) -> list[PersonalAccessToken]:
    return list(PersonalAccessToken.objects.filter(user=user).order_by("-created"))
