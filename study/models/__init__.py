"""The study app's models: flashcard sets and cards, generations and cooldowns, and review."""

from study.models.cards import (
    IN_FLIGHT,
    Card,
    CardEdit,
    CardSet,
    CardSetPin,
    Cooldown,
    EvidenceState,
    Generation,
    Kind,
    Status,
)
from study.models.review import ReviewLog, ReviewState

__all__ = [
    "IN_FLIGHT",
    "Card",
    "CardEdit",
    "CardSet",
    "CardSetPin",
    "Cooldown",
    "EvidenceState",
    "Generation",
    "Kind",
    "ReviewLog",
    "ReviewState",
    "Status",
]
