from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.text import slugify

from reader.importers import ImportRefused, ParsedArticle, parse_pasted, parse_upload
from reader.limits import WINDOW, LimitReached, check_hourly, check_storage
from reader.models import Addition, Article, Revision, Section
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
    owner: AbstractBaseUser | None = None,
) -> ImportResult:
    """Parse a file and store it as an article, or as a new revision of the article at `slug`.

    Without `owner` the article is the shared library's (public); with one it is that
    reader's private article, and `slug` may only name one of theirs. This is the operator's
    path (command line, staff upload): the per-reader limits apply to `article_add`.

    Everything happens in one transaction: a refused file or a failing re-anchor changes nothing.
    """
    parsed = parse_upload(data, name=name, fmt=fmt)
    if title:
        parsed.title = title.strip()
    return store_parsed(parsed=parsed, slug=slug, owner=owner)


def store_parsed(
    *, parsed: ParsedArticle, slug: str | None = None, owner: AbstractBaseUser | None = None
) -> ImportResult:
    """Store what an importer parsed at `slug` (else one from its title), as `article_import`
    describes."""
    final_slug = slugify(slug or parsed.slug or parsed.title)[:120]
    if not final_slug:
        raise ImportRefused("No usable slug: pass --slug with letters or digits.")
    with transaction.atomic():
        existing = Article.objects.filter(slug=final_slug).select_related("current_revision")
        article = existing.first()
        if article is not None and article.owner_id != (owner.pk if owner else None):
            if slug:
                raise ImportRefused(
                    f"The slug {final_slug!r} belongs to "
                    + ("the shared library" if article.owner_id is None else "another reader")
                    + ": choose another slug."
                )
            article = None
            final_slug = _free_slug(final_slug)
        if article is None:
            article = Article(slug=final_slug, owner=owner, is_public=owner is None)
        return _store(parsed, article)


# Paths under /articles/ that are pages, not articles.
RESERVED_SLUGS = {"new", "import"}


def _free_slug(base: str) -> str:
    """`base`, or `base-2`, `base-3`… whichever no article has yet."""
    base = base[:110] or "article"
    taken = RESERVED_SLUGS | set(
        Article.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _stored_bytes(parsed: ParsedArticle) -> int:
    return sum(
        len(section.text.encode()) + len(section.html.encode()) for section in parsed.sections
    )


def _store(parsed: ParsedArticle, article: Article) -> ImportResult:
    created = article.pk is None
    if created:
        article.title = parsed.title
        article.save()
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
    article.stored_bytes += _stored_bytes(parsed)
    article.save()
    revision_published.send(Article, article=article, previous=previous, revision=revision)
    return ImportResult(article, revision, created=created, changed=True)


def _update_metadata(article: Article, parsed: ParsedArticle) -> bool:
    before = (article.title, article.source, article.summary)
    article.title = parsed.title
    article.source = parsed.source or article.source
    article.summary = parsed.summary or article.summary
    return before != (article.title, article.source, article.summary)


def article_add(
    *,
    owner: AbstractBaseUser,
    url: str = "",
    text: str = "",
    data: bytes | None = None,
    name: str = "",
    title: str = "",
    public: bool = False,
) -> ImportResult:
    """A reader adds an article from exactly one source: a web address, pasted text, or a
    file (`data` named `name`). It is private to them unless `public` (staff only decide
    that). The same web address again makes a new revision of their article.

    Raises ImportRefused (the source cannot become an article), reader.fetch.FetchRefused (a
    subclass: the address cannot or may not be fetched) or LimitReached; nothing is stored
    then. The fetch happens outside the transaction, so a slow server holds no lock.
    """
    sources = [bool(url.strip()), bool(text.strip()), data is not None]
    if sum(sources) != 1:
        raise ImportRefused(
            "Give exactly one source: a web address, pasted text or a file."
            if any(sources)
            else "Nothing to add: give a web address, paste text or choose a file."
        )
    _check_hourly(owner)
    source = ""
    if url.strip():
        from reader.fetch import fetch
        from reader.importers.web import parse_fetched

        fetched = fetch(url)
        parsed = parse_fetched(
            fetched.body, content_type=fetched.content_type, charset=fetched.charset,
            url=fetched.url,
        )  # fmt: skip
        source = url.strip()
    elif text.strip():
        parsed = parse_pasted(text)
    else:
        parsed = parse_upload(data or b"", name=name or "file")
        source = name
    if title.strip():
        parsed.title = title.strip()[:300]
    parsed.source = parsed.source or source
    with transaction.atomic():
        # Limits again inside the transaction, with the reader's row locked: two tabs adding
        # at the same moment take turns, and the second sees the first's addition.
        get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
        _check_hourly(owner)
        stored = (
            Article.objects.filter(owner=owner).aggregate(total=Sum("stored_bytes"))["total"] or 0
        )
        check_storage(
            stored=stored,
            adding=_stored_bytes(parsed),
            limit=settings.READMARK_STORED_TEXT_MB * 1024 * 1024,
        )
        article = None
        if url.strip():
            article = (
                Article.objects.filter(owner=owner, source=source)
                .select_related("current_revision")
                .order_by("-created")
                .first()
            )
        if article is None:
            base = slugify(parsed.title)[:110] or "article"
            article = Article(slug=_free_slug(base), owner=owner, is_public=public)
        elif public and not article.is_public:
            article.is_public = True
        result = _store(parsed, article)
        Addition.objects.create(user=owner)
    return result


def _check_hourly(owner: AbstractBaseUser) -> None:
    now = timezone.now()
    recent = list(
        Addition.objects.filter(user=owner, created__gt=now - WINDOW).values_list(
            "created", flat=True
        )
    )
    check_hourly(recent=recent, per_hour=settings.READMARK_ARTICLES_PER_HOUR, now=now)


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete the article with its revisions, and every reader's annotations, notes, cards
    and progress on it (the database cascades)."""
    article.delete()


__all__ = [
    "ImportRefused",
    "ImportResult",
    "LimitReached",
    "article_add",
    "article_delete",
    "article_import",
    "store_parsed",
]
