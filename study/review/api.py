"""/api/v1 review endpoints: keep a section's cards, fetch the next due card, rate it.

Review state is private: another reader's card (or one not in your review) answers 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from accounts.api_auth import api_auth
from reader.access import article_for_read, section_for_read
from readmark.api_types import Count, ObjectId, StrictIn
from study.models import ReviewState
from study.review.access import review_state_for_reader
from study.review.selectors import Queue, review_queue
from study.review.services import NothingToStudy, RatingConflict, review_rate, review_section_keep
from study.scheduling import Phase, format_interval

router = Router(auth=api_auth, tags=["review"])


class Message(Schema):
    detail: str


class KeepOut(Schema):
    added: int = Field(description="Cards that entered review now")
    total: int = Field(description="Cards of this section in your review")
    due: int = Field(description="Cards due today across all articles")
    review_url: str


class DueCardOut(Schema):
    card_id: int
    reps: int = Field(description="Send back with the rating: it detects a double rating")
    kind: Literal["basic", "cloze"]
    front: str
    back: str
    article: dict[str, str]
    section: str
    source_url: str
    intervals: dict[str, str] = Field(description="The next interval each rating gives")


class QueueOut(Schema):
    card: DueCardOut | None
    remaining: int = Field(description="Cards due today, this one included (counted up to 200)")
    more: bool = Field(False, description="More than `remaining` are due")


class RatingIn(StrictIn):
    grade: int = Field(ge=1, le=4, description="1 Again, 2 Hard, 3 Good, 4 Easy")
    reps: Count | None = Field(None, description="The card's `reps` when it was shown")
    duration_ms: int | None = Field(None, ge=0, le=86_400_000)


class RatedOut(Schema):
    card_id: int
    due: datetime
    interval: str


class RatingOut(QueueOut):
    rated: RatedOut


class ConflictOut(QueueOut):
    detail: str


class StateOut(Schema):
    card_id: int
    phase: Literal["learning", "review", "relearning"]
    due: datetime
    last_review: datetime | None
    reps: int
    lapses: int
    stability: float | None
    difficulty: float | None


def _queue_out(queue: Queue) -> dict[str, Any]:
    return {
        "card": queue.card.as_json() if queue.card else None,
        "remaining": queue.remaining,
        "more": queue.more,
    }


def _json(status: int, data: dict[str, Any]) -> Status:
    return Status(status, data)


def _article_filter(request: HttpRequest, slug: str | None):
    return article_for_read(slug, user=request.auth) if slug else None


@router.post(
    "/articles/{slug}/sections/{section_id}/flashcards/study",
    response={200: KeepOut, 404: Message, 422: Message},
)
def review_keep(request: HttpRequest, slug: str, section_id: str):
    """“Study these cards”: add the section's cards, as you see them, to your review."""
    article = article_for_read(slug, user=request.auth)
    section = section_for_read(article, section_id)
    now = timezone.now()
    try:
        result = review_section_keep(user=request.auth, article=article, section=section, now=now)
    except NothingToStudy as nothing:
        return Status(422, {"detail": str(nothing)})
    queue = review_queue(user=request.auth, now=now, zone=timezone.get_current_timezone())
    return Status(
        200,
        {
            "added": result.added,
            "total": result.total,
            "due": queue.remaining,
            "review_url": f"/review/?article={article.slug}",
        },
    )


@router.get("/review/next", response={200: QueueOut, 404: Message})
def review_next(request: HttpRequest, article: str | None = None):
    """The next card due (or null) and how many are due today; `?article=SLUG` for one article."""
    queue = review_queue(
        user=request.auth,
        now=timezone.now(),
        zone=timezone.get_current_timezone(),
        article=_article_filter(request, article),
    )
    return _json(200, _queue_out(queue))


@router.post(
    "/review/cards/{card_id}/rating",
    response={200: RatingOut, 404: Message, 409: ConflictOut},
)
def review_rating(
    request: HttpRequest, card_id: ObjectId, payload: RatingIn, article: str | None = None
):
    """Rate a card; answers with its next due date and the next card to review."""
    now = timezone.now()
    scope = _article_filter(request, article)
    zone = timezone.get_current_timezone()
    try:
        state, outcome = review_rate(
            user=request.auth,
            card_id=card_id,
            grade=payload.grade,
            reps=payload.reps,
            now=now,
            duration_ms=payload.duration_ms,
        )
    except ReviewState.DoesNotExist:
        raise Http404("This card is not in your review.") from None
    except RatingConflict as conflict:
        queue = review_queue(user=request.auth, now=now, zone=zone, article=scope)
        return _json(409, {"detail": f"{conflict} Here is the next card.", **_queue_out(queue)})
    queue = review_queue(user=request.auth, now=now, zone=zone, article=scope)
    return _json(
        200,
        {
            "rated": {
                "card_id": card_id,
                "due": state.due,
                "interval": format_interval(outcome.interval),
            },
            **_queue_out(queue),
        },
    )


@router.get("/review/cards/{card_id}", response={200: StateOut, 404: Message})
def review_state(request: HttpRequest, card_id: ObjectId):
    """Your review state of one card."""
    state = review_state_for_reader(user=request.auth, card_id=card_id)
    memory = state.memory
    return Status(
        200,
        {
            "card_id": state.card_id,
            "phase": Phase(state.phase).name.lower(),
            "due": state.due,
            "last_review": state.last_review,
            "reps": state.reps,
            "lapses": state.lapses,
            "stability": memory.get("stability"),
            "difficulty": memory.get("difficulty"),
        },
    )
