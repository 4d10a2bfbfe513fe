"""Shared fixtures: three people (owner, other, visitor) and the bundled sample article."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from reader.services import article_import

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 costs ~130 ms a hash; tests that check hashing itself override this back.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Cooldowns, rate limits and circuit breakers live in the cache: no test sees another's.
    # With REDIS_URL this flushes only that URL's database number (15 in `make test-postgres`).
    from django.conf import settings
    from django.core.cache import caches

    if settings.REDIS_URL and settings.REDIS_URL.rstrip("/").endswith(("/0", ":6379")):
        pytest.exit("tests flush the Redis database: give REDIS_URL a spare one, e.g. /15", 2)
    for alias in settings.CACHES:
        caches[alias].clear()
    yield


def clear_caches() -> None:
    """Every cache, the shared one and each process's local one."""
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(username, password=PASSWORD, **extra)


@pytest.fixture
def owner(db):
    return make_user("olivia")


@pytest.fixture
def other(db):
    return make_user("oscar")


@pytest.fixture
def staff(db):
    return make_user("stella", is_staff=True)


@pytest.fixture
def owner_client(owner) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def other_client(other) -> Client:
    client = Client()
    client.force_login(other)
    return client


@pytest.fixture
def visitor_client(db) -> Client:
    return Client()


def import_sample(slug: str = "great-leap-forward"):
    path = CONTENT / f"{slug}.md"
    return article_import(data=path.read_bytes(), name=path.name).article


@pytest.fixture
def article(db):
    return import_sample()
