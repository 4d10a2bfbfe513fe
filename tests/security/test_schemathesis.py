"""Schemathesis against our OpenAPI document, in-process through the WSGI app (the whole
middleware stack, CSRF included), authenticated as the browser is (session cookie + CSRF
token): whatever the generated request, no 5xx, every response (status, content type, body)
matches what the document promises, and every request the document says is invalid (an
unknown field, a wrong type, a number out of range: schemathesis's negative cases) is refused.

Bounded for `make test`: a fixed number of derandomised examples per operation keeps the run
to well under a minute on two cores."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

from config.wsgi import application
from tests.security.world import build_world

config = SchemathesisConfig()
# Authenticated runs: our session rides in every request, so schemathesis must not replace it
# with generated credentials (the visitor's view is test_access_matrix's job).
config.projects.override.generation.update(with_security_parameters=False)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config)
CHECKS = (
    not_a_server_error,
    negative_data_rejection,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


CSRF_SECRET = "a" * 16 + "B" * 16  # Django accepts the unmasked 32-character secret


@pytest.fixture
def browser(owner_client, other_client, article):
    build_world(other_client, article)  # someone else's data, to be refused
    build_world(owner_client, article)  # something of one's own to find, edit and delete
    session = owner_client.cookies["sessionid"].value
    # Django's handler closes the connection around each request, which would end the test's
    # transaction; django.test.Client disconnects the same handlers (and reconnects them after
    # each of its requests, hence only now, after the last one).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {
        # The WSGI transport sets cookies from its own jar, not from a Cookie header.
        "cookies": {"sessionid": session, "csrftoken": CSRF_SECRET},
        "headers": {"X-CSRFToken": CSRF_SECRET, "Host": "localhost"},
    }
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same cases every run: CI is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_promises(case, browser):
    response = case.call(**browser)
    case.validate_response(response, checks=CHECKS)
