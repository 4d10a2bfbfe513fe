"""Whether a section can get flashcards, for the reader page and the API (a selector).

The pure decision is ``study.generation.facts.assess``; this keeps its answer in the shared
cache under the section's content hash, so a page with many sections decides once per text.
"""

from __future__ import annotations

from django.core.cache import caches

from reader.models import Article, Section
from study.generation.facts import Readiness, assess
from study.generation.local import LocalGenerator

_TIMEOUT = 60 * 60 * 24 * 7


def section_readiness(*, article: Article, section: Section) -> Readiness:
    key = f"readmark:facts:{LocalGenerator.version}:{section.content_hash}"
    stored = caches["local"].get(key)
    if stored is not None:
        return Readiness(*stored)
    readiness = assess(section.text, titles=section_titles(article=article, section=section))
    caches["local"].set(key, (readiness.enough, readiness.reason), _TIMEOUT)
    return readiness


def section_titles(*, article: Article, section: Section) -> tuple[str, ...]:
    return tuple(t for t in (article.title, section.heading) if t)
