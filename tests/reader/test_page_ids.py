"""Section anchors never take an id the page itself uses (a heading "Notes panel" or "Main"
must not capture the Notes panel or the main landmark)."""

from __future__ import annotations

import re
from pathlib import Path

from reader.models import Section
from reader.page_ids import RESERVED_IDS, anchor_is_reserved
from reader.services import article_import

ROOT = Path(__file__).resolve().parents[2]
LITERAL_ID = re.compile(r'\bid="([a-z0-9_-]+)"')
JSON_SCRIPT = re.compile(r'json_script:"([a-z0-9_-]+)"')
SCRIPT_LOOKUP = re.compile(r'(?:getElementById|readSettings)\("([a-z0-9_-]+)"')
PY_SCRIPT_ID = re.compile(r'<script id="([a-z0-9_-]+)"')


def page_ids() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        found |= set(LITERAL_ID.findall(text)) | set(JSON_SCRIPT.findall(text))
    for path in (ROOT / "static" / "js").rglob("*.js"):
        found |= set(SCRIPT_LOOKUP.findall(path.read_text()))
    for path in ROOT.glob("*/templatetags/*.py"):
        found |= set(PY_SCRIPT_ID.findall(path.read_text()))
    return found


def test_every_id_the_pages_use_is_reserved():
    ids = page_ids()
    assert {"main", "notes-panel", "flashcards-config", "annotations-data"} <= ids
    assert ids - RESERVED_IDS == set()


def _heading(page_id: str) -> str:
    return page_id.replace("-", " ").capitalize()


def test_headings_equal_to_every_page_id_get_anchors_of_their_own(db):
    ids = sorted(page_ids() | {"heading-main", "annotation-1"})
    body = "\n\n".join(f"## {_heading(i)}\n\nA paragraph about {i} with enough words." for i in ids)
    article = article_import(data=f"# Ids\n\n{body}\n".encode(), name="ids.md").article
    anchors = list(
        Section.objects.filter(revision=article.current_revision).values_list("anchor", flat=True)
    )
    assert len(anchors) == len(ids)
    assert not any(anchor_is_reserved(a) for a in anchors)
    assert "section-notes-panel" in anchors and "section-main" in anchors
    assert len(set(anchors)) == len(anchors)


def test_ordinary_headings_keep_their_anchors(db):
    data = b"# T\n\n## Notes on the panel\n\nText here.\n\n## Mainly\n\nMore text.\n"
    article = article_import(data=data, name="t.md").article
    anchors = set(
        Section.objects.filter(revision=article.current_revision).values_list("anchor", flat=True)
    )
    assert anchors == {"notes-on-the-panel", "mainly"}
