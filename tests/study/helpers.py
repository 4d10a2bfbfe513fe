"""Small builders shared by the flashcards tests."""

from __future__ import annotations

from reader.models import Section
from reader.services import article_import


def section(article, anchor: str) -> Section:
    return Section.objects.get(revision_id=article.current_revision_id, anchor=anchor)


def import_text(slug: str, markdown: str):
    return article_import(data=markdown.encode(), name=f"{slug}.md", slug=slug).article


THIN_ARTICLE = """# Thin

## Nothing here

Hello there.

## Still nothing

Yes.
"""
