"""Build valid selectors for a passage of the sample article, as the browser would."""

from __future__ import annotations

from typing import Any

from anchoring import describe, to_w3c
from reader.models import Article, Section


def section_of(article: Article, anchor: str | None = None) -> Section:
    sections = Section.objects.filter(revision_id=article.current_revision_id).order_by("order")
    return sections.get(anchor=anchor) if anchor else sections.first()


def selectors_for(section: Section, phrase: str, occurrence: int = 0) -> list[dict[str, Any]]:
    start = -1
    for _ in range(occurrence + 1):
        start = section.text.index(phrase, start + 1)
    return to_w3c(describe(section.text, start, start + len(phrase)))


def payload(
    article: Article, phrase: str, *, kind: str = "highlight", anchor: str | None = None, **extra
) -> dict[str, Any]:
    section = section_of(article, anchor)
    return {
        "article": article.slug,
        "section": section.anchor,
        "kind": kind,
        "selectors": selectors_for(section, phrase),
        **extra,
    }
