from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from reader.importers import ImportRefused, ParsedArticle, parse_upload
from reader.models import Article, Revision, Section
from reader.signals import revision_published


@dataclass(frozen=True)
class ImportResult:
    article: Article
    revision: Revision
    created: bool  # a new article
    changed: bool  # a new revision (False: the text was identical, nothing written)


def article_import(
    *,
    data: bytes,
    name: str,
    slug: str | None = None,
    title: str | None = None,
    fmt: str | None = None,
) -> ImportResult:
    """Parse a file and store it as an article, or as a new revision of the article at `slug`.

    Everything happens in one transaction: a refused file or a failing re-anchor changes nothing.
    """
    parsed = parse_upload(data, name=name, fmt=fmt)
    if title:
        parsed.title = title.strip()
    final_slug = slugify(slug or parsed.slug or parsed.title)[:120]
    if not final_slug:
        raise ImportRefused("No usable slug: pass --slug with letters or digits.")
    with transaction.atomic():
        return _store(parsed, final_slug)


def _store(parsed: ParsedArticle, slug: str) -> ImportResult:
    article = Article.objects.filter(slug=slug).select_related("current_revision").first()
    created = article is None
    if article is None:
        article = Article.objects.create(slug=slug, title=parsed.title)
    previous = article.current_revision
    if previous is not None and previous.content_hash == parsed.content_hash:
        metadata_changed = _update_metadata(article, parsed)
        if metadata_changed:
            article.save()
        return ImportResult(article, previous, created=False, changed=False)

    number = (article.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
    revision = Revision.objects.create(
        article=article,
        number=number,
        content_hash=parsed.content_hash,
        source_format=parsed.source_format,
    )
    Section.objects.bulk_create(
        Section(
            revision=revision,
            article=article,
            order=order,
            anchor=section.anchor,
            heading=section.heading[:300],
            level=section.level,
            text=section.text,
            html=section.html,
            content_hash=section.content_hash,
            word_count=section.word_count,
        )
        for order, section in enumerate(parsed.sections)
    )
    _update_metadata(article, parsed)
    article.current_revision = revision
    article.word_count = parsed.word_count
    article.save()
    revision_published.send(Article, article=article, previous=previous, revision=revision)
    return ImportResult(article, revision, created=created, changed=True)


def _update_metadata(article: Article, parsed: ParsedArticle) -> bool:
    before = (article.title, article.source, article.summary)
    article.title = parsed.title
    article.source = parsed.source or article.source
    article.summary = parsed.summary or article.summary
    return before != (article.title, article.source, article.summary)
