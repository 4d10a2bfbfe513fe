"""readmark.prepared.execute runs statements on the driver's cursor: it must keep what Django's
cursor gives callers (its exceptions, its transaction checks, its query log)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from readmark.prepared import execute, fetchall, fetchone
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

SELECT_USER = "SELECT username FROM auth_user WHERE id = %s"
INSERT_USER = (
    "INSERT INTO auth_user (username, password, is_superuser, first_name, last_name, email, "
    "is_staff, is_active, date_joined) VALUES (%s, '', %s, '', '', '', %s, %s, %s)"
)


def test_placeholders_and_a_literal_percent_sign():
    user = make_user("ada")
    assert execute(connection, SELECT_USER, [user.pk], fetchone) == ("ada",)
    rows = execute(connection, "SELECT '100%%', %s", ["x"], fetchall)
    assert [tuple(row) for row in rows] == [("100%", "x")]


def duplicate_of(user) -> list:
    return [user.username, False, False, True, user.date_joined]


def test_a_driver_error_is_djangos_integrity_error():
    user = make_user("ada")
    with pytest.raises(IntegrityError):
        execute(connection, INSERT_USER, duplicate_of(user), fetchone)


def test_a_broken_transaction_is_refused_as_djangos_cursor_refuses_it():
    user = make_user("ada")
    with transaction.atomic():
        try:
            with transaction.atomic(savepoint=False):
                execute(connection, INSERT_USER, duplicate_of(user), fetchone)
        except IntegrityError:
            pass
        with pytest.raises(TransactionManagementError):
            execute(connection, SELECT_USER, [user.pk], fetchone)


def test_statements_are_logged_when_django_logs_queries():
    user = make_user("ada")
    with CaptureQueriesContext(connection) as captured:
        assert execute(connection, SELECT_USER, [user.pk], fetchone) == ("ada",)
    assert [query["sql"] for query in captured.captured_queries] == [
        SELECT_USER.replace("%s", str(user.pk))
    ]


def test_a_closed_connection_is_reopened():
    user = make_user("ada")
    connection.close()
    assert execute(connection, SELECT_USER, [user.pk], fetchone) == ("ada",)
