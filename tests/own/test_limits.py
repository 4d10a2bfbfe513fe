"""The per-reader limits: the pure rules, and the service applying them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reader.limits import LimitReached, check_hourly, check_storage
from reader.models import Addition, Article
from reader.services import article_add

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("minutes_ago", "per_hour", "allowed"),
    [
        ([], 1, True),
        ([10], 1, False),
        ([61], 1, True),
        ([5, 10, 20], 3, False),
        ([5, 10, 70], 3, True),
        ([59, 59, 59], 4, True),
    ],
)
def test_hourly_rule(minutes_ago, per_hour, allowed):
    recent = [NOW - timedelta(minutes=m) for m in minutes_ago]
    if allowed:
        check_hourly(recent=recent, per_hour=per_hour, now=NOW)
    else:
        with pytest.raises(LimitReached):
            check_hourly(recent=recent, per_hour=per_hour, now=NOW)


def test_hourly_refusal_says_which_limit_and_when_it_resets():
    recent = [NOW - timedelta(minutes=m) for m in (50, 20, 5)]
    with pytest.raises(LimitReached) as refused:
        check_hourly(recent=recent, per_hour=3, now=NOW)
    message = str(refused.value)
    assert "limit is 3 an hour" in message
    # The addition 50 minutes ago leaves the hour in 10 minutes: at 12:10.
    assert "in 10 minutes" in message and "12:10" in message


def test_storage_rule_and_message():
    check_storage(stored=90, adding=10, limit=100)
    with pytest.raises(LimitReached) as refused:
        check_storage(stored=150 * 1024 * 1024, adding=60 * 1024 * 1024, limit=200 * 1024 * 1024)
    assert "200 MB" in str(refused.value) and "delete" in str(refused.value).lower()


def test_the_service_refuses_the_next_article_in_the_hour(owner, settings):
    settings.READMARK_ARTICLES_PER_HOUR = 2
    for n in range(2):
        article_add(owner=owner, text=f"Note {n}\n\nA paragraph of words about bees number {n}.")
    with pytest.raises(LimitReached, match="limit is 2 an hour"):
        article_add(owner=owner, text="Third\n\nAnother paragraph about bees.")
    assert Article.objects.filter(owner=owner).count() == 2


def test_deleting_does_not_reset_the_hourly_limit(owner, settings):
    settings.READMARK_ARTICLES_PER_HOUR = 1
    result = article_add(owner=owner, text="One\n\nA paragraph of words about bees.")
    result.article.delete()
    assert Addition.objects.filter(user=owner).count() == 1
    with pytest.raises(LimitReached):
        article_add(owner=owner, text="Two\n\nA paragraph about wasps.")


def test_the_hourly_limit_is_per_reader(owner, other, settings):
    settings.READMARK_ARTICLES_PER_HOUR = 1
    article_add(owner=owner, text="One\n\nA paragraph of words about bees.")
    article_add(owner=other, text="One\n\nA paragraph of words about bees.")
    assert Article.objects.filter(owner__in=[owner, other]).count() == 2


def test_the_service_refuses_text_over_the_storage_limit(owner, settings):
    settings.READMARK_STORED_TEXT_MB = 1
    big = "\n\n".join("Bees " * 200 for _ in range(600))  # about 1.2 MB of text and HTML
    with pytest.raises(LimitReached, match="1 MB of text"):
        article_add(owner=owner, text="Big\n\n" + big)
    assert not Article.objects.filter(owner=owner).exists()
    assert not Addition.objects.filter(user=owner).exists()
