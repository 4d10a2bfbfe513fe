"""Downloads as a reader gets them in Chromium: the Notes panel's PDF, the profile's exports."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.conftest import login, run_axe
from tests.exports.data import annotate


def test_download_pdf_from_the_notes_panel(desktop_page, live_server, sample, reader_user):
    saved = annotate(reader_user, sample)
    login(desktop_page, live_server, reader_user)
    desktop_page.goto(f"{live_server.url}/articles/{sample.slug}/")
    desktop_page.get_by_role("button", name="Notes", exact=True).click()
    panel = desktop_page.get_by_role("complementary", name="Notes")
    with desktop_page.expect_download() as info:
        panel.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename == f"{sample.slug}.pdf"
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages
    )
    assert saved.phrases[0] in text and "General line one." in text
    assert desktop_page.js_errors == []


def test_profile_exports_section_is_accessible(axe_page, live_server, sample, reader_user):
    annotate(reader_user, sample)
    login(axe_page, live_server, reader_user)
    axe_page.goto(f"{live_server.url}/accounts/profile/")
    section = axe_page.get_by_role("region", name="Export and import")
    assert section.get_by_role("link", name="Download PDF").count() == 1
    assert section.get_by_label("Annotations file (JSON-LD)").count() == 1
    assert section.get_by_role("button", name="Import annotations").count() == 1
    assert run_axe(axe_page) == []
