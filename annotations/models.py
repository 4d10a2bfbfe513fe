from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from reader.models import Article, Revision, Section


class Kind(models.TextChoices):
    HIGHLIGHT = "highlight", "Highlight"
    NOTE = "note", "Note"
    QUOTE = "quote", "Quote"


class State(models.TextChoices):
    ANCHORED = "anchored", "Anchored"
    ORPHANED = "orphaned", "Orphaned"


class Colour(models.TextChoices):
    DEFAULT = "", "Default for its kind"
    YELLOW = "yellow", "Yellow"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"
    PINK = "pink", "Pink"
    PURPLE = "purple", "Purple"


class LiveAnnotations(models.Manager):
    """Hides annotations deleted a moment ago (kept so that Undo can bring them back)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at=None)


class Annotation(models.Model):
    # No single-column indexes where a composite one below starts with the column (owner,
    # article) or where no query filters on it alone (section_anchor): every index is one more
    # page written per insert.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="annotations",
        db_index=False,
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="annotations", db_index=False
    )
    # Where it was last anchored: the section row of that revision. Orphans keep the last place
    # they were found, so their quote and context still describe real text.
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    section_anchor = models.SlugField(max_length=120, db_index=False)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    colour = models.CharField(max_length=16, choices=Colour.choices, blank=True, default="")
    # W3C list form: [TextQuoteSelector, TextPositionSelector], offsets in code points over
    # the section's text.
    selectors = models.JSONField()
    # Copies of the selectors' quote and offsets, for search and reading order in SQL.
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.ANCHORED)
    orphan_reason = models.CharField(max_length=32, blank=True)
    version = models.PositiveIntegerField(default=1)
    client_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    all_objects = models.Manager()
    objects = LiveAnnotations()

    class Meta:
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        indexes = [
            # Covers the reader page's stamp query (count, last change, sum of versions of the
            # live annotations), so it never reads the rows: see selectors.reader_payload.
            models.Index(
                fields=["owner", "article", "deleted_at", "modified", "version"],
                name="annotation_owner_article",
            ),
            models.Index(fields=["article", "revision"], name="annotation_article_revision"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="annotation_span"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}: {self.quote[:40]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#annotation-{self.pk}"


class Notebook(models.Model):
    """A reader's general notes on one article (Markdown); quotes link to quote annotations."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notebooks"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notebooks")
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "article"], name="notebook_owner_article")
        ]

    def __str__(self) -> str:
        return f"notebook of {self.owner_id} on {self.article_id}"


class IdempotencyRecord(models.Model):
    """The first answer to a POST carrying an Idempotency-Key, replayed to its retries."""

    # Indexed by the unique (owner, key) constraint, which starts with it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    # The body exactly as it was sent, replayed as it is: PostgreSQL's jsonb would reorder its
    # keys, and SQLite's JSON check parsed it once more on every POST.
    response = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="idempotency_owner_key")
        ]
        indexes = [models.Index(fields=["created"], name="idempotency_created")]

    def __str__(self) -> str:
        return self.key
