"""Export downloads and the JSON-LD import. Thin: selectors build, renderers render."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from exports.import_jobs import import_start
from exports.jsonld import render_jsonld
from exports.markdown import render_markdown_export
from exports.pdf import render_pdf
from exports.responses import attachment
from exports.selectors import export_document, flashcard_documents
from exports.services import ImportRefused
from reader.access import article_for_read
from reader.selectors import article_list


def _document(request: HttpRequest, slug: str, *, with_flashcards: bool = True):
    article = article_for_read(slug, user=request.user)
    url = request.build_absolute_uri(article.get_absolute_url())
    return export_document(
        owner=request.user, article=article, article_url=url, with_flashcards=with_flashcards
    )


@login_required
@require_safe
def notes_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    document = _document(request, slug)
    return attachment(
        render_pdf(document), content_type="application/pdf", filename=f"{document.slug}.pdf"
    )


@login_required
@require_safe
def notes_markdown(request: HttpRequest, slug: str) -> HttpResponse:
    document = _document(request, slug)
    return attachment(
        render_markdown_export(document).encode(),
        content_type="text/markdown; charset=utf-8",
        filename=f"{document.slug}.md",
    )


@login_required
@require_safe
def annotations_jsonld(request: HttpRequest, slug: str) -> HttpResponse:
    document = _document(request, slug, with_flashcards=False)
    body = json.dumps(render_jsonld(document), ensure_ascii=False, indent=2)
    return attachment(
        body.encode(),
        content_type='application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        filename=f"{document.slug}.jsonld",
    )


@login_required
@require_safe
def flashcards_apkg(request: HttpRequest, slug: str) -> HttpResponse:
    from exports.anki import render_apkg

    document = _document(request, slug)
    return attachment(
        render_apkg([document]), content_type="application/apkg", filename=f"{document.slug}.apkg"
    )


@login_required
@require_safe
def all_flashcards_apkg(request: HttpRequest) -> HttpResponse:
    from exports.anki import render_apkg

    documents = flashcard_documents(
        owner=request.user,
        url_for=lambda article: request.build_absolute_uri(article.get_absolute_url()),
    )
    return attachment(
        render_apkg(documents),
        content_type="application/apkg",
        filename=f"readmark-{request.user.get_username()}-flashcards.apkg",
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="Annotations file (JSON-LD)")
    article = forms.ChoiceField(
        label="Import into",
        required=False,
        help_text="Leave on “the article each annotation names” for a Readmark export.",
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", "The article each annotation names")] + [
            (article.slug, article.title) for article in article_list(user=user)
        ]


@login_required
@require_POST
def import_annotations(request: HttpRequest) -> HttpResponse:
    back = reverse("profile") + "#exports"
    form = ImportForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Import failed: {error} Choose a .jsonld file and retry.")
        return redirect(back)
    slug = form.cleaned_data["article"]
    article = article_for_read(slug, user=request.user) if slug else None
    try:
        report = import_start(
            owner=request.user, data=form.cleaned_data["file"].read(), article=article
        )
    except ImportRefused as refused:
        messages.error(request, f"Nothing was imported. {refused}")
        return redirect(back)
    if report is None:
        messages.info(
            request,
            "Import started. The annotations are being placed in the background; reload this "
            "page to follow the progress under “Import annotations”.",
        )
        return redirect(back)
    level = messages.SUCCESS if report.created or report.already_there else messages.WARNING
    messages.add_message(request, level, report.summary())
    for line in report.details(limit=10):
        messages.warning(request, line)
    return redirect(back)
