"""Getters that 404, and the one rule for who may see an article.

An article is seen by everyone when it is public (the shared library), and otherwise by its
owner alone: other readers and visitors get 404, exactly as for an article that does not
exist, so a private article's slug tells nobody anything. Every view, API call and export
that starts from a slug goes through `article_for_read` (or `article_for_reading` in
reader.selectors, which applies the same rule to its cached copy).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Q
from django.http import Http404

from reader.models import Article, Section

User = AbstractBaseUser | AnonymousUser


def visible_to(user: User | None, *, through: str = "") -> Q:
    """The articles `user` may read: the shared ones, and their own. ``through`` is the path to
    the article from another model ("article__")."""
    public = Q(**{f"{through}is_public": True})
    if user is None or not user.is_authenticated:
        return public
    return public | Q(**{f"{through}owner_id": user.pk})


def can_read(*, user: User | None, is_public: bool, owner_id: int | None) -> bool:
    if is_public:
        return True
    return user is not None and user.is_authenticated and owner_id == user.pk


def article_for_read(slug: str, *, user: User | None) -> Article:
    article = (
        Article.objects.select_related("current_revision")
        .exclude(current_revision=None)
        .filter(visible_to(user), slug=slug)
        .first()
    )
    if article is None:
        raise Http404("No such article.")
    return article


def article_for_owner(slug: str, *, user: User) -> Article:
    """The reader's own article, for changes only its owner may make (delete)."""
    if not user.is_authenticated:
        raise Http404("No such article.")
    article = Article.objects.filter(slug=slug, owner_id=user.pk).first()
    if article is None:
        raise Http404("No such article.")
    return article


def article_for_operator(slug: str) -> Article:
    """Any article with a published revision: for the command line, run by whoever runs the
    server, which sees every reader's data anyway."""
    article = (
        Article.objects.select_related("current_revision")
        .exclude(current_revision=None)
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404("No such article.")
    return article


def section_for_read(article: Article, anchor: str) -> Section:
    section = Section.objects.filter(revision_id=article.current_revision_id, anchor=anchor).first()
    if section is None:
        raise Http404("No such section.")
    return section


def section_in_current_revision(*, slug: str, anchor: str, user: User | None) -> Section:
    """The section of the current text of an article ``user`` may read, with its article, in
    one query."""
    section = (
        Section.objects.select_related("article__current_revision")
        .filter(visible_to(user, through="article__"))
        .filter(article__slug=slug, anchor=anchor, revision_id=F("article__current_revision_id"))
        .first()
    )
    if section is None:
        raise Http404("No such section.")
    return section
