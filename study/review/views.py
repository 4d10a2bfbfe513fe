from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reader.access import article_for_read
from study.review.page import review_page_context
from study.review.progress import progress_context
from study.review.selectors import review_queue


@login_required
@require_GET
def review_page(request: HttpRequest) -> HttpResponse:
    """Cards due today, one at a time (`?article=SLUG` for one article)."""
    slug = request.GET.get("article", "")
    article = article_for_read(slug, user=request.user) if slug else None
    queue = review_queue(
        user=request.user,
        now=timezone.now(),
        zone=timezone.get_current_timezone(),
        article=article,
    )
    context = review_page_context(article=article, queue=queue)
    return render(request, "study/review.html", context)


@login_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    return render(request, "study/progress.html", {"data": progress_context(request)})
