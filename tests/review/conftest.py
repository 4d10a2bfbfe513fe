"""Review fixtures: real card sets from the offline generator, kept by a reader."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.access import section_for_read
from study.services import cardset_generate_now

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def lessons(article):
    return section_for_read(article, "lessons")


@pytest.fixture
def lessons_set(article, lessons):
    return cardset_generate_now(article=article, section=lessons)


def keep_url(slug: str = "great-leap-forward", anchor: str = "lessons") -> str:
    return f"/api/v1/articles/{slug}/sections/{anchor}/flashcards/study"


def rate_url(card_id: int, article: str = "") -> str:
    suffix = f"?article={article}" if article else ""
    return f"/api/v1/review/cards/{card_id}/rating{suffix}"
