from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from reader.access import article_for_owner
from reader.forms import AddArticleForm, ImportForm
from reader.importers import ImportRefused
from reader.limits import LimitReached
from reader.progress.context import reading_progress_context
from reader.progress.selectors import library_articles
from reader.selectors import article_for_reading, article_list
from reader.services import article_add, article_delete, article_import

SORTS = {"title": "Title", "last-read": "Last read"}


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    sort = request.GET.get("sort", "title")
    sort = sort if sort in SORTS else "title"
    articles = library_articles(
        articles=article_list(user=request.user, q=q), user=request.user, sort=sort
    )
    return render(
        request,
        "reader/library.html",
        {"articles": articles, "q": q, "sort": sort, "sorts": SORTS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    """ "Add article": a reader's own, private article from a web address, text or a file."""
    staff = request.user.is_staff
    form = AddArticleForm(request.POST or None, request.FILES or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = article_add(
                owner=request.user,
                url=form.cleaned_data["url"],
                text=form.cleaned_data["text"],
                data=upload.read() if upload is not None else None,
                name=upload.name if upload is not None else "",
                title=form.cleaned_data["title"],
                public=staff and form.cleaned_data.get("public", False),
            )
        except (ImportRefused, LimitReached) as refused:
            form.add_error(None, str(refused))
        else:
            verb = "Added" if result.created else ("Updated" if result.changed else "No changes in")
            messages.success(request, f"{verb} “{result.article.title}”.")
            return redirect(result.article)
    status = 400 if form.errors else 200
    return render(request, "reader/new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def article_remove(request: HttpRequest, slug: str) -> HttpResponse:
    """Delete one of the reader's own articles, after a confirmation that offers the export."""
    article = article_for_owner(slug, user=request.user)
    if request.method == "POST":
        title = article.title
        article_delete(article=article)
        messages.success(request, f"Deleted “{title}” with its highlights, notes and cards.")
        return redirect("library")
    return render(request, "reader/delete.html", {"article": article})


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article, sections = article_for_reading(slug, user=request.user)
    if not request.user.is_authenticated and article.is_public and not get_messages(request):
        # A visitor's page holds nothing personal (no CSRF token, no progress): render it once
        # per article version and serve that copy to every visitor.
        version = f"{article.current_revision_id}:{article.updated.timestamp()}"
        key = f"reader:visitor-page:{article.pk}:{version}"
        html = cache.get(key)
        if html is None:
            html = _render_reader(request, article, sections).content.decode()
            cache.set(key, html, timeout=3600)
        return HttpResponse(html)
    return _render_reader(request, article, sections)


def _render_reader(request: HttpRequest, article, sections) -> HttpResponse:
    config = {
        "article": article.slug,
        "authenticated": request.user.is_authenticated,
        "loginUrl": f"/accounts/login/?next={request.path}",
        "apiBase": "/api/v1",
    }
    progress = reading_progress_context(user=request.user, article=article, sections=sections)
    return render(
        request,
        "reader/article.html",
        {
            "article": article,
            "sections": sections,
            "reader_config": config,
            # The table of contents is cached per revision and set of sections read.
            "toc_read_key": "|".join(sorted(progress["read_anchors"])),
            **progress,
        },
    )


# Our own login page (with a way back here), not the admin's, for a visitor who is not signed in.
@staff_member_required(login_url="login")
def article_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = article_import(
                data=upload.read(),
                name=upload.name,
                slug=form.cleaned_data["slug"] or None,
                title=form.cleaned_data["title"] or None,
            )
        except ImportRefused as refused:
            form.add_error("file", str(refused))
        else:
            verb = "Imported" if result.changed else "No changes in"
            messages.success(request, f"{verb} “{result.article.title}”.")
            return redirect(result.article)
    return render(request, "reader/upload.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The minimal JSON view: liveness for proxies, and the baseline of our benchmarks."""
    return JsonResponse({"ok": True})
