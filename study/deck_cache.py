"""The GET of a deck, answered from a stored response when one query shows nothing changed.

Why: the deck a reader sees is assembled from six reads (set, generation, cards, their edits,
their own cards, cooldown), and readers open decks far more often than anything changes. One
query finds the section and a fingerprint of everything the answer depends on — the newest set
and generation for the text, the reader's pins, edits and own cards (counts and last change) and
cooldown. While the fingerprint is unchanged the stored response is served as it is, without
building models or validating schemas. The check always reads the database, so a response
stored by one process can never outlive a change made by another (the cache may be local).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from reader.models import Article, Section
from study.cooldown import seconds_until
from study.engine import GeneratorChoice, generator_choice
from study.models import Card, CardEdit, CardSet, CardSetPin, Cooldown, Generation
from study.present import deck_answer
from study.selectors import deck_for

TIMEOUT = 24 * 3600
_encoder = DjangoJSONEncoder()


def deck_response(*, user, slug: str, anchor: str) -> tuple[int, dict[str, Any]]:
    choice = generator_choice()
    section_id, article_id, fingerprint, cooldown_until = _place(user, slug, anchor, choice)
    key = f"flashcards:deck:{user.pk}:{section_id}:{choice.cache_key('')}"
    stored = cache.get(key)
    if stored is not None and stored["fingerprint"] == fingerprint:
        status, body = stored["status"], dict(stored["body"])
    else:
        section = Section.objects.select_related("article").get(id=section_id)
        cache_key = choice.cache_key(section.content_hash)
        deck = deck_for(user=user, article=section.article, section=section, cache_key=cache_key)
        status, body = deck_answer(section, deck)
        body = _json_ready(body)
        cache.set(key, {"fingerprint": fingerprint, "status": status, "body": body}, TIMEOUT)
    body["cooldown_seconds"] = seconds_until(cooldown_until)
    return status, body


def _place(user, slug: str, anchor: str, choice: GeneratorChoice):
    generator = [choice.id, choice.version, choice.model, choice.options_hash]
    params = [*generator, *generator, *generator, user.pk, user.pk, user.pk, user.pk, user.pk]
    params += [user.pk, slug, anchor]
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql(), params)
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such section.")
    section_id, article_id, *fingerprint, cooldown_until = row
    return section_id, article_id, tuple(map(str, fingerprint)), _aware(cooldown_until)


@lru_cache(maxsize=1)
def _fingerprint_sql() -> str:
    """One statement: the section, and what its deck depends on for one reader.

    Hand-written because the ORM spent twenty times longer building this query than the
    database spent running it; table names still come from the models.
    """
    t = {m.__name__: connection.ops.quote_name(m._meta.db_table) for m in _MODELS}

    def made_like(alias: str) -> str:
        columns = ("generator", "generator_version", "model", "options_hash")
        return " AND ".join(f"{alias}.{column} = %s" for column in columns)

    own = (
        f"FROM {t['Card']} c WHERE c.owner_id = %s AND c.article_id = s.article_id "
        "AND c.section_anchor = s.anchor"
    )
    edits = (
        f"FROM {t['CardEdit']} e JOIN {t['Card']} ec ON ec.id = e.card_id "
        f"JOIN {t['CardSet']} es ON es.id = ec.cardset_id "
        "WHERE e.owner_id = %s AND es.content_hash = s.content_hash"
    )
    return f"""
        SELECT s.id, s.article_id, s.content_hash, s.heading,
          (SELECT cs.id FROM {t["CardSet"]} cs WHERE cs.content_hash = s.content_hash
             AND {made_like("cs")} ORDER BY cs.id DESC LIMIT 1),
          (SELECT g.id FROM {t["Generation"]} g WHERE g.content_hash = s.content_hash
             AND {made_like("g")} ORDER BY g.id DESC LIMIT 1),
          (SELECT g.status FROM {t["Generation"]} g WHERE g.content_hash = s.content_hash
             AND {made_like("g")} ORDER BY g.id DESC LIMIT 1),
          (SELECT p.cardset_id FROM {t["CardSetPin"]} p JOIN {t["CardSet"]} pc
             ON pc.id = p.cardset_id WHERE p.owner_id = %s
             AND pc.content_hash = s.content_hash ORDER BY p.modified DESC LIMIT 1),
          (SELECT COUNT(*) {own}),
          (SELECT MAX(c.modified) {own}),
          (SELECT COUNT(*) {edits}),
          (SELECT MAX(e.modified) {edits}),
          (SELECT cd.until FROM {t["Cooldown"]} cd WHERE cd.user_id = %s)
        FROM {t["Section"]} s JOIN {t["Article"]} a ON a.current_revision_id = s.revision_id
        WHERE a.slug = %s AND s.anchor = %s
    """


_MODELS = (Article, Section, Card, CardEdit, CardSet, CardSetPin, Cooldown, Generation)


def _aware(value) -> datetime | None:
    """The cooldown's end as the database driver returned it (SQLite: text in UTC)."""
    if value is None or isinstance(value, datetime):
        return value if value is None or timezone.is_aware(value) else value.replace(tzinfo=UTC)
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _json_ready(body: dict[str, Any]) -> dict[str, Any]:
    generation = body.get("generation")
    if generation and not isinstance(generation["created"], str):
        body["generation"] = {**generation, "created": _encoder.default(generation["created"])}
    return body
