from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from reader.forms import ImportForm
from reader.importers import ImportRefused
from reader.progress.context import reading_progress_context
from reader.progress.selectors import library_articles
from reader.selectors import article_for_reading, article_list
from reader.services import article_import


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    articles = library_articles(articles=article_list(), user=request.user)
    return render(request, "reader/library.html", {"articles": articles})


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article, sections = article_for_reading(slug)
    if not request.user.is_authenticated and not get_messages(request):
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
