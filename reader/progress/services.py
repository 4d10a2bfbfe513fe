from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from reader.models import Article, ReadingProgress, Revision, Section
from reader.progress.rules import check_report, merge_read


def _section_order(revision_id: int | None) -> list[str]:
    return list(
        Section.objects.filter(revision_id=revision_id)
        .order_by("order")
        .values_list("anchor", flat=True)
    )


def reading_progress_record(
    *,
    user: AbstractBaseUser,
    article: Article,
    anchor: str,
    fraction: float,
    read: list[str],
) -> ReadingProgress:
    """Store the reader's position and add the sections they finished; raises ProgressRefused
    (nothing written) when the report names a section the article does not have."""
    order = _section_order(article.current_revision_id)
    check_report(order=order, anchor=anchor, reported=read)
    with transaction.atomic():
        progress, _ = ReadingProgress.objects.select_for_update().get_or_create(
            user=user, article=article
        )
        if anchor:  # a report of sections read alone leaves the position as it was
            progress.anchor = anchor
            progress.fraction = min(1.0, max(0.0, fraction))
        progress.sections_read = merge_read(
            order=order, stored=progress.sections_read, reported=read
        )
        progress.save()
    return progress


def reading_progress_prune(*, article: Article, revision: Revision) -> int:
    """Forget read marks and positions pointing at sections the new revision no longer has."""
    order = _section_order(revision.pk)
    present = set(order)
    changed = []
    for progress in ReadingProgress.objects.filter(article=article):
        kept = merge_read(order=order, stored=progress.sections_read, reported=())
        anchor = progress.anchor if progress.anchor in present else ""
        if kept != progress.sections_read or anchor != progress.anchor:
            progress.sections_read = kept
            progress.anchor = anchor
            progress.fraction = progress.fraction if anchor else 0.0
            changed.append(progress)
    ReadingProgress.objects.bulk_update(changed, ["sections_read", "anchor", "fraction"])
    return len(changed)
