from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reader.access import article_for_read
from study.review.progress import progress_context
from study.review.selectors import review_queue
from study.scheduling import Grade

GRADES = [{"value": int(grade), "key": grade.name.lower(), "label": grade.label} for grade in Grade]


@login_required
@require_GET
def review_page(request: HttpRequest) -> HttpResponse:
    """Cards due today, one at a time (`?article=SLUG` for one article)."""
    slug = request.GET.get("article", "")
    article = article_for_read(slug) if slug else None
    queue = review_queue(
        user=request.user,
        now=timezone.now(),
        zone=timezone.get_current_timezone(),
        article=article,
    )
    card = queue.card
    config: dict[str, Any] = {
        "apiBase": "/api/v1",
        "article": article.slug if article else "",
        "card": card.as_json() if card else None,
        "remaining": queue.remaining,
        "more": queue.more,
    }
    grades = [
        {**grade, "interval": card.intervals[grade["key"]] if card else ""} for grade in GRADES
    ]
    return render(
        request,
        "study/review.html",
        {
            "article": article,
            "card": card,
            "remaining": queue.remaining,
            "more": queue.more,
            "grades": grades,
            "review_config": config,
        },
    )


@login_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    return render(request, "study/progress.html", {"data": progress_context(request)})
