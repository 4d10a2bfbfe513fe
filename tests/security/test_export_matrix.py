"""Owner / other / visitor on every export (found in the URL resolver): a visitor is sent to
log in, another user's download holds none of the owner's notes or cards, and the owner's own
download does hold them (so the search below is able to find them: PDFs are read back, Anki
packages unzipped)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from tests.security.routes import site_path, site_routes
from tests.security.world import MARKER, build_world


def export_routes() -> list[str]:
    return [route for route in site_routes() if "export" in route]


def readable(content: bytes) -> str:
    """Everything a person could read in a download, as text."""
    if content.startswith(b"%PDF"):
        pages = PdfReader(io.BytesIO(content)).pages
        return "\n".join(page.extract_text() or "" for page in pages)
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return content.decode("utf-8", "replace")


def holds_marker(content: bytes) -> bool:
    # PDF text extraction may break a line inside the marker: compare without whitespace.
    return MARKER in re.sub(r"\s+", "", readable(content))


@pytest.fixture
def world(owner_client, article):
    return build_world(owner_client, article)


def test_every_export_is_covered(world):
    routes = export_routes()
    assert len(routes) >= 5
    for route in routes:
        site_path(route, world.values())


def test_visitors_are_sent_to_log_in(visitor_client, world):
    for route in export_routes():
        response = visitor_client.get(site_path(route, world.values()))
        assert response.status_code in (302, 401, 403, 404), route
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), route
        assert MARKER.encode() not in response.content


def test_other_users_get_only_their_own_data(other_client, world):
    for route in export_routes():
        response = other_client.get(site_path(route, world.values()))
        assert response.status_code < 500, route
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert not holds_marker(body), route


def test_the_owners_download_holds_their_data_under_a_safe_name(owner_client, world):
    found = 0
    for route in export_routes():
        response = owner_client.get(site_path(route, world.values()))
        if response.status_code != 200 or "attachment" not in response.get(
            "Content-Disposition", ""
        ):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found += holds_marker(body)
        disposition = response["Content-Disposition"]
        assert re.fullmatch(r'attachment; filename="[\w.-]+"', disposition), disposition
        assert response["X-Content-Type-Options"] == "nosniff"
    assert found >= 4
