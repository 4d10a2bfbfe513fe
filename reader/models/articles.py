from __future__ import annotations

import math

from django.conf import settings
from django.db import models
from django.urls import reverse


class Article(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=1000, blank=True)
    summary = models.TextField(blank=True)
    current_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    word_count = models.PositiveIntegerField(default=0)
    # A reader's own article (private unless `is_public`); empty for the shared library that
    # staff import. Only reader.access decides who may see an article.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_articles",
    )
    is_public = models.BooleanField(
        default=False, help_text="Shown to every reader and visitor (the shared library)."
    )
    # UTF-8 bytes of text and HTML stored for every revision: counted against the owner's quota.
    stored_bytes = models.PositiveBigIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["owner", "source"], name="article_owner_source")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article", kwargs={"slug": self.slug})

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)


class Revision(models.Model):
    """One imported version of an article. Annotations re-anchor onto each new revision."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    source_format = models.CharField(max_length=16)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article.slug} r{self.number}"


class Section(models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="sections")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField()
    # Stable across revisions while the heading is unchanged: annotations and cards key on it.
    anchor = models.SlugField(max_length=120)
    heading = models.CharField(max_length=300)
    level = models.PositiveSmallIntegerField(default=2)
    # Exactly the browser's textContent of the rendered body: selectors count over this.
    text = models.TextField()
    html = models.TextField()
    content_hash = models.CharField(max_length=64)
    word_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["revision", "order"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "anchor"], name="section_anchor_unique"),
            models.UniqueConstraint(fields=["revision", "order"], name="section_order_unique"),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)


class Addition(models.Model):
    """One article (or revision) a reader added: the hourly limit counts these, and they
    outlive a deleted article so that deleting does not reset the limit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_additions"
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.user_id} at {self.created:%Y-%m-%d %H:%M}"


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / settings.READMARK_WORDS_PER_MINUTE))
