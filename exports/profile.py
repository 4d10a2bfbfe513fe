"""The "Export and import" part of the profile page: downloads per article, every deck at
once, and the JSON-LD upload (4 queries, plus one for the import form's article list)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.profile import ProfileSection, register_profile_section
from annotations.models import Annotation, Notebook
from reader.access import visible_to
from reader.models import Article

ORDER = 150  # after "Saved in your profile"


def exports_profile_context(request: HttpRequest) -> dict[str, Any]:
    from exports.flashcard_selectors import articles_with_flashcards
    from exports.import_jobs import import_status
    from exports.views import ImportForm

    user = request.user
    with_cards = {article.pk for article in articles_with_flashcards(user=user)}
    ids = set(
        Annotation.objects.filter(owner_id=user.pk).values_list("article_id", flat=True).distinct()
    )
    ids |= set(
        Notebook.objects.filter(owner_id=user.pk)
        .exclude(body="")
        .values_list("article_id", flat=True)
    )
    articles = Article.objects.exclude(current_revision=None).filter(
        visible_to(user), pk__in=ids | with_cards
    )
    return {
        "articles": [
            {"article": article, "cards": article.pk in with_cards}
            for article in articles.order_by("title")
        ],
        "any_cards": bool(with_cards),
        "form": ImportForm(user=user),
        "import_status": import_status(owner=user),
    }


def register() -> None:
    register_profile_section(
        ProfileSection(
            order=ORDER, template="exports/_profile.html", context=exports_profile_context
        )
    )
