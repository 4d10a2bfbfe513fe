"""Build ExportDocuments from the database: the requester's own data only, in a fixed number
of queries (sections, annotations, notebook, then the flashcards' four)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from annotations.models import Annotation, State
from annotations.selectors import notebook_for
from exports.document import ExportDocument, Item, Section
from reader.models import Article
from reader.selectors import section_list


def _item(annotation: Annotation, *, orphaned: bool) -> Item:
    return Item(
        id=str(annotation.pk),
        kind=annotation.kind,  # type: ignore[arg-type]
        quote=annotation.quote,
        note=annotation.body,
        note_html=annotation.body_html,
        selectors=annotation.selectors,
        colour=annotation.colour,
        created=annotation.created,
        modified=annotation.modified,
        section_anchor=annotation.section_anchor,
        section_heading=annotation.section.heading,
        orphaned=orphaned,
    )


def export_document(
    *,
    owner: AbstractBaseUser,
    article: Article,
    article_url: str,
    with_flashcards: bool = True,
) -> ExportDocument:
    """``owner``'s highlights, notes, quotes, general notes and flashcards on ``article``.

    ``article_url`` is the article page's absolute URL (JSON-LD ids hang from it). Annotations
    still anchored to an older revision (a re-import in flight) or orphaned are listed apart.
    """
    sections = section_list(article=article)
    annotations = (
        Annotation.objects.filter(owner_id=owner.pk, article=article)
        .select_related("section")
        .order_by("start", "end", "id")
    )
    by_anchor: dict[str, list[Item]] = {section.anchor: [] for section in sections}
    orphans: list[Item] = []
    for annotation in annotations:
        placed = (
            annotation.state == State.ANCHORED
            and annotation.revision_id == article.current_revision_id
            and annotation.section_anchor in by_anchor
        )
        if placed:
            by_anchor[annotation.section_anchor].append(_item(annotation, orphaned=False))
        else:
            orphans.append(_item(annotation, orphaned=True))
    notebook = notebook_for(owner=owner, article=article)
    flashcards = ()
    if with_flashcards:
        from exports.flashcard_selectors import flashcards_for_export

        flashcards = flashcards_for_export(user=owner, article=article, sections=sections)
    return ExportDocument(
        title=article.title,
        slug=article.slug,
        source=article.source,
        url=article_url,
        exported=timezone.now(),
        owner=owner.get_username(),
        sections=tuple(
            Section(
                anchor=section.anchor,
                heading=section.heading,
                items=tuple(by_anchor[section.anchor]),
            )
            for section in sections
        ),
        orphans=tuple(orphans),
        general_notes=notebook.body if notebook is not None else "",
        general_notes_html=notebook.body_html if notebook is not None else "",
        general_notes_modified=notebook.modified if notebook is not None else None,
        flashcards=flashcards,
    )


def flashcard_documents(*, owner: AbstractBaseUser, url_for) -> list[ExportDocument]:
    """One document (flashcards only) per article whose cards ``owner`` has taken up.

    ``url_for(article)`` gives the article's absolute URL. 1 + 5 queries per article.
    """
    from exports.flashcard_selectors import articles_with_flashcards, flashcards_for_export

    documents = []
    for article in articles_with_flashcards(user=owner):
        sections = section_list(article=article)
        documents.append(
            ExportDocument(
                title=article.title,
                slug=article.slug,
                source=article.source,
                url=url_for(article),
                owner=owner.get_username(),
                flashcards=flashcards_for_export(user=owner, article=article, sections=sections),
            )
        )
    return documents
