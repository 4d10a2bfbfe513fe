"""`POST /api/v1/articles`: a reader adds their own, private article, as "Add article" does."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from accounts.api_auth import api_auth
from reader.importers import ImportRefused
from reader.limits import LimitReached
from reader.services import article_add

router = Router(tags=["articles"], auth=api_auth)


class ArticleOut(Schema):
    slug: str
    title: str
    url: str
    source: str
    sections: int
    created: bool
    changed: bool


class Problem(Schema):
    detail: str


@router.post(
    "/articles",
    response={201: ArticleOut, 200: ArticleOut, 400: Problem, 401: Problem, 429: Problem},
)
def article_create(
    request: HttpRequest,
    url: Form[str] = "",
    text: Form[str] = "",
    title: Form[str] = "",
    file: File[UploadedFile] = None,
):
    """Add an article from exactly one of `url` (fetched by the server), `text` (pasted) or
    `file` (Markdown, text, HTML, EPUB, PDF, .docx), as multipart/form-data. The article is
    private to you. 201 with a new article, 200 when the same web address made a new revision
    (or nothing changed); 400 says why a source was refused, 429 which limit was reached and
    when it resets."""
    try:
        result = article_add(
            owner=request.auth,
            url=url,
            text=text,
            data=file.read() if file is not None else None,
            name=file.name if file is not None else "",
            title=title,
        )
    except LimitReached as limit:
        return Status(429, {"detail": str(limit)})
    except ImportRefused as refused:
        return Status(400, {"detail": str(refused)})
    article = result.article
    return Status(
        201 if result.created else 200,
        {
            "slug": article.slug,
            "title": article.title,
            "url": article.get_absolute_url(),
            "source": article.source,
            "sections": result.revision.sections.count(),
            "created": result.created,
            "changed": result.changed,
        },
    )
