from __future__ import annotations

from django.dispatch import receiver

from reader.progress.services import reading_progress_prune
from reader.signals import revision_published


@receiver(revision_published, dispatch_uid="reading_progress_prune")
def _prune_on_new_revision(sender, *, article, previous, revision, **kwargs) -> None:
    if previous is not None:
        reading_progress_prune(article=article, revision=revision)
