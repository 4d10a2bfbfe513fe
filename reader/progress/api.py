"""`/api/v1/articles/{slug}/progress`: the signed-in reader's own position and sections read.

Each reader only ever reaches their own row (it is keyed by the signed-in user), so there is
nothing of anyone else's to address; visitors get 401.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from accounts.api_auth import api_auth
from reader.access import article_for_read
from reader.models import ReadingProgress
from reader.progress.rules import ProgressRefused
from reader.progress.selectors import reading_progress_get
from reader.progress.services import reading_progress_record
from readmark.api_types import StrictIn

router = Router(tags=["reading progress"], auth=api_auth)


class ProgressIn(StrictIn):
    anchor: str = Field("", max_length=120, description="The section at the top of the screen")
    fraction: float = Field(0.0, ge=0.0, le=1.0, description="How far through that section")
    read: list[str] = Field(
        default_factory=list,
        max_length=1000,
        description="Sections finished (only ever added)",
    )


class ProgressOut(Schema):
    article: str
    anchor: str
    fraction: float
    read: list[str]
    updated: datetime | None


def _out(slug: str, progress: ReadingProgress | None) -> ProgressOut:
    if progress is None:
        return ProgressOut(article=slug, anchor="", fraction=0.0, read=[], updated=None)
    return ProgressOut(
        article=slug,
        anchor=progress.anchor,
        fraction=progress.fraction,
        read=progress.sections_read,
        updated=progress.updated,
    )


@router.get("/articles/{slug}/progress", response=ProgressOut)
def progress_get(request: HttpRequest, slug: str):
    article = article_for_read(slug, user=request.auth)
    return _out(slug, reading_progress_get(user=request.auth, article=article))


@router.put("/articles/{slug}/progress", response=ProgressOut)
def progress_put(request: HttpRequest, slug: str, payload: ProgressIn):
    article = article_for_read(slug, user=request.auth)
    try:
        progress = reading_progress_record(
            user=request.auth,
            article=article,
            anchor=payload.anchor,
            fraction=payload.fraction,
            read=payload.read,
        )
    except ProgressRefused as refused:
        raise HttpError(400, str(refused)) from None
    return _out(slug, progress)
