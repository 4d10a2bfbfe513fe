"""The hand-written queue SQL keeps the same rules as the ORM version (selectors.due_states)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from study import scheduling
from study.models import Card, CardEdit, EvidenceState, ReviewState
from study.review import sql as queue_sql
from study.review.selectors import due_states
from tests.conftest import import_sample
from tests.review.conftest import make_due_cards


@pytest.fixture
def mixed(owner, other, article):
    now = timezone.now()
    second = import_sample("printing-press")
    cards = make_due_cards(user=owner, article=article, count=8, now=now)
    make_due_cards(user=other, article=article, count=3, now=now, anchor="what-it-was")
    extra = make_due_cards(user=owner, article=second, count=2, now=now, anchor="x")
    _, day_end = scheduling.day_bounds(now=now, zone=timezone.get_current_timezone())
    changes = {
        0: {"due": now - timedelta(days=3)},
        1: {"due": now + timedelta(minutes=10)},  # learning, within learn-ahead
        2: {"due": now + timedelta(hours=2)},  # learning, later: not due
        3: {"due": min(day_end - timedelta(seconds=1), now + timedelta(hours=1)), "phase": 2},
        4: {"due": now + timedelta(days=2), "phase": 2},
    }
    for index, fields in changes.items():
        ReviewState.objects.filter(user=owner, card=cards[index]).update(**fields)
    CardEdit.objects.create(owner=owner, card=cards[5], hidden=True)
    CardEdit.objects.create(owner=owner, card=cards[6], question="Mine?")
    Card.objects.filter(pk=cards[7].pk).update(state=EvidenceState.ORPHANED)
    return {"now": now, "day_end": day_end, "second": second, "cards": cards, "extra": extra}


@pytest.mark.parametrize("scoped", [False, True])
def test_sql_and_orm_agree(owner, article, mixed, scoped):
    now, day_end = mixed["now"], mixed["day_end"]
    scope = mixed["second"] if scoped else None
    orm = list(
        due_states(user=owner, now=now, day_end=day_end, article=scope).values_list(
            "card_id", flat=True
        )
    )
    where = {
        "user_id": owner.pk,
        "day_end": day_end,
        "ahead": now + scheduling.LEARN_AHEAD,
        "article_id": scope.pk if scope else None,
    }
    row, counted = queue_sql.next_due(**where, limit=1000)
    assert row[1] == orm[0] and counted == len(orm)
    assert queue_sql.next_due(**where, limit=2)[1] == 2
    assert queue_sql.count_due(**where, limit=1000) == len(orm)
    assert queue_sql.count_due(**where, limit=2) == 2
    if not scoped:
        cards = mixed["cards"]
        hidden_or_orphaned = {cards[5].id, cards[7].id}
        assert orm[0] == cards[0].id and not hidden_or_orphaned & set(orm)
        assert cards[2].id not in orm and cards[4].id not in orm
        assert {cards[1].id, cards[3].id, cards[6].id} <= set(orm)
    else:
        assert set(orm) == {card.id for card in mixed["extra"]}
