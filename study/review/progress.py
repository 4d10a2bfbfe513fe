"""The study-progress part of the profile (and its own page): what is due, what was done."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from accounts.profile import ProfileSection, register_profile_section
from reader.progress.selectors import sections_read_per_article
from study.review.chart import bar_chart
from study.review.selectors import due_forecast, review_progress


def progress_context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    now = timezone.now()
    zone = timezone.get_current_timezone()
    reviews = review_progress(user=user, now=now, zone=zone, days=30)
    return {
        "due": due_forecast(user=user, now=now, zone=zone, days=7),
        "chart": bar_chart([(item.day, item.count) for item in reviews["per_day"]]),
        "streak": reviews["streak"],
        "retention": reviews["retention"],
        "articles": sections_read_per_article(user=user),
    }


def register() -> None:
    register_profile_section(
        ProfileSection(order=20, template="study/_progress_section.html", context=progress_context)
    )
