"""The last-resort error view tells storage trouble apart from bugs (readmark/errors.py)."""

from __future__ import annotations

import errno
import json

from django.db import OperationalError
from django.test import RequestFactory

from readmark.errors import classify, server_error


def answer(path: str, error: BaseException):
    request = RequestFactory().post(path)
    try:
        raise error
    except BaseException:
        return server_error(request)


def test_classify_follows_the_chain_of_causes():
    wrapped = RuntimeError("while saving")
    wrapped.__cause__ = OperationalError("database or disk is full")
    assert classify(wrapped) == "full"
    assert classify(OSError(errno.ENOSPC, "No space left on device")) == "full"
    assert classify(OperationalError("database is locked")) == "busy"
    assert classify(OperationalError("no such table: x")) == "error"
    assert classify(ValueError("bug")) == "error"


def test_a_full_disk_is_507_with_a_page_that_says_nothing_was_lost(db):
    response = answer("/accounts/signup/", OperationalError("database or disk is full"))
    assert response.status_code == 507
    body = response.content.decode()
    assert "<h1>Out of storage space</h1>" in body and "Everything saved before is safe" in body


def test_a_locked_database_is_a_503_to_retry(db):
    response = answer("/api/v1/annotations", OperationalError("database is locked"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Try again in a few seconds" in json.loads(response.content)["detail"]


def test_other_errors_are_a_plain_500_without_details(db):
    response = answer("/articles/x/", KeyError("secret_internal_name"))
    assert response.status_code == 500
    assert b"secret_internal_name" not in response.content
    assert b"Something went wrong" in response.content
