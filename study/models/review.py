"""Per-reader review state and history. Private: only ever read through the reader's own user.

Imported by ``study.models`` so Django finds these models in the ``study`` app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewState(models.Model):
    """One reader's memory of one card: fsrs's card state, and the columns queries need.

    ``memory`` is the source of truth (fsrs ``Card.to_dict()``); ``due`` and ``phase`` copy what
    the due-card query filters and sorts on, so it runs on an index over (user, due).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_states"
    )
    card = models.ForeignKey("study.Card", on_delete=models.CASCADE, related_name="review_states")
    # Where the reader studies it: shared cards are keyed by text, not by article.
    article = models.ForeignKey(
        "reader.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    section_anchor = models.SlugField(max_length=120, blank=True)
    memory = models.JSONField()
    phase = models.PositiveSmallIntegerField()  # study.scheduling.Phase
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)  # also the version a rating must name
    lapses = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "study"
        constraints = [
            models.UniqueConstraint(fields=["user", "card"], name="review_state_once_per_card")
        ]
        indexes = [
            models.Index(fields=["user", "due"], name="review_state_user_due"),
            models.Index(fields=["user", "article", "due"], name="review_state_article_due"),
        ]

    def __str__(self) -> str:
        return f"card {self.card_id} for {self.user_id}, due {self.due:%Y-%m-%d %H:%M}"


class ReviewLog(models.Model):
    """One rating. Kept when the card goes (for the reader's statistics and a later optimiser)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs"
    )
    card = models.ForeignKey(
        "study.Card", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.ForeignKey(
        "reader.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    grade = models.PositiveSmallIntegerField()  # 1 Again, 2 Hard, 3 Good, 4 Easy
    phase_before = models.PositiveSmallIntegerField()
    reviewed = models.DateTimeField()
    due_before = models.DateTimeField()
    interval_seconds = models.PositiveBigIntegerField()  # what the rating scheduled
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        app_label = "study"
        indexes = [models.Index(fields=["user", "reviewed"], name="review_log_user_time")]

    def __str__(self) -> str:
        return f"card {self.card_id} rated {self.grade} at {self.reviewed:%Y-%m-%d %H:%M}"
