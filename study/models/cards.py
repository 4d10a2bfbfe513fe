"""Flashcards: the shared cache of generated sets, each reader's own changes, and the jobs.

Why shared and private are split: a set generated for a section's text is the same for
everyone who asks (``CardSet`` keyed by ``cache_key``), so nobody pays for it twice. What one
reader changes — an edited question, a deleted card, a card they wrote — lives in rows owned by
that reader (``CardEdit``, ``Card.owner``), so it never changes what anyone else sees.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from reader.models import Article, Section


class Kind(models.TextChoices):
    BASIC = "basic", "Basic"
    CLOZE = "cloze", "Cloze"


class EvidenceState(models.TextChoices):
    ANCHORED = "anchored", "Anchored"
    ORPHANED = "orphaned", "Orphaned"  # the passage was edited away; the card is hidden


class CardSet(models.Model):
    """One generator's cards for one section text. Shared by every reader of that text.

    ``cache_key`` digests the other key fields (see ``study.keys``); several sets may share a
    key when readers asked to regenerate: the newest is the default, ``CardSetPin`` keeps a
    reader on the one they chose or edited.
    """

    cache_key = models.CharField(max_length=64, db_index=True)
    content_hash = models.CharField(max_length=64)
    generator = models.CharField(max_length=40)
    generator_version = models.CharField(max_length=40)
    model = models.CharField(max_length=200, blank=True)
    options_hash = models.CharField(max_length=64)
    # Where it was first made, for people reading the admin; the key is what lookups use.
    article = models.ForeignKey(Article, null=True, on_delete=models.SET_NULL, related_name="+")
    section_anchor = models.SlugField(max_length=120, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.section_anchor or self.content_hash[:12]} ({self.generator})"


class Card(models.Model):
    """A card of a shared set (``owner`` empty) or one a reader wrote (``owner`` set).

    One table, so reviews, exports and the API address every card by one id. A reader's own
    card belongs to the article and section anchor, not to a set: it survives regeneration and
    new revisions of the article.
    """

    cardset = models.ForeignKey(
        CardSet, null=True, blank=True, on_delete=models.CASCADE, related_name="cards"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_flashcards",
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    section_anchor = models.SlugField(max_length=120, blank=True)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.BASIC)
    question = models.TextField()
    answer = models.TextField()
    # W3C list form [TextQuoteSelector, TextPositionSelector] over the section's text, in code
    # points, like annotations. Empty for cards a reader wrote without a passage.
    selectors = models.JSONField(default=list, blank=True)
    quote = models.TextField(blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    state = models.CharField(
        max_length=16, choices=EvidenceState.choices, default=EvidenceState.ANCHORED
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["cardset", "position"], name="card_set_position"),
            models.Index(fields=["owner", "article", "section_anchor"], name="card_owner_section"),
        ]
        constraints = [
            # Exactly one of: a shared card in a set, or a reader's own card in a section.
            models.CheckConstraint(
                condition=(
                    Q(cardset__isnull=False, owner__isnull=True)
                    | Q(cardset__isnull=True, owner__isnull=False, article__isnull=False)
                ),
                name="card_shared_or_own",
            ),
        ]

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def is_own(self) -> bool:
        return self.owner_id is not None


class CardEdit(models.Model):
    """One reader's version of a shared card: new text, or hidden (deleted for them)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flashcard_edits"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="edits")
    question = models.TextField(blank=True)  # empty: unchanged
    answer = models.TextField(blank=True)
    hidden = models.BooleanField(default=False)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "card"], name="card_edit_once_per_owner")
        ]

    def __str__(self) -> str:
        return f"{self.owner_id}: {'hidden' if self.hidden else 'edited'} card {self.card_id}"


class CardSetPin(models.Model):
    """The set a reader sees for a key, when it is not simply the newest.

    Written when the reader regenerates (they see their new set) or edits a shared card (their
    edits stay visible when someone else regenerates the same section later).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flashcard_pins"
    )
    cache_key = models.CharField(max_length=64)
    cardset = models.ForeignKey(CardSet, on_delete=models.CASCADE, related_name="pins")
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "cache_key"], name="cardset_pin_once")
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} → set {self.cardset_id}"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


IN_FLIGHT = (Status.QUEUED, Status.RUNNING)


class Generation(models.Model):
    """A request for a new set: who asked, when, and how it went. Also the job queue row.

    At most one generation per cache key is in flight (the partial unique constraint): a second
    request for the same text joins the first instead of starting another.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flashcard_generations",
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    section_anchor = models.SlugField(max_length=120)
    cache_key = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64)
    generator = models.CharField(max_length=40)
    generator_version = models.CharField(max_length=40)
    model = models.CharField(max_length=200, blank=True)
    options_hash = models.CharField(max_length=64)
    regenerate = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)  # shown to the reader
    detail = models.TextField(blank=True)  # for the logs and the admin only
    cardset = models.ForeignKey(
        CardSet, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The cooldown this request started, so a failure can give it back (and only this one).
    cooldown_until = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "id"], name="generation_queue"),
            models.Index(fields=["user", "cache_key"], name="generation_user_key"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cache_key"],
                condition=Q(status__in=["queued", "running"]),
                name="generation_one_in_flight_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section_anchor} {self.status}"

    @property
    def in_flight(self) -> bool:
        return self.status in IN_FLIGHT


class Cooldown(models.Model):
    """When a reader may next start a new generation. One row per reader, updated in place.

    Claimed with a conditional UPDATE (``until <= now``), which the database serialises: of
    many parallel requests exactly one finds the condition true.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flashcard_cooldown"
    )
    until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id} until {self.until:%H:%M:%S}"
