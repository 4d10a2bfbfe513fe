"""The review page's context: the next card, how many remain, and the rating buttons."""

from __future__ import annotations

from typing import Any

from reader.models import Article
from study.review.selectors import Queue
from study.scheduling import Grade


def review_page_context(*, article: Article | None, queue: Queue) -> dict[str, Any]:
    card = queue.card
    intervals = card.intervals if card else {}
    return {
        "article": article,
        "card": card,
        "remaining": queue.remaining,
        "more": queue.more,
        "config": {
            "apiBase": "/api/v1",
            "article": article.slug if article else "",
            "card": card.as_json() if card else None,
            "remaining": queue.remaining,
            "more": queue.more,
        },
        "grades": [
            {
                "value": int(grade),
                "key": grade.name.lower(),
                "label": grade.label,
                "interval": intervals.get(grade.name.lower(), ""),
            }
            for grade in Grade
        ],
    }
