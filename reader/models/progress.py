from __future__ import annotations

from django.conf import settings
from django.db import models


class ReadingProgress(models.Model):
    """Where a reader was in an article, and which sections they have read.

    The position is the section at the top of the screen and how far through it (0..1), not a
    pixel offset: it survives another screen size and small edits to the text.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_progress"
    )
    article = models.ForeignKey(
        "reader.Article", on_delete=models.CASCADE, related_name="reading_progress"
    )
    anchor = models.SlugField(max_length=120, blank=True)
    fraction = models.FloatField(default=0.0)
    # Anchors of the current revision's sections, in reading order; pruned on a new revision.
    sections_read = models.JSONField(default=list)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "reader"
        verbose_name_plural = "reading progress"
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="reading_progress_unique"),
            models.CheckConstraint(
                condition=models.Q(fraction__gte=0) & models.Q(fraction__lte=1),
                name="reading_progress_fraction_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.article_id}: {len(self.sections_read)} read"
