"""Reads. Each function runs a fixed number of queries, however many annotations there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from annotations.models import Annotation, Notebook, State
from annotations.present import notebook_data
from reader.models import Article

MAX_TERMS = 8
READING_ORDER = ("article__title", "article_id", "section__order", "start", "end", "id")


def annotation_list(
    *,
    owner: AbstractBaseUser,
    article: Article | None = None,
    state: str | None = None,
    q: str = "",
) -> QuerySet[Annotation]:
    """The owner's live annotations in reading order (article, section, position)."""
    qs = Annotation.objects.filter(owner_id=owner.pk).select_related("article")
    if article is not None:
        qs = qs.filter(article=article)
    if state:
        qs = qs.filter(state=state)
    for term in search_terms(q):
        qs = qs.filter(Q(body__icontains=term) | Q(quote__icontains=term))
    return qs.order_by(*READING_ORDER)


def search_terms(q: str) -> list[str]:
    """Every word must match (in the note or the quoted text), so word order and Markdown
    between words ("a *bold* claim") do not hide a result. Capped to keep queries cheap."""
    return q.split()[:MAX_TERMS]


def notebook_for(*, owner: AbstractBaseUser, article: Article) -> Notebook | None:
    return Notebook.objects.filter(owner_id=owner.pk, article=article).first()


def reader_data(*, owner: AbstractBaseUser, article: Article) -> dict[str, Any]:
    """Everything the reader page needs for one person: two queries.

    A compact shape (no selectors, no URLs): the page embeds it, and with a thousand
    annotations every field costs bytes on each page load.
    """
    rows = (
        Annotation.objects.filter(owner_id=owner.pk, article=article)
        .order_by("section_id", "start", "end", "id")
        .values_list(
            "id", "section_anchor", "kind", "colour", "start", "end", "quote", "body",
            "body_html", "state", "version", "revision_id",
        )
    )  # fmt: skip
    current = article.current_revision_id
    annotations = []
    for pk, section, kind, colour, start, end, quote, body, html, state, version, rev in rows:
        annotations.append(
            {
                "id": pk,
                "section": section,
                "kind": kind,
                "colour": colour,
                "start": start,
                "end": end,
                "quote": quote,
                "body": body,
                "body_html": html,
                # Anchored to an older revision only while a re-import is in flight.
                "state": state if rev == current else State.ORPHANED,
                "version": version,
            }
        )
    return {
        "annotations": annotations,
        "notebook": notebook_data(notebook_for(owner=owner, article=article), article=article),
    }


@dataclass
class SectionGroup:
    anchor: str
    heading: str
    annotations: list[Annotation] = field(default_factory=list)


@dataclass
class ArticleGroup:
    article: Article
    sections: list[SectionGroup] = field(default_factory=list)
    count: int = 0


@dataclass
class SavedListing:
    articles: list[ArticleGroup]
    orphans: list[Annotation]
    notebooks: list[Notebook]
    total: int
    shown: int


def saved_listing(*, owner: AbstractBaseUser, q: str = "", limit: int = 500) -> SavedListing:
    """The profile's "Saved in your profile": anchored annotations grouped by article and
    section in reading order, orphans apart, and (when searching) matching general notes."""
    qs = annotation_list(owner=owner, q=q).select_related("section")
    total = qs.count()
    rows = list(qs[:limit])
    groups: list[ArticleGroup] = []
    orphans: list[Annotation] = []
    for annotation in rows:
        if annotation.state == State.ORPHANED:
            orphans.append(annotation)
            continue
        if not groups or groups[-1].article.pk != annotation.article_id:
            groups.append(ArticleGroup(article=annotation.article))
        group = groups[-1]
        group.count += 1
        if not group.sections or group.sections[-1].anchor != annotation.section_anchor:
            group.sections.append(
                SectionGroup(anchor=annotation.section_anchor, heading=annotation.section.heading)
            )
        group.sections[-1].annotations.append(annotation)
    notebooks: list[Notebook] = []
    if search_terms(q):
        matching = Notebook.objects.filter(owner_id=owner.pk)
        for term in search_terms(q):
            matching = matching.filter(body__icontains=term)
        notebooks = list(matching.select_related("article").order_by("article__title")[:50])
    return SavedListing(groups, orphans, notebooks, total=total, shown=len(rows))
