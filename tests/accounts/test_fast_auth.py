"""The per-request sign-in path: the prepared user lookup and the session engine must answer
exactly what Django's ORM-based ones answer, including for missing, expired and inactive rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.backends import UserBackend
from accounts.sessions import SessionStore
from readmark.prepared import PreparedGet
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_prepared_get_matches_the_orm_field_for_field():
    user = make_user("ada", email="ada@example.org", first_name="Ada")
    user.last_login = timezone.now()
    user.save()
    by_pk = PreparedGet(get_user_model(), "pk")
    fetched = by_pk(user.pk)
    expected = get_user_model().objects.get(pk=user.pk)
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(fetched, field.attname) == getattr(expected, field.attname), field.name
    assert timezone.is_aware(fetched.last_login)
    assert fetched.is_staff is False  # converted from SQLite's 0, not left as an int
    assert fetched._state.adding is False and fetched._state.db == "default"


def test_prepared_get_by_another_field_and_a_missing_row():
    user = make_user("grace")
    by_username = PreparedGet(get_user_model(), "username")
    assert by_username("grace").pk == user.pk
    assert by_username("nobody") is None
    assert PreparedGet(get_user_model(), "pk")(user.pk + 1000) is None


def test_backend_refuses_inactive_and_missing_users():
    active = make_user("active")
    inactive = make_user("inactive", is_active=False)
    backend = UserBackend()
    assert backend.get_user(active.pk) == active
    assert backend.get_user(inactive.pk) is None
    assert backend.get_user(10_000) is None


def test_session_round_trip_and_expiry():
    store = SessionStore()
    store["answer"] = 42
    store.save()
    assert SessionStore(store.session_key).load() == {"answer": 42}

    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    # An expired or unknown key is never reused: saving makes a new one (no fixation).
    assert expired.session_key is None
    expired["x"] = 1
    expired.save()
    assert expired.session_key != store.session_key


def test_unknown_session_key_loads_nothing():
    store = SessionStore("k" * 32)
    assert store.load() == {}
    assert store.session_key is None


def test_signed_in_client_uses_the_fast_path(client):
    user = make_user("reader")
    client.force_login(user, backend="accounts.backends.UserBackend")
    response = client.get("/api/v1/articles/none/progress")
    assert response.status_code == 404  # signed in (a visitor would get 401), article unknown
    client.logout()
    assert client.get("/api/v1/articles/none/progress").status_code == 401


def test_prepared_query_with_select_related_and_annotations(article):
    from django.db.models import Value
    from django.db.models.functions import Length

    from reader.models import Article
    from readmark.prepared import PreparedQuery

    shape = PreparedQuery(
        lambda slug: (
            Article.objects.select_related("current_revision")
            .annotate(title_length=Length("title"), marker=Value(7))
            .filter(slug=slug)
        ),
        str,
    )
    found = shape.first(article.slug)
    assert found.pk == article.pk and found.title == article.title
    assert found.title_length == len(article.title) and found.marker == 7
    # The related row came with it: no query to read it.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert found.current_revision.pk == article.current_revision_id
    assert len(queries) == 0
    assert shape.first("no-such-slug") is None
    assert shape.all(article.slug) == [article]


def test_prepared_query_refuses_shapes_it_cannot_run():
    from readmark.prepared import PreparedQuery

    users = get_user_model().objects
    with pytest.raises(ValueError, match="prefetch"):
        PreparedQuery(lambda pk: users.prefetch_related("groups").filter(pk=pk)).first(1)
    with pytest.raises(ValueError, match="value"):
        PreparedQuery(lambda pk: users.all()).first(1)
    with pytest.raises(ValueError, match="value"):
        PreparedQuery(lambda pk, name: users.filter(pk=pk), int, str).first(1, "x")
