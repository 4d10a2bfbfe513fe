from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from study.cooldown import CooldownActive, cooldown_remaining, cooldown_seconds_for
from study.jobs import generation_expire_stale
from study.models import Card, CardSet, Cooldown, Generation, Status
from study.services import cardset_get_or_generate
from tests.conftest import make_user
from tests.study.helpers import THIN_ARTICLE, import_text, section


def test_first_request_generates_and_starts_the_cooldown(owner, article):
    lessons = section(article, "lessons")
    result = cardset_get_or_generate(user=owner, article=article, section=lessons)
    assert result.status == "ready"
    cards = list(result.cardset.cards.all())
    assert 3 <= len(cards) <= 8
    for card in cards:
        assert lessons.text[card.start : card.end] == card.quote
        assert card.selectors[0]["type"] == "TextQuoteSelector"
        assert card.selectors[1] == {
            "type": "TextPositionSelector",
            "start": card.start,
            "end": card.end,
        }
    generation = Generation.objects.get()
    assert (generation.status, generation.user, generation.cardset) == (
        "done",
        owner,
        result.cardset,
    )
    assert cooldown_remaining(user=owner) == pytest.approx(
        cooldown_seconds_for(section=lessons), abs=2
    )


def test_a_cached_set_is_free_for_a_second_reader(owner, other, article):
    lessons = section(article, "lessons")
    first = cardset_get_or_generate(user=owner, article=article, section=lessons)
    second = cardset_get_or_generate(user=other, article=article, section=lessons)
    assert second.status == "ready"
    assert second.cardset == first.cardset
    assert Generation.objects.count() == 1
    assert cooldown_remaining(user=other) == 0
    # And the first reader, cooling down, still gets the cached set.
    again = cardset_get_or_generate(user=owner, article=article, section=lessons)
    assert again.cardset == first.cardset


def test_a_new_generation_during_the_cooldown_is_refused(owner, article):
    cardset_get_or_generate(user=owner, article=article, section=section(article, "lessons"))
    with pytest.raises(CooldownActive) as refused:
        cardset_get_or_generate(
            user=owner, article=article, section=section(article, "what-it-was")
        )
    assert 170 <= refused.value.retry_after <= 300
    assert Generation.objects.count() == 1
    assert CardSet.objects.count() == 1


def test_the_cooldown_is_the_reading_time_clamped(article, settings):
    settings.READMARK_COOLDOWN_MIN_SECONDS = 10
    settings.READMARK_COOLDOWN_MAX_SECONDS = 60
    settings.READMARK_WORDS_PER_MINUTE = 100
    lessons = section(article, "lessons")
    expected = min(60, max(10, round(lessons.word_count * 60 / 100)))
    assert abs(cooldown_seconds_for(section=lessons) - expected) <= 1
    settings.READMARK_WORDS_PER_MINUTE = 100_000
    assert cooldown_seconds_for(section=lessons) == 10
    settings.READMARK_WORDS_PER_MINUTE = 1
    assert cooldown_seconds_for(section=lessons) == 60


def test_the_cooldown_ends(owner, article):
    cardset_get_or_generate(user=owner, article=article, section=section(article, "lessons"))
    Cooldown.objects.filter(user=owner).update(until=timezone.now() - timedelta(seconds=1))
    result = cardset_get_or_generate(
        user=owner, article=article, section=section(article, "what-it-was")
    )
    assert result.status == "ready"
    assert Generation.objects.filter(status="done").count() == 2


def test_a_failed_generation_does_not_consume_the_cooldown(owner, db):
    thin = import_text("thin", THIN_ARTICLE)
    result = cardset_get_or_generate(
        user=owner, article=thin, section=section(thin, "nothing-here")
    )
    assert result.status == "failed"
    assert "No flashcards could be made" in result.generation.error
    assert cooldown_remaining(user=owner) == 0
    assert CardSet.objects.count() == 0
    # Nothing cached: asking again tries again (and fails again), still at no cost.
    again = cardset_get_or_generate(user=owner, article=thin, section=section(thin, "nothing-here"))
    assert again.status == "failed"
    assert Generation.objects.filter(status=Status.FAILED).count() == 2
    assert cooldown_remaining(user=owner) == 0


def test_regenerate_makes_a_new_set_and_costs_the_cooldown(owner, other, article):
    lessons = section(article, "lessons")
    first = cardset_get_or_generate(user=owner, article=article, section=lessons)
    with pytest.raises(CooldownActive):
        cardset_get_or_generate(user=owner, article=article, section=lessons, regenerate=True)
    Cooldown.objects.filter(user=owner).update(until=timezone.now())
    again = cardset_get_or_generate(user=owner, article=article, section=lessons, regenerate=True)
    assert again.status == "ready"
    assert again.cardset != first.cardset
    assert CardSet.objects.filter(cache_key=first.cardset.cache_key).count() == 2
    assert cooldown_remaining(user=owner) > 0
    # Someone who never touched the set gets the newest one, still at no cost.
    seen = cardset_get_or_generate(user=other, article=article, section=lessons)
    assert seen.cardset == again.cardset
    assert cooldown_remaining(user=other) == 0


def test_a_stale_running_generation_is_failed_and_gives_the_cooldown_back(owner, article, settings):
    lessons = section(article, "lessons")
    long_ago = timezone.now() - timedelta(hours=1)
    Cooldown.objects.create(user=owner, until=timezone.now() + timedelta(minutes=3))
    until = Cooldown.objects.get(user=owner).until
    Generation.objects.create(
        user=owner,
        article=article,
        section=lessons,
        section_anchor="lessons",
        cache_key="k",
        content_hash=lessons.content_hash,
        generator="local",
        generator_version="1",
        options_hash="o",
        status=Status.RUNNING,
        started=long_ago,
        cooldown_until=until,
    )
    assert generation_expire_stale() == 1
    generation = Generation.objects.get()
    assert generation.status == "failed" and "interrupted" in generation.error
    assert cooldown_remaining(user=owner) == 0


def test_one_generation_in_flight_per_text_is_joined_not_repeated(owner, article):
    lessons = section(article, "lessons")
    from study.engine import generator_choice

    key = generator_choice().cache_key(lessons.content_hash)
    running = Generation.objects.create(
        user=make_user("early"),
        article=article,
        section=lessons,
        section_anchor="lessons",
        cache_key=key,
        content_hash=lessons.content_hash,
        generator="local",
        generator_version="1",
        options_hash="o",
        status=Status.RUNNING,
        started=timezone.now(),
    )
    result = cardset_get_or_generate(user=owner, article=article, section=lessons)
    assert (result.status, result.generation) == ("running", running)
    assert cooldown_remaining(user=owner) == 0
    assert Generation.objects.count() == 1
    assert Card.objects.count() == 0
