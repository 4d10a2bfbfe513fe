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


def make_due_cards(*, user, article, count: int, anchor: str = "lessons", now=None):
    """`count` cards of one set, all in `user`'s review and due (fast: bulk inserts)."""
    from django.utils import timezone

    from study import scheduling
    from study.models import Card, CardSet, ReviewState

    now = now or timezone.now()
    cardset = CardSet.objects.create(
        cache_key=f"bench-{article.slug}-{anchor}-{count}",
        content_hash="0" * 64,
        generator="test",
        generator_version="1",
        options_hash="0" * 64,
        article=article,
        section_anchor=anchor,
    )
    cards = Card.objects.bulk_create(
        Card(
            cardset=cardset,
            position=i,
            question=f"Question number {i}?",
            answer=f"Answer {i}",
            quote=f"quoted passage {i}",
            start=0,
            end=10,
        )
        for i in range(count)
    )
    ReviewState.objects.bulk_create(
        ReviewState(
            user=user,
            card=card,
            article=article,
            section_anchor=anchor,
            memory=scheduling.new_memory(card_id=card.id, now=now),
            phase=scheduling.Phase.LEARNING,
            due=now,
        )
        for card in cards
    )
    return cards
