"""What the reader page needs to show and keep the signed-in reader's progress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse

from reader.models import Article, Section
from reader.progress.rules import Position, worth_restoring
from reader.progress.selectors import reading_progress_get


def reading_progress_context(
    *, user: AbstractBaseUser | AnonymousUser, article: Article, sections: list[Section]
) -> dict[str, Any]:
    """`read_anchors` (marked in the table of contents) and `progress_config` (for the
    reading-progress controller); both empty for visitors, whose progress is not kept."""
    progress = reading_progress_get(user=user, article=article)
    if not user.is_authenticated:
        return {"read_anchors": set(), "progress_config": None}
    read = progress.sections_read if progress else []
    order = [section.anchor for section in sections]
    position = None
    if progress and worth_restoring(
        order=order, position=Position(progress.anchor, progress.fraction)
    ):
        position = {"anchor": progress.anchor, "fraction": progress.fraction}
    return {
        "read_anchors": set(read),
        "progress_config": {
            "url": reverse("api:progress_put", kwargs={"slug": article.slug}),
            "wpm": settings.READMARK_WORDS_PER_MINUTE,
            "sections": [{"anchor": s.anchor, "words": s.word_count} for s in sections],
            "read": read,
            "position": position,
        },
    }
