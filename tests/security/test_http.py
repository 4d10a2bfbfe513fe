"""Transport-level attacks: a forged Host header, oversized bodies, missing security headers,
and the production settings' deployment check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.security.routes import site_path, site_routes
from tests.security.world import build_world, send

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost:80@evil"])
def test_a_foreign_host_header_is_a_400(db, host):
    response = Client().get("/", HTTP_HOST=host)
    assert response.status_code == 400


def test_a_body_over_the_upload_cap_is_refused_and_stores_nothing(owner_client, article, settings):
    from annotations.models import Annotation

    huge = b'{"body": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + b'"}'
    response = owner_client.generic(
        "POST", "/api/v1/annotations", data=huge, content_type="application/json"
    )
    assert response.status_code in (400, 413)
    assert not Annotation.objects.exists()


def test_a_ten_megabyte_note_is_refused(owner_client, article):
    from tests.annotations.helpers import payload

    body = payload(article, "backyard furnaces", kind="note", body="y" * 10_000_000)
    response = send(owner_client, "POST", "/api/v1/annotations", body)
    assert response.status_code in (400, 413, 422)


def test_a_hundred_thousand_items_in_one_request_are_refused(owner_client, article):
    world = build_world(owner_client, article)
    selectors = [{"type": "TextPositionSelector", "start": 0, "end": 1}] * 100_000
    response = send(
        owner_client,
        "PATCH",
        f"/api/v1/annotations/{world.annotation_id}",
        {"selectors": selectors},
        **{"If-Match": '"v1"'},
    )
    assert response.status_code in (400, 413, 422)


def test_a_long_notebook_is_refused_with_a_clear_message(owner_client, article):
    path = f"/api/v1/articles/{article.slug}/notebook"
    etag = send(owner_client, "GET", path).headers.get("ETag", '"v0"')
    response = send(owner_client, "PUT", path, {"body": "z" * 2_400_000}, **{"If-Match": etag})
    assert response.status_code in (400, 413, 422)
    assert response.json().get("detail")


def pages(values):
    for route in site_routes():
        try:
            yield site_path(route, values)
        except LookupError:
            continue


def test_every_page_sends_a_strict_content_security_policy(owner_client, article):
    checked = 0
    for path in pages({"slug": article.slug}):
        response = owner_client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        csp = response.headers.get("Content-Security-Policy", "")
        script_src = next(
            (part for part in csp.split(";") if part.strip().startswith("script-src")), ""
        )
        assert "'self'" in script_src, path
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src, path
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp, path
        assert "base-uri 'none'" in csp, path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["X-Frame-Options"] == "DENY", path
    assert checked >= 4


def test_errors_show_a_generic_page_without_details(visitor_client, db):
    response = visitor_client.get("/articles/%27%20OR%201%3D1--/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content and b"SELECT" not in response.content


def deployed_env() -> dict[str, str]:
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for this process; a deployment
    # must not have it (check --deploy warns), so the child does not inherit it.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_production_settings_pass_the_deployment_check_with_no_warnings():
    env = {
        **deployed_env(),
        "READMARK_ENV": "production",
        "SECRET_KEY": "deploy-check-" + "k" * 60,
        "ALLOWED_HOSTS": "reader.example.org",
        "DEBUG": "false",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_are_secure_and_host_locked():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {
        **deployed_env(),
        "READMARK_ENV": "production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "reader.example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "__Host-sessionid", "True", "True"], (
        result.stderr
    )
